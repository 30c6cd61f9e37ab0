"""Which published notices are out of date is stored (notices.out_of_date) and kept right as records change,
notices are published and withdrawn; the pages that show it read it in a number of queries that does not grow
with the number of notices (issue 19)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notices import actions
from notices.models import OutOfDate
from notices.selectors import export_publications, publication_ids_for_export, today
from services import actions as register_actions
from tests.factories import LegislationFactory, NoticeFactory, PurposeFactory, RecipientFactory


def _change(record, actor, **fields):
    """A record changed through the register's own write, as the workspace, the admin and the demo do."""
    record.refresh_from_db()
    return register_actions.record_update(actor=actor, record=record, lock_version=record.lock_version, fields=fields)


def _stale() -> set[int]:
    return set(OutOfDate.objects.values_list("notice_id", flat=True))


def _published_with(recipient, publish, **kwargs):
    notice = NoticeFactory(**kwargs)
    notice.recipients.add(recipient)
    publish(notice)
    return notice


def test_it_marks_the_published_notices_using_a_changed_record_and_no_others(alice, publish):
    police = RecipientFactory(name="Police")
    using, other = _published_with(police, publish), _published_with(RecipientFactory(name="Courts"), publish)
    unpublished = NoticeFactory()
    unpublished.recipients.add(police)
    assert _stale() == set()
    _change(police, alice, why_shared="To prevent crime.")
    assert _stale() == {using.pk}
    assert other.pk not in _stale() and unpublished.pk not in _stale()


def test_it_marks_a_notice_when_a_record_reached_through_another_changes(alice, publish):
    law = LegislationFactory(title="Borsetshire Act 2001", year=2001, chapter="c. ii", in_catalogue=False)
    purpose = PurposeFactory(name="Youth justice")
    purpose.legislation.add(law)
    notice = NoticeFactory(purposes=[purpose])
    publish(notice)
    _change(law, alice, section="s.37")
    assert _stale() == {notice.pk}


def test_a_new_publication_brings_it_up_to_date_and_a_later_change_makes_it_stale_again(alice, publish):
    police = RecipientFactory(name="Police")
    notice = _published_with(police, publish)
    _change(police, alice, why_shared="To prevent crime.")
    actions.version_start_draft(actor=alice, notice=notice)
    publish(notice, summary="Says why we share with the police")
    assert _stale() == set()
    _change(police, alice, why_shared="To prevent and detect crime.")
    assert _stale() == {notice.pk}


def test_taking_the_changed_record_out_or_withdrawing_the_notice_clears_it(alice, bob, publish):
    police, courts = RecipientFactory(name="Police"), RecipientFactory(name="Courts")
    taken_out, withdrawn = _published_with(police, publish), _published_with(police, publish)
    taken_out.recipients.add(courts)
    _change(police, alice, why_shared="To prevent crime.")
    assert _stale() == {taken_out.pk, withdrawn.pk}
    taken_out.refresh_from_db()
    actions.notice_update(actor=alice, notice=taken_out, lock_version=taken_out.lock_version,
                          relations={"recipients": [courts]})
    actions.notice_withdraw(actor=bob, notice=withdrawn, reason="The service has closed.")
    assert _stale() == set()


def test_the_dashboard_and_the_record_page_show_the_stored_state(officer, alice, publish):
    police = RecipientFactory(name="Police")
    notice = _published_with(police, publish, title="Youth justice notice")
    _change(police, alice, why_shared="To prevent crime.")
    dashboard = officer.get(reverse("manage:dashboard")).content.decode()
    assert "Youth justice notice" in dashboard.split('id="out-of-date"')[1]
    record = officer.get(reverse("manage:record_detail", args=["recipients", police.pk])).content.decode()
    assert "out of date since it changed" in record and notice.title in record


def _queries(fetch) -> int:
    with CaptureQueriesContext(connection) as captured:
        fetch()
    return len(captured)


def test_the_pages_and_the_as_of_export_make_as_many_queries_for_six_notices_as_for_two(officer, alice, publish):
    police = RecipientFactory(name="Police")
    notices = [NoticeFactory() for _ in range(6)]
    for notice in notices:
        notice.recipients.add(police)

    def counts() -> tuple[int, int, int, int]:
        _change(police, alice, why_shared=f"Changed {len(_stale())}.")
        dashboard = _queries(lambda: officer.get(reverse("manage:dashboard")))
        record = _queries(lambda: officer.get(reverse("manage:record_detail", args=["recipients", police.pk])))
        edit = _queries(lambda: officer.get(reverse("manage:record_edit", args=["recipients", police.pk])))
        export = _queries(lambda: list(export_publications(publication_ids_for_export(as_of=today()))))
        return dashboard, record, edit, export

    for notice in notices[:2]:
        publish(notice)
    with_two = counts()
    for notice in notices[2:]:
        publish(notice)
    assert counts() == with_two
    assert len(list(export_publications(publication_ids_for_export(as_of=today())))) == 6
    assert len(_stale()) == 6
