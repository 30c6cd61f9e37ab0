"""Staff pages at a county's scale: every /manage/ page kind timed over a register of 1,000 services, 5,000
records and 500 published notices, side by side for two checkouts (issue 19 point 2).

    python bench/scale.py [--before REF_OR_DIR] [--runs N] [--small F] [--database NAME]
    python bench/scale.py --tree DIR ...        (one tree, its figures as a JSON line)

Each tree runs in a process of its own, in its own directory, against a throwaway PostgreSQL database
(NAME_before / NAME_after, made afresh and dropped after; 127.0.0.1:5432, trust auth, user postgres). REF may
be a git ref of this repository (exported with git archive) or a directory holding another checkout. Without
--before only this working tree is measured.

The register: the demo (`load_demo`: three real notices published through the real workflow, with their
frozen documents, HTML and PDFs) and then, in Essex County Council's register, copies of its records made
with bulk inserts, up to 1,000 services and 5,000 records spread over the record types, and copies of its
published notice up to 500 notices (every fifth with two versions), each using a spread of the records. A few
records used by many notices are then changed through the register's own action, so notices are out of date,
and one notice gets a draft submitted for review through the notice actions. `--small F` divides every count
by F (a quick look; the issue's figures are for F = 1).

Pages are fetched in-process with Django's test client, signed in (with a second factor) as the demo IG
officer, the DPO for the pages only DPOs open, or the portal administrator for the organisations' pages.
Each page is fetched once to warm up, once under CaptureQueriesContext (its query count and response bytes),
then N times timed; the table gives p50 and p95 in milliseconds. DEBUG is on (as bench/pickers.py: no
collected static files needed); nothing else differs. Timings are only as steady as the machine is idle: run
both trees in one invocation, so they share its noise, and compare queries and bytes, which do not vary.
"""

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
# Run as a script, this folder heads the import path: it leaves it, so no file here can shadow a standard module.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != HERE.parent]
PG = "postgres://postgres@127.0.0.1:5432"
COUNTY = {"services": 1000, "records": 5000, "notices": 500}
# How the 5,000 records spread over the other record types (services are counted apart), as shares.
SPREAD = {"purposes": 20, "data-categories": 20, "recipients": 20, "sources": 10, "subject-groups": 8,
          "retention-rules": 10, "legal-holds": 4, "controllers": 4, "parties": 4}
# How many of each kind of record one copied notice uses, besides those of the notice it copies.
USES = {"purposes": 6, "data_categories": 6, "recipients": 4, "sources": 3, "subject_groups": 2,
        "retention_rules": 3, "legal_holds": 1, "services": 3}


def _psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", sql], check=True, capture_output=True)


def _setup(tree: Path, database: str) -> None:
    sys.path.insert(0, str(tree))
    os.chdir(tree)
    folder = tempfile.mkdtemp(prefix="bench-scale-")
    _psql(f'DROP DATABASE IF EXISTS "{database}"')
    _psql(f'CREATE DATABASE "{database}"')
    os.environ.update(DATABASE_URL=f"{PG}/{database}", MEDIA_ROOT=f"{folder}/media", DEBUG="1",
                      DJANGO_SETTINGS_MODULE="config.settings", LOG_LEVEL="WARNING")
    import django

    django.setup()


# --- Building the register ----------------------------------------------------------------------------------

def _clone(template, n: int, **changes):
    """A copy of `template` (unsaved) whose unique names carry the number `n`."""
    from django.db import models

    copy = type(template)()
    for field in template._meta.concrete_fields:
        if not field.primary_key:
            setattr(copy, field.attname, getattr(template, field.attname))
    unique = {name for c in template._meta.constraints if isinstance(c, models.UniqueConstraint)
              for name in c.fields if name != "organisation"}
    for name in unique & {"name", "slug", "record_type", "title"}:
        setattr(copy, name, f"{getattr(template, name)}"[:150] + (f"-{n}" if name == "slug" else f" {n}"))
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def _bulk_records(organisation, counts: dict[str, int]) -> dict[str, list[int]]:
    """Copies of the organisation's demo records, `counts` of each record type; their ids by type."""
    from services.models import Service, ServiceParty
    from services.register import RECORD_TYPES

    made: dict[str, list[int]] = {}
    for key, count in counts.items():
        model = RECORD_TYPES[key].model
        own = model.objects.filter(organisation=organisation).order_by("pk")
        # A type the organisation's demo register lacks is copied from another's.
        template = own.first() or model.objects.order_by("pk").first()
        if template is None:
            continue
        template.organisation = organisation
        start = model.objects.count()
        if model is ServiceParty:
            services = list(Service.objects.filter(organisation=organisation).order_by("-pk")[:count])
            copies = [_clone(template, n, service_id=s.pk) for n, s in enumerate(services)]
        else:
            copies = [_clone(template, start + n) for n in range(count)]
        made[key] = [r.pk for r in model.objects.bulk_create(copies, batch_size=500)]
    return made


