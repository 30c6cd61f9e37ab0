"""Personas used across the suite: alice is an IG officer and bob the DPO of the default organisation
(tests.factories.default_organisation), charlie is a superuser, and dave is staff with no role."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores files (published PDFs) in its own folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _user(username: str, *, role: str | None = None, superuser: bool = False, organisation=None) -> User:
    """A member of staff; with `role` ("ig_officer", "dpo" or "both"), a member of `organisation` (the
    default one) with it."""
    from tests.factories import member

    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD,
        is_staff=True, is_superuser=superuser, first_name=username.title(),
    )
    if role:
        member(user, organisation, role)
    return user


@pytest.fixture(autouse=True)
def tasks_run_at_once(request, settings):
    """Tasks run as they are enqueued (django-tasks' immediate backend), so a test sees their effect without a
    worker. A test marked `task_queue` keeps the database queue and runs its worker itself."""
    if "task_queue" not in request.keywords:
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def forget_public_pages():
    """Each test has its own database, so no process memory of stored public pages may outlive it."""
    from notices import frozen

    frozen.forget()


@pytest.fixture
def alice(db):
    return _user("alice", role="ig_officer")


@pytest.fixture
def bob(db):
    return _user("bob", role="dpo")


@pytest.fixture
def charlie(db):
    return _user("charlie", superuser=True)


@pytest.fixture
def dave(db):
    return _user("dave")


@pytest.fixture
def bases(db):
    """Lawful bases by code, as loaded by the data migration."""
    from services.models import LawfulBasis

    return {basis.code: basis for basis in LawfulBasis.objects.all()}


@pytest.fixture
def erin(db):
    """A second DPO, for four-eyes cases where a DPO submitted."""
    return _user("erin", role="dpo")


@pytest.fixture
def publish(alice, bob):
    """Take a notice's open draft through review to publication: alice submits, bob publishes."""
    from notices import actions

    def _publish(notice, *, summary="First version", effective_from=None):
        version = notice.versions.get(status="draft")
        actions.version_submit(actor=alice, version=version, change_summary=summary)
        return actions.version_publish(actor=bob, version=version, effective_from=effective_from)

    return _publish


@pytest.fixture
def fast_password_hashing(settings):
    """MD5 instead of PBKDF2 for tests that create many users or sign in many times; never in production."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sign_in(client):
    """Sign a user in on a test client the way the real sign-in leaves the session: password done and,
    unless verified=False, a second factor checked (the user gets a confirmed authenticator if they have
    none). Every staff page needs both. Returns the client.

        sign_in(alice); client.get("/manage/")
        other = sign_in(bob, client=Client())
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _sign_in(user, *, verified: bool = True, client=client):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
        client.force_login(user)
        if verified:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return _sign_in


@pytest.fixture
def officer(sign_in, alice):
    """A client of its own, signed in (both factors) as alice, the IG officer."""
    return sign_in(alice, client=Client())


@pytest.fixture
def dpo(sign_in, bob):
    """A client of its own, signed in (both factors) as bob, the DPO."""
    return sign_in(bob, client=Client())


@pytest.fixture
def totp_code():
    """The code an authenticator app would show now for a TOTP device (or a hex key):
    `totp_code(device)`, `totp_code(key_hex)`; steps=-1 for the previous 30-second code."""
    import time
    from binascii import unhexlify

    from django_otp.oath import TOTP

    def _code(device_or_key, *, steps: int = 0) -> str:
        key = device_or_key if isinstance(device_or_key, str) else device_or_key.key
        totp = TOTP(unhexlify(key.encode()), step=30, t0=0, digits=6, drift=0)
        totp.time = time.time() + steps * 30
        return f"{totp.token():06d}"

    return _code


def reference_data_ensure() -> None:
    """Put back what data migrations load (lawful bases, stale references, the legislation catalogue).

    A transactional test (live_server, browser tests) ends by emptying every table, and restoring the
    serialised copy is not dependable across a long mixed session; the migrations' own loaders are
    idempotent upserts, so running them again is safe and exact.
    """
    from importlib import import_module

    from django.apps import apps

    if not apps.get_model("services", "LawfulBasis").objects.exists():
        import_module("services.migrations.0002_load_lawful_bases").load(apps, None)
        import_module("services.migrations.0013_lawful_basis_public_sentences_text").forwards(apps, None)
    if not apps.get_model("notices", "StaleReference").objects.exists():
        import_module("notices.migrations.0006_seed_stale_references").seed(apps, None)
        import_module("notices.migrations.0008_more_stale_references").seed(apps, None)
    if not apps.get_model("services", "Legislation").objects.filter(in_catalogue=True).exists():
        import_module("services.migrations.0006_load_legislation_catalogue").load(apps, None)
