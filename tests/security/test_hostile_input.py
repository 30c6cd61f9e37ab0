"""Hostile input into the admin (every add form of ours, every list's search) and the sign-in form:
script tags, event handlers, javascript: URLs, template syntax, very long input, NUL bytes, mixed scripts
and right-to-left overrides (tests/security/hostile.py). No response may be a server error, and nothing
active may come back unescaped. Hypothesis draws the inputs (max_examples per test below); the examples
run are counted at the end of the run.
"""

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import ControllerFactory

from .hostile import ACCEPTED, EXAMPLES_RUN, assert_harmless, examples, form_data, hostile_text, with_families

pytestmark = [pytest.mark.usefixtures("fast_password_hashing"), pytest.mark.django_db]

# Besides one explicit example per family (tests/security/hostile.py): the admin is ours only in part.
MAX_EXAMPLES = 12
ADD_FORM_MODELS = [
    model for model in admin.site._registry if model._meta.app_label in ("services", "retention", "notices")
]


def _add_form_data(model_admin, superuser, text, serial, *, blank_links):
    request = RequestFactory().get("/")
    request.user = superuser
    return form_data(model_admin.get_form(request)(), text, serial, blank_links=blank_links)


@pytest.mark.parametrize("model", ADD_FORM_MODELS, ids=lambda model: model.__name__)
def test_it_survives_hostile_input_to_each_admin_add_form(model, charlie, sign_in):
    client = sign_in(charlie)
    ControllerFactory()
    model_admin = admin.site._registry[model]
    add_url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/"

    group = f"admin add form: {model.__name__}"

    @examples(MAX_EXAMPLES)
    @given(text=hostile_text, blank_links=st.booleans())
    @with_families("text", blank_links=True)
    def attempt(text, blank_links):
        EXAMPLES_RUN[group] += 1
        before = model.objects.count()
        data = _add_form_data(model_admin, charlie, text, EXAMPLES_RUN[group], blank_links=blank_links)
        response = client.post(add_url, data)
        assert_harmless(response)
        if response.status_code == 302:
            ACCEPTED[group] += 1
            # Saved: the list, the success message and the history page all show the hostile text.
            assert model.objects.count() == before + 1
            assert_harmless(client.get(response["Location"]))
            assert_harmless(client.get(f"{add_url[:-4]}{model.objects.latest('pk').pk}/history/"))

    attempt()


@examples(MAX_EXAMPLES)
@given(username=hostile_text, password=hostile_text, next_url=hostile_text)
@with_families("username", password="x", next_url="/manage/")
def test_it_survives_hostile_input_to_the_sign_in_form(username, password, next_url, alice):
    EXAMPLES_RUN["sign-in"] += 1
    response = Client().post("/accounts/login/", {"username": username, "password": password, "next": next_url})

    assert_harmless(response)
    assert response.status_code in (200, 429)


def test_it_survives_a_hostile_search_of_each_admin_list(charlie, sign_in):
    client = sign_in(charlie)
    models = list(admin.site._registry)

    @examples(MAX_EXAMPLES)
    @given(model=st.sampled_from(models), text=hostile_text)
    @with_families("text", model=models[0])
    def attempt(model, text):
        EXAMPLES_RUN["admin list search"] += 1
        response = client.get(f"/admin/{model._meta.app_label}/{model._meta.model_name}/", {"q": text})
        assert_harmless(response)

    attempt()


def test_it_explains_a_nul_character_in_a_register_form(charlie, sign_in):
    client = sign_in(charlie)

    response = client.post("/admin/services/datasubjectgroup/add/", {"name": "Foster\x00carers"})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


def test_it_explains_a_nul_character_at_sign_in(alice):
    response = Client().post("/accounts/login/", {"username": "alice\x00", "password": "whatever-it-is"})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/admin/services/controller/?q=%00", "/accounts/audit/?action=%00", "/?x=%00", "/?%00=1", "/admin/%00/"],
)
def test_it_refuses_a_nul_character_in_an_address(charlie, sign_in, path):
    response = sign_in(charlie).get(path)

    assert response.status_code == 400


def test_it_refuses_an_overlong_username_before_it_reaches_the_lockout_table(alice):
    """django-axes keeps usernames in 255 characters; PostgreSQL would fail the request on a longer one."""
    response = Client().post("/accounts/login/", {"username": "A" * 5000, "password": "whatever-it-is"})

    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters (it has 5000)." in response.content.decode()
