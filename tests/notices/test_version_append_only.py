"""On PostgreSQL the database itself keeps a notice's versions: never deleted, never renumbered, and a
published version only moves on (to superseded or withdrawn). The workflow still runs through it."""

import pytest
from django.db import DatabaseError, connection, transaction

from notices import actions
from notices.models import NoticeVersion
from tests.factories import NoticeFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database triggers exist on PostgreSQL only"),
]


def _refused(sql: str, *params) -> None:
    with pytest.raises(DatabaseError, match="refused"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def published(publish):
    notice = NoticeFactory()
    publish(notice)
    return notice.versions.get()


def test_it_refuses_to_delete_a_version(published):
    _refused("DELETE FROM notices_noticeversion WHERE id = %s", published.pk)
    with pytest.raises(DatabaseError), transaction.atomic():
        NoticeVersion.objects.filter(pk=published.pk).delete()
    assert NoticeVersion.objects.filter(pk=published.pk).exists()


@pytest.mark.parametrize("change", [
    "change_summary = 'rewritten'", "status = 'draft'", "submitted_document = '{}'::jsonb", "number = 7",
])
def test_it_refuses_to_rewrite_a_published_version(published, change):
    _refused(f"UPDATE notices_noticeversion SET {change} WHERE id = %s", published.pk)  # noqa: S608 - fixed SQL
    published.refresh_from_db()
    assert (published.status, published.number, published.change_summary) == ("published", 1, "First version")


def test_it_refuses_to_renumber_a_draft(alice):
    draft = NoticeFactory().versions.get()
    _refused("UPDATE notices_noticeversion SET number = 2 WHERE id = %s", draft.pk)


def test_it_lets_the_workflow_supersede_and_withdraw_published_versions(alice, bob, publish, published):
    notice = published.notice
    actions.version_start_draft(actor=alice, notice=notice)
    publish(notice, summary="Second version")
    published.refresh_from_db()
    assert published.status == "superseded"
    actions.notice_withdraw(actor=bob, notice=notice, reason="Service closed")
    assert list(notice.versions.values_list("number", "status")) == [(2, "withdrawn"), (1, "superseded")]
