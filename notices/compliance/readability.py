"""How easy each section is for the public to read: the Flesch reading ease score, computed offline.

Syllables come from pyphen's hyphenation dictionary (installed with WeasyPrint), which undercounts a little
against a pronouncing dictionary; the score is a prompt to rewrite, not a measurement to argue about.
Scores: 60-70 is plain English, below 50 is hard for many adults, below 30 is very hard.
"""

import html
import re
from dataclasses import dataclass
from functools import cache

import pyphen
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from .context import NoticeContext
from .findings import WARNING

HARD = 50
HARD_FOR_CHILDREN = 60  # notices for children and young people should be easier still
MIN_WORDS = 40  # below this a score says more about the formula than the text
# Sections worded almost entirely by the portal (the rights, the ICO's address, the versions note): scored, but
# a warning there would ask the notice's authors to rewrite text they cannot change.
PORTAL_WORDING = {"your_rights", "how_to_complain", "changes"}

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
BLOCK_END = re.compile(r"</(?:p|li|h\d|dt|dd|div|address|tr|th|td|blockquote)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")


@dataclass(frozen=True)
class SectionReadability:
    key: str
    title: str
    score: float | None  # None when the section has no words
    words: int
    sentences: int

    @property
    def band(self) -> str:
        if self.score is None:
            return ""
        for floor, label in ((70, "easy"), (60, "plain English"), (50, "fairly hard"), (30, "hard")):
            if self.score >= floor:
                return label
        return "very hard"


@cache
def _dictionary() -> pyphen.Pyphen:
    # left/right=1: count syllables, not the hyphenation points a typesetter would allow.
    return pyphen.Pyphen(lang="en_GB", left=1, right=1)


def syllables(word: str) -> int:
    return len(_dictionary().positions(word.lower())) + 1


def flesch_reading_ease(text: str) -> tuple[float | None, int, int]:
    """(score, words, sentences). Each list item, heading and paragraph counts as a sentence."""
    sentences = [WORD.findall(part) for part in SENTENCE_END.split(text)]
    sentences = [words for words in sentences if words]
    words = [word for sentence in sentences for word in sentence]
    if not words:
        return None, 0, 0
    score = 206.835 - 1.015 * len(words) / len(sentences) - 84.6 * sum(map(syllables, words)) / len(words)
    return round(score, 1), len(words), len(sentences)


def section_text(section: dict, document: dict) -> str:
    """What the public reads in a section: its partial rendered, tags removed."""
    if section.get("free_text"):
        markup = section.get("html", "")
    else:
        try:
            markup = render_to_string(
                f"notices/includes/_section_{section['key']}.html", {"section": section, "doc": document}
            )
        except TemplateDoesNotExist:
            return ""
    return html.unescape(TAG.sub(" ", BLOCK_END.sub("\n", markup)))


def section_scores(document: dict) -> list[SectionReadability]:
    """A score for every section, for the workspace to show beside each one."""
    scores = []
    for section in document.get("sections", []):
        score, words, sentences = flesch_reading_ease(section_text(section, document))
        scores.append(SectionReadability(section["key"], section.get("title", ""), score, words, sentences))
    return scores


def hard_to_read(ctx: NoticeContext):
    audience = ctx.document.get("notice", {}).get("audience")
    threshold = HARD_FOR_CHILDREN if audience == "children" else HARD
    for result in section_scores(ctx.document):
        if result.key in PORTAL_WORDING:
            continue
        if result.score is not None and result.words >= MIN_WORDS and result.score < threshold:
            yield ctx.finding(
                WARNING, "hard_to_read",
                f"UK GDPR Art 12(1) (clear and plain language): “{result.title}” scores {result.score:.0f} for reading "
                f"ease ({result.band}; aim for {threshold} or more). Use shorter sentences and everyday words.",
                section=result.key,
            )


RULES = [hard_to_read]
