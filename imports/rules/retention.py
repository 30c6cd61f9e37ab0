"""Retention periods: "kept for 25 years after …", "deleted 30 days after …", "held for 1 year from the last
action", "until the child's 25th birthday", "in accordance with the NHS Records Management Code of Practice"."""

import re

from ..sections import bullet_text
from . import Proposed, Source, capitalised

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
           "fifty": 50, "sixty": 60, "seventy": 70, "hundred": 100, "a": 1}
NUMBER = r"(\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
UNITS = {"day": "days", "week": "days", "month": "months", "year": "years"}
PERIOD = re.compile(
    rf"(?<![\w-]){NUMBER}\s*(?:\([0-9]+\)\s*)?(day|week|month|year)s?\b"
    r"(?:\s+(?:from|after|following|since)\s+(?P<trigger>[^.;:()]+?))?(?=[.;:()]|,|\s+(?:for|unless|or|and|then)\b|$)",
    re.I,
)
VERBS = re.compile(r"\b(?:kept|keep|keeps|retain\w*|held|hold|deleted|destroyed|erased|removed|stored|reviewed|"
                   r"disposed|archived)\b", re.I)
UNTIL = re.compile(r"\buntil\s+(?P<event>(?:the |their |your |a |an )[^.;,]+?(?:birthday|age|ends?|closes?|closed|"
                   r"completed|leaves?|left|finishes|dies|death)[^.;,]*)", re.I)
WHEN = re.compile(r"\b(?:deleted|destroyed|erased|removed) when (?P<event>[^.;,]+)", re.I)
AUTHORITY = re.compile(
    r"\bin (?:accordance|line) with (?:the )?(?P<authority>(?:[A-Z][\w&’'-]*\s+)+(?:Code of Practice|Retention "
    r"Schedule|Schedule|Policy|Guidance)(?:\s+(?:for|on)\s+(?:[A-Z][\w&’'-]*\s*(?:and\s+)?)+)?)"
)
ACTIONS = [("review", r"\breview"), ("anonymise", r"\banonymi[sz]"), ("archive", r"\barchiv"),
           ("destroy", r"\b(?:delet|destroy|eras|dispos|remov)")]
RECORDS = re.compile(r"\b(?:for\s+)?((?:[\w’'-]+\s+){0,5}?(?:records?|files?|images|recordings?|footage|information|"
                     r"data))\b", re.I)
KEPT = re.compile(r"\b(?:keep|retain|hold|store)\w*\s+(?:your |the |all |any |our )?((?:[\w’'-]+\s+){0,3}?"
                  r"(?:records?|information|data|files))\b", re.I)
PRONOUNS = re.compile(r"^(?:your|our|their|the|any|all|this|these|such)\s+", re.I)


def retention(source: Source) -> list[Proposed]:
    found: dict[tuple, Proposed] = {}
    for section, span in source.sentences():
        if section.part != "retention" and not VERBS.search(span.text):
            continue
        if not VERBS.search(span.text) and not re.search(r"\bfor\s+\S+\s+(?:day|month|year)", span.text, re.I) \
                and not span.text.lstrip().startswith(("•", "-")):
            continue
        for values in _periods(span.text):
            values.setdefault("record_type", _record_type(span.text, section.heading))
            values["action"] = next((a for a, p in ACTIONS if re.search(p, span.text, re.I)), "destroy")
            key = (values.get("period_number"), values.get("period_unit"), values.get("until_event", ""),
                   values.get("record_type"))
            if key not in found:
                found[key] = Proposed("retention_rule", values, [span], 0.7 if values["period_kind"] == "fixed"
                                      else 0.5)
    return list(found.values())


def _periods(text: str) -> list[dict]:
    periods = []
    for match in PERIOD.finditer(text):
        number = match.group(1).lower()
        count = int(number) if number.isdigit() else NUMBERS[number]
        unit = match.group(2).lower()
        if unit == "week":
            count *= 7
        trigger = (match.group("trigger") or "").strip()
        periods.append({"period_kind": "fixed", "period_number": count, "period_unit": UNITS[unit],
                        "trigger": _trigger(trigger)})
    for pattern in (UNTIL, WHEN):
        for match in pattern.finditer(text):
            periods.append({"period_kind": "until_event", "until_event": match.group("event").strip()})
    if not periods and (match := AUTHORITY.search(text)):
        authority = match.group("authority").strip()
        periods.append({"period_kind": "until_event", "authority": authority,
                        "until_event": f"the end of the period the {authority} sets"})
    return periods


def _trigger(trigger: str) -> str:
    """"the CCTV footage was taken" stays as it is; "last contact" too. An empty trigger is left for the officer:
    the notice did not say what the period counts from."""
    return " ".join(trigger.split())[:200]


def _record_type(text: str, heading: str) -> str:
    """What the period is for: a parenthesis ("(general social care services)"), "for adoption records", the
    words before the verb ("Young Carers personal information will be held"), else the section's heading."""
    body = bullet_text(text)
    if match := re.search(r"\(([^)]{4,80})\)", body):
        return capitalised(match.group(1))
    if match := re.search(r"\bfor\s+((?:[\w’'-]+\s+){0,5}?records)\b", body, re.I):
        return capitalised(PRONOUNS.sub("", match.group(1)))
    if match := KEPT.search(body):
        return capitalised(match.group(1))
    if match := re.match(r"^(?:for\s+)?(.{3,80}?)\s+(?:will be|are|is|may be|should be)\b", body, re.I):
        words = PRONOUNS.sub("", match.group(1)).strip(", ")
        if not re.match(r"^(?:we|it|this|they|you)\b", words, re.I) and len(words.split()) <= 8:
            return capitalised(words)
    if match := RECORDS.search(body):
        return capitalised(PRONOUNS.sub("", match.group(1)))
    return capitalised(heading) or "Records"
