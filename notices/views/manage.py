"""The notice builder and review in the staff workspace (/manage/). IG officers of a notice's organisation
build and submit its drafts; its DPOs review, publish, reject and withdraw; both may read. Each view names
its roles in its docstring. Notices are always looked up through the user's organisations
(_get_notice_for_user), so another organisation's notice is a 404, and a role held only in another
organisation is a 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.current import current_organisation
from accounts.decorators import staff_required
from accounts.permissions import can, organisations_for
from services import selectors as register_selectors
from services.register import RECORD_TYPES, record_type_for

from .. import actions, selectors
from ..api.resources import absolute
from ..compare import compare_versions
from ..compliance import check_document, check_notice, notice_meta
from ..document import build_document, draft_document, in_order, with_version
from ..forms import (
    AddedRightsForm,
    NoticeBasicsForm,
    NoticeCreateForm,
    PublishForm,
    RejectForm,
    RelationForm,
    SectionForm,
    SubmitForm,
    WithdrawForm,
)
from ..models import Notice, NoticeSection, NoticeVersion, Publication, PublishJob
from ..rendering import render_document_html
from ..rights import ALWAYS, RIGHTS, rights_explained
from ..sections import ORDERED_RELATIONS, builder_pages
from ..selectors import today
from . import add_record

# The notice's checkbox-list pages: URL part → (relation on Notice, label), from notices.sections.
RELATIONS = builder_pages()
# The records the "About the notice" page can add without leaving it: record type → the field choosing it.
BASICS_ADDS = {"controllers": "controller", "services": "services"}
# The errors an action raises that the user can fix; shown as a message, never as a bare error page.
# Refusals the DPO or officer reads as a message on the page they came from. ComplianceBlocked and
# PublishError say what is wrong and that nothing was published.
REFUSALS = (
    actions.WorkflowError, actions.EditConflict, actions.ComplianceBlocked, actions.PublishError,
    PermissionDenied, ValidationError,
)


def _get_notice_for_user(request, pk: int, action: str = "view") -> Notice:
    """The notice, if it is one of the user's organisations' (else 404); PermissionDenied (403) if the user
    may see it but not take `action` on it."""
    notices = selectors.notices_for(organisations=organisations_for(request.user))
    notice = get_object_or_404(notices.select_related("controller", "parent", "organisation"), pk=pk)
    if not can(request.user, action, notice):
        raise PermissionDenied(f"Your role in {notice.organisation} does not allow this.")
    return notice


def _refused(request, error) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


@staff_required("view")
def dashboard(request):
    """IG officer, DPO: in the current organisation, drafts, reviews waiting, versions sent back, reviews
    due and out-of-date notices."""
    organisation = current_organisation(request)
    if organisation is None:
        # A portal administrator before any organisation exists: start there.
        return redirect("manage:organisations")
    context = selectors.dashboard(user=request.user, organisation=organisation, page=request.GET.get("page"))
    return render(request, "manage/dashboard.html", context)


@staff_required("notice.edit")
def notice_new(request):
    """IG officer of the current organisation: start a notice of it (with an empty draft)."""
    organisation = current_organisation(request)
    if not can(request.user, "notice.edit", organisation):
        raise PermissionDenied(f"Your role in {organisation} does not let you start notices.")
    form = NoticeCreateForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            notice = actions.notice_create(actor=request.user, organisation=organisation, **form.cleaned_data)
        except REFUSALS as error:
            _refused(request, error)
        else:
            messages.success(request, f"Created “{notice}”. Now choose what goes in it.")
            return redirect("manage:notice", pk=notice.pk)
    context = {"form": form, "heading": "New notice", "organisation": organisation}
    return render(request, "manage/notices/form.html", context)


@staff_required("view")
def notice_detail(request, pk):
    """IG officer, DPO of the notice's organisation: the builder overview: each section, the draft's state,
    versions and next steps."""
    return _detail_page(request, _get_notice_for_user(request, pk))


def _detail_page(request, notice, *, submit_form=None, withdraw_form=None):
    """The builder overview; a submit or withdraw form with a mistake comes back here as typed."""
    sections = list(notice.sections.order_by("position", "id"))
    context = {
        "notice": notice,
        "open_version": selectors.open_version(notice=notice),
        "sections": sections,
        # The order the page shows, sent with Move up/down so a move over someone else's reorder is refused.
        "section_order": ",".join(str(section.pk) for section in sections),
        # Purposes and recipients come in the officer's order, each with Move up/down (record_move).
        "relations": [(key, label, in_order(notice, rel), rel in ORDERED_RELATIONS)
                      for key, (rel, label) in RELATIONS.items()],
        "added_rights": [title for key, title, _ in RIGHTS if key in {r["key"] for r in notice.added_rights}],
        "publications": list(selectors.publications_for(notice=notice)),
        "submit_form": submit_form or SubmitForm(),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "is_published": notice.versions.filter(status=NoticeVersion.Status.PUBLISHED).exists(),
        # The working copy checked as it would be submitted, so gaps are fixed before the DPO sees them.
        "findings": check_notice(notice),
        # The embed code staff paste into their own site: the portal's public address, not the one they used.
        "embed_url": absolute(reverse("public:embed", args=[notice.slug])),
    }
    return render(request, "manage/notices/detail.html", context)


def _update(request, notice, *, lock_version, fields=None, relations=None) -> bool:
    try:
        actions.notice_update(actor=request.user, notice=notice, lock_version=lock_version, fields=fields,
                              relations=relations)
    except actions.EditConflict as error:
        messages.error(request, f"{error} Your changes were not saved: the page now shows their version. "
                                f"Make your changes again.")
        return False
    except REFUSALS as error:
        _refused(request, error)
        return False
    messages.success(request, "Saved.")
    return True


@staff_required("notice.edit")
def notice_basics(request, pk):
    """IG officer: the notice's title, controller, services, audience, summary and parent, with a missing
    controller or service added on the page (see add_record). A save based on an out-of-date copy is
    refused; the form keeps what the editor typed, beside the notice as it now is."""
    notice = _get_notice_for_user(request, pk, "notice.edit")
    # A new service is most likely the notice's controller's: offer that, changeable.
    organisation = notice.organisation
    adds = [add_record.handle(request, RECORD_TYPES["controllers"], organisation=organisation),
            add_record.handle(request, RECORD_TYPES["services"], organisation=organisation,
                              initial={"controller": notice.controller_id})]
    if add_record.pressed(request):
        typed = _basics_as_typed(request, notice, adds)
        if any(add.added for add in adds):
            add_record.remember(request, typed.initial)
            return redirect(request.get_full_path())
        return _basics_page(request, notice, typed, adds)
    form = NoticeBasicsForm(request.POST or None, instance=notice, initial=add_record.recall(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        lock_version = data.pop("lock_version")
        services = data.pop("services")
        try:
            actions.notice_update(actor=request.user, notice=notice, lock_version=lock_version, fields=data,
                                  relations={"services": services})
        except actions.EditConflict as error:
            notice = _get_notice_for_user(request, pk, "notice.edit")
            messages.error(request, f"{error} Your changes have not been saved. The notice now reads: "
                                    f"title “{notice.title}”, summary “{notice.summary}”. Save again to replace it.")
            form.data = form.data.copy()
            form.data["lock_version"] = notice.lock_version
            status = 409
        except REFUSALS as error:
            _refused(request, error)
        else:
            messages.success(request, "Saved.")
            return redirect("manage:notice", pk=notice.pk)
    return _basics_page(request, notice, form, adds, status=status)


def _basics_as_typed(request, notice, adds) -> NoticeBasicsForm:
    initial = add_record.typed(NoticeBasicsForm(request.POST, instance=notice))
    for add in adds:
        name = BASICS_ADDS[add.record_type.key]
        initial = add_record.choose(initial, name, add.added, many=name == "services")
    return NoticeBasicsForm(instance=notice, initial=initial)


def _basics_page(request, notice, form, adds, *, status=200):
    context = {"form": form, "notice": notice, "heading": "About the notice", "adds": adds}
    return render(request, "manage/notices/form.html", context, status=status)


def _relation_choices(model, notice, query: str, page: int, *, current: set[int], keep: set[int]):
    """The checkboxes the page shows and the search page they come from: the records chosen (`current`),
    those in `keep` (the page showed them, or one was just added), so nothing chosen is ever out of sight;
    then one page of the notice's organisation's live records matching `query`, never the whole register.
    A retired record is listed only where it is already chosen."""
    own = model.objects.filter(organisation=notice.organisation_id)
    kept = list(own.filter(pk__in=current) | own.filter(pk__in=keep, retired=False))
    found = register_selectors.picker_page(record_type=record_type_for(model), organisation=notice.organisation,
                                           query=query, page=page)
    kept_ids = {r.pk for r in kept}
    records = kept + [r for r in found.records if r.pk not in kept_ids]
    return [(r.pk, str(r) + (" (retired)" if r.retired else "")) for r in records], found


def _shown_before(request) -> set[int]:
    # What the page showed and what was ticked on it (a record the autocomplete found is ticked without
    # having been shown): only the notice's organisation's records among them are ever listed.
    posted = [*request.POST.getlist("shown"), *request.POST.getlist("chosen")]
    return {int(value) for value in posted if value.isdigit()}


def _relation_form(request, *, choices, label, initial, added, unshown: set[int]) -> RelationForm:
    """Bound to a Save. After an add, unbound, with the ticks and lock_version as the page was posted plus
    the new record ticked: nothing is saved yet, and the Save still carries the version first loaded.
    `unshown`: records chosen that the posted page did not show; the page now lists them, still ticked."""
    if not add_record.pressed(request):
        return RelationForm(request.POST or None, choices=choices, label=label, initial=initial)
    typed = add_record.typed(RelationForm(request.POST, choices=choices))
    chosen = [*typed["chosen"], *(str(pk) for pk in sorted(unshown))]
    initial = {**initial, "lock_version": typed["lock_version"], "chosen": chosen}
    return RelationForm(choices=choices, label=label, initial=add_record.choose(initial, "chosen", added, many=True))


@staff_required("notice.edit")
def notice_relation(request, pk, part):
    """IG officer: choose records for one section, and add a record the register lacks without leaving the
    page (see add_record). The page lists the records chosen and one page of a search of the register
    (selectors.picker_page), never the whole register. Works without JavaScript: the search is a GET form
    with pages; unshown choices keep their state. With it, record-picker.js adds an autocomplete."""
    notice = _get_notice_for_user(request, pk, "notice.edit")
    if part not in RELATIONS:
        return redirect("manage:notice", pk=pk)
    relation, label = RELATIONS[part]
    model = Notice._meta.get_field(relation).related_model
    current = set(getattr(notice, relation).values_list("pk", flat=True))
    query = request.GET.get("q", "").strip()[:100]
    page = request.GET.get("page", "1")
    add = add_record.handle(request, record_type_for(model), organisation=notice.organisation)
    restored = add_record.recall(request) or {}
    keep = _shown_before(request) | ({add.added.pk} if add.added else set()) | set(restored.get("keep", []))
    choices, found = _relation_choices(model, notice, query, int(page) if page.isdigit() else 1,
                                       current=current, keep=keep)
    initial = {"lock_version": notice.lock_version, "chosen": list(current), "shown": [pk for pk, _ in choices],
               **restored.get("typed", {})}
    unshown = current - {int(v) for v in request.POST.getlist("shown") if v.isdigit()}
    form = _relation_form(request, choices=choices, label=label, initial=initial, added=add.added, unshown=unshown)
    if add.added:
        typed = {name: form.initial[name] for name in ("lock_version", "chosen")}
        add_record.remember(request, {"typed": typed, "keep": sorted(keep)})
        return redirect(request.get_full_path())
    if form.is_bound and form.is_valid():
        shown_ids = set(form.cleaned_data["shown"])
        chosen = (current - shown_ids) | set(form.cleaned_data["chosen"])
        if _update(request, notice, lock_version=form.cleaned_data["lock_version"],
                   relations={relation: model.objects.filter(pk__in=chosen, organisation=notice.organisation_id)}):
            return redirect("manage:notice", pk=pk)
        return redirect("manage:notice_relation", pk=pk, part=part)
    context = {"form": form, "notice": notice, "label": label, "query": query, "part": part, "add": add,
               "found": found, "kind": record_type_for(model).key}
    return render(request, "manage/notices/relation.html", context)


@require_POST
@staff_required("notice.edit")
def record_move(request, pk, part, record_id, how):
    """IG officer of the notice's organisation: move one of its purposes or recipients up or down (POST). The
    form carries the notice's lock_version as the page showed it, so a move over someone else's is refused."""
    notice = _get_notice_for_user(request, pk, "notice.edit")
    relation = RELATIONS.get(part, ("", ""))[0]
    if relation not in ORDERED_RELATIONS or how not in ("up", "down"):
        raise Http404("There is no such list to put in order.")
    record = get_object_or_404(getattr(notice, relation).all(), pk=record_id)
    try:
        actions.notice_record_move(actor=request.user, notice=notice, relation=relation, record_id=record.pk,
                                   up=how == "up", lock_version=_posted_int(request, "lock_version"))
    except REFUSALS as error:
        _refused(request, error)
    else:
        messages.success(request, f"Moved “{record}” {how}.")
    return redirect(f"{reverse('manage:notice', args=[pk])}#order-{part}")


# The rights an officer may add beyond the law: those that depend on the lawful basis.
ADDABLE_RIGHTS = [(key, title) for key, title, _ in RIGHTS if key not in ALWAYS]


@staff_required("notice.edit")
def notice_rights(request, pk):
    """IG officer of the notice's organisation: which rights the recorded lawful bases give and why the others
    are absent, and the rights offered beyond the law, each with a note."""
    notice = _get_notice_for_user(request, pk, "notice.edit")
    chosen = {item["key"]: item["note"] for item in notice.added_rights}
    initial = {"lock_version": notice.lock_version, **{f"offer_{key}": True for key in chosen},
               **{f"note_{key}": note for key, note in chosen.items()}}
    form = AddedRightsForm(request.POST or None, rights=ADDABLE_RIGHTS, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.notice_rights_update(actor=request.user, notice=notice, added_rights=form.added_rights(),
                                         lock_version=form.cleaned_data["lock_version"])
        except actions.EditConflict as error:
            messages.error(request, f"{error} Make your changes again.")
            return redirect("manage:notice_rights", pk=pk)
        except REFUSALS as error:
            _refused(request, error)
            status = 400
        else:
            messages.success(request, "Saved the rights this notice offers.")
            return redirect("manage:notice_rights", pk=pk)
    why = next(s for s in build_document(notice)["sections"] if s["key"] == "why_we_use_it")
    context = {"notice": notice, "form": form, "explained": rights_explained(why["purposes"])}
    return render(request, "manage/notices/rights.html", context, status=status)


@staff_required("notice.edit")
def section_edit(request, pk, section_id=None):
    """IG officer of the notice's organisation: add or change a free-text section."""
    notice = _get_notice_for_user(request, pk, "notice.edit")
    section = get_object_or_404(NoticeSection, pk=section_id, notice=notice) if section_id else None
    form = SectionForm(request.POST or None, instance=section)
    context = {"form": form, "notice": notice, "heading": "Change a section" if section else "Add a section"}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        lock_version = data.pop("lock_version")
        try:
            if section is None:
                actions.notice_section_add(actor=request.user, notice=notice, **data)
            else:
                actions.notice_section_update(actor=request.user, section=section, lock_version=lock_version,
                                              **data)
        except actions.EditConflict as error:
            return _section_conflict(request, context, error)
        except REFUSALS as error:
            _refused(request, error)
        else:
            messages.success(request, f"Saved the section “{data['heading']}”.")
            return redirect("manage:notice", pk=pk)
    return render(request, "manage/notices/form.html", context)


