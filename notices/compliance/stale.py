"""Out-of-date references (notices.StaleReference): abolished bodies, repealed Acts, invalidated transfer
schemes, renumbered articles. Looked for in every text the notice shows, free text and record texts alike."""

from ..models import StaleReference
from .context import NoticeContext
from .findings import BLOCKER, WARNING


def _severity(reference: StaleReference, *, about_transfers: bool) -> str:
    if reference.severity == StaleReference.Severity.BLOCKER:
        return BLOCKER
    if reference.severity == StaleReference.Severity.BLOCKER_AS_SAFEGUARD and about_transfers:
        return BLOCKER
    return WARNING


def stale_references(ctx: NoticeContext):
    compiled = [(reference, reference.regex) for reference in ctx.stale_references]
    # One finding per reference and place (a record, or a section): a name repeated in several fields of one
    # record is one fix. It blocks if any of its uses does.
    found: dict[tuple, tuple] = {}
    for spot in ctx.texts():
        for reference, regex in compiled:
            match = regex.search(spot.text)
            if not match:
                continue
            place = (reference.pk, spot.record[:2] if spot.record else spot.section)
            severity = _severity(reference, about_transfers=spot.about_transfers)
            if place not in found or (severity == BLOCKER and found[place][0] != BLOCKER):
                found[place] = (severity, reference, match.group(0), spot)
    for severity, reference, text, spot in found.values():
        since = f" since {reference.since.day} {reference.since:%B %Y}" if reference.since else ""
        yield ctx.finding(
            severity,
            "stale_reference",
            f"Out of date{since}: “{text}”. {reference.problem} Say instead: {reference.replacement}",
            section=spot.section,
            record=spot.record,
            quote=text,
        )


RULES = [stale_references]
