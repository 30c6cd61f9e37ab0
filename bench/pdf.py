"""How long the PDF pipeline takes and how much memory it needs.

    python bench/pdf.py [--runs N]

Prints, per published notice: pages, size, render time (median of N renders of its frozen document) and
peak Python memory while rendering (tracemalloc); then the time to download a stored PDF through Django
(test client) and the time to export every published version as a ZIP.

It uses the notices published in the configured database. If there are none (or no tables), it re-runs
itself on a throwaway SQLite database and media folder and publishes three sizeable notices there first.
"""

import argparse
import io
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
THROWAWAY = "BENCH_PDF_THROWAWAY"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="renders per notice for the median (default 3)")
    args = parser.parse_args()

    import django

    django.setup()
    if not os.environ.get(THROWAWAY) and not _has_publications():
        _rerun_on_throwaway_database()
    if os.environ.get(THROWAWAY):
        _build_sample_notices()
    try:
        _bench(runs=args.runs)
    finally:
        if os.environ.get(THROWAWAY):
            shutil.rmtree(os.environ[THROWAWAY], ignore_errors=True)


def _has_publications() -> bool:
    from django.conf import settings
    from django.db import DatabaseError

    from notices.models import Publication

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and not Path(database["NAME"]).exists():
        return False  # connecting would create an empty database file in the project
    try:
        return Publication.objects.exists()
    except DatabaseError:
        return False


def _rerun_on_throwaway_database() -> None:
    folder = tempfile.mkdtemp(prefix="bench-pdf-")
    print(f"No published notices in the configured database: using a throwaway one in {folder}", flush=True)
    env = {
        **os.environ,
        THROWAWAY: folder,
        "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        "MEDIA_ROOT": f"{folder}/media",
    }
    os.execve(sys.executable, [sys.executable, *sys.argv], env)