def _bulk_notices(organisation, template, count: int, records: dict[str, list[int]]) -> list[int]:
    """`count` copies of the published notice `template`, each with its records plus a spread of the copied
    ones, one published version each (every fifth a second one, the first superseded)."""
    from django.utils import timezone

    from notices.models import Notice, NoticeVersion, Publication, PublicListing

    rng = random.Random(19)
    version = template.versions.get(status="published")
    publication, listing = version.publication, version.publication.listing
    notices = Notice.objects.bulk_create(
        [_clone(template, n, title=f"{template.title} {n}", slug=f"{template.slug}-{n}", parent_id=None)
         for n in range(count)], batch_size=500)
    for relation, per_notice in USES.items():
        field = Notice._meta.get_field(relation)
        through, source, target = field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()
        key = {"data_categories": "data-categories", "subject_groups": "subject-groups",
               "retention_rules": "retention-rules", "legal_holds": "legal-holds"}.get(relation, relation)
        own = list(getattr(template, relation).values_list("pk", flat=True))
        rows = [through(**{f"{source}_id": notice.pk, f"{target}_id": pk}) for notice in notices
                for pk in {*own, *rng.sample(records.get(key, []), min(per_notice, len(records.get(key, []))))}]
        through.objects.bulk_create(rows, batch_size=2000)
    versions, publications, listings = [], [], []
    published_at = timezone.now() - timezone.timedelta(days=30)
    for n, notice in enumerate(notices):
        numbers = [1, 2] if n % 5 == 0 else [1]
        for number in numbers:
            status = "published" if number == numbers[-1] else "superseded"
            versions.append(_clone(version, n, notice_id=notice.pk, number=number, status=status))
    versions = NoticeVersion.objects.bulk_create(versions, batch_size=500)
    for made in versions:
        copy = _clone(publication, made.pk, version_id=made.pk, published_at=published_at)
        copy.pk = made.pk
        publications.append(copy)
        listings.append(_clone(listing, made.pk, publication_id=made.pk, title=f"{listing.title} {made.notice_id}"))
    Publication.objects.bulk_create(publications, batch_size=200)
    PublicListing.objects.bulk_create(listings, batch_size=500)
    return [notice.pk for notice in notices]


def _build(small: int) -> dict:
    """The county-scale register; what the pages will be asked about."""
    from django.core.management import call_command

    from notices import actions as notice_actions
    from notices.models import Notice
    from services import actions as register_actions
    from services.demo.loader import ECC, demo_dpo, demo_officer
    from services.models import Purpose, Recipient, Service
    from services.register import RECORD_TYPES

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, force=True)
    officer, dpo = demo_officer(ECC), demo_dpo(ECC)
    organisation = officer.memberships.get().organisation
    services = COUNTY["services"] // small - Service.objects.filter(organisation=organisation).count()
    records = _bulk_records(organisation, {"services": services})
    total = sum(SPREAD.values())
    records |= _bulk_records(organisation, {key: COUNTY["records"] // small * share // total
                                            for key, share in SPREAD.items()})
    template = Notice.objects.filter(organisation=organisation, versions__status="published").order_by("pk").first()
    wanted = COUNTY["notices"] // small - Notice.objects.count()
    copies = _bulk_notices(organisation, template, wanted, records)
    # Records used by many notices change after those notices were published: they are now out of date.
    purpose = Purpose.objects.filter(pk__in=records["purposes"]).order_by("pk").first()
    recipient = Recipient.objects.filter(pk__in=records["recipients"]).order_by("pk").first()
    for record in (purpose, recipient):
        register_actions.record_update(actor=officer, record=record, lock_version=record.lock_version,
                                       fields={"description" if record is purpose else "why_shared": "Changed."})
    _refresh_stored_state()
    # One notice in review, drafted by the officer, for the DPO's review page.
    reviewed = Notice.objects.get(pk=copies[1])
    draft = notice_actions.version_start_draft(actor=officer, notice=reviewed)
    notice_actions.notice_update(actor=officer, notice=reviewed, lock_version=reviewed.lock_version,
                                 fields={"summary": "A shorter summary."})
    notice_actions.version_submit(actor=officer, version=draft, change_summary="Shorter summary.")
    drafted = Notice.objects.get(pk=copies[2])
    notice_actions.version_start_draft(actor=officer, notice=drafted)
    used = {key: _most_used(rt, organisation) for key, rt in RECORD_TYPES.items()}
    admin = type(officer).objects.get(username="admin")  # the demo's portal administrator
    return {"officer": officer, "dpo": dpo, "admin": admin, "built": time.perf_counter() - started, "notice": drafted,
            "reviewed": reviewed, "records": used, "counts": _counts(organisation)}


