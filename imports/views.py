"""Bringing a notice in, in the staff workspace (/manage/imports/). IG officers and DPOs of an organisation see
its imports; only its IG officers upload, triage and create drafts. Imports are always looked up through the
user's organisations (_get_import_for_user), so another organisation's import is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from accounts.current import current_organisation
from accounts.decorators import staff_required
from accounts.permissions import can, organisations_for

from . import actions, selectors
from .forms import DraftForm, ImportForm, proposal_edit_form
from .models import ImportedSection, Proposal
from .parsers import ImportRefused, too_large_message
from .uploads import CappedUploadHandler

DECISIONS = {value for value, _ in Proposal.Decision.choices}


def _get_import_for_user(request, pk: int, action: str = "view"):
    notice_import = get_object_or_404(selectors.imports_for(organisations=organisations_for(request.user)), pk=pk)
    if not can(request.user, action, notice_import):
        raise PermissionDenied(f"Your role in {notice_import.organisation} does not allow this.")
    return notice_import


# The upload handler must be set before anything reads the body, and the CSRF check reads it: so the check is
# made inside (csrf_protect), after the handler is in place, as Django's documentation does it. CSRF stays on.
@csrf_exempt
@staff_required("view")
def import_list(request):
    """IG officer, DPO: the current organisation's imports; IG officer: upload or paste a notice to bring in."""
    organisation = current_organisation(request)
    handler = None
    if request.method == "POST":
        if not can(request.user, "register.change", organisation):
            raise PermissionDenied(f"Only IG officers of {organisation} can bring a notice in.")
        # The file stops at the limit, in memory, never on disk.
        handler = CappedUploadHandler(request)
        request.upload_handlers = [handler]
    return _import_list(request, organisation, handler)


@csrf_protect
def _import_list(request, organisation, handler):
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    valid = form.is_bound and form.is_valid()
    if handler is not None and handler.too_large:
        # The body was not read past the limit, so the form saw nothing: say why, not "upload a file".
        form.errors.pop("__all__", None)
        form.add_error(None, too_large_message())
        valid = False
    if valid:
        upload, text = form.cleaned_data["file"], form.cleaned_data["text"]
        try:
            kept = actions.import_create(actor=request.user, organisation=organisation,
                                         filename=upload.name if upload else "Pasted text", fileobj=upload,
                                         text=None if upload else text)
        except ImportRefused as error:
            form.add_error("file" if upload else "text", str(error))
        else:
            messages.success(request, f"Read “{kept}”: {kept.proposals.count()} records proposed. Decide on each.")
            return redirect(kept)
    imports = selectors.imports_for(organisations=[organisation]) if organisation else []
    return render(request, "imports/list.html", {"form": form, "imports": imports, "organisation": organisation})


def _decisions(request, notice_import) -> dict[int, str]:
    decisions = {}
    accept_rest = request.POST.get("accept_pending") == "yes"
    for proposal in notice_import.proposals.all():
        value = request.POST.get(f"decision-{proposal.pk}")
        undecided = proposal.decision == Proposal.Decision.PENDING and value in (None, Proposal.Decision.PENDING)
        if accept_rest and undecided:
            value = Proposal.Decision.ACCEPTED
        if value in DECISIONS and value != proposal.decision:
            decisions[proposal.pk] = value
    return decisions


def _free_text(request) -> list[int]:
    return [int(value) for value in request.POST.getlist("free_text") if value.isdigit()]


@staff_required("view")
def import_detail(request, pk):
    """IG officer, DPO: the source beside the proposals. IG officer: save decisions (work in progress)."""
    notice_import = _get_import_for_user(request, pk)
    if request.method == "POST":
        notice_import = _get_import_for_user(request, pk, "register.change")
        try:
            lock_version = int(request.POST.get("lock_version", ""))
            actions.proposals_decide(actor=request.user, notice_import=notice_import, lock_version=lock_version,
                                     decisions=_decisions(request, notice_import), free_text=_free_text(request))
        except ValueError:
            messages.error(request, "The page was incomplete: load the import again and decide again.")
        except actions.ImportConflict as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Saved your decisions. You can come back to them later.")
        return redirect(notice_import)
    return _triage_page(request, notice_import)


def _triage_page(request, notice_import, draft_form=None):
    draft_form = draft_form or DraftForm(initial={"lock_version": notice_import.lock_version,
                                                  "title": _title(notice_import)})
    context = {"notice_import": notice_import, "draft_form": draft_form, "decisions": Proposal.Decision.choices,
               "open": notice_import.status == notice_import.Status.TRIAGE,
               **selectors.triage(notice_import=notice_import)}
    return render(request, "imports/triage.html", context)


def _title(notice_import) -> str:
    heading = next((s["heading"] for s in notice_import.sections if s["heading"]), "")
    return heading or notice_import.original_filename.rsplit(".", 1)[0] or "Imported notice"


@staff_required("register.change")
def proposal_edit(request, pk, proposal_id):
    """IG officer: correct a proposal's values; saving accepts it as edited."""
    notice_import = _get_import_for_user(request, pk, "register.change")
    proposal = get_object_or_404(Proposal, pk=proposal_id, notice_import=notice_import)
    form_class = proposal_edit_form(proposal)
    form = form_class(request.POST or None, initial={**proposal.values, "lock_version": notice_import.lock_version})
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in proposal.values}
        try:
            actions.proposals_decide(actor=request.user, notice_import=notice_import,
                                     lock_version=form.cleaned_data["lock_version"],
                                     decisions={proposal.pk: Proposal.Decision.EDITED}, edits={proposal.pk: values})
        except actions.ImportConflict as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Saved your changes to “{values.get('name') or proposal.label}”.")
        return redirect(notice_import)
    return render(request, "imports/proposal_edit.html", {"form": form, "proposal": proposal,
                                                          "notice_import": notice_import})


@require_POST
@staff_required("register.change")
def import_draft(request, pk):
    """IG officer: create the records and the draft notice from the accepted proposals."""
    notice_import = _get_import_for_user(request, pk, "register.change")
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _triage_page(request, notice_import, draft_form=form)
    try:
        notice, refused = actions.import_draft_create(actor=request.user, notice_import=notice_import,
                                                      title=form.cleaned_data["title"],
                                                      lock_version=form.cleaned_data["lock_version"])
    except (actions.ImportConflict, ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(notice_import)
    for reason in refused:
        messages.warning(request, f"Not made, kept as text: {reason}")
    messages.success(request, f"Created the draft “{notice}”. Paragraphs no record came from are kept as "
                     f"free text marked “needs a decision” on the import page. Nothing is published until reviewed.")
    return redirect("manage:notice", pk=notice.pk)


@require_POST
@staff_required("register.change")
def imported_section_decide(request, pk, section_id):
    """IG officer: a paragraph kept from the import has been read and stays as it is."""
    notice_import = _get_import_for_user(request, pk, "register.change")
    imported = get_object_or_404(ImportedSection, notice_import=notice_import, section_id=section_id)
    actions.imported_section_decide(actor=request.user, imported=imported)
    messages.success(request, f"“{imported.section}” no longer needs a decision.")
    return redirect(notice_import)
