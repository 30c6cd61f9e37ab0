"""Personas used across the suite: alice is an IG officer, bob is the DPO, charlie is a superuser,
and dave is staff with no role."""

import pytest
from django.contrib.auth.models import Group, User

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores files (published PDFs) in its own folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _user(username: str, *, role: str | None = None, superuser: bool = False) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD,
        is_staff=True, is_superuser=superuser, first_name=username.title(),
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def alice(db):
    return _user("alice", role="IG officer")


@pytest.fixture
def bob(db):
    return _user("bob", role="DPO")


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
    return _user("erin", role="DPO")


@pytest.fixture
def publish(alice, bob):
    """Take a notice's open draft through review to publication: alice submits, bob publishes."""
    from notices import actions

    def _publish(notice, *, summary="First version", effective_from=None):
        version = notice.versions.get(status="draft")
        actions.version_submit(actor=alice, version=version, change_summary=summary)
        return actions.version_publish(actor=bob, version=version, effective_from=effective_from)

    return _publish
