"""document → first layer: the short summary a reader sees before the full notice (ICO layered notice).

Made from the document dict alone, at render time, by the same partial on the notice page, the summary page and
the PDF, so it is frozen with the version like the rest of the document and can say nothing the document's own
sections do not. Each part names the section it comes from, so it links to the full text. A part whose section
states nothing (no recipients, no retention rules) is left out rather than filled with a default.
"""

from .prose import and_list

# Long lists are cut to this many names, with "and N more", so the first layer stays about one screen.
MOST_NAMES = 5


def first_layer(document: dict) -> list[dict]:
    """The parts of the first layer, in notice order: {"key" (the section's anchor), "title", "lines"}."""
    sections = {section["key"]: section for section in document["sections"] if not section.get("free_text")}
    makers = (
        ("who_we_are", "Who we are", _who),
        ("what_we_collect", "What we collect", _what),
        ("why_we_use_it", "Why we use it", _why),
        ("who_we_share_with", "Who we share it with", _share),
        ("how_long_we_keep_it", "How long we keep it", _how_long),
        ("your_rights", "Your rights", _rights),
        ("how_to_complain", "How to complain", _complain),
    )
    parts = []
    for key, title, make in makers:
        lines = make(sections[key]) if key in sections else []
        if lines:
            parts.append({"key": key, "title": title, "lines": lines})
    return parts


def names(items: list[str]) -> str:
    """"A, B and C"; past MOST_NAMES, "A, B, … and 4 more"."""
    items = list(dict.fromkeys(item for item in items if item))
    if len(items) > MOST_NAMES:
        shown, rest = items[: MOST_NAMES - 1], len(items) - MOST_NAMES + 1
        return f"{', '.join(shown)} and {rest} more"
    return and_list(items)


def _who(section: dict) -> list[str]:
    lines = [section["controller"]["name"]]
    dpo = section.get("dpo") or {}
    if dpo.get("email"):
        lines.append(f"Data protection officer: {dpo['email']}")
    return lines


def _what(section: dict) -> list[str]:
    by_kind: dict[str, list[str]] = {}
    for category in section["categories"]:
        by_kind.setdefault(category["kind"], []).append(category["name"])
    lines = []
    if by_kind.get("personal"):
        lines.append(f"{names(by_kind['personal'])}.")
    # Special category and criminal offence data are always named in full: a reader must not miss them.
    if by_kind.get("special"):
        lines.append(f"Special category data: {'; '.join(by_kind['special'])}.")
    if by_kind.get("criminal"):
        lines.append(f"Criminal offence data: {'; '.join(by_kind['criminal'])}.")
    return lines


def _why(section: dict) -> list[str]:
    # The purposes in the order the officer gave them: the main purpose first.
    purposes = [purpose["name"] for purpose in section["purposes"]]
    return [f"{names(purposes)}."] if purposes else []


def _share(section: dict) -> list[str]:
    lines = []
    if section["recipients"]:
        lines.append(f"{names([r['name'] for r in section['recipients']])}.")
    if section["processors"]:
        lines.append(f"Organisations that handle it for us: {names([r['name'] for r in section['processors']])}.")
    return lines


def _how_long(section: dict) -> list[str]:
    rules = section["rules"]
    if len(rules) == 1:
        return [rules[0]["sentence"]]
    # Shortest and longest where the rules give a period to compare (versions frozen before the document
    # recorded the period's parts have none); else one sentence that only counts the rules.
    timed = [rule for rule in rules if _days(rule) is not None]
    if len(timed) >= 2:
        shortest, longest = min(timed, key=_days), max(timed, key=_days)
        if _days(shortest) != _days(longest):
            return [f"From {_length(shortest)} to {_length(longest)}, depending on the kind of record."]
    return [f"Each of the {len(rules)} kinds of record we keep has its own period."] if rules else []


def _length(rule: dict) -> str:
    """"6 months", "1 year", "permanently": the period's length alone, without what it runs from."""
    if rule["period_kind"] == "permanent":
        return "keeping them permanently"
    unit = rule["period_unit"].removesuffix("s") if rule["period_number"] == 1 else rule["period_unit"]
    return f"{rule['period_number']} {unit}"


DAYS_IN = {"days": 1, "months": 30, "years": 365}


def _days(rule: dict) -> float | None:
    """A rule's period in days, to put periods in order: kept permanently is the longest; "until an event" has
    no length to compare."""
    if rule.get("period_kind") == "permanent":
        return float("inf")
    if rule.get("period_kind") == "fixed" and rule.get("period_number") and rule.get("period_unit") in DAYS_IN:
        return rule["period_number"] * DAYS_IN[rule["period_unit"]]
    return None


def _rights(section: dict) -> list[str]:
    if not section["rights"]:
        return []
    rights = [right["title"].removeprefix("The right ") for right in section["rights"]]
    lines = [f"You have the right {'; '.join(rights)}."]
    if section["how_to"]:
        lines.append(f"How to use them: {_first_sentence(section['how_to'])}")
    elif section["dpo_named"]:
        lines.append("How to use them: contact our data protection officer.")
    return lines


def _complain(section: dict) -> list[str]:
    lines = []
    if section["contact"]:
        lines.append(f"Tell us first: {section['contact'].splitlines()[0].strip()}")
    ico = section["ico"]
    also = " also" if lines else ""
    lines.append(f"You can{also} complain to the {ico['name']} ({ico['website']}, {ico['phone']}).")
    return lines


def _first_sentence(text: str) -> str:
    """The first sentence of what the officer wrote (the full text is in the section the part links to)."""
    line = text.strip().splitlines()[0].strip()
    end = line.find(". ")
    return line[: end + 1] if end >= 0 else line
