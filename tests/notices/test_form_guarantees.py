"""Forms that keep their promises: red outlines on every kind of box with an error, line endings that do
not leak into what is published, no aria-controls naming nothing, and no button that leads to a refusal."""

import re

import pytest
from django.urls import reverse

from notices import actions
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def _input(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)


def test_it_outlines_email_and_web_address_boxes_with_errors_in_red(officer):
    page = _text(officer.post(reverse("manage:record_create", args=["controllers"]), {
        "name": "Borsetshire Council", "slug": "borsetshire", "website": "not a web address",
        "dpo_email": "not an email address",
    }))
    for name in ("website", "dpo_email"):
        box = _input(page, name)
        assert 'type="' in box and "govuk-input--error" in box, box


def test_it_outlines_a_number_box_with_an_error_in_red(officer):
    page = _text(officer.post(reverse("manage:record_create", args=["retention-rules"]), {
        "record_type": "Case files", "period_number": "thirty-five",
    }))
    box = _input(page, "period_number")
    assert 'type="number"' in box and "govuk-input--error" in box, box


def test_it_leaves_boxes_without_errors_unmarked(officer):
    page = _text(officer.post(reverse("manage:record_create", args=["controllers"]), {
        "name": "", "website": "https://www.borsetshire.example",
    }))
    assert "govuk-input--error" not in _input(page, "website")


def test_it_publishes_text_typed_with_windows_line_endings_with_plain_ones(officer, alice, bob):
    notice = NoticeFactory()
    officer.post(reverse("manage:section_add", args=[notice.pk]), {
        "heading": "CCTV", "body": "We record video.\r\n\r\n- at the door\r\n- in the car park", "placement":
        "why_we_use_it",
    })
    officer.post(reverse("manage:notice_submit", args=[notice.pk]), {"change_summary": "First\r\nversion"})
    publication = actions.version_publish(actor=bob, version=notice.versions.get())
    assert notice.sections.get().body == "We record video.\n\n- at the door\n- in the car park"
    assert "\r" not in str(publication.document)
    assert publication.document["version"]["change_summary"] == "First\nversion"


def test_it_points_every_aria_controls_on_the_export_page_at_an_element(dpo):
    page = _text(dpo.get(reverse("manage:export")))
    controls = re.findall(r'aria-controls="([^"]+)"', page)
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert controls and [target for target in controls if target not in ids] == []


def test_it_offers_new_notice_only_to_those_who_may_start_one(officer, dpo):
    new_notice = reverse("manage:notice_new")
    assert f'href="{new_notice}"' in _text(officer.get(reverse("manage:dashboard")))
    assert f'href="{new_notice}"' not in _text(dpo.get(reverse("manage:dashboard")))
    assert dpo.get(new_notice).status_code == 403  # the link would have led here
