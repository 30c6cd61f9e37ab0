"""Art 6 bases, Art 9 conditions, the Art 10 route and DPA 2018 Sch 1 conditions: from citations
("Article 6(1)(e)", "6(1)(e)", "Art. 9(2)(h)", "Schedule 1, Part 1, paragraph 2") anywhere in the notice, and
from the plain words notices use for them ("public task", "legal obligation", "the provision of health or social
care") where the notice talks about its lawful basis.

Whether plain words name an Art 6 basis or an Art 9 condition depends on what they are said of: "vital
interests" and "explicit consent" mean one under personal data and the other under special category data, so
each sentence is read in the voice of the sentence that introduces its list."""

import re

from ..sections import sentences
from . import Proposed, Source, Span

ART6 = re.compile(r"(?:Art(?:icle|\.)?\s*)?(?<![\d(])6\s*\(\s*1\s*\)\s*\(\s*(ea|[a-f])\s*\)", re.I)
ART9 = re.compile(r"(?:Art(?:icle|\.)?\s*)?(?<![\d(])9\s*\(\s*2\s*\)\s*\(\s*([a-j])\s*\)", re.I)
ART10 = re.compile(r"\bArt(?:icle|\.)?\s*10\b(?!\s*\()", re.I)
SCH1 = re.compile(r"\bSch(?:edule|\.)?\s*1\b[,\s]*(?:Part\s*[1-4][,\s]*)?(?:paragraph|para\.?|§)\s*(\d{1,2})\b", re.I)

PLAIN_ART6 = [
    ("art6_1_a", r"\b(?:your|explicit|their|with) consent\b|\bconsent (?:you|to)\b"),
    ("art6_1_b", r"\bperformance of a contract|\bcontract (?:with|you have)\b"),
    ("art6_1_c", r"\blegal (?:obligation|duty|duties|requirement)s?\b|\bcomply with the law\b"),
    ("art6_1_d", r"\bvital interests?\b"),
    ("art6_1_e", r"\bpublic tasks?\b|\btasks? (?:carried out )?in the public interest|\bofficial authority\b"),
    ("art6_1_f", r"\blegitimate interests?\b"),
]
PLAIN_ART9 = [
    ("art9_2_a", r"\b(?:explicit )?consent\b"),
    ("art9_2_b", r"\bemployment\b|\bsocial security\b|\bsocial protection\b"),
    ("art9_2_c", r"\bvital interests?\b"),
    ("art9_2_d", r"\bnot.for.profit\b"),
    ("art9_2_e", r"\bmade public by\b|\bmanifestly (?:been )?made public\b"),
    ("art9_2_f", r"\blegal claims?\b|\bcourts? acting\b"),
    ("art9_2_g", r"\bsubstantial public interest\b"),
    ("art9_2_h", r"\bhealth (?:or|and) social care\b|\bmedical diagnosis\b|\b(?:preventive|occupational) medicine\b"),
    ("art9_2_i", r"\bpublic health\b"),
    ("art9_2_j", r"\barchiving\b|\bscientific or historical research\b|\bstatistical purposes\b"),
]
# DPA 2018 s.10(2)-(3): these Art 9 conditions are met only with the Sch 1 Part 1 condition that matches them.
PART1_FOR = {"art9_2_b": "sch1_p1_1", "art9_2_h": "sch1_p1_2", "art9_2_i": "sch1_p1_3", "art9_2_j": "sch1_p1_4"}
# Art 9(2)(g) needs a Sch 1 Part 2 condition; the words of the notice's purposes say which.
PART2_WORDS = [
    ("sch1_p2_6", r"\bstatutory (?:functions?|purposes?|duties)\b"),
    ("sch1_p2_8", r"\bequality of opportunity\b|\bequal opportunit"),
    ("sch1_p2_10", r"\b(?:prevent|detect)\w* (?:or detect\w* )?(?:\w+ )?(?:crime|unlawful acts?)\b"),
    ("sch1_p2_14", r"\b(?:prevent|detect)\w* (?:or detect\w* )?(?:\w+ )?fraud\b"),
    ("sch1_p2_17", r"\bcounselling\b"),
    ("sch1_p2_18", r"\bsafeguard(?:ing)? (?:of )?(?:children|adults|individuals|people)\b|\bsafeguard children\b"),
]
BASIS_TALK = re.compile(r"\b(?:legal|lawful) (?:basis|bases|grounds?)\b|\blegal basis'|"
                        r"\bbasis for (?:processing|using)|\bwe rely on\b|\blegal duty\b|"
                        r"\bconditions? (?:for|we rely)", re.I)
