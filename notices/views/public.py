"""Public pages. Anyone may use every view here; each shows only versions that are published and in force
from their effective date, so drafts, reviews and scheduled versions are 404 to everyone."""

import datetime as dt

from csp.constants import NONE
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from .. import frozen, selectors
from ..api.cors import open_to_every_origin
from ..compare import compare_versions
from ..document import public_json
from ..models import Publication


@require_safe
def home(request):
    """Public: organisations, their services and current notices, with search."""
    query = request.GET.get("q", "").strip()[:200]

    def make():
        context = {"groups": selectors.public_home(query=query), "query": query}
        return frozen.render_page("notices/home.html", context)

    # Not stored: the organisations listed change without a public change (one is added, or renamed).
    return frozen.serve_unstored(request, make=make, dated=False)


@require_safe
def organisation(request, slug):
    """Public: one organisation and its notices in force."""

    def make():
        found = selectors.public_organisation(slug=slug)
        if found is None:
            raise Http404("No such organisation")
        organisation, notices = found
        return frozen.render_page("notices/organisation.html", {"organisation": organisation, "notices": notices})

    return frozen.serve_unstored(request, make=make, dated=False)


@require_safe
def accessibility(request):
    """Public: the accessibility statement, naming each organisation to contact."""
    # The bodies whose notices are in force, as those notices state them; not every partner a register names.
    # Stored: reading every document in force is for a publication or withdrawal to pay, not each visitor.
    def make():
        return frozen.render_page("notices/accessibility.html", {"contacts": selectors.public_contacts()})

    return frozen.serve(request, changes=True, make=make)


def public_state(slug: str) -> selectors.PublicNotice:
    # A slug the public has seen no version of is the same plain 404 as one that does not exist.
    state = selectors.public_notice(slug=slug)
    if state is None:
        raise Http404("No published version")
    return state


def _withdrawn(state) -> frozen.Made:
    """410: the notice was withdrawn, and when; 404 when nothing of it is in force and it was never withdrawn."""
    if state.withdrawal is None:
        raise Http404("No published version")
    context = {"slug": state.slug, "listing": state.listing, "withdrawal": state.withdrawal}
    return frozen.render_page("notices/withdrawn.html", context, status=410)


def _notice_page(state, publication, **extra) -> frozen.Made:
    """A version's page. Variables beyond the version: numbered (its permanent address, which must not
    depend on later versions), or as_of with the version in force today; the in-force page alone lists
    the notices under it, which change as they are published."""
    context = {"slug": state.slug, "publication": publication, "children": [], **extra}
    if not extra:
        context["children"] = selectors.public_children(slug=state.slug)
    return frozen.render_page("notices/notice.html", context)


@require_safe
def notice(request, slug):
    """Public: the version in force, or a page saying the notice was withdrawn and when."""
    return _serve_in_force(request, slug, field="html", page=_notice_page)


@require_safe
def embed(request, slug):
    """Public: the version in force with minimal chrome, for the organisation's own sites to show in a frame.

    The page is frozen like the others; which sites may frame it is the organisation's setting, read on each
    request (one small query) so a change takes effect at once: CSP frame-ancestors names them, and
    X-Frame-Options (which cannot name sites) is left off. With no sites set, framing stays refused."""
    response = _serve_in_force(request, slug, field="html", page=_embed_page)
    origins = selectors.embed_origins(slug=slug)
    response._csp_replace = {"frame-ancestors": origins or [NONE]}
    response.xframe_options_exempt = bool(origins)
    return response


def _embed_page(state, publication) -> frozen.Made:
    context = {"slug": state.slug, "publication": publication}
    return frozen.render_page("notices/embed.html", context)


@require_safe
def summary(request, slug):
    """Public: the first layer of the version in force, linking to the full notice; withdrawn as the notice."""
    return _serve_in_force(request, slug, field="document", page=_summary_page)


def _serve_in_force(request, slug, *, field: str, page) -> HttpResponse:
    """The stored page `page(state, publication)` of the version in force, loaded with its stored `field`."""

    def make():
        state = public_state(slug)
        current = state.in_force()
        if current is None:
            return _withdrawn(state)
        return page(state, _version(state, current.version.number, fields=(field,)))

    return frozen.serve(request, changes=True, make=make)


def _summary_page(state, publication, *, numbered: bool = False) -> frozen.Made:
    """A version's first layer, made from its frozen document (notices.layer), so it says what that version
    says. numbered: the version's permanent address, linking to that version rather than the one in force."""
    context = {"slug": state.slug, "publication": publication, "numbered": numbered}
    return frozen.render_page("notices/summary.html", context)


