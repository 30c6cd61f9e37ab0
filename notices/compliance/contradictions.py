"""Where the text says one thing and the records another: information said to come from other
organisations when no such source is recorded; an organisation the text gives one role (our processor,
a controller in its own right) that its recipient record gives another."""

import re

from .context import NoticeContext
from .findings import BLOCKER, WARNING

# "We also get information from the police", "information shared with us by schools", "referred to us by".
FROM_OTHERS = re.compile(
    r"\b(?:(?:we|you|they)\s+(?:may\s+|also\s+|sometimes\s+|will\s+)*(?:get|gets|receive|obtain|collect|are\s+given|"
    r"are\s+sent)\s+(?:some\s+|this\s+|your\s+|personal\s+|the\s+)*(?:of\s+(?:this|your)\s+)?(?:information|data|"
    r"details)(?:\s+about\s+you)?\s+from(?:\s*:|\s+(?!you\b|yourself\b)(?:other|another|the|your|a|an|(?-i:[A-Z]\w+)))"
    r"|(?:information|data|details)\s+(?:is\s+|are\s+)?(?:shared|passed|sent|provided)\s+(?:with|to)\s+us\s+by"
    r"|(?:referred|passed)\s+to\s+us\s+by"
    r"|from\s+other\s+(?:organisations|agencies|professionals|local\s+authorities|bodies|services))",
    re.IGNORECASE,
)
SOURCE_KINDS_ELSEWHERE = {"organisation", "category", "public"}

ROLE_WORDS = [
    # Joint first: "joint controller" also contains "controller".
    ("joint", re.compile(r"\bjoint(?:ly)?\s+controll", re.IGNORECASE)),
    ("processor", re.compile(
        r"\b(?:(?:our|a|as|is|are|acts?\s+as\s+(?:a|our))\s+(?:data\s+)?processors?\b|on\s+our\s+behalf|on\s+our\s+"
        r"instructions|processes?\s+(?:\w+\s+){0,3}for\s+us)", re.IGNORECASE,
    )),
    ("controller", re.compile(
        r"\b(?:(?:an?\s+)?(?:independent|separate)\s+(?:data\s+)?controllers?|controllers?\s+in\s+(?:its|their)\s+own\s+"
        r"right|for\s+(?:its|their)\s+own\s+purposes)", re.IGNORECASE,
    )),
]
ROLE_NAMES = {"processor": "a processor", "controller": "a controller", "joint": "a joint controller"}


def sources_claimed_but_unrecorded(ctx: NoticeContext):
    """UK GDPR Art 14(2)(f): text saying information comes from other organisations needs the sources recorded.
    Where purposes already say so and no source is recorded, sources_missing says it."""
    if ctx.text_only:
        return
    sources = ctx.section("where_we_get_it").get("sources", [])
    if any(source.get("kind") in SOURCE_KINDS_ELSEWHERE for source in sources) or (ctx.art14 and not sources):
        return
    for spot in ctx.texts():
        match = FROM_OTHERS.search(spot.text)
        if match:
            yield ctx.finding(
                BLOCKER, "sources_contradicted",
                f"UK GDPR Art 14(2)(f): the notice says “{_sentence(spot.text, match)}”, but no source other than "
                f"the person is recorded. Add the sources to the notice, or correct the text.",
                section=spot.section, record=spot.record, quote=match.group(0),
            )
            return


def recipient_role_contradicted(ctx: NoticeContext):
    """A free-text sentence that names a recipient and gives it a role its record does not."""
    if ctx.text_only:
        return
    for spot in ctx.texts():
        if not (spot.record and spot.record[0] == "notices.noticesection"):
            continue
        for recipient in ctx.recipients:
            name = recipient.get("name", "")
            for sentence in _sentences_naming(spot.text, name):
                stated = next((role for role, words in ROLE_WORDS if words.search(sentence)), None)
                if stated and stated != recipient.get("role"):
                    yield ctx.finding(
                        WARNING, "recipient_role_contradicted",
                        f"UK GDPR Art 13(1)(e): the text calls {name} {ROLE_NAMES[stated]} (“{sentence.strip()}”), "
                        f"but its recipient record says {ROLE_NAMES.get(recipient.get('role'), 'otherwise')}. "
                        f"Correct whichever is wrong.",
                        section=spot.section, record=spot.record, quote=sentence.strip(),
                    )
                    break


def _sentences_naming(text: str, name: str) -> list[str]:
    if len(name) < 3:
        return []
    named = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?!\w)", re.IGNORECASE)
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if named.search(s)]


def _sentence(text: str, match: re.Match) -> str:
    start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    end = min((i for i in (text.find(".", match.end()), text.find("\n", match.end())) if i >= 0), default=len(text))
    return text[start:end].strip()[:200]


RULES = [sources_claimed_but_unrecorded, recipient_role_contradicted]