def _build_sample_notices() -> None:
    """Three notices the size of a large council's: many purposes, recipients, rules and free text."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from accounts.models import Membership, Organisation
    from notices import actions
    from retention.models import RetentionRule
    from services.models import Controller, DataCategory, LawfulBasis, Legislation, Purpose, Recipient, Source

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Borsetshire County Council", slug="borsetshire")
    own = {"organisation": organisation}
    ig = User.objects.create_user("bench-ig", first_name="Ingrid", last_name="Officer")
    Membership.objects.create(user=ig, role=Membership.Role.IG_OFFICER, **own)
    dpo = User.objects.create_user("bench-dpo", first_name="Dana", last_name="Protector")
    Membership.objects.create(user=dpo, role=Membership.Role.DPO, **own)
    bases = {basis.code: basis for basis in LawfulBasis.objects.all()}
    started = time.perf_counter()
    for n, size in enumerate((8, 16, 30), start=1):
        controller = Controller.objects.create(
            **own, name=f"Borsetshire County Council {n}", slug=f"borsetshire-{n}", is_public_authority=True,
            dpo_name="Dana Protector", dpo_email=f"dpo{n}@borsetshire.example", dpo_phone="01632 960 000",
            dpo_address="County Hall\nBorchester\nBO1 1AA", ico_registration_number=f"Z00000{n}",
            rights_request_instructions="Email the DPO, or write to County Hall, Borchester BO1 1AA.",
        )  # fmt: skip
        notice = actions.notice_create(
            actor=ig, organisation=organisation, title=f"Children's services privacy notice {n}",
            slug=f"childrens-services-{n}",
            controller=controller, summary="We use your information to keep children safe and support families.\n\n"
            "This notice explains what we collect, why, who we share it with and how long we keep it.",
        )  # fmt: skip
        law = Legislation.objects.get_or_create(title="Children Act 1989", defaults={"year": 1989})[0]
        purposes, categories, recipients, rules = [], [], [], []
        for i in range(size):
            category = DataCategory.objects.get_or_create(
                **own, name=f"Category {i}", defaults={"kind": "special" if i % 4 == 0 else "personal",
                                                "description": "Details such as dates, notes and outcomes."},
            )[0]  # fmt: skip
            categories.append(category)
            purpose = Purpose.objects.create(
                **own, name=f"Purpose {n}.{i}: supporting families and safeguarding children",
                description="We use your information to assess needs, plan support and keep children safe. " * 2,
                art6_basis=bases["art6_1_e"],
                art9_condition=bases["art9_2_h"] if i % 4 == 0 else None,
                sch1_condition=bases["sch1_p1_2"] if i % 4 == 0 else None,
                collected_from="both",
            )
            purpose.legislation.add(law)
            purpose.data_categories.add(category)
            purposes.append(purpose)
            recipients.append(
                Recipient.objects.create(
                    **own, name=f"Recipient {n}.{i}", role="processor" if i % 3 == 0 else "controller",
                    why_shared="to provide the service with us",
                    transfer_country="the United States" if i % 5 == 0 else "",
                    safeguard="idta" if i % 5 == 0 else "",
                )  # fmt: skip
            )
            rules.append(
                RetentionRule.objects.create(
                    **own, record_type=f"Case records {n}.{i}", period_kind="fixed", period_number=6 + i,
                    period_unit="years", trigger="the case is closed",
                )  # fmt: skip
            )
        notice = actions.notice_update(
            actor=ig, notice=notice, lock_version=notice.lock_version,
            relations={"purposes": purposes, "data_categories": categories, "recipients": recipients,
                       "retention_rules": rules, "sources": [Source.objects.get_or_create(**own, name="Schools")[0]]},
        )  # fmt: skip
        for i in range(size // 4):
            actions.notice_section_add(
                actor=ig, notice=notice, heading=f"CCTV and recordings {i}", placement="why_we_use_it",
                body="We record video in public areas.\n\n" + "- Recordings are kept for 31 days.\n" * 5
                + "\n| Site | Cameras |\n|---|---|\n| Family centre | 4 |\n| Library | 2 |\n",
            )  # fmt: skip
        version = notice.versions.get()
        actions.version_submit(actor=ig, version=version, change_summary="First version")
        actions.version_publish(actor=dpo, version=version)
    print(f"Published 3 sample notices in {time.perf_counter() - started:.1f} s (each PDF rendered at publish)\n")


def _bench(*, runs: int) -> None:
    import pikepdf
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from notices.export import write_export
    from notices.models import Publication
    from notices.pdf import render_pdf
    from notices.selectors import export_publications, publication_ids_for_export

    publications = list(Publication.objects.select_related("version__notice").order_by("version__notice__slug"))
    render_pdf(publications[0].document)  # warm up: fonts, templates and stylesheet are loaded once per process
    print(f"{'notice':<40} {'ver':>3} {'pages':>5} {'PDF KB':>7} {'render s':>9} {'peak MB':>8}")
    for publication in publications:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            pdf = render_pdf(publication.document)
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        render_pdf(publication.document)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        with pikepdf.open(io.BytesIO(pdf)) as document:
            pages = len(document.pages)
        print(
            f"{publication.version.notice.slug[:40]:<40} {publication.version.number:>3} {pages:>5} "
            f"{len(pdf) / 1024:>7.0f} {statistics.median(times):>9.2f} {peak / 2**20:>8.1f}"
        )
    print(f"Process peak RSS so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

    setup_test_environment()
    client, publication = Client(), publications[-1]
    version = publication.version
    url = reverse("public:pdf_version", kwargs={"slug": version.notice.slug, "number": version.number})
    times = []
    for _ in range(50):
        started = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content)
        times.append(time.perf_counter() - started)
    assert response.status_code == 200 and len(body) == publication.pdf_size, response.status_code
    print(
        f"Download of a stored PDF ({publication.pdf_size / 1024:.0f} KB, 50 requests): "
        f"median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
    )

    started = time.perf_counter()
    with tempfile.TemporaryFile() as archive:
        ids = publication_ids_for_export()
        rows = write_export(out=archive, publications=export_publications(ids), total=len(ids))
        size = archive.tell()
    print(
        f"Export of all {len(publications)} published versions ({len(rows)} files, ZIP {size / 1024:.0f} KB): "
        f"{time.perf_counter() - started:.2f} s"
    )


if __name__ == "__main__":
    main()
