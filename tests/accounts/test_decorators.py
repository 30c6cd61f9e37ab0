"""staff_required: who reaches a staff view. (Every URL × role is in tests/security/test_access_matrix.py;
these cover the branches a URL cannot show on its own.)"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.decorators import staff_required

pytestmark = [pytest.mark.usefixtures("fast_password_hashing"), pytest.mark.django_db]


@staff_required("view")
def register_page(request):
    return HttpResponse("register")


@staff_required
def any_staff_page(request):
    return HttpResponse("staff")


def _request(user, *, verified=True):
    request = RequestFactory().get("/manage/purposes/?page=2")
    request.session = SessionStore()
    request.user = user
    if verified and user.is_authenticated:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="Phone", defaults={"confirmed": True})
        request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    OTPMiddleware(lambda r: None)(request)
    return request


def test_it_sends_anonymous_visitors_to_sign_in_with_next():
    response = register_page(_request(AnonymousUser()))

    assert response["Location"] == "/accounts/login/?next=/manage/purposes/%3Fpage%3D2"


def test_it_sends_a_password_only_session_to_the_two_factor_step(alice):
    TOTPDevice.objects.create(user=alice, name="Phone", confirmed=True)

    response = register_page(_request(alice, verified=False))

    assert response["Location"] == "/accounts/two-factor/?next=%2Fmanage%2Fpurposes%2F%3Fpage%3D2"


def test_it_sends_someone_with_no_authenticator_to_set_one_up(alice):
    response = register_page(_request(alice, verified=False))

    assert response["Location"].startswith("/accounts/two-factor/setup/?next=")


@pytest.mark.parametrize("persona", ["alice", "bob", "charlie"])
def test_it_lets_in_each_role_and_superusers(persona, request):
    user = request.getfixturevalue(persona)

    assert register_page(_request(user)).content == b"register"


def test_it_refuses_staff_without_the_role(dave):
    with pytest.raises(PermissionDenied):
        register_page(_request(dave))


def test_it_lets_any_staff_in_when_no_role_is_named(dave):
    assert any_staff_page(_request(dave)).content == b"staff"


def test_it_refuses_a_signed_in_user_who_is_not_staff(dave):
    dave.is_staff = False
    dave.save()

    with pytest.raises(PermissionDenied):
        any_staff_page(_request(dave))


def test_it_never_lets_an_inactive_user_in_even_a_verified_superuser(charlie):
    charlie.is_active = False
    charlie.save()

    with pytest.raises(PermissionDenied):
        any_staff_page(_request(charlie))


def test_it_says_which_action_a_view_needs():
    assert register_page.staff_action == "view"


def test_it_refuses_a_member_whose_role_does_not_allow_the_action(bob):
    @staff_required("notice.edit")
    def edit_page(request):
        return HttpResponse("edit")

    with pytest.raises(PermissionDenied):
        edit_page(_request(bob))
