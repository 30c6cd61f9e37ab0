"""Two voices for a condition (issue 12 point 8): each Art 9 condition, Sch 1 condition and criminal offence data
route a notice relies on is said once, in a plain sentence from the reference data, with the purposes that rely on
it; the articles and paragraphs follow in a compact line; the staff notes stay in the JSON."""

import re

import pytest
from django.core.management import call_command

from notices.compare import html_to_text
from notices.compliance.readability import flesch_reading_ease
from notices.document import build_document
from notices.models import Notice
from notices.selectors import publication_in_force
from services.models import LawfulBasis
from tests.factories import NoticeFactory, PurposeFactory, basis
from tests.notices.pdfs import pages_text

pytestmark = pytest.mark.django_db

# What the public must never read: the staff-only notes and the bare legal restriction the reference data holds.
NEVER_PUBLIC = ["Not available to public authorities", "Wording amended by DUAA", "DUAA 2025", "ICO lists",
                "APD required", "(interpretation)", "content of amendment not checked"]
INTRODUCTIONS = [
    "The law gives more protection to some private details, such as your health, race or religion.",
    "The law also gives more protection to details about crimes, including crimes someone is said to have done "
    "and court cases.",
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _why(document: dict) -> dict:
    return next(section for section in document["sections"] if section["key"] == "why_we_use_it")


def _conditions(document: dict) -> list[dict]:
    why = _why(document)
    return why["special_conditions"] + why["criminal_conditions"]


def _staff_notes(document: dict) -> set[str]:
    refs = [p[name] for p in _why(document)["purposes"] for name in ("art6", "art9", "sch1", "criminal") if p[name]]
    return {ref["plain_english"] for ref in refs if ref["plain_english"] != ref["public_sentence"]}


def _public_text(client, slug: str) -> str:
    response = client.get(f"/notices/{slug}/")
    assert response.status_code == 200
    return _flat(html_to_text(response.content.decode()))


def test_each_demo_notice_says_each_condition_once_with_its_purposes_on_the_page_and_in_the_pdf(client, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    seen = 0
    for notice in Notice.objects.all():
        publication = publication_in_force(notice=notice)
        if publication is None:
            continue
        document = publication.document
        page = _public_text(client, notice.slug)
        with publication.pdf.open("rb") as stored:
            pdf = _flat(" ".join(pages_text(stored.read())))
        for condition in _conditions(document):
            seen += 1
            assert condition["sentence"], (notice.slug, condition["codes"])
            purposes = f"We rely on this for: {'; '.join(condition['purposes'])}."
            legal = f"Legal basis: {condition['legal']}"
            for text in (page, pdf):
                assert text.count(condition["sentence"]) == 1, (notice.slug, condition["sentence"])
                assert purposes in text and legal in text, (notice.slug, condition["codes"])
        # The legal detail is in the JSON: the compact line, and every reference's article and notes.
        assert all(re.search(r"Art (9|10)", c["legal"]) for c in _conditions(document))
        for note in _staff_notes(document):
            assert note not in page and note not in pdf, (notice.slug, note)
        for words in NEVER_PUBLIC:
            assert words not in page and words not in pdf, (notice.slug, words)
    # Seed 001 (health, employment, vital interests, public health, research, explicit consent) and seed 002
    # (safeguarding, health, and criminal offence data under official authority) between them.
    assert seen >= 9


def test_a_sch1_condition_speaks_for_its_art9_condition_and_the_json_keeps_the_legal_detail():
    health = dict(art9_condition=basis("art9_2_h"), sch1_condition=basis("sch1_p1_2"))
    notice = NoticeFactory(purposes=[
        PurposeFactory(name="Giving you care", **health),
        PurposeFactory(name="Running the service", **health),
        PurposeFactory(name="Keeping children safe", art9_condition=basis("art9_2_g"),
                       sch1_condition=basis("sch1_p2_18"), criminal_condition=basis("sch1_p2_18")),
        PurposeFactory(name="Emergencies", art9_condition=basis("art9_2_c")),
    ])
    document = build_document(notice)
    why = _why(document)
    special = {tuple(c["codes"]): c for c in why["special_conditions"]}
    assert special[("art9_2_h", "sch1_p1_2")]["purposes"] == ["Giving you care", "Running the service"]
    assert special[("art9_2_h", "sch1_p1_2")]["legal"] == "UK GDPR Art 9(2)(h); DPA 2018 Sch 1 para 2"
    assert special[("art9_2_h", "sch1_p1_2")]["sentence"] == LawfulBasis.objects.get(code="sch1_p1_2").public_sentence
    assert special[("art9_2_c",)]["legal"] == "UK GDPR Art 9(2)(c)"
    # A Sch 1 condition used for criminal offence data is named with Art 10, under its own heading.
    assert why["criminal_conditions"][0]["legal"] == "UK GDPR Art 10; DPA 2018 Sch 1 para 18"
    care = next(p for p in why["purposes"] if p["name"] == "Giving you care")
    assert "Art 9(3)" in care["sch1"]["plain_english"]  # the staff detail stays in the JSON
    html = _flat(html_to_text(_render(document)))
    assert html.count(special[("art9_2_h", "sch1_p1_2")]["sentence"]) == 1
    assert "Art 9(3)" not in html
    assert all(intro in html for intro in INTRODUCTIONS)


def test_a_public_authority_relying_on_legitimate_interests_never_shows_the_bare_restriction(client, publish):
    notice = NoticeFactory(controller__is_public_authority=True, purposes=[
        PurposeFactory(name="Staff car park", art6_basis=basis("art6_1_f"), legitimate_interests="Parking."),
        PurposeFactory(name="Emergency planning", art6_basis=basis("art6_1_ea")),
    ])
    publish(notice)
    page = _public_text(client, notice.slug)
    assert page.count(LawfulBasis.objects.get(code="art6_1_f").public_sentence_public_authority) == 2
    assert "Not available to public authorities" not in page
    assert "Not available to public authorities" in LawfulBasis.objects.get(code="art6_1_f").plain_english


def test_every_public_sentence_of_a_condition_is_plain_english():
    sentences = {b.code: b.public_sentence for b in LawfulBasis.objects.exclude(kind=LawfulBasis.Kind.ART6)}
    assert len(sentences) == 48 and all(sentences.values())
    for code, sentence in [*sentences.items(), *(("introduction", s) for s in INTRODUCTIONS)]:
        assert flesch_reading_ease(sentence)[0] >= 60, (code, sentence)
        assert not any(words in sentence for words in NEVER_PUBLIC), code


def _render(document: dict) -> str:
    from django.template.loader import render_to_string

    return render_to_string("notices/includes/_section_why_we_use_it.html", {"section": _why(document)})
