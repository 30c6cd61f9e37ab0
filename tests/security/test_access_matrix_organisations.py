"""The cross-organisation access matrix: every /manage/ URL × {member of the owning organisation, member of
another organisation, member of both, superuser} × GET/POST, against
tests/security/organisation_expectations.py.

The persona in each column holds the role the URL's view needs (its `staff_action`): an IG officer for
the register and the builder, a DPO for review, publishing and export. The number of cells is printed
(run with -s) and recorded as the `organisation_matrix_cells` property in JUnit XML.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from accounts.permissions import ACTIONS, IG_OFFICER
from tests.factories import OrganisationFactory, member

from .access_expectations import EXPECTATIONS
from .access_expectations import NOT_ALLOWED as GENERAL_NOT_ALLOWED
from .organisation_expectations import COLUMNS, FORBIDDEN, NOT_ALLOWED, NOT_FOUND, ORGANISATION_EXPECTATIONS
from .test_access_matrix import outcome

pytestmark = [pytest.mark.usefixtures("fast_password_hashing"), pytest.mark.django_db]


def manage_urls() -> dict:
    """name → view for every URL in the manage namespace."""
    manage = next(p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == "manage")
    return {f"manage:{p.name}": p.callback for p in manage.url_patterns}


def test_it_has_an_organisation_expectation_for_every_manage_url():
    urls = manage_urls()

    missing = sorted(set(urls) - set(ORGANISATION_EXPECTATIONS))
    stale = sorted(set(ORGANISATION_EXPECTATIONS) - set(urls))

    assert not missing, "No entry in tests/security/organisation_expectations.py for: " + ", ".join(missing)
    assert not stale, "Entries for URLs that no longer exist: " + ", ".join(stale)


def _role_for(view) -> str:
    action = getattr(view, "staff_action", None)
    return ACTIONS[action][0] if action in ACTIONS else IG_OFFICER


def _people(a, b, sign_in) -> dict:
    """column → role → signed-in client."""
    superuser = User.objects.create_user("root", is_staff=True, is_superuser=True)
    people = {"superuser": {None: sign_in(superuser, client=Client())}}
    for role in ("ig_officer", "dpo"):
        memberships = {"owner": (a,), "other": (b,), "both": (a, b)}
        for column, organisations in memberships.items():
            user = User.objects.create_user(f"{column}-{role}", is_staff=True)
            for organisation in organisations:
                member(user, organisation, role)
            people.setdefault(column, {})[role] = sign_in(user, client=Client())
    return people


def _expected(name: str, method: str, column: str) -> str:
    general = EXPECTATIONS[name]
    # A method the general matrix finds not allowed, even for a superuser, is not allowed for anyone.
    if (general.get if method == "GET" else general.post)["superuser"] == GENERAL_NOT_ALLOWED:
        return NOT_ALLOWED
    return ORGANISATION_EXPECTATIONS[name].expected(column)


def _outcome(response) -> str:
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code == 403:
        return FORBIDDEN
    return outcome(response)


def test_it_gives_each_organisation_only_its_own_objects(sign_in, record_property):
    a, b = OrganisationFactory(name="Organisation A"), OrganisationFactory(name="Organisation B")
    people = _people(a, b, sign_in)
    views = manage_urls()
    wrong, cells = [], 0
    for name, cell in ORGANISATION_EXPECTATIONS.items():
        role = _role_for(views[name])
        for column in COLUMNS:
            client = people[column][None if column == "superuser" else role]
            # A fresh object per cell: a POST (retire, submit, withdraw) may change it for the next one.
            for method in ("GET", "POST"):
                kwargs, data = cell.build(a) if cell.build else ({}, None)
                url = reverse(name, kwargs=kwargs or None)
                response = client.post(url, data or {}) if method == "POST" else client.get(url)
                got, expected = _outcome(response), _expected(name, method, column)
                cells += 1
                if got != expected:
                    wrong.append(f"{method} {url} ({name}) as {column} ({role}): expected {expected}, got {got}")

    print(f"\norganisation matrix: {cells} cells ({len(ORGANISATION_EXPECTATIONS)} URLs × {len(COLUMNS)} × GET/POST)")
    record_property("organisation_matrix_cells", cells)
    assert not wrong, f"{len(wrong)} of {cells} cells differ:\n" + "\n".join(wrong)
