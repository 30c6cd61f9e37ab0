"""Plain English: a Flesch reading ease score per section, and a warning where the public would struggle."""

import pytest

from notices.compliance import section_scores
from notices.compliance.readability import flesch_reading_ease, syllables
from tests.factories import NoticeFactory, NoticeSectionFactory

from .compliance_helpers import document, findings

pytestmark = pytest.mark.django_db

PLAIN = (
    "We use your name and address to send you letters. We keep your notes safe. We only share them when the "
    "law says we must. You can ask to see them at any time. Just email us or call us. We will reply within a "
    "month. We will not charge you for this."
)
LEGALESE = (
    "The controller, notwithstanding any contractual obligations incumbent upon associated organisational "
    "entities, shall, in accordance with applicable statutory provisions and pursuant to the aforementioned "
    "legislative requirements, undertake the processing of personal information necessitated by the "
    "administration of governmental responsibilities, including the determination of eligibility for "
    "discretionary entitlements and the investigation of irregularities."
)


def test_it_counts_syllables_offline_with_pyphen():
    assert [syllables(word) for word in ("we", "letter", "information", "safeguard")] == [1, 2, 4, 2]


def test_it_scores_plain_english_high_and_legalese_low():
    plain, words, sentences = flesch_reading_ease(PLAIN)
    hard, _, _ = flesch_reading_ease(LEGALESE)
    assert (words, sentences) == (53, 7)
    assert plain > 80
    assert hard < 0
    assert flesch_reading_ease("") == (None, 0, 0)


def test_it_gives_every_section_a_score():
    notice = NoticeFactory()
    text = NoticeSectionFactory(notice=notice, body=PLAIN)
    scores = {score.key: score for score in section_scores(document(notice))}
    assert set(scores) >= {"who_we_are", "why_we_use_it", "your_rights", f"text-{text.pk}"}
    assert scores[f"text-{text.pk}"].band == "easy"
    assert all(score.score is not None for score in scores.values())


def test_it_warns_where_a_section_is_hard_for_the_public_to_read():
    notice = NoticeFactory()
    hard = NoticeSectionFactory(notice=notice, heading="Our obligations", body=LEGALESE)
    NoticeSectionFactory(notice=notice, heading="Seeing your notes", body=PLAIN)
    (finding,) = findings(notice, "hard_to_read")
    assert finding.severity == "warning"
    assert finding.section == f"text-{hard.pk}"
    assert finding.rule.startswith("UK GDPR Art 12(1) (clear and plain language): “Our obligations” scores")


def test_it_asks_more_of_a_notice_for_children():
    fairly_hard = (
        "We collect information about your health and your education so that we can arrange support that suits "
        "you. Sometimes we share it with your school or your doctor, but only when that helps you. Professionals "
        "working with your family may also see the notes we make about your visits and what you told us."
    )
    score, words, _ = flesch_reading_ease(fairly_hard)
    assert 50 <= score < 60 and words >= 40
    for_adults = NoticeFactory()
    NoticeSectionFactory(notice=for_adults, body=fairly_hard)
    for_children = NoticeFactory(audience="children")
    NoticeSectionFactory(notice=for_children, body=fairly_hard)
    assert not findings(for_adults, "hard_to_read")
    assert len(findings(for_children, "hard_to_read")) == 1
