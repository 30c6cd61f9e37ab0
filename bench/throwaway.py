"""What bench/export_memory.py and bench/publish_latency.py share: a throwaway database and media folder, a
council's staff, sizeable notices made through the portal's own actions, and a signed-in test client.

    with throwaway_portal() as folder: ...   # SQLite in a temporary folder, or --database NAME on PostgreSQL
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
# The sample notices leave out things the checks require (a DPO's written reason publishes them anyway): the
# checks still run, at the same cost, in every publish measured.
OVERRIDE = "Sample notices for a benchmark"


@contextlib.contextmanager
def throwaway_portal(database: str | None):
    """The environment of a portal on a database made for this run (PostgreSQL `database`, dropped and made
    again, or SQLite in a temporary folder) with its own media folder; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    env = {**os.environ, "MEDIA_ROOT": str(folder / "media"), "DJANGO_SETTINGS_MODULE": "config.settings",
           "DEBUG": "true", "PYTHONPATH": str(ROOT)}
    if database:
        _psql(f'DROP DATABASE IF EXISTS "{database}"')
        _psql(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"{PG}/{database}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    try:
        yield env
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if database:
            _psql(f'DROP DATABASE IF EXISTS "{database}"')


def _psql(statement: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", statement], check=True)  # noqa: S603, S607


def run(env: dict, *args: str) -> str:
    """This script again, in a fresh process on the throwaway portal (so each measure starts clean): the last
    line it prints."""
    done = subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]  # the step's JSON, after anything else it printed


def council(size: int):
    """A council with an IG officer and a DPO, and `size` each of purposes, categories, recipients and
    retention rules, for notices the size of a large council's. Returns (organisation, controller, officer,
    dpo, relations)."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from accounts.models import Membership, Organisation
    from retention.models import RetentionRule
    from services.models import Controller, DataCategory, LawfulBasis, Purpose, Recipient, Source

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Borsetshire County Council", slug="borsetshire")
    own = {"organisation": organisation}
    officer = User.objects.create_user("bench-ig", first_name="Ingrid", last_name="Officer", is_staff=True)
    Membership.objects.create(user=officer, role=Membership.Role.IG_OFFICER, **own)
    dpo = User.objects.create_user("bench-dpo", first_name="Dana", last_name="Protector", is_staff=True)
    Membership.objects.create(user=dpo, role=Membership.Role.DPO, **own)
    controller = Controller.objects.create(
        **own, name="Borsetshire County Council", slug="borsetshire", is_public_authority=True,
        dpo_name="Dana Protector", dpo_email="dpo@borsetshire.example", dpo_phone="01632 960 000",
        dpo_address="County Hall\nBorchester\nBO1 1AA", ico_registration_number="Z0000001",
        rights_request_instructions="Email the DPO, or write to County Hall, Borchester BO1 1AA.",
    )  # fmt: skip
    public_task = LawfulBasis.objects.get(code="art6_1_e")
    relations = {"purposes": [], "data_categories": [], "recipients": [], "retention_rules": [],
                 "sources": [Source.objects.create(**own, name="Schools")]}
    for i in range(size):
        category = DataCategory.objects.create(**own, name=f"Category {i}", kind="personal",
                                               description="Details such as dates, notes and outcomes.")
        purpose = Purpose.objects.create(
            **own, name=f"Purpose {i}: supporting families and safeguarding children",
            description="We use your information to assess needs, plan support and keep children safe. " * 2,
            art6_basis=public_task, collected_from="both",
        )  # fmt: skip
        purpose.data_categories.add(category)
        relations["purposes"].append(purpose)
        relations["data_categories"].append(category)
        relations["recipients"].append(Recipient.objects.create(
            **own, name=f"Recipient {i}", role="controller", why_shared="to provide the service with us"))
        relations["retention_rules"].append(RetentionRule.objects.create(
            **own, record_type=f"Case records {i}", period_kind="fixed", period_number=6 + i, period_unit="years",
            trigger="the case is closed"))
    return organisation, controller, officer, dpo, relations


def notice_in_review(n: int, *, organisation, controller, officer, relations):
    """Notice number `n`, with every record of `relations`, submitted for review. Returns its version."""
    from notices import actions

    notice = actions.notice_create(
        actor=officer, organisation=organisation, title=f"Children's services privacy notice {n}",
        slug=f"childrens-services-{n}", controller=controller,
        summary="We use your information to keep children safe and support families.",
    )  # fmt: skip
    notice = actions.notice_update(actor=officer, notice=notice, lock_version=notice.lock_version,
                                   relations=relations)
    return actions.version_submit(actor=officer, version=notice.versions.get(), change_summary="First version")


def signed_in_client(user):
    """A test client signed in as `user` with both factors, as the portal's sign-in leaves the session."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="Bench authenticator", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
