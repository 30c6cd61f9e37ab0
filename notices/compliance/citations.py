"""Citations of legislation, checked against the legislation catalogue (services.Legislation rows
`in_catalogue`): an Act cited with the wrong year (blocked when the catalogue knows one Act of that name,
a warning to check it when it knows several), or with none; an Act that has been repealed; guidance,
a code of practice, a strategy or a policy given as law.

Looked for in every text the notice shows (free text, record names and descriptions) and in the
legislation records its purposes rely on.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from services.models import TITLE_YEAR, Legislation

from ..prose import and_list
from .context import NoticeContext
from .findings import BLOCKER, WARNING

YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?!\d)"
# A year written before the name: "the 1989 Children Act".
YEAR_BEFORE = re.compile(r"(1[5-9]\d\d|20\d\d)\s+$")
# Words that may come just before a cited title without being part of a longer one ("Under the Children Act");
# any other capitalised word is taken for the start of a longer title ("Higher Education Act 1992").
LEAD_WORDS = {
    "the", "under", "see", "per", "by", "in", "from", "within", "also", "our", "and", "or", "of", "section",
    "sections", "s", "ss", "schedule", "part", "regulation", "article", "with", "to", "including", "eg", "e.g",
}
JOINING_WORDS = {"and", "of", "&", "for", "on"}
PREVIOUS_WORDS = re.compile(r"([\w.&’'()-]+)\s+([\w.&’'()-]+)?\s*$")


def base_name(title: str) -> str:
    """"Children Act 1989" → "Children Act": the name a year is added to."""
    return TITLE_YEAR.sub("", title).strip().rstrip(",")


def _name_pattern(name: str) -> str:
    """The name as a regular expression: any spacing or line break between words, "etc." optional, "and" or "&"."""
    parts = []
    for word in name.split():
        if word.lower() in ("etc.", "etc"):
            parts.append(r"(?:etc\.?\s+)?")
        elif word.lower() == "and":
            parts.append(r"(?:and|&)\s+")
        else:
            parts.append(re.escape(word) + r"\s+")
    return "".join(parts).removesuffix(r"\s+")


@dataclass(frozen=True)
class Citation:
    """Where a text names legislation from the catalogue, and the year it gives (None if none)."""

    start: int
    end: int
    text: str
    name: str
    year: int | None
    entries: tuple[Legislation, ...]

    @property
    def years(self) -> set[int]:
        return {entry.year for entry in self.entries}

    @property
    def entry(self) -> Legislation | None:
        """The catalogue entry cited, once the year says which."""
        return next((e for e in self.entries if e.year == self.year), None)


class Catalogue:
    """The catalogue indexed by name, with one pattern per name (the longest names tried first)."""

    def __init__(self, entries: list[Legislation]):
        self.by_name: dict[str, list[Legislation]] = {}
        for entry in entries:
            self.by_name.setdefault(base_name(entry.title).lower(), []).append(entry)

    @cached_property
    def patterns(self) -> list[tuple[str, re.Pattern]]:
        names = sorted(self.by_name, key=len, reverse=True)
        return [
            (name, re.compile(
                r"(?<![\w-])" + _name_pattern(name) + r"(?:\s*,?\s*\(?\s*" + YEAR + r"\)?)?(?![\w-])", re.IGNORECASE
            ))
            for name in names
        ]

    def citations(self, text: str) -> list[Citation]:
        """Every citation in a text, the longest winning where two overlap ("Adoption and Children Act 2002"
        is not also the "Children Act 2002")."""
        found = []
        for name, pattern in self.patterns:
            for match in pattern.finditer(text):
                if _inside_longer_title(text, match.start()):
                    continue
                year = match.group("year") or _year_before(text, match.start())
                found.append(Citation(
                    match.start(), match.end(), match.group(0).strip(), name, int(year) if year else None,
                    tuple(self.by_name[name]),
                ))
        chosen: list[Citation] = []
        for citation in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
            if not chosen or citation.start >= chosen[-1].end:
                chosen.append(citation)
        return chosen


def _year_before(text: str, start: int) -> str | None:
    match = YEAR_BEFORE.search(text[max(0, start - 8):start])
    return match.group(1) if match else None


def _inside_longer_title(text: str, start: int) -> bool:
    """Whether the words before a match make it the end of a longer title: "Further and Higher Education Act"."""
    words = PREVIOUS_WORDS.search(text[max(0, start - 60):start])
    if not words:
        return False
    first, second = words.group(1), words.group(2)
    last = second or first
    if last.lower().strip("().") in JOINING_WORDS:
        # "Adoption and Children Act": a joining word after a capitalised word.
        return bool(second) and first[:1].isupper() and first.lower() not in LEAD_WORDS
    return last[:1].isupper() and last.lower().strip("().,") not in LEAD_WORDS


def _catalogue(ctx: NoticeContext) -> Catalogue:
    # Kept on the context: four rules read the same index and citations, built once per check.
    if not hasattr(ctx, "_catalogue_index"):
        ctx._catalogue_index = Catalogue(ctx.catalogue)
    return ctx._catalogue_index


def _cited(entry: Legislation) -> str:
    return f"{entry.title} ({entry.chapter})" if entry.chapter else entry.title


def _either(entries) -> str:
    cited = [_cited(e) for e in sorted(entries, key=lambda e: e.year or 0)]
    return cited[0] if len(cited) == 1 else ", ".join(cited[:-1]) + " or " + cited[-1]


@dataclass(frozen=True)
class _Cited:
    """A citation and where it is: a text the notice shows, or a legislation record."""

    citation: Citation
    section: str
    record: tuple | None


def _legislation_items(ctx: NoticeContext) -> Iterator[tuple[dict, tuple]]:
    for purpose in ctx.purposes:
        for law in purpose.get("legislation", []):
            yield law, ("services.legislation", law.get("id"), law.get("title", ""))


def _all_citations(ctx: NoticeContext) -> list[_Cited]:
    """Citations in the texts, and one per legislation record (its title, with its year field when the title
    has none); each place and citation once."""
    if hasattr(ctx, "_citations"):
        return ctx._citations
    catalogue, cited, seen = _catalogue(ctx), [], set()
    for spot in ctx.texts():
        if spot.record and spot.record[0] == "services.legislation":
            continue  # checked as records below, with their year field
        for citation in catalogue.citations(spot.text):
            key = (spot.section, spot.record[:2] if spot.record else None, citation.text.lower())
            if key not in seen:
                seen.add(key)
                cited.append(_Cited(citation, spot.section, spot.record))
    for law, record in _legislation_items(ctx):
        title = law.get("title", "")
        text = title if TITLE_YEAR.search(title) or not law.get("year") else f"{title} {law['year']}"
        for citation in catalogue.citations(text)[:1]:
            key = ("why_we_use_it", record[:2], citation.text.lower())
            if key not in seen:
                seen.add(key)
                cited.append(_Cited(citation, "why_we_use_it", record))
    ctx._citations = cited
    return cited


def _cited_in_full_nearby(item: _Cited, everything: list[_Cited]) -> bool:
    """A second mention without a year ("the Children Act") is fine where the same text cites it in full."""
    return any(
        other.citation.name == item.citation.name and other.citation.year and other.record == item.record
        and other.section == item.section
        for other in everything
    )


def _years(entries) -> str:
    """"1989 and 2004": the years the catalogue knows for a name."""
    return and_list([str(year) for year in sorted({e.year for e in entries})])


def _unknown_years(ctx: NoticeContext) -> Iterator[_Cited]:
    """Citations of a known title with a year that no catalogue entry of that name has."""
    for item in _all_citations(ctx):
        citation = item.citation
        if citation.year is not None and citation.year not in citation.years:
            yield item


def citation_year(ctx: NoticeContext):
    """A known title with a year that the only Act of that name does not have: a wrong citation on the face
    of the notice."""
    for item in _unknown_years(ctx):
        citation = item.citation
        if len(citation.years) != 1:
            continue  # several Acts of that name: citation_year_unknown asks to check it
        entry = citation.entries[0]
        yield ctx.finding(
            BLOCKER, "citation_year_mismatch",
            f"Citation: “{citation.text}” gives the wrong year. The {base_name(entry.title)} is {entry.year}: cite "
            f"it as “{_cited(entry)}”. If you mean legislation the catalogue does not have, ask your DPO to add it.",
            section=item.section, record=item.record, quote=citation.text,
        )


def citation_year_unknown(ctx: NoticeContext):
    """A known title with a year the catalogue does not have, where it knows several Acts of that name (the
    Education Acts of 1996, 2002 and 2011): the year may be wrong, or the Act one the catalogue lacks, so the
    officer is asked to check rather than stopped."""
    for item in _unknown_years(ctx):
        citation = item.citation
        if len(citation.years) == 1:
            continue  # one Act of that name: citation_year_mismatch blocks it
        name = base_name(citation.entries[0].title)
        names = name + "s" if name.endswith(" Act") else name  # "the Children Acts of 1989 and 2004"
        yield ctx.finding(
            WARNING, "citation_year_unknown",
            f"Citation: the legislation catalogue knows the {names} of {_years(citation.entries)}, not "
            f"“{citation.text}”: check the citation ({_either(citation.entries)}). If it is right, ask your DPO "
            f"to add it to the catalogue.",
            section=item.section, record=item.record, quote=citation.text,
        )


def citation_without_year(ctx: NoticeContext):
    """A known title with no year: the reader cannot tell which Act is meant, nor find it."""
    everything = _all_citations(ctx)
    for item in everything:
        citation = item.citation
        if citation.year is not None or _cited_in_full_nearby(item, everything):
            continue
        which = "cite it in full" if len(citation.entries) == 1 else "say which Act you mean"
        yield ctx.finding(
            WARNING, "citation_year_missing",
            f"Citation: “{citation.text}” gives no year; {which}: {_either(citation.entries)}.",
            section=item.section, record=item.record, quote=citation.text,
        )


def repealed_legislation(ctx: NoticeContext):
    """An Act the catalogue records as repealed, with what replaced it. Out-of-date references the stale
    reference list already explains (the Data Protection Act 1998) are left to that rule."""
    stale = [reference.regex for reference in ctx.stale_references]
    for item in _all_citations(ctx):
        entry = item.citation.entry
        if entry is None or not entry.is_repealed or any(r.search(item.citation.text) for r in stale):
            continue
        since = f" on {entry.status_since.day} {entry.status_since:%B %Y}" if entry.status_since else ""
        yield ctx.finding(
            WARNING, "legislation_repealed",
            f"Citation: the {entry.title} was repealed{since}; cite {entry.replaced_by} instead.",
            section=item.section, record=item.record, quote=item.citation.text,
        )


# Guidance, codes, strategies and policies are not law: they cannot be the basis in law for a purpose.
GUIDANCE_NAMES = re.compile(
    r"\b(?:Working\s+Together\s+to\s+Safeguard\s+Children|Keeping\s+Children\s+Safe\s+in\s+Education"
    r"|Caldicott\s+Principles|NHS\s+Constitution|Data\s+Security\s+and\s+Protection\s+Toolkit"
    r"|Information\s+Sharing\s+Advice|(?-i:(?:[A-Z][\w’'()-]*\s+|(?:and|of|for|to|in|on|the)\s+){0,9}"
    r"(?:Code\s+of\s+Practice|Guidance|Guidelines|Strategy|Policy|Framework|Toolkit)))"
    r"(?:\s*\(?(?:19|20)\d\d\)?)?",
    re.IGNORECASE,
)
# Documents a DPA 2018 condition itself requires; naming one beside the law is right.
NOT_GUIDANCE = re.compile(r"appropriate\s+policy\s+document|privacy\s+policy", re.IGNORECASE)
# The words that make a text give something as law: a list of the laws relied on, or "under", "a duty under".
LAW_LEAD = re.compile(
    r"\b(?:legislation|laws?|statutes?|statutory\s+(?:duty|duties|powers?|basis)|legal\s+(?:basis|bases|duty|"
    r"duties|obligations?|powers?|requirements?)|basis\s+in\s+law|Acts\s+of\s+Parliament)\b",
    re.IGNORECASE,
)
UNDER_GUIDANCE = re.compile(r"\b(?:under|required\s+by|duty\s+under|powers?\s+under)\s+(?:the\s+)?$", re.IGNORECASE)


def _guidance(text: str) -> Iterator[re.Match]:
    for match in GUIDANCE_NAMES.finditer(text):
        name = match.group(0).strip()
        if NOT_GUIDANCE.search(name) or len(name.split()) < 2:
            continue
        yield match


def _blocks(text: str) -> list[str]:
    """A text's paragraphs, each with the list that follows its lead-in line."""
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def _given_as_law(text: str) -> Iterator[str]:
    """Guidance names a text gives as law: listed under a lead-in about the law, or straight after "under"."""
    for block in _blocks(text):
        lines = block.splitlines()
        lead_is_law = bool(LAW_LEAD.search(lines[0])) and len(lines) > 1
        for number, line in enumerate(lines):
            # "Legislation we rely on: …" lists on the same line.
            head, colon, _ = line.partition(":")
            lead_in_line = bool(colon) and bool(LAW_LEAD.search(head))
            for sentence in re.split(r"(?<=[.;:])\s+", line):
                for match in _guidance(sentence):
                    listed = (lead_is_law and number > 0) or (lead_in_line and sentence not in head)
                    stated = bool(LAW_LEAD.search(sentence[:match.start()])) or bool(
                        UNDER_GUIDANCE.search(sentence[:match.start()])
                    )
                    if listed or stated:
                        yield match.group(0).strip()


def guidance_as_law(ctx: NoticeContext):
    """Guidance, a code of practice, a strategy or a policy given as legislation or as a basis in law."""
    seen = set()
    for law, record in _legislation_items(ctx):
        title = law.get("title", "")
        if next(_guidance(title), None) and (record[:2], title) not in seen:
            seen.add((record[:2], title))
            yield _guidance_finding(ctx, title, section="why_we_use_it", record=record)
    for spot in ctx.texts():
        if spot.record and spot.record[0] == "services.legislation":
            continue
        for name in _given_as_law(spot.text):
            key = (spot.section, spot.record[:2] if spot.record else None, name.lower())
            if key not in seen:
                seen.add(key)
                yield _guidance_finding(ctx, name, section=spot.section, record=spot.record)


def _guidance_finding(ctx: NoticeContext, name: str, *, section: str, record):
    return ctx.finding(
        WARNING, "guidance_as_law",
        f"UK GDPR Art 6(3): “{name}” is guidance, not law: it cannot be the basis in law for a purpose. Cite the "
        f"Act or regulations it explains, and describe the guidance as guidance.",
        section=section, record=record, quote=name,
    )


RULES = [citation_year, citation_year_unknown, citation_without_year, repealed_legislation, guidance_as_law]
