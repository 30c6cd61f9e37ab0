"""How to complain names its own contact (or the DPO), and free text cannot repeat a section every notice has."""

import pytest
from django.urls import reverse

from notices.compare import html_to_text
from notices.compliance import check_notice
from notices.document import build_document
from notices.forms import SectionForm
from notices.rendering import render_document_html
from tests.factories import ControllerFactory, NoticeFactory, NoticeSectionFactory

pytestmark = pytest.mark.django_db


def _complaints(notice) -> str:
    text = " ".join(html_to_text(render_document_html(build_document(notice))).split())
    return text[text.index("How to complain If"):]


def test_it_names_the_complaints_contact_then_falls_back_to_the_dpo_never_the_rights_instructions():
    controller = ControllerFactory(complaints_contact="Use our complaints form at https://example.org/complain",
                                   dpo_email="dpo@example.org", rights_request_instructions="Ask for your records.")
    assert "please tell us first. Use our complaints form at https://example.org/complain" in _complaints(
        NoticeFactory(controller=controller))
    controller.complaints_contact = ""
    controller.save()
    text = _complaints(NoticeFactory(controller=controller))
    assert "please tell us first. dpo@example.org" in text
    assert "Ask for your records." not in text
    assert text.count("Helpline:") == 1  # the ICO's details, once


@pytest.mark.parametrize("heading", ["Who we are", "who we are?", "How to complain", "Your rights:"])
def test_it_refuses_a_free_text_heading_that_repeats_a_generated_section(heading):
    form = SectionForm(data={"heading": heading, "body": "Text", "placement": "why_we_use_it"})
    assert not form.is_valid()
    message = form.errors["heading"][0]
    assert message.startswith("Every notice already has a section called “")
    assert "written from" in message and "give this text a heading of its own" in message


def test_it_says_where_the_who_we_are_content_comes_from(officer):
    notice = NoticeFactory()
    response = officer.post(reverse("manage:section_add", args=[notice.pk]),
                            {"heading": "Who we are", "body": "We are the council.", "placement": "who_we_are"})
    page = response.content.decode()
    assert "written from the controller&#x27;s record (name, registration, DPO)" in page
    assert not notice.sections.exists()


def test_it_accepts_a_heading_of_its_own():
    form = SectionForm(data={"heading": "CCTV", "body": "Text", "placement": "why_we_use_it"})
    assert form.is_valid()


def test_it_warns_when_free_text_gives_the_ico_again():
    notice = NoticeFactory()
    NoticeSectionFactory(notice=notice, heading="Complaints", body="You can complain to the ICO at ico.org.uk.")
    finding = next(f for f in check_notice(notice) if f.code == "ico_repeated")
    assert finding.severity == "warning" and finding.record_name == "Complaints"
