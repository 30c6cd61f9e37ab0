"""Public pages. Anyone may use every view here; each shows only versions that are published and in force
from their effective date, so drafts, reviews and scheduled versions are 404 to everyone."""

import datetime as dt

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from services.models import Controller

from .. import selectors
from ..compare import html_to_text, structured_changes, word_diff
from ..models import Notice


@require_safe
def home(request):
    """Public: organisations, their services and current notices, with search."""
    query = request.GET.get("q", "").strip()[:200]
    return render(request, "notices/home.html", {"groups": selectors.public_home(query=query), "query": query})


@require_safe
def organisation(request, slug):
    """Public: one organisation and its notices in force."""
    found = selectors.public_organisation(slug=slug)
    if found is None:
        raise Http404("No such organisation")
    organisation, notices = found
    return render(request, "notices/organisation.html", {"organisation": organisation, "notices": notices})


@require_safe
def accessibility(request):
    """Public: the accessibility statement, naming each organisation to contact."""
    # The bodies that publish notices here, not every partner an organisation's register names.
    controllers = Controller.objects.filter(retired=False, notices__isnull=False).distinct()
    return render(request, "notices/accessibility.html", {"controllers": controllers})


def _notice(slug: str) -> Notice:
    return get_object_or_404(Notice.objects.select_related("controller", "parent"), slug=slug)


def _page(request, notice, publication, *, template="notices/notice.html", **extra):
    current = selectors.publication_in_force(notice=notice) if extra.get("needs_current") else publication
    context = {
        "notice": notice,
        "publication": publication,
        "current": current,
        "is_current": current is not None and current.pk == publication.pk,
        "children": selectors.public_children(notice=notice),
        **extra,
    }
    return render(request, template, context)


@require_safe
def notice(request, slug):
    """Public: the version in force, or a page saying the notice was withdrawn and when."""
    notice = _notice(slug)
    publication = selectors.publication_in_force(notice=notice)
    if publication is None:
        withdrawal = selectors.notice_withdrawal(notice=notice)
        if withdrawal is None:
            raise Http404("No published version")
        return render(request, "notices/withdrawn.html", {"notice": notice, "withdrawal": withdrawal}, status=410)
    return _page(request, notice, publication)


@require_safe
def versions(request, slug):
    """Public: every version that has come into force, newest first, and a form to find the version in
    force on a date (which redirects to that version's as-of address)."""
    notice = _notice(slug)
    publications = [p for p in selectors.publications_for(notice=notice) if p.effective_from <= selectors.today()]
    if not publications:
        raise Http404("No published version")
    values = {part: request.GET.get(part, "").strip()[:4] for part in ("day", "month", "year")}
    date_error = ""
    if any(part in request.GET for part in values):  # the form was sent, even if empty
        when, date_error = _parse_date(values)
        if when is not None:
            return redirect("public:on_date", slug=slug, year=when.year, month=when.month, day=when.day)
    rows = [
        {"publication": p, "previous": publications[i + 1] if i + 1 < len(publications) else None}
        for i, p in enumerate(publications)
    ]
    context = {
        "notice": notice,
        "rows": rows,
        "current": selectors.publication_in_force(notice=notice),
        "date_error": date_error,
        "date_parts": [
            ("day", "Day", 2, values["day"]),
            ("month", "Month", 2, values["month"]),
            ("year", "Year", 4, values["year"]),
        ],
    }
    return render(request, "notices/versions.html", context, status=400 if date_error else 200)


def _parse_date(values: dict) -> tuple[dt.date | None, str]:
    if not all(values.values()):
        return None, "Enter a day, month and year"
    try:
        when = dt.date(int(values["year"]), int(values["month"]), int(values["day"]))
    except ValueError:
        return None, "Enter a real date, for example 27 3 2024"
    if when > selectors.today():
        return None, "Enter a date that is today or in the past"
    return when, ""


@require_safe
def version(request, slug, number):
    """Public: one published version, with a banner when it is not the one in force."""
    notice = _notice(slug)
    publication = selectors.public_publication(notice=notice, number=number)
    if publication is None:
        raise Http404("No such published version")
    return _page(request, notice, publication, needs_current=True)


@require_safe
def on_date(request, slug, year, month, day):
    """Public: the version that was in force on a date ("which notice applied when my data was shared?")."""
    notice = _notice(slug)
    try:
        when = dt.date(year, month, day)
    except ValueError as error:
        raise Http404("Not a date") from error
    if when > selectors.today():
        # Scheduled versions are not public before their date.
        raise Http404("That date is in the future")
    publication = selectors.publication_in_force(notice=notice, on=when)
    if publication is None:
        return render(request, "notices/not_in_force.html", {"notice": notice, "when": when}, status=404)
    return _page(request, notice, publication, needs_current=True, as_of=when)


@require_safe
def version_json(request, slug, number):
    """Public: the frozen document of a published version, as JSON."""
    publication = selectors.public_publication(notice=_notice(slug), number=number)
    if publication is None:
        raise Http404("No such published version")
    response = JsonResponse(publication.document, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'inline; filename="{slug}-v{number}.json"'
    return response


@require_safe
def compare(request, slug, old, new):
    """Public: what changed between two published versions, as a list and as a word diff."""
    notice = _notice(slug)
    before = selectors.public_publication(notice=notice, number=old)
    after = selectors.public_publication(notice=notice, number=new)
    if before is None or after is None:
        raise Http404("Both versions must be published")
    context = {
        "notice": notice,
        "before": before,
        "after": after,
        "changes": structured_changes(before.document, after.document),
        "diff": word_diff(html_to_text(before.html), html_to_text(after.html)),
    }
    return render(request, "notices/compare.html", context)
