"""The PDF a notice is published as: read back with pdftotext and pikepdf, as a reader's software would."""

import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import override_settings

from notices import actions
from notices.document import build_document, with_version
from notices.pdf import render_pdf
from notices.selectors import today
from tests.factories import full_notice, member

from .pdfs import fonts, open_pdf, outline_titles, pages_text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker, tmp_path_factory):
    """A notice built with factories and published through the real workflow, its stored PDF read back.

    Made once for the module (rendering takes a second) inside a transaction that is rolled back."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), media, transaction.atomic():
        ig = User.objects.create_user("ig-officer", first_name="Alice", last_name="Jones")
        member(ig, role="ig_officer")
        dpo = User.objects.create_user("dpo", first_name="Bob", last_name="Mensah")
        member(dpo, role="dpo")
        notice = full_notice(title="Children's social care privacy notice", slug="childrens-social-care")
        version = notice.versions.get()
        actions.version_submit(actor=ig, version=version, change_summary="First version")
        publication = actions.version_publish(actor=dpo, version=version)
        with publication.pdf.open("rb") as stored:
            pdf = stored.read()
        facts = SimpleNamespace(
            pdf=pdf,
            pages=pages_text(pdf),
            document=publication.document,
            title=notice.title,
            controller=notice.controller.name,
            retention=notice.retention_rules.get().sentence,
            draft_pdf=render_pdf(build_document(notice), draft=True),
        )
        transaction.set_rollback(True)
    return facts


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_it_states_every_section_heading_and_the_key_facts(published):
    text = _flat("\n".join(published.pages))
    for section in published.document["sections"]:
        assert section["title"] in text
    assert "Priya Okafor" in text  # the DPO
    assert published.retention in text  # "Child protection case records: kept for 40 years … then destroyed."
    assert "CaseCloud Inc." in text  # a processor
    assert "information may be accessed in the United States" in text  # its transfer and safeguard
    assert "International Data Transfer Agreement (IDTA)" in text
    assert "CCTV in our family centres" in text  # free text


def test_it_opens_with_a_cover_naming_the_controller_version_date_and_approving_dpo(published):
    cover = _flat(published.pages[0])
    date_label = f"{today().day} {today():%B %Y}"
    assert published.controller in cover
    assert published.title in cover
    assert f"Version 1 · in force from {date_label}" in cover
    assert "Approved by Bob Mensah, Data Protection Officer" in cover
    assert "DRAFT" not in "".join(published.pages)


def test_it_has_a_plausible_number_of_a4_pages(published):
    with open_pdf(published.pdf) as document:
        assert 3 <= len(document.pages) <= 12
        assert [round(float(value)) for value in document.pages[0].mediabox] == [0, 0, 595, 842]


def test_it_puts_the_version_and_page_numbers_in_every_footer(published):
    count = len(published.pages)
    date_label = f"{today().day} {today():%B %Y}"
    for number, page in enumerate(published.pages, start=1):
        assert f"Version 1 · in force from {date_label} · Page {number} of {count}" in _flat(page)


def test_it_repeats_the_title_in_the_header_of_every_page_after_the_cover(published):
    for page in published.pages[1:]:
        assert _flat(page).startswith(published.title)


def test_it_lists_the_contents_with_the_page_each_section_starts_on(published):
    # Page 1 is the cover and the first layer; the contents follow on page 2.
    contents = re.findall(r"^\s*\d+\. (.+?)\s*\.{3,}\s*(\d+)$", published.pages[1], flags=re.MULTILINE)
    assert [title for title, _ in contents] == [section["title"] for section in published.document["sections"]]
    for title, page in contents:
        assert title in _flat(published.pages[int(page) - 1])


def test_it_sets_title_language_author_and_subject(published):
    with open_pdf(published.pdf) as document:
        assert str(document.docinfo["/Title"]) == published.title
        assert str(document.docinfo["/Author"]) == published.controller
        assert "Version 1" in str(document.docinfo["/Subject"])
        assert str(document.Root.Lang) == "en-GB"


def test_it_is_a_tagged_pdf_for_screen_readers(published):
    with open_pdf(published.pdf) as document:
        assert "/StructTreeRoot" in document.Root
        assert bool(document.Root.MarkInfo.Marked) is True
        assert document.open_metadata()["pdfuaid:part"] == "1"  # declares PDF/UA-1


def test_it_bookmarks_the_title_and_every_section(published):
    titles = outline_titles(published.pdf)
    assert titles[0] == published.title
    for section in published.document["sections"]:
        assert section["title"] in titles


def test_it_embeds_liberation_sans(published):
    used = fonts(published.pdf)
    assert used and all(used.values()), used
    assert any("Liberation-Sans" in name for name in used)


def test_it_marks_every_page_of_a_draft_draft(published):
    pages = pages_text(published.draft_pdf)
    assert len(pages) >= 3
    for page in pages:
        assert "DRAFT — NOT PUBLISHED" in page
    assert "Draft — not published" in _flat(pages[0])
    assert "Approved by" not in _flat(pages[0])


def test_it_shows_a_draft_stamped_with_its_number_as_a_draft():
    notice = full_notice()
    document = with_version(build_document(notice), number=4, status="draft")
    cover = _flat(pages_text(render_pdf(document, draft=True))[0])
    assert "Version 4 (draft)" in cover
    assert "Draft — not published · Page 1 of" in cover


def test_it_wraps_a_word_longer_than_the_line_rather_than_cutting_it_off():
    """A long name with no spaces (or an address) would otherwise run off the page and be lost from the PDF."""
    word = "Borsetshire" * 17  # 187 characters, and names hold 200
    notice = full_notice(title=word)
    notice.controller.name = f"{word} Council"
    notice.controller.save()
    code = "curl https://www.borsetshire.example/cctv/recordings?camera=family-centre&days=31 " * 4
    section = notice.sections.get()
    section.body = f"Ask for a recording:\n\n```\n{code}\n```"
    section.save()
    document = with_version(build_document(notice), number=1, status="published", effective_from=today())

    pages = ["".join(page.split()) for page in pages_text(render_pdf(document))]

    # Above the title, as the organisation, and in the first layer's "Who we are".
    assert pages[0].count(f"{word}Council") == 3
    assert pages[0].count(word) == 4
    assert "".join(code.split()) in "".join(pages)
