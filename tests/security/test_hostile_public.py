"""Hostile text taken through the whole pipeline to what the public gets, and the public search.

Register records (names, descriptions), a notice's title and summary and a free-text section (Markdown with
raw HTML, javascript: links, images with onerror, autolinks) carry hostile strings; the notice is published
through the real workflow, version after version. Then no public page of it (the notice, its versions, each
version, the version in force on a day, the comparison, the search) may be a server error or carry active
content; the JSON is served as JSON, with no active content in its HTML; and the stored PDFs, as downloaded,
hold no scripts, actions, embedded files or links other than http(s), mailto: and tel:, while the hostile
text is in them as text. The strings and checks are in tests/security/hostile.py.
"""

import io
import json
import re
import unicodedata
from xml.etree import ElementTree

import pikepdf
import pytest
from django.db import transaction
from django.test import Client
from hypothesis import example, given

from notices import actions, frozen
from notices.feeds import xml_text
from notices.models import Notice, NoticeSection
from notices.selectors import today
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    DataSubjectGroupFactory,
    LegalHoldFactory,
    NoticeFactory,
    PurposeFactory,
    RecipientFactory,
    RetentionRuleFactory,
    ServiceFactory,
    SourceFactory,
)
from tests.html_safety import active_content, odd_links
from tests.notices import pdfs

from .hostile import (
    ACCEPTED,
    EXAMPLES_RUN,
    FAMILIES,
    HUGE_NUMBERS,
    MARKDOWN_FAMILIES,
    accepted,
    assert_harmless,
    assert_input_holds,
    assert_shown,
    examples,
    hostile_markdown,
    hostile_text,
    with_families,
)

pytestmark = pytest.mark.django_db

