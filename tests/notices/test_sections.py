"""The document's shape is declared once (notices.sections); these tests hold the rest of the code to it."""

import pytest
from django.apps import apps
from django.template.loader import get_template

from notices.document import build_document
from notices.models import Notice
from notices.sections import SECTIONS, all_records, builder_pages, restorable
from tests.factories import NoticeFactory, RecipientFactory, SourceFactory


def test_it_has_a_partial_for_every_section():
    for section in SECTIONS:
        assert get_template(f"notices/includes/_section_{section.key}.html")


def test_each_record_list_names_the_model_its_lookup_reaches():
    for _, records in all_records():
        model = Notice
        for step in records.lookup.split("__"):
            model = model._meta.get_field(step).related_model
        assert model is apps.get_model(records.model), records


def test_the_builder_has_a_page_for_every_relation_an_officer_chooses_and_restore_covers_them():
    chosen = {relation for relation, _ in builder_pages().values()}
    assert chosen == set(Notice.RECORD_RELATIONS)
    assert chosen | {"services"} == {relation for _, _, relation in restorable()}


@pytest.mark.django_db
def test_the_document_has_the_sections_in_the_declared_order_with_their_record_lists():
    notice = NoticeFactory()
    notice.recipients.add(RecipientFactory())
    notice.sources.add(SourceFactory())
    document = build_document(notice)
    assert [(s["key"], s["title"]) for s in document["sections"]] == [(s.key, s.title) for s in SECTIONS]
    by_key = {s["key"]: s for s in document["sections"]}
    for section, records in all_records():
        if records.is_direct:
            assert isinstance(by_key[section.key][records.field], list), records.field
