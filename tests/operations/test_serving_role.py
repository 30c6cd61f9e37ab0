"""On PostgreSQL the portal serves as a role that owns nothing: it works, and it cannot rewrite, empty or
unprotect the audit trail, the change history or a published notice, even with raw SQL."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg2 import errors

from accounts.models import AuditEvent
from tests.conftest import reference_data_ensure
from tests.factories import NoticeFactory, PurposeFactory

ROOT = Path(__file__).resolve().parents[2]
ROLE = f"portal_test_serving_{os.getpid()}"
# Each append-only table with a column worth rewriting.
PROTECTED = {
    "accounts_auditevent": "action", "services_historicalpurpose": "history_type", "notices_publication": "html",
}
REFUSED = [
    "UPDATE {table} SET {column} = {column}",
    "DELETE FROM {table}",
    "TRUNCATE {table}",
    "ALTER TABLE {table} DISABLE TRIGGER ALL",
    "ALTER TABLE {table} DISABLE TRIGGER portal_append_only",
    "DROP TRIGGER portal_append_only ON {table}",
]

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="Database roles exist on PostgreSQL only; CI runs "
                       "this file on PostgreSQL."),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def reference_data():
    reference_data_ensure()  # a transactional test starts from the empty tables the last one left


@pytest.fixture
def serving_role():
    """The serving role, granted by the command the compose file runs after migrate; removed afterwards."""
    call_command("grant_serving_role", ROLE)
    yield ROLE
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{ROLE}"')
        cursor.execute(f'DROP ROLE "{ROLE}"')


@pytest.fixture
def as_serving_role(serving_role):
    settings = connection.settings_dict
    served = psycopg2.connect(dbname=settings["NAME"], user=serving_role, host=settings["HOST"],
                              port=settings["PORT"] or 5432)
    served.autocommit = True
    yield served
    served.close()


@pytest.fixture
def published(publish):
    notice = NoticeFactory(title="Family hubs privacy notice", slug="family-hubs")
    notice.purposes.add(PurposeFactory())
    return publish(notice)


def _allowed(served, statement: str) -> bool:
    try:
        with served.cursor() as cursor:
            cursor.execute(statement)
    except errors.InsufficientPrivilege:
        return False
    return True


def test_it_cannot_rewrite_empty_or_unprotect_the_audit_history_or_publication_tables(as_serving_role, published):
    statements = [
        statement.format(table=table, column=column) for table, column in PROTECTED.items() for statement in REFUSED
    ]

    allowed = [statement for statement in statements if _allowed(as_serving_role, statement)]

    assert allowed == []
    with connection.cursor() as cursor:
        for table in PROTECTED:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (a fixed table name)
            assert cursor.fetchone()[0] > 0, table


def test_it_cannot_switch_the_triggers_off_for_its_session(as_serving_role):
    with pytest.raises(errors.InsufficientPrivilege), as_serving_role.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")


def test_it_reads_and_adds_to_what_it_serves(as_serving_role, published):
    with as_serving_role.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM notices_publication")
        assert cursor.fetchone()[0] == 1
        cursor.execute("UPDATE notices_notice SET title = title")
        cursor.execute("DELETE FROM django_session")


def test_the_portal_serves_as_the_role(serving_role, published):
    settings = connection.settings_dict
    code = (
        "from django.test import Client; client = Client();"
        "page = client.get('/notices/family-hubs/').status_code;"
        f"verified = 'We published this notice' in client.post('/verify/', {{'sha256': '{published.pdf_sha256}'}})"
        ".content.decode();"
        "signed_in = client.post('/accounts/login/', {'username': 'alice', 'password': 'wrong'}).status_code;"
        "print('RESULT', page, verified, signed_in)"
    )
    address = f"{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"
    env = {**os.environ, "ALLOWED_HOSTS": "testserver", "DATABASE_URL": f"postgres://{serving_role}@{address}"}
    result = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )

    assert "RESULT 200 True 200" in result.stdout, result.stdout + result.stderr
    # The failed sign-in was written to the audit trail and counted towards the lockout, as the serving role.
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED, actor_username="alice").exists()
    assert AccessAttempt.objects.filter(username="alice").exists()


def test_it_is_idempotent_and_refuses_the_owning_role(serving_role):
    call_command("grant_serving_role", serving_role)

    with pytest.raises(CommandError, match="is the one running this command"):
        call_command("grant_serving_role", connection.settings_dict["USER"])
