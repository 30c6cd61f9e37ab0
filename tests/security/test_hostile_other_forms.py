"""Hostile input into the forms outside the workspace: the two-factor steps (app code, recovery code, first
set-up, and the `next` address each carries), the public PDF check (/verify/: fingerprint and upload), the
DPO's export and the audit trail's filter, which also shows the usernames of failed sign-ins.

No response may be a server error, and no page may carry active content. The strings and checks are in
tests/security/hostile.py.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from hypothesis import given
from hypothesis import strategies as st

from accounts.actions import RECOVERY_CODES_NAME
from accounts.models import AuditEvent
from accounts.views import PENDING_KEY_SESSION
from notices.forms import ExportForm
from tests.factories import ServiceFactory

from .hostile import (
    ACCEPTED,
    EXAMPLES_RUN,
    assert_followed_harmless,
    assert_harmless,
    assert_shown,
    examples,
    hostile_text,
    with_families,
)

pytestmark = [pytest.mark.usefixtures("fast_password_hashing"), pytest.mark.django_db]

MAX_EXAMPLES = 10
RECOVERY_CODE = "abcd2345"


def test_it_survives_hostile_codes_and_addresses_at_the_two_factor_step(sign_in, alice):
    """App codes, recovery codes and hostile text; a right recovery code signs in and goes to `next` only if
    it is an address on this site."""
    client = sign_in(alice, verified=False, client=Client())
    recovery = StaticDevice.objects.create(user=alice, name=RECOVERY_CODES_NAME, confirmed=True)
    url = reverse("accounts:two_factor_verify")

    @examples(MAX_EXAMPLES)
    @given(code=st.one_of(hostile_text, st.just(RECOVERY_CODE), st.from_regex(r"\A[0-9]{6}\Z")), next_url=hostile_text)
    @with_families("code", next_url="/manage/")
    @with_families("next_url", code=RECOVERY_CODE)
    def attempt(code, next_url):
        group = "two-factor: enter a code (app or recovery)"
        EXAMPLES_RUN[group] += 1
        StaticToken.objects.get_or_create(device=recovery, token=RECOVERY_CODE)
        recovery.throttle_reset()
        response = client.post(url, {"code": code, "next": next_url})
        assert_followed_harmless(client, response)
        if response.status_code == 302:
            ACCEPTED[group] += 1
            assert not response["Location"].startswith(("//", "javascript:", "http"))
            client.logout()
            sign_in(alice, verified=False, client=client)

    attempt()


def test_it_survives_hostile_codes_and_addresses_when_setting_up_two_factor(dave, totp_code):
    """A first set-up (dave has no authenticator) with wrong codes, hostile text and, now and then, the right
    code: the recovery codes page then links on to `next` only if it is an address on this site."""
    client = Client()
    client.force_login(dave)
    url = reverse("accounts:two_factor_setup")

    @examples(MAX_EXAMPLES)
    @given(code=hostile_text, right_code=st.booleans(), next_url=hostile_text)
    @with_families("code", right_code=False, next_url="/manage/")
    @with_families("next_url", code="", right_code=True)
    def attempt(code, right_code, next_url):
        group = "two-factor: set up (code)"
        EXAMPLES_RUN[group] += 1
        assert_harmless(client.get(url, {"next": next_url}))
        pending_key = client.session.get(PENDING_KEY_SESSION)
        if right_code and pending_key:
            code = totp_code(pending_key)
        response = client.post(url, {"code": code, "next": next_url})
        body = assert_harmless(response)
        if "recovery codes" in body and response.status_code == 200 and right_code:
            ACCEPTED[group] += 1

    attempt()


def test_it_survives_hostile_fingerprints_and_uploads_to_the_public_pdf_check():
    client = Client()
    url = reverse("public:verify")
    upload = st.one_of(
        st.none(),
        st.tuples(hostile_text, st.one_of(st.binary(max_size=64), st.binary(max_size=64).map(b"%PDF-1.7\n".__add__))),
    )

    @examples(MAX_EXAMPLES)
    @given(fingerprint=hostile_text, upload=upload)
    @with_families("fingerprint", upload=None)
    @with_families("fingerprint", upload=("notice.pdf", b"%PDF-1.7\n<script>alert(1)</script>"))
    def attempt(fingerprint, upload):
        EXAMPLES_RUN["public: check a PDF (fingerprint, upload)"] += 1
        data = {"sha256": fingerprint}
        if upload is not None:
            name, content = upload
            data["pdf"] = SimpleUploadedFile(name or "x", content, content_type="application/pdf")
        response = client.post(url, data)
        assert_harmless(response)
        assert response.status_code in (200, 400)

    attempt()


def test_it_survives_hostile_input_to_the_export_form(sign_in, bob):
    client = sign_in(bob, client=Client())
    ServiceFactory()
    scopes = [value for value, _ in ExportForm.SCOPES]

    @examples(MAX_EXAMPLES)
    @given(scope=st.one_of(st.sampled_from(scopes), hostile_text), text=hostile_text)
    @with_families("text", scope="as_of")
    def attempt(scope, text):
        EXAMPLES_RUN["export (DPO)"] += 1
        data = {"scope": scope, "controller": text, "service": text, "as_of_0": text, "as_of_1": text, "as_of_2": text}
        response = client.post(reverse("manage:export"), data)
        assert_harmless(response)
        assert response.status_code == 200  # refused with a message: no valid choice, or nothing published

    attempt()


def test_it_shows_hostile_usernames_of_failed_sign_ins_as_text_in_the_audit_trail(sign_in, charlie):
    """Whoever tries to sign in chooses the username that the portal administrator then reads in the audit
    trail (a failed sign-in under a name nobody has belongs to no organisation, so no DPO sees it)."""
    client = sign_in(charlie, client=Client())
    url = reverse("accounts:audit_list")

    @examples(MAX_EXAMPLES)
    @given(username=hostile_text, action=st.one_of(st.just(AuditEvent.Action.SIGN_IN_FAILED), hostile_text),
           page=st.one_of(st.just("1"), hostile_text))
    @with_families("username", action=AuditEvent.Action.SIGN_IN_FAILED, page="1")
    def attempt(username, action, page):
        group = "audit trail (failed sign-in names, filter)"
        EXAMPLES_RUN[group] += 1
        before = AuditEvent.objects.count()
        Client().post(reverse("accounts:login"), {"username": username, "password": "not-the-password"})
        response = client.get(url, {"action": action, "page": page})
        body = assert_harmless(response)
        newest = AuditEvent.objects.order_by("-pk").first()
        if newest.pk > before and newest.actor_username and response.status_code == 200 and page == "1":
            ACCEPTED[group] += 1
            assert_shown(body, newest.actor_username)

    attempt()


def test_it_survives_hostile_cells_and_file_names_in_a_register_import(sign_in, alice):
    """Any text in any cell, and as the file's name: the preview lists problems as text, never a server error
    (a NUL, which PostgreSQL cannot store, is refused with a message)."""
    import csv
    import io

    client = sign_in(alice, client=Client())
    headers = ["Purpose of processing", "Description of the purpose", "Categories of personal data",
               "Article 6 lawful basis for processing personal data", "Uses information already held"]

    @examples(MAX_EXAMPLES)
    @given(text=hostile_text, name=hostile_text)
    @with_families("text", name="register.csv")
    def attempt(text, name):
        EXAMPLES_RUN["register import (IG officer)"] += 1
        out = io.StringIO()
        csv.writer(out).writerows([headers, [text, text, text, text, text]])
        upload = SimpleUploadedFile(f"{name[:80]}.csv", out.getvalue().encode())
        response = client.post(reverse("manage:ropa"), {"file": upload})
        assert_followed_harmless(client, response)

    attempt()