def _section_conflict(request, context, error):
    """The form as the editor typed it, beside the section as the other person saved it; saving again
    (now based on their version) replaces theirs on purpose."""
    messages.error(request, f"{error} Your changes have not been saved.")
    current = error.current
    form = context["form"]
    if current is not None:
        form.data = form.data.copy()
        form.data["lock_version"] = current.lock_version
    return render(request, "manage/notices/form.html", {**context, "conflict": current}, status=409)


@require_POST
@staff_required("notice.edit")
def section_change(request, pk, section_id, how):
    """IG officer of the notice's organisation: delete a free-text section, or move it up or down (POST)."""
    notice = _get_notice_for_user(request, pk, "notice.edit")
    section = get_object_or_404(NoticeSection, pk=section_id, notice=notice)
    try:
        if how == "delete":
            actions.notice_section_delete(actor=request.user, section=section,
                                          lock_version=_posted_int(request, "lock_version"))
            messages.success(request, f"Deleted the section “{section.heading}”.")
        else:
            order = [int(value) for value in request.POST.get("order", "").split(",") if value.isdigit()]
            actions.notice_section_move(actor=request.user, section=section, up=how == "up", order=order)
    except REFUSALS as error:
        _refused(request, error)
    return redirect("manage:notice", pk=pk)