# Each example publishes a version, so renders a PDF (half a second; more for very long text).
PIPELINE_EXAMPLES = 10
SEARCH_EXAMPLES = 30
# What gets past the forms: they refuse NUL with a message (tested in test_hostile_workspace.py) and blank
# text, so neither is written here.
pipeline_text = hostile_text.map(accepted).filter(bool)
pipeline_markdown = hostile_markdown.map(accepted).filter(bool)
# Right-to-left text is drawn in visual order, which pdftotext does not undo.
BIDI_CLASSES = {"R", "AL", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI", "PDF", "FSI", "PDI"}


def _fit(model, field: str, text: str) -> str:
    limit = model._meta.get_field(field).max_length
    return text[:limit] if limit else text


def _make(factory, text: str, serial: int, *, unique=(), texts=(), **fields):
    """A register record with the hostile text in `texts` and `unique` fields (the latter numbered, as the
    register's names are unique)."""
    model = factory._meta.model
    values = {name: _fit(model, name, f"{text[:150]} #{serial}") for name in unique}
    values |= {name: _fit(model, name, text) for name in texts}
    return factory(**values, **fields)


def _hostile_records(text: str, serial: int) -> dict:
    """New register records whose names and descriptions carry the hostile text: the notice's fields."""
    controller = _make(ControllerFactory, text, serial, unique=["name"], texts=[
        "other_names", "registered_office", "dpo_name", "dpo_address", "rights_request_instructions"])
    purpose = _make(PurposeFactory, text, serial, unique=["name"], texts=["description"])
    purpose.data_categories.add(_make(DataCategoryFactory, text, serial, unique=["name"], texts=["description"]))
    purpose.subject_groups.add(_make(DataSubjectGroupFactory, text, serial, unique=["name"], texts=["description"]))
    return {
        "controller": controller,
        "purposes": [purpose],
        "retention_rules": [_make(RetentionRuleFactory, text, serial, unique=["record_type"],
                                  texts=["trigger", "authority"])],
        "legal_holds": [_make(LegalHoldFactory, text, serial, unique=["name"], texts=["description", "imposed_by"])],
        "services": [_make(ServiceFactory, text, serial, unique=["name"], texts=["description"],
                           controller=controller)],
        "sources": [_make(SourceFactory, text, serial, unique=["name"], texts=["description"])],
        "recipients": [_make(RecipientFactory, text, serial, unique=["name"], texts=["why_shared", "what_is_shared"])],
    }


def _publish_hostile_version(notice: Notice, text: str, body: str, serial: int, *, ig_officer, dpo):
    """A new version of the notice in which everything it says carries the hostile text, published."""
    actions.version_start_draft(actor=ig_officer, notice=notice)
    relations = _hostile_records(text, serial)
    fields = {"title": _fit(Notice, "title", text), "summary": text, "controller": relations.pop("controller")}
    actions.notice_update(actor=ig_officer, notice=notice, lock_version=notice.lock_version, fields=fields,
                          relations=relations)
    section = notice.sections.get()
    actions.notice_section_update(actor=ig_officer, section=section, lock_version=section.lock_version,
                                  heading=_fit(NoticeSection, "heading", text),
                                  body=body, placement=section.placement)
    version = notice.versions.get(status="draft")
    actions.version_submit(actor=ig_officer, version=version, change_summary=text)
    # Hostile text can trip the compliance checks (a readability score, say); they are not this test's concern.
    return actions.version_publish(actor=dpo, version=version, override_reason="Hostile-input test")


def _pdf_text_parts(text: str) -> list[str]:
    """What of a text the PDF must show as text: its runs of printable ASCII (the PDF's fonts do not draw
    every script), unless it holds right-to-left text."""
    if any(unicodedata.bidirectional(char) in BIDI_CLASSES for char in text):
        return []
    return re.findall(r"[!-~]+", text)


def _assert_pdf_harmless(response, *shown: str) -> None:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert pdfs.active_content(pdf) == []
    text = "".join("".join(pdfs.pages_text(pdf)).split())
    for part in (part for value in shown for part in _pdf_text_parts(value)):
        assert part in text, f"not in the PDF as text: {part[:120]!r}"


def _assert_json_harmless(response, title: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    document = json.loads(response.content)
    assert document["notice"]["title"] == title
    for section in document["sections"]:
        if "html" in section:
            assert active_content(section["html"]) == []
            assert odd_links(section["html"]) == []


def _assert_feed_harmless(response, title: str, change_summary: str) -> None:
    """The feed is well-formed XML whatever the text; its titles are that text, and the HTML of its summaries
    runs nothing."""
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{atom}entry")
    assert entries[0].findtext(f"{atom}title") == xml_text(f"{title}: version 3")
    for entry in entries:
        assert active_content(entry.findtext(f"{atom}summary")) == []
    if xml_text(change_summary).strip():
        assert_shown(entries[0].findtext(f"{atom}summary"), xml_text(change_summary))


def _public_pages(slug: str, number: int) -> list[str]:
    """The notice's public pages: the one in force, the list of versions, this version and the one before
    it, the version in force today, and the comparison of the two."""
    day = today()
    return [
        f"/notices/{slug}/", f"/notices/{slug}/versions/", f"/notices/{slug}/v{number}/",
        f"/notices/{slug}/v{number - 1}/", f"/notices/{slug}/on/{day.year}-{day.month}-{day.day}/",
        f"/notices/{slug}/compare/{number - 1}...{number}/", f"/notices/{slug}/summary/",
        f"/notices/{slug}/v{number}/summary/", f"/notices/{slug}/embed/",
    ]


def _pipeline_examples(test):
    """One explicit example per family: each text family beside a Markdown family, in turn."""
    markdown = list(MARKDOWN_FAMILIES.values())
    texts = [text for text in FAMILIES.values() if "\x00" not in text]  # the forms refuse NUL
    for index, text in enumerate(texts):
        test = example(text=text, body=markdown[index % len(markdown)])(test)
    return test


def test_it_publishes_hostile_text_as_text_on_every_public_page_and_in_the_pdf(alice, bob, publish):
    """Version 1 is plain, version 2 hostile; each example publishes a hostile version 3 (and then takes it
    back, so one failure cannot spoil the next), so the comparison is between two hostile versions."""
    client = Client()
    notice = NoticeFactory()
    NoticeSection.objects.create(notice=notice, heading="CCTV", body="We record video.", placement="why_we_use_it")
    publish(notice)
    _publish_hostile_version(notice, FAMILIES["script tag"], MARKDOWN_FAMILIES["javascript: link"], 0,
                             ig_officer=alice, dpo=bob)

    @examples(PIPELINE_EXAMPLES, shrink=False)
    @given(text=pipeline_text, body=pipeline_markdown)
    @_pipeline_examples
    def attempt(text, body):
        group = "public pages and PDF (published records, notice, free text)"
        EXAMPLES_RUN[group] += 1
        # Each example's version 3 is rolled back, which a real publication never is: the process's memory
        # of frozen pages (a published version never changes) would serve the previous example's v3.
        frozen.forget()
        with transaction.atomic():
            notice.refresh_from_db()
            publication = _publish_hostile_version(notice, text, body, EXAMPLES_RUN[group], ig_officer=alice,
                                                   dpo=bob)
            ACCEPTED[group] += 1
            _assert_published_harmless(client, Notice.objects.get(pk=notice.pk), publication, text)
            transaction.set_rollback(True)
        # The rollback unpublishes version 3, which a live portal never does; the next example's version 3
        # is new bytes at the same address, so this process must forget the pages it served.
        frozen.forget()

    attempt()


def _assert_published_harmless(client, notice: Notice, publication, text: str) -> None:
    number, heading = publication.version.number, notice.sections.get().heading
    pages = {url: assert_harmless(client.get(url)) for url in _public_pages(notice.slug, number)}
    for url in (f"/notices/{notice.slug}/", f"/notices/{notice.slug}/v{number}/"):
        for shown in (notice.title, notice.controller.name, heading, notice.recipients.get().name):
            assert_shown(pages[url], shown)
    for url in (f"/notices/{notice.slug}/summary/", f"/notices/{notice.slug}/v{number}/summary/"):
        for shown in (notice.title, notice.controller.name, notice.recipients.get().name):  # the first layer
            assert_shown(pages[url], shown)
    assert_shown(pages[f"/notices/{notice.slug}/versions/"], text)  # the summary of changes
    search = assert_harmless(client.get("/", {"q": notice.title}))
    assert_shown(search, notice.title)
    _assert_json_harmless(client.get(f"/notices/{notice.slug}/v{number}.json"), notice.title)
    _assert_json_harmless(client.get(f"/api/v1/notices/{notice.slug}/v{number}.json"), notice.title)
    _assert_feed_harmless(client.get(f"/notices/{notice.slug}/feed.atom"), notice.title, text)
    _assert_pdf_harmless(client.get(f"/notices/{notice.slug}/v{number}.pdf"), notice.title, heading,
                         notice.controller.name)
    _assert_pdf_harmless(client.get(f"/notices/{notice.slug}/pdf"), notice.title)


def test_the_pdf_checker_finds_scripts_actions_and_dangerous_links():
    """The check above would catch what it looks for: a PDF that runs a script when opened and links to
    javascript: (made here with pikepdf; WeasyPrint never writes either)."""
    document = pikepdf.new()
    document.add_blank_page()
    document.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("javascript:alert(1)")),
    )
    document.pages[0].Annots = document.make_indirect(pikepdf.Array([link]))
    with io.BytesIO() as out:
        document.save(out)
        pdf = out.getvalue()

    assert sorted(pdfs.active_content(pdf)) == ["/JS", "/JavaScript", "/OpenAction", "link to javascript:alert(1)"]


