"""“Add a new … that is not in the list” on the notice builder's pages: a missing register record is added
without leaving the page, nothing typed or ticked is lost, and the notice changes only on Save."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from notices import actions
from retention.models import LegalHold
from services.models import Controller, Recipient, Service
from tests.factories import ControllerFactory, NoticeFactory, RecipientFactory, ServiceFactory

pytestmark = pytest.mark.django_db

NEW_POLICE = {"new-recipients-name": "Borsetshire Police", "new-recipients-kind": "organisation",
              "new-recipients-role": "controller", "new-recipients-location": "in_uk",
              "add_record": "recipients"}


def _text(response) -> str:
    return response.content.decode()


def _ticked(page: str, name: str = "chosen") -> set[int]:
    boxes = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
    return {int(re.search(r'value="(\d+)"', box).group(1)) for box in boxes if " checked" in box}


@pytest.fixture
def officer(sign_in, alice):
    return sign_in(alice, client=Client())


@pytest.fixture
def notice():
    return NoticeFactory()


def _url(notice, part="recipients"):
    return reverse("manage:notice_relation", args=[notice.pk, part])


def test_it_adds_a_missing_recipient_and_keeps_the_ticks_typed_so_far(officer, notice, alice):
    saved, schools, nhs = (RecipientFactory(name=n) for n in ("Saved one", "Schools", "NHS"))
    notice.recipients.add(saved)
    # The officer unticked "Saved one" and ticked "Schools", then added a recipient the register lacked.
    response = officer.post(_url(notice), {"lock_version": notice.lock_version, "chosen": [schools.pk],
                                           "shown": [saved.pk, schools.pk, nhs.pk], **NEW_POLICE}, follow=True)
    police = Recipient.objects.get(name="Borsetshire Police")
    page = _text(response)
    assert response.redirect_chain == [(_url(notice), 302)]  # post/redirect/get: a refresh adds nothing
    assert response.status_code == 200
    assert "Added “Borsetshire Police” to the register" in page
    assert _ticked(page) == {schools.pk, police.pk}
    assert set(notice.recipients.all()) == {saved}  # nothing saved to the notice yet
    assert police.history.get().history_user == alice
    officer.post(_url(notice), {"lock_version": notice.lock_version, "chosen": [schools.pk, police.pk],
                                "shown": [saved.pk, schools.pk, nhs.pk, police.pk]})
    assert set(notice.recipients.all()) == {schools, police}


def test_it_shows_what_is_wrong_with_the_new_record_and_keeps_the_ticks(officer, notice):
    schools = RecipientFactory(name="Schools")
    response = officer.post(_url(notice), {
        "lock_version": notice.lock_version, "chosen": [schools.pk], "shown": [schools.pk], **NEW_POLICE,
        "new-recipients-location": "abroad", "new-recipients-transfer_country": "United States",
    })
    page = _text(response)
    assert "<title>Error:" in page and "There is a problem" in page
    assert "outside the UK: choose the safeguard" in page
    assert re.search(r'<details class="govuk-details" id="add-recipients" open>', page)
    assert 'value="Borsetshire Police"' in page  # what was typed into the new record stays
    assert _ticked(page) == {schools.pk}
    assert not Recipient.objects.filter(name="Borsetshire Police").exists()


def test_it_shows_a_new_record_the_filter_would_hide_and_keeps_hidden_choices(officer, notice):
    hidden = RecipientFactory(name="Schools")
    notice.recipients.add(hidden)
    page = _text(officer.post(_url(notice) + "?q=nhs", {"lock_version": notice.lock_version, "shown": [],
                                                         **NEW_POLICE}, follow=True))
    police = Recipient.objects.get(name="Borsetshire Police")
    # The chosen record the posted page did not show is listed now, still ticked, beside the new one.
    assert _ticked(page) == {police.pk, hidden.pk}
    officer.post(_url(notice) + "?q=nhs", {"lock_version": notice.lock_version, "chosen": [police.pk],
                                            "shown": [police.pk]})
    assert set(notice.recipients.all()) == {hidden, police}


def test_it_still_refuses_the_save_if_someone_changed_the_notice_meanwhile(officer, notice, alice):
    loaded = notice.lock_version
    officer.post(_url(notice), {"lock_version": loaded, "shown": [], **NEW_POLICE})
    actions.notice_update(actor=alice, notice=notice, lock_version=loaded, fields={"summary": "Someone else"})
    police = Recipient.objects.get(name="Borsetshire Police")
    response = officer.post(_url(notice), {"lock_version": loaded, "chosen": [police.pk], "shown": [police.pk]},
                            follow=True)
    assert "changed by someone else while you were editing it" in _text(response)
    assert not notice.recipients.exists()


@pytest.mark.parametrize("persona", ["bob", "dave"])
def test_it_refuses_users_who_are_not_ig_officers(sign_in, request, notice, persona):
    client = sign_in(request.getfixturevalue(persona), client=Client())
    response = client.post(_url(notice), {"lock_version": notice.lock_version, **NEW_POLICE})
    assert response.status_code == 403
    assert not Recipient.objects.exists()


def test_it_adds_a_legal_hold_with_its_dates_from_the_date_boxes(officer, notice):
    data = {"lock_version": notice.lock_version, "add_record": "legal-holds", "new-legal-holds-name": "Inquiry",
            "new-legal-holds-start_date_0": "31", "new-legal-holds-start_date_1": "2",
            "new-legal-holds-start_date_2": "2027"}
    page = _text(officer.post(_url(notice, "legal-holds"), data))
    assert '<a href="#id_new-legal-holds-start_date">The start date must be a real date</a>' in page
    assert re.search(r'<input [^>]*id="id_new-legal-holds-start_date"', page)
    officer.post(_url(notice, "legal-holds"), {**data, "new-legal-holds-start_date_0": "28"})
    assert str(LegalHold.objects.get(name="Inquiry").start_date) == "2027-02-28"


def _basics(notice, **changes) -> dict:
    return {"title": notice.title, "controller": notice.controller.pk, "audience": "everyone",
            "summary": notice.summary, "lock_version": notice.lock_version, **changes}


def test_it_adds_a_service_on_the_about_page_without_losing_what_was_typed(officer, notice, alice):
    ticked = ServiceFactory(controller=notice.controller)
    response = officer.post(reverse("manage:notice_basics", args=[notice.pk]), _basics(
        notice, title="Typed title", services=[ticked.pk], add_record="services",
        review_by_0="31", review_by_1="3", review_by_2="2031",
        **{"new-services-name": "Young carers", "new-services-slug": "young-carers",
           "new-services-controller": notice.controller.pk, "new-services-role": "controller"},
    ), follow=True)
    page = _text(response)
    added = Service.objects.get(slug="young-carers")
    assert added.history.get().history_user == alice
    assert 'value="Typed title"' in page and 'name="review_by_2" value="2031"' in page
    assert _ticked(page, "services") == {ticked.pk, added.pk}
    notice.refresh_from_db()
    assert notice.title != "Typed title" and not notice.services.exists()


def test_it_offers_the_notices_controller_for_a_new_service(officer, notice):
    page = _text(officer.get(reverse("manage:notice_basics", args=[notice.pk])))
    new_service = " ".join(page.split('id="add-services"')[1].split())
    assert f'value="{notice.controller.pk}" checked="checked"' in new_service
    assert "Add a new controller that is not in the list" in page


def test_it_adds_a_controller_on_the_about_page_and_selects_it(officer, notice):
    page = _text(officer.post(reverse("manage:notice_basics", args=[notice.pk]), _basics(
        notice, summary="Typed summary", add_record="controllers",
        **{"new-controllers-name": "Borsetshire Council", "new-controllers-slug": "borsetshire"},
    ), follow=True))
    council = Controller.objects.get(slug="borsetshire")
    flat = " ".join(page.split())
    assert f'name="controller" class="govuk-radios__input" id="id_controller_1" value="{council.pk}" checked' in flat
    assert "Typed summary</textarea>" in page
    notice.refresh_from_db()
    assert notice.controller != council


def test_it_shows_the_new_controllers_errors_on_the_about_page(officer, notice):
    taken = ControllerFactory(slug="taken")
    page = _text(officer.post(reverse("manage:notice_basics", args=[notice.pk]), _basics(
        notice, title="Typed title", add_record="controllers",
        **{"new-controllers-name": "Another council", "new-controllers-slug": taken.slug},
    )))
    assert "<title>Error: About the notice" in page
    assert "There is a problem" in page and 'href="#id_new-controllers-slug"' in page
    assert '<details class="govuk-details" id="add-controllers" open>' in page
    assert 'value="Typed title"' in page
    assert Controller.objects.filter(slug="taken").count() == 1


def test_it_adds_nothing_more_when_the_page_after_an_add_is_refreshed(officer, notice):
    response = officer.post(_url(notice), {"lock_version": notice.lock_version, "shown": [], **NEW_POLICE})
    assert response.status_code == 302 and response["Location"] == _url(notice)
    officer.get(response["Location"])
    refreshed = officer.get(response["Location"])  # the browser's refresh repeats the GET, not the POST
    assert refreshed.status_code == 200 and "Added “Borsetshire Police”" not in _text(refreshed)
    assert Recipient.objects.filter(name="Borsetshire Police").count() == 1
