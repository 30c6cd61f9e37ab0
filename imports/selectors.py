"""Reads for imports: an organisation's imports, and one import laid out for the triage page."""

from itertools import groupby

from .models import NoticeImport, Proposal


def imports_for(*, organisations):
    """The imports of `organisations`, newest first."""
    return NoticeImport.objects.filter(organisation__in=organisations).select_related("organisation", "created_by")


def triage(*, notice_import: NoticeImport) -> dict:
    """The source (sections, each paragraph with the findings on it and whether a record cites it) beside the
    proposals, grouped by record type in the order the rules found them."""
    proposals = list(notice_import.proposals.all())
    cited: dict[int, list[int]] = {}
    for proposal in proposals:
        for span in proposal.spans:
            cited.setdefault(span["paragraph"], []).append(proposal.pk)
    findings: dict[int | None, list] = {}
    for finding in notice_import.findings:
        findings.setdefault(finding["paragraph"], []).append(finding)
    chosen = set(notice_import.free_text)
    sections = [
        {**section, "paragraphs": [{**p, "findings": findings.get(p["index"], []), "cited": cited.get(p["index"], []),
                                    "chosen": p["index"] in chosen} for p in section["paragraphs"]]}
        for section in notice_import.sections
    ]
    ordered = sorted(proposals, key=lambda p: (list(Proposal.RecordType.values).index(p.record_type), p.order))
    groups = [(Proposal.RecordType(kind).label, list(items))
              for kind, items in groupby(ordered, key=lambda p: p.record_type)]
    return {"sections": sections, "groups": groups, "findings": notice_import.findings,
            "decided": sum(p.decision != Proposal.Decision.PENDING for p in proposals), "total": len(proposals),
            "to_decide": list(notice_import.imported_sections.filter(needs_decision=True).select_related("section"))}
