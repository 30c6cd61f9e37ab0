"""The first layer (issue 13, points 1 and 6): a short summary made from the notice's own sections, at the top of
the notice page, at its own address per version, and on the PDF's first page."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client

from notices import actions
from notices.compare import html_to_text
from notices.document import build_document
from notices.layer import first_layer
from notices.models import Notice
from notices.rendering import render_document_html
from notices.selectors import publication_in_force, today
from tests.factories import NoticeFactory, RetentionRuleFactory, full_notice
from tests.notices.pdfs import pages_text

pytestmark = pytest.mark.django_db

DEMO = ("essex-county-council", "essex-childrens-services", "essex-child-and-family-wellbeing")
TITLES = ["Who we are", "What we collect", "Why we use it", "Who we share it with", "How long we keep it",
          "Your rights", "How to complain"]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _layer_text(parts: list[dict]) -> str:
    return _flat(" ".join(f"{part['title']} {' '.join(part['lines'])}" for part in parts))


def _protected(document: dict) -> list[str]:
    collect = next(s for s in document["sections"] if s["key"] == "what_we_collect")
    return [c["name"] for c in collect["categories"] if c["kind"] in ("special", "criminal")]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Each demo notice's version in force: (its frozen document, its page's bytes, its PDF's pages), read once."""
    with django_db_blocker.unblock():
        from django.conf import settings
        from django.db import transaction

        debug, settings.DEBUG = settings.DEBUG, True
        found = {}
        try:
            with transaction.atomic():
                call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
                for slug in DEMO:
                    publication = publication_in_force(notice=Notice.objects.get(slug=slug))
                    with publication.pdf.open("rb") as stored:
                        pdf = pages_text(stored.read())
                    summary = Client().get(f"/notices/{slug}/summary/")
                    found[slug] = (publication.document, publication.html, pdf, summary)
                transaction.set_rollback(True)
        finally:
            settings.DEBUG = debug
    return found


def test_each_demo_first_layer_is_under_250_words_and_names_every_special_or_criminal_category(demo):
    for slug, (document, html, _, summary) in demo.items():
        parts = first_layer(document)
        text = _layer_text(parts)
        words = len(text.split())
        print(f"FIG {slug}: {words} words: {text}")
        assert words < 250, (slug, words, text)
        protected = _protected(document)
        for name in protected:
            assert name in text, (slug, name)
        titles = [part["title"] for part in parts]
        assert titles == [title for title in TITLES if title in titles] and len(titles) >= 3, slug
        # On the notice page, before the contents, each part linking to its section.
        page = html_to_text(html)
        assert page.index("This notice in brief") < page.index("Contents"), slug
        for part in parts:
            assert f'href="#{part["key"]}"' in html and f'id="{part["key"]}"' in html, (slug, part["key"])
        assert summary.status_code == 200
        assert f'href="/notices/{slug}/#how_to_complain"' in summary.content.decode()


def test_the_purposes_are_in_the_officers_order(demo):
    for slug, (document, *_) in demo.items():
        why = next(s for s in document["sections"] if s["key"] == "why_we_use_it")
        line = next(p for p in first_layer(document) if p["key"] == "why_we_use_it")["lines"][0]
        named = [p["name"] for p in why["purposes"] if p["name"] in line]
        assert named == sorted(named, key=line.index), slug
        assert why["purposes"][0]["name"] in line, slug


def test_each_demo_pdf_reads_the_first_layer_on_page_one_in_reading_order(demo):
    for slug, (document, _, pdf, _) in demo.items():
        page_one = _flat(pdf[0])
        assert "This notice in brief" in page_one, slug
        at = 0
        for part in first_layer(document):
            for piece in (part["title"], *part["lines"]):
                # Every word in order: a line may wrap, but nothing is garbled or out of order.
                for word in _flat(piece).split():
                    found = page_one.find(word, at)
                    assert found >= 0, (slug, piece, word, page_one[at:at + 200])
                    at = found + len(word)


def test_a_notice_with_no_recipients_says_nothing_about_sharing():
    notice = NoticeFactory()
    parts = first_layer(build_document(notice))

    assert "who_we_share_with" not in [part["key"] for part in parts]
    text = html_to_text(render_document_html(build_document(notice)))
    assert "Who we share it with" not in text


def test_it_names_the_shortest_and_longest_periods_and_one_rule_by_its_own_sentence():
    notice = NoticeFactory(retention_rules=[
        RetentionRuleFactory(record_type="Visitor logs", period_number=6, period_unit="months"),
        RetentionRuleFactory(record_type="Adoption records", period_number=100, period_unit="years"),
        RetentionRuleFactory(record_type="Case notes", period_number=7, period_unit="years"),
    ])
    assert _part(notice, "how_long_we_keep_it") == ["From 6 months to 100 years, depending on the kind of record."]

    single = NoticeFactory()
    assert _part(single, "how_long_we_keep_it") == [single.retention_rules.get().sentence]


def _part(notice, key: str) -> list[str]:
    return next(part for part in first_layer(build_document(notice)) if part["key"] == key)["lines"]


def test_it_names_the_special_category_data_and_the_processor_of_a_full_notice():
    text = _layer_text(first_layer(build_document(full_notice())))
    assert "Special category data: Health information." in text
    assert "NHS Borsetshire Integrated Care Board" in text


def test_the_summary_serves_only_published_versions(client, alice, publish):
    notice = NoticeFactory(slug="young-carers", title="Young Carers privacy notice")
    assert client.get("/notices/young-carers/summary/").status_code == 404  # a draft
    publish(notice)
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={})
    publish(notice, summary="Scheduled", effective_from=today() + dt.timedelta(days=7))

    assert client.get("/notices/young-carers/summary/").status_code == 200
    assert client.get("/notices/young-carers/v1/summary/").status_code == 200
    assert client.get("/notices/young-carers/v2/summary/").status_code == 404  # scheduled
    assert client.get("/notices/young-carers/v3/summary/").status_code == 404
    assert client.get("/notices/no-such-notice/summary/").status_code == 404
    other = NoticeFactory(slug="other")
    publish(other)
    assert client.get("/notices/other/v2/summary/").status_code == 404  # another slug's version number

    page = client.get("/notices/young-carers/v1/summary/").content.decode()
    # The numbered summary links to its own version, not the one in force.
    assert 'href="/notices/young-carers/v1/#who_we_are"' in page and "This address always shows this version" in page


def test_the_officers_summary_opens_the_notice_once_before_the_first_layer(client, publish):
    notice = full_notice(slug="young-carers", summary="How we support young carers in Borsetshire.")
    publish(notice)

    page = client.get("/notices/young-carers/").content.decode()

    # One summary of the notice, not two: the officers' words lead, the generated layer follows.
    assert page.count("How we support young carers in Borsetshire.") == 1
    assert ">Summary</h2>" not in page
    assert page.index("How we support young carers in Borsetshire.") < page.index("This notice in brief")
