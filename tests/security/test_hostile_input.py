"""Hostile input into the staff forms that exist (every register admin add form, and the sign-in form):
script tags, event handlers, javascript: URLs, template syntax, very long input, NUL bytes, mixed scripts
and right-to-left overrides. No response may be a server error, and nothing active may come back
unescaped. Hypothesis draws the inputs (max_examples per test below); the total run is printed at the
end of the module (run with -s).
"""

import re
from collections import Counter

import pytest
from django import forms
from django.conf import settings
from django.contrib import admin
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.factories import ControllerFactory

pytestmark = [pytest.mark.usefixtures("fast_password_hashing"), pytest.mark.django_db]

MAX_EXAMPLES = 25
EXAMPLES_RUN: Counter = Counter()
SAVED: Counter = Counter()

HOSTILE = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(document.cookie)",
    "<svg/onload=alert(1)>",
    "<iframe src=//evil.example></iframe>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}{% load log %}",
    "\x00",
    "name\x00with NUL",
    "\u202eevil.exe\u202c",
    "مرحبا بالعالم שלום עולם",
    "Привет мир 你好世界 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Ꭰ Ⓐ",
    "A" * 5000,
    "https://example.org/<script>",
]
# What escaping would have neutralised: none of these may appear verbatim in a response.
ACTIVE = re.compile(
    r"<script>alert|<img src=x onerror|onmouseover='alert|<svg/onload|<iframe src=//evil|"
    r"href=\"javascript:|src=\"javascript:",
    re.IGNORECASE,
)

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)), min_size=1, max_size=4).map("".join),
)
examples = hypothesis_settings(
    max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module", autouse=True)
def _report_examples():
    yield
    print(f"\nhostile input: {sum(EXAMPLES_RUN.values())} hypothesis examples run ({dict(EXAMPLES_RUN)}); "
          f"{sum(SAVED.values())} saved a record ({dict(SAVED)})")


def assert_harmless(response):
    assert response.status_code < 500, f"server error {response.status_code}"
    body = response.content.decode(errors="replace")
    match = ACTIVE.search(body)
    assert match is None, f"unescaped active content: {body[max(0, match.start() - 80):match.end() + 80]!r}"
    assert settings.SECRET_KEY not in body


REGISTER_MODELS = [model for model in admin.site._registry if model._meta.app_label in ("services", "retention")]


def _field_value(field, text, serial, *, blank_links):
    """A value for one admin form field: the hostile text for text, something valid for the rest. With
    blank_links, web and email addresses are left blank (they are optional), so the record can save."""
    if isinstance(field, forms.URLField | forms.EmailField) and blank_links:
        return ""
    if isinstance(field, forms.ModelMultipleChoiceField | forms.BooleanField):
        return None
    if isinstance(field, forms.ModelChoiceField):
        first = field.queryset.first()
        return first.pk if field.required and first else ""
    if isinstance(field, forms.ChoiceField):
        return next((value for value, _ in field.choices if value), "")
    if isinstance(field, forms.SlugField):
        return f"hostile-{serial}"
    if isinstance(field, forms.IntegerField):
        return "1"
    if isinstance(field, forms.DateField):
        return ""
    return text


def _add_form_data(model_admin, superuser, text, serial, *, blank_links):
    request = RequestFactory().get("/")
    request.user = superuser
    fields = model_admin.get_form(request)().fields
    data = {name: _field_value(field, text, serial, blank_links=blank_links) for name, field in fields.items()}
    return {name: value for name, value in data.items() if value is not None}


@pytest.mark.parametrize("model", REGISTER_MODELS, ids=lambda model: model.__name__)
def test_it_survives_hostile_input_to_each_register_add_form(model, charlie, sign_in):
    client = sign_in(charlie)
    ControllerFactory()
    model_admin = admin.site._registry[model]
    add_url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/"

    @examples
    @given(text=hostile_text, blank_links=st.booleans())
    def attempt(text, blank_links):
        EXAMPLES_RUN[model.__name__] += 1
        before = model.objects.count()
        data = _add_form_data(model_admin, charlie, text, EXAMPLES_RUN[model.__name__], blank_links=blank_links)
        response = client.post(add_url, data)
        assert_harmless(response)
        if response.status_code == 302:
            SAVED[model.__name__] += 1
            # Saved: the list, the success message and the history page all show the hostile text.
            assert model.objects.count() == before + 1
            assert_harmless(client.get(response["Location"]))
            assert_harmless(client.get(f"{add_url[:-4]}{model.objects.latest('pk').pk}/history/"))

    attempt()


@examples
@given(username=hostile_text, password=hostile_text)
def test_it_survives_hostile_input_to_the_sign_in_form(username, password, alice):
    EXAMPLES_RUN["sign-in"] += 1
    response = Client().post("/accounts/login/", {"username": username, "password": password})

    assert_harmless(response)
    assert response.status_code in (200, 429)


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
