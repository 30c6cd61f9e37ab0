"""Bytes and database queries of the builder's heaviest pages over a register of 300 and of 3000 records,
before and after the record pickers (issue 12 point 9), side by side.

    python bench/pickers.py [--before REF]      (REF: a git ref of the code before, default main)

Each tree (REF, exported with git archive, and this working tree) runs in a process of its own against a
throwaway SQLite database: the register gets N recipients and N data categories, and the script fetches, as
a signed-in portal administrator, a notice's "Who we share with" page (the builder's record picker) and a
purpose's edit page (its data categories). `python bench/pickers.py --tree PATH` prints one tree's JSON.
"""

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve()
# Run as a script, this folder heads the import path: it leaves it, so no file here can shadow a standard module.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != HERE.parent]
SIZES = (300, 3000)
PAGES = ("builder: who we share with", "register: a purpose's edit page")


def _measure(tree: Path) -> dict:
    sys.path.insert(0, str(tree))
    folder = tempfile.mkdtemp(prefix="bench-pickers-")
    os.environ.update(DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3", MEDIA_ROOT=f"{folder}/media", DEBUG="1",
                      DJANGO_SETTINGS_MODULE="config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from services.models import DataCategory, Recipient
    from tests.factories import (
        DataCategoryFactory,
        NoticeFactory,
        PurposeFactory,
        RecipientFactory,
        default_organisation,
    )

    call_command("migrate", verbosity=0)
    admin = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-password-1")
    device = TOTPDevice.objects.create(user=admin, name="bench", confirmed=True)
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    organisation = default_organisation()
    notice, purpose = NoticeFactory(), PurposeFactory(name="Safeguarding")
    urls = [reverse("manage:notice_relation", args=[notice.pk, "recipients"]),
            reverse("manage:record_edit", args=["purposes", purpose.pk])]
    results, made = {}, 0
    for size in SIZES:
        Recipient.objects.bulk_create(RecipientFactory.build(organisation=organisation, name=f"Recipient {n:05d}")
                                      for n in range(made, size))
        DataCategory.objects.bulk_create(DataCategoryFactory.build(organisation=organisation, name=f"Category {n:05d}")
                                         for n in range(made, size))
        made = size
        for name, url in zip(PAGES, urls, strict=True):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            results[f"{name}|{size}"] = {"bytes": len(response.content), "queries": len(queries)}
    return results


def _run(tree: Path) -> dict:
    out = subprocess.run([sys.executable, str(HERE), "--tree", str(tree)], check=True, capture_output=True,
                         text=True, cwd=tree)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _export(ref: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-pickers-before-"))
    archive = subprocess.run(["git", "-C", str(HERE.parent.parent), "archive", ref], check=True, capture_output=True)
    with tarfile.open(fileobj=__import__("io").BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def main() -> None:
    if "--tree" in sys.argv:
        print(json.dumps(_measure(Path(sys.argv[sys.argv.index("--tree") + 1]))))
        return
    ref = sys.argv[sys.argv.index("--before") + 1] if "--before" in sys.argv else "main"
    before, after = _run(_export(ref)), _run(HERE.parent.parent)
    print(f"{'page':34} {'records':>7} {'bytes before':>13} {'bytes after':>12} {'queries before':>15} "
          f"{'queries after':>14}")
    for key in before:
        name, size = key.split("|")
        b, a = before[key], after[key]
        print(f"{name:34} {size:>7} {b['bytes']:>13,} {a['bytes']:>12,} {b['queries']:>15} {a['queries']:>14}")


if __name__ == "__main__":
    main()
