"""How long the record of processing's export and import take for the demo register, and the memory they use.

    python bench/ropa.py

Runs on a throwaway SQLite database (migrated, then the demo register loaded), never the configured one.
Prints the records per sheet, then for each step (export .xlsx, export .csv, import preview, import confirm
into an empty organisation) its time and peak Python memory (tracemalloc), and the import's records per
second.
"""

import io
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
THROWAWAY = "BENCH_ROPA_THROWAWAY"


def _measured(label: str, work):
    tracemalloc.start()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:<34} {seconds:7.2f} s   peak {peak / 1e6:6.1f} MB", flush=True)
    return result, seconds


def _bench() -> None:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from accounts.models import Organisation
    from ropa.actions import register_import
    from ropa.export import csv_lines, write_workbook
    from ropa.reading import read_upload
    from services.demo.loader import ECC, demo_register_load
    from tests.factories import OrganisationFactory, member

    demo_register_load()
    demo = Organisation.objects.get(slug=ECC)
    out = io.BytesIO()
    _measured("export .xlsx", lambda: write_workbook(out=out, organisation=demo))
    _measured("export .csv", lambda: "".join(csv_lines(organisation=demo)))
    rows = read_upload(name="ropa.xlsx", content=out.getvalue())
    records = sum(len(table) for table in rows.values())
    for title, table in rows.items():
        print(f"  {title:<32} {len(table):5} rows")
    print(f"workbook: {len(out.getvalue()) / 1e3:.0f} kB, {records} records", flush=True)
    target = OrganisationFactory(name="Bench Borough", slug="bench-borough")
    officer = User.objects.create_user("bench.ig", is_staff=True)
    member(officer, target)
    _measured("import preview (rolled back)",
              lambda: register_import(actor=officer, organisation=target, rows=rows, commit=False))
    result, seconds = _measured("import confirm (written)",
                                lambda: register_import(actor=officer, organisation=target, rows=rows, commit=True))
    assert not result.errors, result.errors[:3]
    print(f"import: {records / seconds:.0f} records per second", flush=True)


def main() -> None:
    if not os.environ.get(THROWAWAY):
        folder = tempfile.mkdtemp(prefix="bench-ropa-")
        env = {**os.environ, THROWAWAY: folder, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)
    try:
        _bench()
    finally:
        shutil.rmtree(os.environ[THROWAWAY], ignore_errors=True)


if __name__ == "__main__":
    main()
