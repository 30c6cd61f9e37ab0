"""The workspace pages: the e-mails sent about the organisation's notices (its own only), and each person's
e-mail settings, which decide what they are sent."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import AuditEvent
from notices import actions as notice_actions
from notifications.actions import messages_create, preference_update
from notifications.models import Kind, Message, Preference
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db

SETTINGS = reverse("manage:notification_preferences")


def test_it_lists_the_organisations_messages_and_no_other(alice, bob, elsewhere, officer,
                                                          django_capture_on_commit_callbacks):
    ours = NoticeFactory(title="Adult social care notice")
    theirs = NoticeFactory(title="Ambridge allotments notice", organisation=elsewhere["organisation"])
    with django_capture_on_commit_callbacks(execute=True):
        notice_actions.version_submit(actor=alice, version=ours.versions.get(), change_summary="First")
        messages_create(kind=Kind.REVIEW_DUE, people=[elsewhere["oscar"]], notice=theirs,
                        context={"review_by": None, "days_left": 3})

    page = officer.get(reverse("manage:messages")).content.decode()

    assert "1 e-mail" in page and "bob@example.org" in page and "Review needed: “Adult social care notice”" in page
    assert "Sent" in page
    assert "Ambridge" not in page and "oscar@example.org" not in page


def test_it_turns_a_kind_off_and_that_person_is_sent_no_more_of_it(alice, bob, dpo,
                                                                    django_capture_on_commit_callbacks, outbox):
    form = dpo.get(SETTINGS).context["form"]
    assert form.initial["kinds_on"] == list(Kind.values)

    response = dpo.post(SETTINGS, {"kinds_on": [k for k in Kind.values if k != Kind.SUBMITTED], "lock_version": 1})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        notice_actions.version_submit(actor=alice, version=NoticeFactory().versions.get(), change_summary="First")

    assert Preference.objects.get(user=bob).kinds_off == [Kind.SUBMITTED]
    assert outbox() == {} and not Message.objects.exists()
    assert AuditEvent.objects.filter(action="notification_preferences_changed", actor=bob).exists()
    page = dpo.get(SETTINGS)
    assert Kind.SUBMITTED not in page.context["form"].initial["kinds_on"]
    assert "Your e-mail settings are saved." in page.content.decode()


def test_it_refuses_a_save_from_a_page_opened_before_another_save(bob, dpo):
    dpo.post(SETTINGS, {"kinds_on": [], "lock_version": 1})

    response = dpo.post(SETTINGS, {"kinds_on": list(Kind.values), "lock_version": 1})

    assert response.status_code == 409
    assert "changed on another page while this one was open" in response.content.decode()
    assert Preference.objects.get(user=bob).kinds_off == sorted(Kind.values)


def test_it_says_what_is_wrong_with_a_kind_that_does_not_exist(bob, dpo):
    response = dpo.post(SETTINGS, {"kinds_on": ["everything"], "lock_version": 1})

    assert response.status_code == 200
    assert "Select a valid choice. everything is not one of the available choices." in response.content.decode()
    assert not Preference.objects.exists()


def test_the_action_refuses_a_kind_that_does_not_exist(bob):
    with pytest.raises(ValidationError, match="There is no kind of e-mail called everything"):
        preference_update(actor=bob, kinds_off=["everything"], lock_version=1)
