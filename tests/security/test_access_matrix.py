"""The access matrix: every URL in the URLconf × every role × GET and POST, against
tests/security/access_expectations.py.

The URLconf is walked recursively (get_resolver().url_patterns); a URL without an expectation fails
test_it_has_an_expectation_for_every_url with its name. The admin site is covered as a group (ADMIN_GROUP:
superusers with both factors) by sampling a representative set rather than every admin URL: its index,
sign-in and sign-out pages, and for every registered model its changelist and (where the admin allows
adding) its add page. The number of cells checked is printed (run with -s) and recorded as the
`access_matrix_cells` property in JUnit XML.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver, reverse

from tests.factories import member

from .access_expectations import (
    ADMIN_EXCEPTIONS,
    ADMIN_GROUP,
    EXPECTATIONS,
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    OK,
    ROLES,
    TWO_FACTOR,
)

pytestmark = pytest.mark.usefixtures("fast_password_hashing")


def url_keys(patterns=None, prefix: str = "", namespace: str = ""):
    """Yield (key, route) for every URL pattern: key is "namespace:name", or the route if unnamed; the
    whole admin site is the single key ADMIN_GROUP."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            if inner == "admin":
                yield ADMIN_GROUP, route
            else:
                yield from url_keys(pattern.url_patterns, route, inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name or route, route


def test_it_has_an_expectation_for_every_url():
    walked = dict(url_keys())

    missing = sorted(f"{key} (/{route})" for key, route in walked.items() if key not in EXPECTATIONS)
    stale = sorted(set(EXPECTATIONS) - set(walked))

    assert not missing, "No access expectation in tests/security/access_expectations.py for: " + ", ".join(missing)
    assert not stale, "Expectations for URLs that no longer exist: " + ", ".join(stale)


def admin_targets(superuser) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = superuser
    names = ["admin:index", "admin:login", "admin:logout"]
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        names.append(f"{prefix}_changelist")
        if model_admin.has_add_permission(request):
            names.append(f"{prefix}_add")
    return names


def outcome(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        if path == reverse("accounts:login"):
            return LOGIN
        if path in (reverse("accounts:two_factor_verify"), reverse("accounts:two_factor_setup")):
            return TWO_FACTOR
        return OK
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 405:
        return NOT_ALLOWED
    return OK if response.status_code < 400 else f"HTTP {response.status_code}"


@pytest.fixture
def personas(alice, bob, charlie, dave):
    erin = User.objects.create_user("erin", password="unused-password-1234", is_staff=True, is_active=False)
    member(erin)
    return {"ig_officer": alice, "dpo": bob, "superuser": charlie, "staff_no_role": dave, "inactive": erin}


def _client(role: str, personas, sign_in) -> Client:
    if role == "anonymous":
        return Client()
    if role == "password_only":
        return sign_in(personas["ig_officer"], verified=False, client=Client())
    return sign_in(personas[role], client=Client())


def test_it_gives_every_role_the_expected_outcome_for_every_url(personas, sign_in, record_property):
    targets = [(name, expect) for name, expect in EXPECTATIONS.items() if name != ADMIN_GROUP]
    targets += [
        (name, ADMIN_EXCEPTIONS.get(name, EXPECTATIONS[ADMIN_GROUP])) for name in admin_targets(personas["superuser"])
    ]
    wrong, cells = [], 0
    for name, expect in targets:
        url = reverse(name, kwargs=expect.kwargs() if expect.kwargs else None)
        for role in ROLES:
            # A fresh client per role and URL: a POST to a sign-out address ends the session.
            client = _client(role, personas, sign_in)
            for method, expected in (("GET", expect.get[role]), ("POST", expect.post[role])):
                data = expect.data() if method == "POST" and expect.data else None
                got = outcome(client.post(url, data) if data else client.generic(method, url))
                cells += 1
                if got != expected:
                    wrong.append(f"{method} {url} ({name}) as {role}: expected {expected}, got {got}")

    print(f"\naccess matrix: {cells} cells ({len(targets)} URLs × {len(ROLES)} roles × GET/POST)")
    record_property("access_matrix_cells", cells)
    assert not wrong, f"{len(wrong)} of {cells} cells differ:\n" + "\n".join(wrong)