SEARCH_FAMILIES = {
    **FAMILIES,
    "10,000 characters": "<script>alert(1)</script>" * 400,
    "right-to-left override": "\u202e<script>alert(1)</script>\u202c",
    "NUL alone": "\x00",
}


@examples(SEARCH_EXAMPLES)
@given(query=hostile_text)
@with_families("query", families=SEARCH_FAMILIES)
def test_it_shows_a_hostile_search_back_as_text(query, db):
    EXAMPLES_RUN["public search"] += 1

    response = Client().get("/", {"q": query})

    body = assert_harmless(response)
    if "\x00" in query:
        assert response.status_code == 400
    else:
        assert response.status_code == 200
        shown = query.strip()[:200]
        assert_input_holds(body, "q", shown)
        if shown:
            assert_shown(body, f"No notices match “{shown}”")


def _huge_number_addresses(slug: str, n: str) -> list[str]:
    return [
        f"/notices/{slug}/on/{n}-01-01/", f"/notices/{slug}/on/2024-{n}-01/", f"/notices/{slug}/on/2024-01-{n}/",
        f"/notices/{slug}/v{n}/", f"/notices/{slug}/v{n}.json", f"/notices/{slug}/v{n}.pdf",
        f"/api/v1/notices/{slug}/v{n}.json",
        f"/notices/{slug}/compare/{n}...1/", f"/notices/{slug}/compare/1...{n}/",
        f"/notices/{slug}/versions/?day={n}&month={n}&year={n}",
    ]


@pytest.mark.parametrize("number", HUGE_NUMBERS)
def test_it_answers_addresses_with_huge_numbers_without_a_server_error(publish, number):
    EXAMPLES_RUN["public addresses with huge numbers"] += 1
    notice = NoticeFactory(slug="family-hubs")
    publish(notice)
    client = Client()
    for url in _huge_number_addresses(notice.slug, number):
        response = client.get(url)
        assert_harmless(response)
        assert response.status_code in (200, 302, 400, 404), (url, response.status_code)