SPECIAL_TALK = re.compile(r"special categor|sensitive|health data|more private", re.I)
CRIMINAL_TALK = re.compile(r"criminal (?:offence|conviction|proceedings|records?)|\boffences?\b", re.I)


def _cite(found: dict, code: str, span: Span, confidence: float) -> None:
    current = found.get(code)
    if current is None:
        found[code] = Proposed("lawful_basis", {"code": code}, [span], confidence)
    else:
        current.confidence = max(current.confidence, confidence)
        if span not in current.spans:
            current.spans.append(span)


def bases(source: Source) -> list[Proposed]:
    found: dict[str, Proposed] = {}
    for _, span in source.sentences():
        _citations(span, found)
    for span, special in _basis_sentences(source):
        for code, pattern in PLAIN_ART9 if special else PLAIN_ART6:
            if re.search(pattern, span.text, re.I):
                _cite(found, code, span, 0.6)
    _implied(source, found)
    return list(found.values())


def _citations(span: Span, found: dict) -> None:
    for match in ART6.finditer(span.text):
        _cite(found, f"art6_1_{match.group(1).lower()}", span, 0.9)
    for match in ART9.finditer(span.text):
        _cite(found, f"art9_2_{match.group(1).lower()}", span, 0.9)
    for match in SCH1.finditer(span.text):
        number = int(match.group(1))
        part = 1 if number <= 5 else 2 if number <= 28 else 3
        _cite(found, f"sch1_p{part}_{number}", span, 0.9)
    if ART10.search(span.text):
        _cite(found, "art10_official_authority" if re.search("official authority", span.text, re.I)
              else "art10_sch1", span, 0.7)


def _basis_sentences(source: Source):
    """(sentence, whether it speaks of special category data) for every sentence about the lawful basis: in a
    lawful-basis section, or saying "legal basis" / "legal duty" itself, and the items of a list such a sentence
    introduces."""
    for section in source.sections:
        voice_special = SPECIAL_TALK.search(section.heading) is not None
        lead_is_basis = section.part == "lawful_basis" or bool(BASIS_TALK.search(section.heading))
        for paragraph in section.paragraphs:
            if not paragraph.is_bullet:
                lead_is_basis = section.part == "lawful_basis" or bool(BASIS_TALK.search(paragraph.text))
                voice_special = bool(SPECIAL_TALK.search(paragraph.text)) or (
                    voice_special and not re.search(r"personal (?:data|information)", paragraph.text, re.I))
            if not (lead_is_basis or BASIS_TALK.search(paragraph.text)):
                continue
            for start, end in sentences(paragraph.text):
                yield Span(paragraph.index, start, end, paragraph.text[start:end]), voice_special


def _implied(source: Source, found: dict) -> None:
    """The conditions the law pairs with what was found: the Sch 1 Part 1 condition an Art 9 condition needs;
    a Part 2 condition for substantial public interest from the purposes' words; the Art 10 route for criminal
    offence data held under official authority."""
    for code, part1 in PART1_FOR.items():
        if code in found and part1 not in found:
            _cite(found, part1, found[code].spans[0], 0.5)
    everything = list(source.sentences())
    if "art9_2_g" in found:
        for code, pattern in PART2_WORDS:
            span = next((s for _, s in everything if re.search(pattern, s.text, re.I)), None)
            if span and code not in found:
                _cite(found, code, span, 0.4)
    criminal = next((s for section, s in everything if section.part in ("what_we_collect", "other")
                     and CRIMINAL_TALK.search(s.text)), None)
    if criminal and "art6_1_e" in found and not any(code.startswith("art10") for code in found):
        _cite(found, "art10_official_authority", criminal, 0.4)
