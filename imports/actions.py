"""Writes for imports: bring a notice in (keep the original, its text, the proposals and the findings), decide
on proposals, and make the draft notice from the accepted ones through the register's and the notices' own
actions. Everything an officer can refuse is a clear ImportRefused or ValidationError, never a 500."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.actions import audit_record
from accounts.permissions import can

from .models import NoticeImport, Proposal
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
