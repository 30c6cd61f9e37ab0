"""Dates that have passed: a sentence that states a deadline or a future change ("by 31 March 2024",
"will move on 1 June 2023", "From 1 April 2023, …", "until March 2024") whose date is before the day the
version is published (the day judged), still written as if it were to come."""

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from .context import NoticeContext
from .findings import WARNING

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DATE = re.compile(
    r"\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?" + MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)\b",
    re.IGNORECASE,
)
# A deadline: "by", "until", "before", "no later than" (optionally "the end of", "on") just before the date.
DEADLINE = re.compile(
    r"\b(?:by|until|till|before|no\s+later\s+than|deadline\s+(?:of|is))\s+(?:the\s+end\s+of\s+|on\s+|the\s+)?$",
    re.IGNORECASE,
)
# A future change: the sentence speaks of what will happen.
FUTURE = re.compile(
    r"\b(?:will|shall|is\s+due\s+to|are\s+due\s+to|is\s+going\s+to|are\s+going\s+to|plans?\s+to|is\s+expected\s+to)\b",
    re.IGNORECASE,
)
# "From 1 April 2023, the service …": a change announced at the start of a sentence.
FROM_START = re.compile(r"^\W*(?:from|starting|with\s+effect\s+from)\s+(?:the\s+)?$", re.IGNORECASE)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def _date(match: re.Match) -> dt.date | None:
    """The date a match names; a month without a day counts from its last day (a deadline "by March 2024"
    has passed once March is over)."""
    try:
        if match.group("month"):
            year, month = int(match.group("year")), MONTHS[match.group("month").lower().rstrip(".")]
            day = int(match.group("day")) if match.group("day") else calendar.monthrange(year, month)[1]
        elif match.group("y2"):
            year, month, day = int(match.group("y2")), int(match.group("m2")), int(match.group("d2"))
        else:
            year, month, day = int(match.group("y3")), int(match.group("m3")), int(match.group("d3"))
        return dt.date(year, month, day)
    except ValueError:
        return None


def passed_dates(text: str, on: dt.date) -> Iterator[tuple[str, dt.date]]:
    """(sentence, date) for each sentence stating a deadline or future change on a date before `on`."""
    for sentence_match in SENTENCE.finditer(text):
        sentence = sentence_match.group(0).strip()
        for match in DATE.finditer(sentence):
            day = _date(match)
            if day is None or day >= on:
                continue
            before = sentence[:match.start()]
            # The future word must come before the date: "since 25 May 2018 … and will" states no change to come.
            if FUTURE.search(before) or DEADLINE.search(before) or FROM_START.search(before):
                yield sentence, day
                break


def passed_deadline(ctx: NoticeContext):
    seen = set()
    for spot in ctx.texts():
        for sentence, day in passed_dates(spot.text, ctx.on):
            key = (spot.section, spot.record[:2] if spot.record else None, sentence)
            if key in seen:
                continue
            seen.add(key)
            yield ctx.finding(
                WARNING, "date_passed",
                f"UK GDPR Art 5(1)(d): “{sentence}” speaks of {day.day} {day:%B %Y} as still to come, but that "
                f"date is before {ctx.on.day} {ctx.on:%B %Y}. Say what happened, or remove the sentence.",
                section=spot.section, record=spot.record, quote=sentence,
            )


RULES = [passed_deadline]