@require_safe
def versions(request, slug):
    """Public: every version that has come into force, newest first, and a form to find the version in
    force on a date (which redirects to that version's as-of address)."""
    values = {part: request.GET.get(part, "").strip()[:4] for part in ("day", "month", "year")}
    if not any(part in request.GET for part in values):
        return frozen.serve(request, changes=True, make=lambda: _versions_page(public_state(slug)))
    # The form was sent, even if empty.
    state = public_state(slug)
    when, date_error = _parse_date(values)
    if when is not None:
        return redirect("public:on_date", slug=slug, year=when.year, month=when.month, day=when.day)
    made = _versions_page(state, values=values, date_error=date_error)
    return HttpResponse(made.body, status=400)


def _versions_page(state, *, values: dict | None = None, date_error: str = "") -> frozen.Made:
    values = values or {"day": "", "month": "", "year": ""}
    publications = state.visible
    rows = [
        {"publication": p, "previous": publications[i + 1] if i + 1 < len(publications) else None}
        for i, p in enumerate(publications)
    ]
    context = {
        "slug": state.slug,
        "listing": state.listing,
        "rows": rows,
        "current": state.in_force(),
        "date_error": date_error,
        "date_parts": _date_parts(values),
    }
    return frozen.render_page("notices/versions.html", context)


def _date_parts(values: dict) -> list[tuple[str, str, int, str]]:
    """The date form's boxes: (name, label, width, value typed)."""
    return [(part, part.title(), 4 if part == "year" else 2, values.get(part, "")) for part in ("day", "month", "year")]


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
    """Public: one published version at its permanent address, the same bytes forever."""
    return _serve_numbered(request, slug, number, field="html", page=_notice_page)


@require_safe
def version_summary(request, slug, number):
    """Public: the first layer of one published version, the same bytes forever."""
    return _serve_numbered(request, slug, number, field="document", page=_summary_page)


def _serve_numbered(request, slug, number, *, field: str, page) -> HttpResponse:
    def make():
        state = public_state(slug)
        return page(state, _version(state, number, fields=(field,)), numbered=True)

    return frozen.serve(request, changes=False, make=make)


def _version(state, number: int, *, fields: tuple[str, ...]) -> Publication:
    publication = selectors.public_publication(notice_id=state.notice_id, number=number, fields=fields)
    if publication is None:
        raise Http404("No such published version")
    return publication


@require_safe
def on_date(request, slug, year, month, day):
    """Public: the version that was in force on a date ("which notice applied when my data was shared?")."""

    def make():
        state = public_state(slug)
        try:
            when = dt.date(year, month, day)
        except (ValueError, OverflowError):  # 2024-02-30, or a year too large for a date at all
            return _bad_date(slug)
        if when > selectors.today():
            # Scheduled versions are not public before their date.
            raise Http404("That date is in the future")
        publication = state.in_force(when)
        if publication is None:
            context = {"slug": slug, "listing": state.listing, "when": when}
            return frozen.render_page("notices/not_in_force.html", context, status=404)
        shown = _version(state, publication.version.number, fields=("html",))
        return _notice_page(state, shown, as_of=when, current=state.in_force())

    return frozen.serve_unstored(request, make=make)


def _bad_date(slug: str) -> frozen.Made:
    """404 with the date form, so a reader who mistyped the address can ask again."""
    context = {
        "slug": slug,
        "date_error": "Enter a real date, for example 27 3 2024",
        "date_parts": _date_parts({}),
    }
    return frozen.render_page("notices/bad_date.html", context, status=404)


@open_to_every_origin
@require_safe
def version_json(request, slug, number):
    """Public: the frozen document of a published version, as JSON (as the API gives it: without database ids)."""

    headers = {"Content-Disposition": f'inline; filename="{slug}-v{number}.json"'}
    return frozen.serve(request, changes=False, make=lambda: version_document(slug, number, headers=headers))


def version_document(slug: str, number: int, *, headers: dict | None = None) -> frozen.Made:
    """A published version's document as the public reads it as data (the download and the API alike)."""
    publication = _version(public_state(slug), number, fields=("document",))
    return frozen.render_json(public_json(publication.document), headers=headers)


@require_safe
def compare(request, slug, old, new):
    """Public: what changed between two published versions, as a list and section by section."""

    def make():
        state = public_state(slug)
        before = _version(state, old, fields=("document", "html"))
        after = _version(state, new, fields=("document", "html"))
        context = {
            "slug": slug,
            "listing": after.listing,
            "before": before,
            "after": after,
            "comparison": compare_versions(before.document, before.html, after.document, after.html),
        }
        return frozen.render_page("notices/compare.html", context)

    return frozen.serve(request, changes=False, make=make)
