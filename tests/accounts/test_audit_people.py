"""One audit trail for people: register edits (who, which record, which fields), notice working-copy
edits, workflow steps and sign-ins in one list, filtered by person, action and date, and as CSV."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.actions import audit_record
from accounts.models import AuditEvent
from notices import actions as notice_actions
from services import actions as register_actions
from services.models import Recipient
from tests.factories import NoticeFactory, RecipientFactory, default_organisation

pytestmark = pytest.mark.django_db

AUDIT = reverse("accounts:audit_list")
CSV = reverse("accounts:audit_csv")


def _text(response) -> str:
    return response.content.decode()


def test_it_lists_a_register_edit_with_who_which_record_and_which_fields(sign_in, alice, bob):
    police = RecipientFactory(name="Borsetshire Police", why_shared="Crime")
    register_actions.record_update(actor=alice, record=police, lock_version=police.lock_version,
                                   fields={"name": "Borsetshire Police", "why_shared": "Crime and safeguarding"})
    event = AuditEvent.objects.get(action="record_updated")
    assert (event.actor_username, event.object_repr) == ("alice", "Recipient: Borsetshire Police")
    assert event.detail["fields"] == ["why_shared"] and event.detail["record_id"] == police.pk
    page = _text(sign_in(bob).get(AUDIT))
    assert "Record updated" in page and "Recipient: Borsetshire Police" in page and "why_shared" in page


def test_it_lists_register_creates_and_retirements(alice):
    record = register_actions.record_create(actor=alice, model=Recipient, fields={"name": "Ofsted"},
                                            organisation=default_organisation())
    register_actions.record_retire(actor=alice, record=record, lock_version=record.lock_version)
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "record_created", "record_retired",
    ]


def test_it_lists_working_copy_edits_beside_workflow_steps(sign_in, alice, bob):
    notice = NoticeFactory(title="Family hubs")
    notice_actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version,
                                 fields={"summary": "We run family hubs."})
    notice_actions.notice_section_add(actor=alice, notice=notice, heading="CCTV", body="Cameras.")
    notice_actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="First")
    response = sign_in(bob).get(AUDIT)
    page = _text(response)
    assert [e.action_label for e in response.context["page"].object_list if e.action.startswith("notice_")] == [
        "Notice submitted", "Notice edited", "Notice edited",
    ]
    assert "about the notice and its records: summary" in page and "section “CCTV” added" in page


def test_it_filters_by_person_action_and_date(sign_in, alice, bob):
    audit_record(actor=alice, action="sign_in", target="alice")
    audit_record(actor=bob, action="sign_in", target="bob")
    audit_record(actor=alice, action="notice_edited", target="Family hubs")
    client = sign_in(bob)
    today = timezone.localdate()
    by_alice = client.get(AUDIT, {"person": "alice"}).context["page"].object_list
    assert {event.actor_username for event in by_alice} == {"alice"}
    signed_in = client.get(AUDIT, {"person": "alice", "action": "sign_in"}).context["page"].object_list
    assert [event.object_repr for event in signed_in] == ["alice"]
    on_the_day = client.get(AUDIT, {"since": today.isoformat(), "until": today.isoformat()}).context["page"]
    assert on_the_day.paginator.count == AuditEvent.objects.count()
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    assert client.get(AUDIT, {"until": yesterday}).context["page"].paginator.count == 0


def test_it_explains_a_date_range_that_ends_before_it_starts(sign_in, bob):
    page = _text(sign_in(bob).get(AUDIT, {"since": "2026-03-02", "until": "2026-03-01"}))
    assert "The last day must be the same as or after the first day" in page


def test_it_exports_the_filtered_trail_as_csv(sign_in, alice, bob):
    audit_record(actor=alice, action="notice_edited", target="Family hubs", detail={"fields": ["summary"]})
    audit_record(actor=bob, action="sign_in")
    response = sign_in(bob).get(CSV, {"person": "alice"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["who"], row["action"], row["object"], row["fields"]) for row in rows] == [
        ("alice", "notice_edited", "Family hubs", "summary"),
    ]


def test_it_keeps_a_formula_typed_into_a_record_as_text_in_the_csv(sign_in, alice, bob):
    audit_record(actor=alice, action="record_created", target="=HYPERLINK(\"https://evil.example\")")
    content = b"".join(sign_in(bob).get(CSV, {"action": "record_created"}).streaming_content).decode()
    row = next(csv.DictReader(io.StringIO(content)))
    assert row["object"] == "'=HYPERLINK(\"https://evil.example\")"


def test_it_links_the_csv_download_with_the_filters_chosen(sign_in, bob):
    page = _text(sign_in(bob).get(AUDIT, {"person": "bob", "action": "sign_in"}))
    assert f'href="{CSV}?person=bob&amp;action=sign_in"' in page


@pytest.mark.parametrize("persona", ["alice", "dave"])
def test_it_refuses_the_csv_to_anyone_but_the_dpo(sign_in, request, persona):
    assert sign_in(request.getfixturevalue(persona)).get(CSV).status_code == 403
