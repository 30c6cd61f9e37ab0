"""Versions move draft → in review → published → superseded; each move checks role and state and is audited."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from notices import actions
from notices.models import NoticeVersion, Publication, WorkflowEvent
from notices.selectors import publication_in_force, today
from tests.factories import ControllerFactory, NoticeFactory, default_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(db):
    return NoticeFactory()  # with one purpose and a retention rule: nothing blocks publishing


def _draft(notice):
    return notice.versions.get(status="draft")


def test_it_creates_a_notice_with_draft_version_1_and_an_audit_row(alice):
    notice = actions.notice_create(actor=alice, organisation=default_organisation(), title="Youth service",
                                   slug="youth", controller=ControllerFactory())
    version = notice.versions.get()
    assert (version.number, version.status) == (1, "draft")
    assert WorkflowEvent.objects.get().action == "created"


def test_it_refuses_notice_creation_to_a_dpo_without_the_ig_role(bob):
    with pytest.raises(PermissionDenied, match="Only IG officers of Borsetshire County Council can create notices"):
        actions.notice_create(actor=bob, organisation=default_organisation(), title="x", slug="x",
                              controller=ControllerFactory())


def test_it_submits_a_draft_freezing_the_document_for_review(alice, notice):
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="First version")
    assert version.status == "in_review"
    assert version.submitted_document["notice"]["title"] == notice.title
    event = version.events.get(action="submitted")
    assert (event.actor, event.from_status, event.to_status, event.reason) == (
        alice,
        "draft",
        "in_review",
        "First version",
    )


def test_it_requires_a_change_summary_to_submit(alice, notice):
    with pytest.raises(ValidationError, match="Say what changed"):
        actions.version_submit(actor=alice, version=_draft(notice), change_summary="  ")


@pytest.mark.parametrize("persona", ["bob", "dave"])
def test_it_refuses_submission_by_users_without_the_ig_role(request, notice, persona):
    with pytest.raises(PermissionDenied):
        actions.version_submit(actor=request.getfixturevalue(persona), version=_draft(notice), change_summary="x")
    assert _draft(notice).status == "draft"


def test_it_refuses_to_submit_a_version_already_in_review(alice, notice):
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="x")
    with pytest.raises(actions.WorkflowError, match="is in review, so it cannot be submitted"):
        actions.version_submit(actor=alice, version=version, change_summary="x")


def test_it_rejects_back_to_draft_with_the_reason(alice, bob, notice):
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="x")
    version = actions.version_reject(actor=bob, version=version, reason="Add the DPO's phone number")
    assert (version.status, version.rejection_reason) == ("draft", "Add the DPO's phone number")
    event = version.events.get(action="rejected")
    assert (event.actor, event.from_status, event.to_status) == (bob, "in_review", "draft")


def test_it_refuses_rejection_without_reason_by_wrong_role_or_from_draft(alice, bob, notice):
    with pytest.raises(actions.WorkflowError, match="is draft, so it cannot be rejected"):
        actions.version_reject(actor=bob, version=_draft(notice), reason="x")
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="x")
    with pytest.raises(PermissionDenied, match="Only DPOs of Borsetshire County Council can reject"):
        actions.version_reject(actor=alice, version=version, reason="x")
    with pytest.raises(ValidationError, match="Say why"):
        actions.version_reject(actor=bob, version=version, reason="")


def test_it_publishes_freezing_document_html_and_hash(alice, bob, notice):
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="First version")
    publication = actions.version_publish(actor=bob, version=version)
    version.refresh_from_db()
    assert version.status == "published"
    assert publication.effective_from == today()
    assert publication.document["version"]["number"] == 1
    assert "Your rights" in publication.html
    assert publication.html_sha256 == hashlib.sha256(publication.html.encode()).hexdigest()
    assert publication.approved_by == bob
    notice.refresh_from_db()
    assert notice.review_by == actions.add_months(today(), 12)
    assert version.events.filter(action="published", actor=bob).exists()


def test_it_refuses_publishing_by_the_submitter_four_eyes(bob, erin, notice, charlie):
    # charlie (superuser) submits and tries to publish: refused even for a superuser.
    version = actions.version_submit(actor=charlie, version=_draft(notice), change_summary="x")
    with pytest.raises(PermissionDenied, match="someone else must publish it"):
        actions.version_publish(actor=charlie, version=version)
    actions.version_publish(actor=erin, version=version)
    assert Publication.objects.count() == 1


def test_it_refuses_publishing_by_an_ig_officer_or_from_draft(alice, bob, notice):
    with pytest.raises(actions.WorkflowError, match="is draft, so it cannot be published"):
        actions.version_publish(actor=bob, version=_draft(notice))
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="x")
    with pytest.raises(PermissionDenied, match="Only DPOs of Borsetshire County Council can publish"):
        actions.version_publish(actor=alice, version=version)


def test_it_refuses_a_backdated_effective_date(alice, bob, notice):
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="x")
    with pytest.raises(ValidationError, match="cannot come into force in the past"):
        actions.version_publish(actor=bob, version=version, effective_from=today() - dt.timedelta(days=1))


def test_it_supersedes_the_previous_version_when_the_next_is_published(alice, bob, notice, publish):
    first = publish(notice)
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={"summary": "New"})
    second = publish(notice, summary="Clearer summary")
    first.version.refresh_from_db()
    assert first.version.status == "superseded"
    assert second.version.number == 2
    assert publication_in_force(notice=notice) == second


def test_it_keeps_the_old_version_in_force_until_a_scheduled_one_starts(alice, notice, publish):
    first = publish(notice)
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={"summary": "Later"})
    start = today() + dt.timedelta(days=10)
    second = publish(notice, summary="From next week", effective_from=start)
    assert publication_in_force(notice=notice) == first
    assert publication_in_force(notice=notice, on=start - dt.timedelta(days=1)) == first
    assert publication_in_force(notice=notice, on=start) == second


def test_it_withdraws_a_published_notice(alice, bob, notice, publish):
    publish(notice)
    withdrawal = actions.notice_withdraw(actor=bob, notice=notice, reason="Service closed")
    assert publication_in_force(notice=notice) is None
    assert withdrawal.version.status == "withdrawn"
    assert withdrawal.version.events.filter(action="withdrawn", reason="Service closed").exists()
    with pytest.raises(PermissionDenied):
        actions.notice_withdraw(actor=alice, notice=notice, reason="x")
    with pytest.raises(actions.WorkflowError, match="no published version"):
        actions.notice_withdraw(actor=bob, notice=notice, reason="again")


def test_it_refuses_edits_while_a_version_is_in_review(alice, notice):
    actions.version_submit(actor=alice, version=_draft(notice), change_summary="x")
    with pytest.raises(actions.WorkflowError, match="is in review, so it cannot be changed"):
        actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={"title": "New"})


def test_it_refuses_a_stale_edit_instead_of_overwriting(alice, notice):
    loaded = notice.lock_version
    actions.notice_update(actor=alice, notice=notice, lock_version=loaded, fields={"summary": "First edit"})
    with pytest.raises(actions.EditConflict, match="changed by someone else"):
        actions.notice_update(actor=alice, notice=notice, lock_version=loaded, fields={"summary": "Second edit"})
    notice.refresh_from_db()
    assert notice.summary == "First edit"


def test_it_starts_a_new_draft_when_editing_after_publication(alice, notice, publish):
    publish(notice)
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={"summary": "v2"})
    assert notice.versions.get(status="draft").number == 2


def test_it_keeps_published_versions_unchanged_when_records_change(alice, notice, publish):
    publication = publish(notice)
    purpose = notice.purposes.get()
    purpose.name = "Renamed purpose"
    purpose.save()
    publication.refresh_from_db()
    assert "Renamed purpose" not in publication.html
    assert "Renamed purpose" not in str(publication.document)


def test_it_refuses_to_change_or_delete_a_publication_through_the_orm(notice, publish):
    publication = publish(notice)
    publication.html = "<p>rewritten</p>"
    with pytest.raises(ValidationError, match="cannot be changed"):
        publication.save()
    with pytest.raises(ValidationError, match="cannot be deleted"):
        publication.delete()
    assert Publication.objects.get().html != "<p>rewritten</p>"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database triggers exist on PostgreSQL only")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE notices_publication SET html = 'rewritten'",
        "DELETE FROM notices_publication",
        "UPDATE notices_workflowevent SET reason = 'rewritten'",
        "DELETE FROM notices_workflowevent",
    ],
)
def test_it_refuses_rewrites_in_raw_sql_on_postgresql(notice, publish, sql):
    publish(notice)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert Publication.objects.get().html != "rewritten"


def test_it_keeps_one_open_version_per_notice(alice, notice):
    with pytest.raises(actions.WorkflowError, match="already has a version being worked on"):
        actions.version_start_draft(actor=alice, notice=notice)
    assert NoticeVersion.objects.filter(notice=notice).count() == 1


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 11, 21), 12, dt.date(2027, 11, 21)),
    ],
)
def test_it_sets_the_review_date_twelve_months_on_even_at_month_ends(day, months, expected):
    assert actions.add_months(day, months) == expected


def test_it_records_a_version_published_before_the_portal_with_its_real_date(alice, bob, notice):
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="As published in 2015")
    publication = actions.version_publish(
        actor=bob, version=version, effective_from=dt.date(2015, 6, 16), historical=True
    )
    assert publication.effective_from == dt.date(2015, 6, 16)
    assert publication_in_force(notice=notice, on=dt.date(2015, 6, 15)) is None


def test_it_refuses_a_past_date_that_would_change_what_was_in_force(alice, bob, notice, publish):
    publish(notice)
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={"summary": "v2"})
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="x")
    with pytest.raises(ValidationError, match="cannot come into force in the past"):
        actions.version_publish(
            actor=bob, version=version, effective_from=today() - dt.timedelta(days=1), historical=True
        )


def test_it_refuses_publishing_by_a_dpo_who_edited_the_version(alice, bob, notice):
    """Four eyes: a DPO who is also an IG officer of the organisation, and changed the draft, may not publish."""
    from tests.factories import member

    member(bob, role="both")
    actions.notice_update(actor=bob, notice=notice, lock_version=notice.lock_version, fields={"summary": "Bob's"})
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="x")
    with pytest.raises(PermissionDenied, match="You edited this version"):
        actions.version_publish(actor=bob, version=version)


def test_it_refuses_every_dpo_step_to_a_dpo_of_another_organisation(alice, notice, django_user_model):
    from tests.factories import OrganisationFactory, member

    outsider = django_user_model.objects.create_user("outsider", is_staff=True)
    member(outsider, OrganisationFactory(name="Felpersham Trust"), "dpo")
    version = actions.version_submit(actor=alice, version=_draft(notice), change_summary="x")
    for step in (lambda: actions.version_publish(actor=outsider, version=version),
                 lambda: actions.version_reject(actor=outsider, version=version, reason="No")):
        with pytest.raises(PermissionDenied, match="Only DPOs of Borsetshire County Council"):
            step()
    version.refresh_from_db()
    assert version.status == "in_review"