def _refresh_stored_state() -> None:
    """The bulk inserts bypass the register's actions; a tree that keeps stored state about notices (what
    is out of date) is asked to work it out once, as its migration does for an existing register."""
    try:
        from notices.out_of_date import out_of_date_refresh
    except ImportError:
        return
    from notices.models import Notice

    out_of_date_refresh(notice_ids=list(Notice.objects.values_list("pk", flat=True)))


def _most_used(record_type, organisation):
    """The organisation's record of this type in most notices (the heaviest record page), else its first."""
    from django.db.models import Count

    records = record_type.model.objects.order_by("pk")
    if not record_type.shared:
        records = records.filter(organisation=organisation)
    if record_type.notice_lookup and "__" not in record_type.notice_lookup:
        records = records.annotate(uses=Count("notices")).order_by("-uses", "pk")
    return records.first()


def _counts(organisation) -> dict:
    from notices.models import Notice, Publication
    from services.register import RECORD_TYPES

    register = {key: rt.model.objects.filter(**({} if rt.shared else {"organisation": organisation})).count()
                for key, rt in RECORD_TYPES.items()}
    return {"register": register, "notices": Notice.objects.count(), "publications": Publication.objects.count()}


# --- Timing the pages --------------------------------------------------------------------------------------

def _client(user):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    device = user.totpdevice_set.first() or user.totpdevice_set.create(name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _pages(built: dict) -> list[tuple[str, str, str]]:
    """(page, persona, address) for every page kind of /manage/ that answers a GET with a page."""
    from django.urls import reverse

    from notices.models import StaleReference
    from notices.views.manage import RELATIONS
    from services.models import Legislation
    from services.register import RECORD_TYPES

    notice, reviewed = built["notice"], built["reviewed"]
    pages = [("dashboard", "dpo", reverse("manage:dashboard")),
             ("register index", "officer", reverse("manage:register"))]
    for key in RECORD_TYPES:
        record = built["records"][key]
        pages += [(f"list: {key}", "officer", reverse("manage:record_list", args=[key])),
                  (f"search: {key}", "officer", reverse("manage:record_list", args=[key]) + "?q=1"),
                  (f"find (picker): {key}", "officer", reverse("manage:record_find", args=[key]) + "?q=1"),
                  (f"new: {key}", "officer", reverse("manage:record_create", args=[key])),
                  (f"record: {key}", "officer", reverse("manage:record_detail", args=[key, record.pk]))]
        if not (key == "legislation" and record.in_catalogue):
            pages.append((f"edit: {key}", "officer", reverse("manage:record_edit", args=[key, record.pk])))
    pages += [("notice: new", "officer", reverse("manage:notice_new")),
              ("notice: overview", "officer", reverse("manage:notice", args=[notice.pk])),
              ("notice: about", "officer", reverse("manage:notice_basics", args=[notice.pk])),
              ("notice: rights", "officer", reverse("manage:notice_rights", args=[notice.pk])),
              ("notice: add section", "officer", reverse("manage:section_add", args=[notice.pk])),
              ("notice: preview", "officer", reverse("manage:notice_preview", args=[notice.pk]))]
    pages += [(f"notice: choose {part}", "officer", reverse("manage:notice_relation", args=[notice.pk, part]))
              for part in RELATIONS]
    law = Legislation.objects.filter(in_catalogue=True).order_by("pk").first()
    stale = StaleReference.objects.order_by("pk").first()
    pages += [("review", "dpo", reverse("manage:notice_review", args=[reviewed.pk])),
              ("export", "dpo", reverse("manage:export")),
              ("legislation catalogue", "dpo", reverse("manage:catalogue_list")),
              ("catalogue: edit", "dpo", reverse("manage:catalogue_edit", args=[law.pk])),
              ("out-of-date references", "dpo", reverse("manage:stale_list")),
              ("organisations", "admin", reverse("manage:organisations")),
              ("organisation", "admin", reverse("manage:organisation", args=[notice.organisation.slug]))]
    if stale is not None:
        pages.append(("out-of-date reference: edit", "dpo", reverse("manage:stale_edit", args=[stale.pk])))
    return pages


def _time(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    # The build filled DEBUG's log of queries to its limit; a full log would count nothing new.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        return {"status": response.status_code}
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {"status": 200, "p50": statistics.median(timings),
            "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
            "queries": len(queries), "bytes": len(response.content)}


def _as_of_export_queries() -> dict:
    """Queries the DPO's as-of export makes to choose its versions, over every published notice."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from notices.selectors import export_publications, publication_ids_for_export, today

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        found = list(export_publications(publication_ids_for_export(as_of=today())))
    return {"versions": len(found), "queries": len(queries)}


def _measure(tree: Path, database: str, runs: int, small: int) -> dict:
    _setup(tree, database)
    built = _build(small)
    clients = {who: _client(built[who]) for who in ("officer", "dpo", "admin")}
    started = time.perf_counter()
    pages = {name: _time(clients[who], url, runs) for name, who, url in _pages(built)}
    return {"built_s": round(built["built"], 1), "timed_s": round(time.perf_counter() - started, 1),
            "counts": built["counts"], "pages": pages, "as_of_export": _as_of_export_queries()}


# --- Running trees side by side ----------------------------------------------------------------------------

def _export(ref: str) -> Path:
    if Path(ref).is_dir():
        return Path(ref).resolve()
    folder = Path(tempfile.mkdtemp(prefix="bench-scale-before-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _run(tree: Path, database: str, args) -> dict:
    command = [sys.executable, str(HERE), "--tree", str(tree), "--database", database, "--runs", str(args.runs),
               "--small", str(args.small)]
    try:
        out = subprocess.run(command, check=True, capture_output=True, text=True, cwd=tree)
    except subprocess.CalledProcessError as error:
        sys.exit(f"{tree}: {error.stderr[-3000:]}")
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{database}"')
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cell(figures: dict | None) -> str:
    if figures is None:
        return f"{'-':>34}"
    if figures["status"] != 200:
        return f"{'HTTP ' + str(figures['status']):>34}"
    return f"{figures['p50']:>8.1f}{figures['p95']:>8.1f}{figures['queries']:>7}{figures['bytes']:>11,}"


def _table(results: dict[str, dict]) -> None:
    names = list(results)
    first = results[names[0]]
    print(f"register: {first['counts']}")
    for name in names:
        print(f"{name}: built in {results[name]['built_s']} s, pages timed in {results[name]['timed_s']} s; "
              f"as-of export chose {results[name]['as_of_export']['versions']} versions in "
              f"{results[name]['as_of_export']['queries']} queries")
    header = "".join(f"{name + ': p50 ms  p95 ms queries  bytes':>34}" for name in names)
    print(f"{'page':34}{header}")
    pages = list(dict.fromkeys(page for result in results.values() for page in result["pages"]))
    for page in pages:
        print(f"{page:34}" + "".join(_cell(results[name]["pages"].get(page)) for name in names))
    last = results[names[-1]]["pages"].values()
    slow = [f for f in last if f["status"] == 200 and f["p50"] > 100]
    print(f"{names[-1]}: {len(slow)} page(s) with p50 over 100 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tree", help="measure this checkout only and print its figures as JSON")
    parser.add_argument("--before", help="a git ref or a directory: measured first, beside this working tree")
    parser.add_argument("--runs", type=int, default=10, help="timed fetches of each page (default 10)")
    parser.add_argument("--small", type=int, default=1, help="divide every count of the register by this")
    parser.add_argument("--database", default="portal_bench_scale", help="throwaway database name (prefix)")
    args = parser.parse_args()
    if args.tree:
        print(json.dumps(_measure(Path(args.tree), args.database, args.runs, args.small)))
        return
    trees = ([("before", _export(args.before))] if args.before else []) + [("after" if args.before else "this", ROOT)]
    _table({name: _run(tree, f"{args.database}_{name}", args) for name, tree in trees})


if __name__ == "__main__":
    main()
