"""People of two organisations for the notification tests, beside the suite's personas (tests/conftest.py):
alice (IG officer) and bob (DPO) of the default organisation; here olive, a second IG officer of it, and
oscar and olga, IG officer and DPO of another organisation, who must never hear of the default one's notices."""

import signal

import pytest
from django.core.management import call_command

from tests.conftest import _user
from tests.factories import OrganisationFactory


@pytest.fixture
def olive(db):
    return _user("olive", role="ig_officer")


@pytest.fixture
def elsewhere(db):
    """The other organisation, with an IG officer (oscar) and a DPO (olga)."""
    organisation = OrganisationFactory(name="Ambridge District Council", slug="ambridge")
    return {"organisation": organisation, "oscar": _user("oscar", role="ig_officer", organisation=organisation),
            "olga": _user("olga", role="dpo", organisation=organisation)}


@pytest.fixture
def outbox(mailoutbox):
    """pytest-django's locmem outbox, read as {address: [subjects]}."""

    def by_address() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for message in mailoutbox:
            for address in message.to:
                found.setdefault(address, []).append(message.subject)
        return found

    by_address.messages = mailoutbox
    return by_address


@pytest.fixture
def run_worker():
    """Run django-tasks-db's worker until the queue holds nothing ready (`db_worker --batch`), as a deployment's
    worker process would, then put back the signal handlers it installs."""

    def run() -> None:
        kept = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)
        finally:
            for number, handler in kept.items():
                signal.signal(number, handler)

    return run


class FlakyBackend:
    """A mail backend standing in for a mail server that refuses the first `failures` messages, then delivers
    to the locmem outbox like the test default. Set FlakyBackend.failures before sending."""

    failures = 0
    refused = 0

    def __init__(self, *args, fail_silently=False, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self.delivered = EmailBackend(*args, fail_silently=fail_silently, **kwargs)

    def send_messages(self, messages):
        import smtplib

        if FlakyBackend.refused < FlakyBackend.failures:
            FlakyBackend.refused += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return self.delivered.send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    """The mail server refuses the first N messages: `flaky_mail(1)`."""
    settings.EMAIL_BACKEND = "tests.notifications.conftest.FlakyBackend"

    def refuse(failures: int) -> None:
        FlakyBackend.failures, FlakyBackend.refused = failures, 0

    yield refuse
    FlakyBackend.failures = FlakyBackend.refused = 0
