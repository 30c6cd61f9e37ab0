"""Writes for imports: bring a notice in (keep the original, its text, the proposals and the findings), decide
on proposals, and make the draft notice from the accepted ones through the register's and the notices' own
actions. Everything an officer can refuse is a clear ImportRefused or ValidationError, never a 500."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from accounts.actions import audit_record
from accounts.permissions import can
from services.models import Controller

from .drafting import records_for
from .models import ImportedSection, NoticeImport, Proposal
from .parsers import file_chunks, kind_of, read_capped
from .reading import Reading, read


class ImportConflict(Exception):
    """Someone else saved the triage after this officer loaded it."""


def _require_officer(actor, organisation) -> None:
    if not can(actor, "register.change", organisation):
        raise PermissionDenied(f"Only IG officers of {organisation} can bring a notice into its register.")


def import_read(*, filename: str, fileobj=None, text: str | None = None, organisation=None) -> tuple[bytes, str,
                                                                                                       str, Reading]:
    """Read an upload (capped as it is read) or pasted text: (bytes, sha256, kind, reading). Raises
    ImportRefused with the reason the file cannot be read."""
    if text is not None:
        data, digest = read_capped([text.encode()])
        kind = "text"
    else:
        data, digest = read_capped(file_chunks(fileobj))
        kind = kind_of(filename, data)
    return data, digest, kind, read(kind, data, organisation=organisation)


@transaction.atomic
def import_create(*, actor, organisation, filename: str = "", fileobj=None, text: str | None = None) -> NoticeImport:
    """Bring a notice in for triage: keep the original (hashed), its sections, the findings on it and a proposal
    for every record the rules found, each matched against the organisation's existing records."""
    _require_officer(actor, organisation)
    data, digest, kind, reading = import_read(filename=filename, fileobj=fileobj, text=text,
                                              organisation=organisation)
    notice_import = NoticeImport.objects.create(
        organisation=organisation, created_by=actor, source_kind=kind, original_filename=filename[:255],
        size=len(data), sha256=digest, original=data, text=reading.text,
        sections=[section.as_dict() for section in reading.sections], notes=reading.extracted.notes,
        findings=reading.findings,
    )
    for order, proposed in enumerate(reading.proposals):
        matched = proposed.matched
        Proposal.objects.create(
            notice_import=notice_import, record_type=proposed.record_type, values=proposed.values,
            spans=[span.as_dict() for span in proposed.spans], confidence=round(proposed.confidence, 2), order=order,
            matched_model=matched._meta.label_lower if matched is not None else "",
            matched_id=matched.pk if matched is not None else None,
            matched_label=str(matched)[:300] if matched is not None else "",
        )
    audit_record(actor=actor, action="notice_imported", target=f"Import: {notice_import}",
                 detail={"import_id": notice_import.pk, "sha256": digest, "kind": kind,
                         "proposals": len(reading.proposals)},
                 organisation=organisation)
    return notice_import


def _locked(notice_import: NoticeImport, lock_version: int) -> NoticeImport:
    locked = NoticeImport.objects.select_for_update().get(pk=notice_import.pk)
    if locked.lock_version != lock_version:
        raise ImportConflict(
            "Someone else saved decisions on this import while you were working on it. Yours have not been "
            "saved: look at the import as it is now, then decide again."
        )
    if locked.status != NoticeImport.Status.TRIAGE:
        raise ImportConflict("The draft notice has already been made from this import; it can no longer change.")
    return locked


@transaction.atomic
def proposals_decide(*, actor, notice_import: NoticeImport, lock_version: int, decisions: dict[int, str],
                     edits: dict[int, dict] | None = None, free_text: list[int] | None = None) -> NoticeImport:
    """Save the officer's work in progress: a decision per proposal (edited values with it), and the paragraphs
    chosen to become free text. Refused with ImportConflict when another officer saved since `lock_version`."""
    _require_officer(actor, notice_import.organisation)
    locked = _locked(notice_import, lock_version)
    for proposal in locked.proposals.filter(pk__in=decisions):
        proposal.decision = decisions[proposal.pk]
        if edits and proposal.pk in edits:
            proposal.values = {**proposal.values, **edits[proposal.pk]}
            proposal.decision = Proposal.Decision.EDITED
        proposal.save(update_fields=["decision", "values"])
    if free_text is not None:
        locked.free_text = sorted(set(free_text))
    locked.lock_version += 1
    locked.save(update_fields=["lock_version", "free_text"])
    return locked