def _posted_int(request, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else 0


@staff_required("view")
def notice_preview(request, pk):
    """IG officer, DPO of the notice's organisation: the draft as the public will see it, rendered by the
    public page's partial."""
    notice = _get_notice_for_user(request, pk)
    version = selectors.open_version(notice=notice)
    doc = draft_document(notice, version)
    return render(request, "manage/notices/preview.html", {"notice": notice, "version": version, "doc": doc})


@require_POST
@staff_required("notice.submit")
def notice_submit(request, pk):
    """IG officer of the notice's organisation: send the draft to the DPO with a summary of what changed
    (POST)."""
    notice = _get_notice_for_user(request, pk, "notice.submit")
    version = selectors.open_version(notice=notice)
    form = SubmitForm(request.POST)
    if version is None:
        messages.error(request, f"“{notice}” has no draft to send for review.")
        return redirect("manage:notice", pk=pk)
    if not form.is_valid():
        return _detail_page(request, notice, submit_form=form)
    try:
        actions.version_submit(actor=request.user, version=version,
                               change_summary=form.cleaned_data["change_summary"])
    except REFUSALS as error:
        _refused(request, error)
    else:
        messages.success(request, f"Version {version.number} sent to the DPO for review.")
    return redirect("manage:notice", pk=pk)


def _in_review(notice: Notice) -> NoticeVersion | None:
    return notice.versions.filter(status=NoticeVersion.Status.IN_REVIEW).select_related("submitted_by").first()


@staff_required("notice.publish")
def notice_review(request, pk):
    """DPO of the notice's organisation: the version in review beside the version in force: the list of
    changes and every word."""
    notice = _get_notice_for_user(request, pk, "notice.publish")
    version = _in_review(notice)
    if version is None:
        messages.error(request, f"“{notice}” has no version waiting for review.")
        return redirect("manage:notice", pk=pk)
    return _review_page(request, notice, version)


def _review_page(request, notice, version, *, publish_form=None, reject_form=None):
    new = with_version(version.submitted_document, number=version.number, status="draft",
                       change_summary=version.change_summary)
    current = selectors.publication_in_force(notice=notice)
    context = {
        "notice": notice, "version": version, "doc": new, "current": current,
        "comparison": (compare_versions(current.document, current.html, new, render_document_html(new))
                       if current else None),
        "publish_form": publish_form or PublishForm(), "reject_form": reject_form or RejectForm(),
        "findings": check_document(version.submitted_document, notice_meta=notice_meta(notice), on=today()),
    }
    return render(request, "manage/notices/review.html", context)


@require_POST
@staff_required("notice.publish")
def notice_decide(request, pk, decision):
    """DPO of the notice's organisation: publish the version in review (now or from a date) or send it back
    with a reason (POST). A form with a mistake comes back on the review page with the error summary, as typed."""
    notice = _get_notice_for_user(request, pk, "notice.publish" if decision == "publish" else "notice.reject")
    version = _in_review(notice)
    if version is None:
        messages.error(request, f"“{notice}” has no version waiting for review.")
        return redirect("manage:notice", pk=pk)
    publishing = decision == "publish"
    form = (PublishForm if publishing else RejectForm)(request.POST)
    if not form.is_valid():
        return _review_page(request, notice, version, **{"publish_form" if publishing else "reject_form": form})
    try:
        if publishing:
            # Queued, not done here: the PDF is rendered by the worker and the page that follows shows it.
            job = actions.version_publish_request(actor=request.user, version=version, **form.cleaned_data)
            return redirect("manage:notice_publishing", pk=pk, job_id=job.pk)
        actions.version_reject(actor=request.user, version=version, reason=form.cleaned_data["reason"])
        messages.success(request, f"Sent version {version.number} back to the IG officer.")
    except actions.AlreadyPublishing as error:
        messages.info(request, str(error))
        return redirect("manage:notice_publishing", pk=pk, job_id=error.job.pk)
    except REFUSALS as error:
        _refused(request, error)
        return redirect("manage:notice_review", pk=pk)
    return redirect("manage:notice", pk=pk)


@staff_required("notice.publish")
def notice_publishing(request, pk, job_id):
    """DPO of the notice's organisation: how a publish is going (waiting, making the PDF, published, or not
    published and why). While it is under way the page updates itself (static/notices/progress.js) or, without
    JavaScript, offers a link to check again."""
    notice = _get_notice_for_user(request, pk, "notice.publish")
    job = get_object_or_404(PublishJob.objects.select_related("version", "requested_by"), pk=job_id,
                            version__notice=notice)
    publication = Publication.objects.filter(version=job.version).first() if job.status == job.Status.DONE else None
    context = {"notice": notice, "job": job, "publication": publication, "today": today()}
    return render(request, "manage/notices/publishing.html", context)


@require_POST
@staff_required("notice.withdraw")
def notice_withdraw(request, pk):
    """DPO of the notice's organisation: take a published notice down, with a reason (POST)."""
    notice = _get_notice_for_user(request, pk, "notice.withdraw")
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, notice, withdraw_form=form)
    try:
        actions.notice_withdraw(actor=request.user, notice=notice, reason=form.cleaned_data["reason"])
    except REFUSALS as error:
        _refused(request, error)
    else:
        messages.success(request, f"Withdrew “{notice}”.")
    return redirect("manage:notice", pk=pk)


@require_POST
@staff_required("notice.edit")
def notice_restore(request, pk, number):
    """IG officer of the notice's organisation: copy an earlier published version into the draft (POST)."""
    notice = _get_notice_for_user(request, pk, "notice.edit")
    publication = get_object_or_404(Publication, version__notice=notice, version__number=number)
    try:
        version = actions.version_restore(actor=request.user, publication=publication,
                                          lock_version=_posted_int(request, "lock_version"))
    except REFUSALS as error:
        _refused(request, error)
    else:
        messages.success(request, f"Draft version {version.number} now holds the content of version {number}.")
    return redirect("manage:notice", pk=pk)
