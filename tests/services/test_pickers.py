"""Issue 12 point 9: the builder fits a large register. A record picker lists the records chosen and one
page of a search of the notice's organisation's register, never the whole register; the JSON search
behind the autocomplete answers only staff, only about their own organisations, and only as data."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from services.models import Recipient
from services.selectors import PICKER_PAGE
from tests.factories import NoticeFactory, OrganisationFactory, RecipientFactory, member

pytestmark = pytest.mark.django_db

REGISTER = 300
User = get_user_model()


@pytest.fixture
def register(db):
    return [RecipientFactory(name=f"Recipient {n:04d}") for n in range(REGISTER)]


@pytest.fixture
def trust(db):
    return OrganisationFactory(name="Felpersham Trust", slug="felpersham")


def _relation(notice) -> str:
    return reverse("manage:notice_relation", args=[notice.pk, "recipients"])


def _boxes(page: str) -> list[str]:
    return re.findall(r'<input[^>]*name="chosen"[^>]*>', page)


def _find(client, **params):
    return client.get(reverse("manage:record_find", args=["recipients"]), params)


def test_the_builder_page_lists_one_page_of_a_large_register_and_every_chosen_record(officer, register):
    notice = NoticeFactory()
    chosen = register[-5:]
    notice.recipients.set(chosen)
    page = officer.get(_relation(notice)).content.decode()
    boxes = _boxes(page)
    assert len(boxes) == PICKER_PAGE + len(chosen) < REGISTER
    assert all(f"Recipient {n:04d}" in page for n in range(REGISTER - 5, REGISTER))
    assert sum(" checked" in box for box in boxes) == len(chosen)


def test_the_search_finds_matching_records_and_pages_through_them(officer, register):
    notice = NoticeFactory()
    page = officer.get(_relation(notice), {"q": "Recipient 012"}).content.decode()
    assert len(_boxes(page)) == 10 and "Recipient 0125" in page and "Recipient 0130" not in page
    second = officer.get(_relation(notice), {"page": 2}).content.decode()
    assert "Recipient 0020" in second and "Recipient 0019" not in second and 'rel="prev"' in second


def test_a_record_picked_from_the_search_is_attached_on_save(officer, register):
    # What the autocomplete does: tick a record the page did not list.
    notice = NoticeFactory()
    far = register[250]
    officer.post(_relation(notice), {"lock_version": notice.lock_version, "chosen": [far.pk], "shown": []})
    assert list(notice.recipients.all()) == [far]


def test_the_json_search_answers_with_the_own_organisations_matching_live_records(officer, trust):
    ours = RecipientFactory(name="Borsetshire Police")
    RecipientFactory(name="Borsetshire Police", organisation=trust)
    RecipientFactory(name="Police archive", retired=True)
    RecipientFactory(name="Schools")
    body = _find(officer, q="police").json()
    assert body == {"results": [{"id": ours.pk, "label": "Borsetshire Police"}], "page": 1, "more": False}


def test_the_json_search_pages_and_says_when_there_is_more(officer, register):
    first, second = _find(officer).json(), _find(officer, page=2).json()
    assert len(first["results"]) == PICKER_PAGE and first["more"]
    assert first["results"][0]["label"] == "Recipient 0000" and second["results"][0]["label"] == "Recipient 0020"
    assert _find(officer, page=REGISTER).json() == {"results": [], "page": REGISTER, "more": False}


def test_the_json_search_escapes_everything(officer):
    RecipientFactory(name='<script>alert("x")</script> & co')
    response = _find(officer, q="script")
    text = response.content.decode()
    assert response["Content-Type"] == "application/json" and "<" not in text and "&" not in text
    assert json.loads(text)["results"][0]["label"] == '<script>alert("x")</script> & co'


def test_the_json_search_refuses_anonymous_users_and_another_organisations_register(sign_in, trust):
    RecipientFactory(name="Our recipient")
    anonymous = _find(Client())
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]
    # A member of the trust only: the default organisation's register does not exist for them.
    outsider = User.objects.create_user(username="frank", password="x", is_staff=True)
    member(outsider, trust)
    client = sign_in(outsider, client=Client())
    default = Recipient.objects.get(name="Our recipient").organisation
    assert _find(client, organisation=default.pk).status_code == 404
    assert _find(client, organisation="x").status_code == 404
    assert "Our recipient" not in _find(client, q="our").content.decode()


def test_another_organisations_record_posted_as_picked_is_not_attached(officer, trust):
    notice = NoticeFactory()
    theirs = RecipientFactory(name="Their recipient", organisation=trust)
    response = officer.post(_relation(notice), {"lock_version": notice.lock_version, "chosen": [theirs.pk]})
    assert response.status_code == 200 and not notice.recipients.exists()


def test_a_purpose_form_lists_one_page_of_a_large_register_of_data_categories(officer):
    from tests.factories import DataCategoryFactory, PurposeFactory

    categories = [DataCategoryFactory(name=f"Category {n:04d}") for n in range(REGISTER)]
    purpose = PurposeFactory(name="Safeguarding")
    purpose.data_categories.set([categories[299]])
    url = reverse("manage:record_edit", args=["purposes", purpose.pk])
    page = officer.get(url).content.decode()
    boxes = re.findall(r'<input[^>]*name="data_categories"[^>]*>', page)
    assert len(boxes) == PICKER_PAGE + 1 and "Category 0299" in page and "Category 0150" not in page
    assert 'data-record-picker="data_categories" data-url="/manage/register/data-categories/find/?organisation=' in page


def test_without_javascript_a_purpose_form_finds_records_beyond_the_first_page_and_saves_nothing_meanwhile(
    officer, bases
):
    from tests.factories import DataCategoryFactory, PurposeFactory

    categories = [DataCategoryFactory(name=f"Category {n:04d}") for n in range(REGISTER)]
    purpose = PurposeFactory(name="Safeguarding", art6_basis=bases["art6_1_e"])
    purpose.data_categories.set([categories[299]])
    url = reverse("manage:record_edit", args=["purposes", purpose.pk])
    typed = {"name": "Safeguarding children", "art6_basis": bases["art6_1_e"].pk, "collected_from": "both",
             "data_categories": [categories[299].pk], "lock_version": purpose.lock_version}

    found = officer.post(url, {**typed, "_find": "data_categories", "data_categories__find": "Category 015"})

    page = found.content.decode()
    assert found.status_code == 200 and "There is a problem" not in page
    assert "Category 0150" in page and "Category 0159" in page and "Category 0160" not in page
    assert "10 more found for “Category 015”" in page
    assert 'value="Safeguarding children"' in page  # what was typed is kept
    purpose.refresh_from_db()
    assert purpose.name == "Safeguarding" and list(purpose.data_categories.all()) == [categories[299]]

    officer.post(url, {**typed, "data_categories": [categories[299].pk, categories[150].pk]})

    purpose.refresh_from_db()
    assert purpose.name == "Safeguarding children"
    assert set(purpose.data_categories.all()) == {categories[299], categories[150]}
