"""Rights the notice promises that the recorded lawful bases do not give: in its own words (free text, record
descriptions) or as a right the officer added. A promise beyond the law is allowed, but it must be meant: an
added right carries a note saying why, and text promising a right no basis gives is either made good by adding
the right (with its note) or corrected."""

import re

from ..rights import RIGHTS, applies_to_any
from .context import NoticeContext
from .findings import WARNING

TITLES = {key: title for key, title, _ in RIGHTS}
# How notices promise the rights that depend on the basis: "your right to data portability", "the right to have
# your information deleted", "you can object to…".
PROMISES = {
    "portability": re.compile(r"\b(?:data\s+)?portability\b|\bright\s+to\s+(?:take|move|transfer)\s+your\s+"
                              r"(?:information|data)", re.IGNORECASE),
    "erasure": re.compile(r"\bright\s+to\s+(?:erasure|be\s+forgotten|have\s+(?:your\s+)?(?:information|data|"
                          r"records?)\s+(?:deleted|erased))", re.IGNORECASE),
    "object": re.compile(r"\bright\s+to\s+object\b", re.IGNORECASE),
}


def _added(ctx: NoticeContext) -> dict[str, dict]:
    return {right["key"]: right for right in ctx.section("your_rights").get("rights", []) if right.get("added")}


def added_right_without_note(ctx: NoticeContext):
    """A right the officer added beyond the law says why on the public page; without a note readers (and the
    DPO) cannot tell a deliberate promise from a slip."""
    for key, right in _added(ctx).items():
        if applies_to_any(ctx.purposes, key) or right.get("note", "").strip():
            continue
        yield ctx.finding(
            WARNING, "added_right_without_note",
            f"{ctx.ref('rights')}: {right['title'].lower()} is promised although no recorded lawful basis gives "
            f"it, and no note says why. Add a note saying why it is offered, or remove it.", section="your_rights",
        )


def right_promised_not_applicable(ctx: NoticeContext):
    """Text that promises a right that no purpose's recorded basis gives (e.g. portability under public task)."""
    if ctx.text_only:
        return
    added = _added(ctx)
    for key, words in PROMISES.items():
        if key in added or applies_to_any(ctx.purposes, key):
            continue
        spot, match = next(((spot, m) for spot in ctx.texts() if (m := words.search(spot.text))), (None, None))
        if spot is None:
            continue
        yield ctx.finding(
            WARNING, "right_promised_not_applicable",
            f"{ctx.ref('rights')}: the notice promises {TITLES[key].lower()} (“{match.group(0)}”), but no recorded "
            f"lawful basis gives it. Correct the text, or add the right on the rights page with a note saying why "
            f"it is offered.",
            section=spot.section, record=spot.record, quote=match.group(0),
        )


RULES = [added_right_without_note, right_promised_not_applicable]
