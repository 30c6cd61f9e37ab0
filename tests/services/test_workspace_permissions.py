"""Every /manage/ page: anonymous visitors are sent to sign in, the right role gets in, the wrong role gets 403."""

import pytest
from django.test import Client
from django.urls import reverse

from notices import actions
from tests.factories import NoticeFactory, PurposeFactory, RecipientFactory

pytestmark = pytest.mark.django_db

BOTH, IG, DPO = ("IG officer", "DPO"), ("IG officer",), ("DPO",)


@pytest.fixture
def world(alice, publish):
    recipient = RecipientFactory()
    notice = NoticeFactory()
    notice.purposes.add(PurposeFactory())
    section = actions.notice_section_add(actor=alice, notice=notice, heading="CCTV", body="Cameras.")
    publish(notice)
    return {"notice": notice, "recipient": recipient, "section": section}


def _pages(world):
    n, r, s = world["notice"].pk, world["recipient"].pk, world["section"].pk
    return [
        ("get", reverse("manage:dashboard"), BOTH),
        ("get", reverse("manage:register"), BOTH),
        ("get", reverse("manage:record_list", args=["recipients"]), BOTH),
        ("get", reverse("manage:record_create", args=["recipients"]), IG),
        ("get", reverse("manage:record_detail", args=["recipients", r]), BOTH),
        ("get", reverse("manage:record_edit", args=["recipients", r]), IG),
        ("post", reverse("manage:record_retire", args=["recipients", r]), IG),
        ("post", reverse("manage:record_redraft", args=["recipients", r]), IG),
        ("get", reverse("manage:notice_new"), IG),
        ("get", reverse("manage:notice", args=[n]), BOTH),
        ("get", reverse("manage:notice_basics", args=[n]), IG),
        ("get", reverse("manage:notice_relation", args=[n, "purposes"]), IG),
        ("get", reverse("manage:section_add", args=[n]), IG),
        ("get", reverse("manage:section_edit", args=[n, s]), IG),
        ("post", reverse("manage:section_change", args=[n, s, "up"]), IG),
        ("get", reverse("manage:notice_preview", args=[n]), BOTH),
        ("post", reverse("manage:notice_submit", args=[n]), IG),
        ("get", reverse("manage:notice_review", args=[n]), DPO),
        ("post", reverse("manage:notice_decide", args=[n, "reject"]), DPO),
        ("post", reverse("manage:notice_withdraw", args=[n]), DPO),
        ("post", reverse("manage:notice_restore", args=[n, 1]), IG),
    ]


def test_it_sends_anonymous_visitors_to_sign_in_from_every_page(client, world):
    for method, url, _roles in _pages(world):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_it_lets_each_role_in_only_where_it_belongs(sign_in, alice, bob, world):
    clients = {"IG officer": sign_in(alice, client=Client()), "DPO": sign_in(bob, client=Client())}
    for method, url, roles in _pages(world):
        for role, client in clients.items():
            status = getattr(client, method)(url).status_code
            if role in roles:
                assert status in (200, 302), f"{role} {method} {url}: {status}"
            else:
                assert status == 403, f"{role} {method} {url}: {status}"


def test_it_refuses_staff_without_a_role_and_users_without_a_second_factor(sign_in, dave, alice, world):
    client = sign_in(dave)
    assert client.get(reverse("manage:dashboard")).status_code == 403
    unverified = sign_in(alice, verified=False, client=Client())
    assert unverified.get(reverse("manage:dashboard"))["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_it_declares_the_roles_of_every_workspace_view():
    from django.urls import get_resolver

    patterns = get_resolver().url_patterns
    manage = next(p for p in patterns if getattr(p, "namespace", None) == "manage")
    for pattern in manage.url_patterns:
        view = pattern.callback
        assert hasattr(view, "staff_action") or hasattr(getattr(view, "__wrapped__", None), "staff_action"), \
            pattern.name
        assert view.__doc__ and any(role in view.__doc__ for role in ("IG officer", "DPO", "superuser")), pattern.name