PLACEMENT = {
    "who_we_are": "who_we_are", "contact": "who_we_are", "dpo": "who_we_are", "what_we_collect": "what_we_collect",
    "why": "why_we_use_it", "lawful_basis": "why_we_use_it", "sharing": "who_we_share_with",
    "processors": "who_we_share_with", "transfers": "who_we_share_with", "retention": "how_long_we_keep_it",
    "security": "how_long_we_keep_it", "rights": "your_rights", "complaints": "how_to_complain",
}


def _markdown(text: str) -> str:
    # A bullet becomes a Markdown list item; the renderer shows raw HTML as text, so nothing else needs escaping.
    return "- " + text.lstrip("•·*–- ").strip() if text.lstrip().startswith(("•", "·", "–", "*")) else text


def _free_sections(notice_import: NoticeImport, paragraphs: set[int]) -> list[tuple[str, str, str]]:
    """(heading, body, placement) per source section for the chosen paragraphs, in reading order."""
    out = []
    for section in notice_import.sections:
        chosen = [p["text"] for p in section["paragraphs"] if p["index"] in paragraphs]
        if chosen:
            heading = (section["heading"] or "From the imported notice")[:200]
            out.append((heading, "\n\n".join(_markdown(t) for t in chosen),
                        PLACEMENT.get(section["part"], "changes")))
    return out


def _unique_slug(title: str) -> str:
    from notices.models import Notice

    base = (slugify(title)[:60] or "imported-notice").strip("-")
    slug, number = base, 1
    while Notice.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def import_draft_create(*, actor, notice_import: NoticeImport, lock_version: int, title: str) -> tuple:
    """"Create the draft": the accepted and edited proposals become records (or use the records they matched),
    and a draft notice uses them. Paragraphs the officer chose become free-text sections; every other paragraph
    no record came from is kept as a free-text section marked as needing a decision. Nothing is published: the
    draft goes through the normal review. Returns (notice, what could not be made and why)."""
    from notices import actions as notices

    _require_officer(actor, notice_import.organisation)
    locked = _locked(notice_import, lock_version)
    decided = list(locked.proposals.filter(decision__in=[Proposal.Decision.ACCEPTED, Proposal.Decision.EDITED]))
    controller, relations, refused, used = records_for(actor=actor, proposals=decided)
    controller = controller or Controller.objects.filter(organisation=locked.organisation, retired=False).first()
    if controller is None:
        raise ValidationError("Accept the organisation that publishes the notice (or add it to the register) "
                              "before creating the draft: a notice needs its controller.", code="no_controller")
    notice = notices.notice_create(actor=actor, organisation=locked.organisation, title=title,
                                   slug=_unique_slug(title), controller=controller)
    notice = notices.notice_update(actor=actor, notice=notice, lock_version=notice.lock_version, fields={},
                                   relations=relations)
    everything = {p["index"] for s in locked.sections for p in s["paragraphs"]}
    chosen = set(locked.free_text)
    for paragraphs, needs_decision in ((chosen, False), (everything - used - chosen, True)):
        for heading, body, placement in _free_sections(locked, paragraphs):
            section = notices.notice_section_add(actor=actor, notice=notice, heading=heading, body=body,
                                                 placement=placement)
            ImportedSection.objects.create(notice_import=locked, section=section, needs_decision=needs_decision)
    locked.status, locked.notice = NoticeImport.Status.DRAFTED, notice
    locked.lock_version += 1
    locked.save(update_fields=["status", "notice", "lock_version"])
    audit_record(actor=actor, action="import_drafted", target=f"Import: {locked}",
                 detail={"import_id": locked.pk, "notice_id": notice.pk, "refused": refused},
                 organisation=locked.organisation)
    return notice, refused


@transaction.atomic
def imported_section_decide(*, actor, imported: ImportedSection) -> ImportedSection:
    """The officer has read a kept paragraph and decided it stays: it no longer needs a decision."""
    _require_officer(actor, imported.notice_import.organisation)
    imported.needs_decision = False
    imported.save(update_fields=["needs_decision"])
    return imported
