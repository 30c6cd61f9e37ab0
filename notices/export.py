"""A DPO's archive of published notices: one ZIP with each version's stored PDF, its frozen JSON document,
and manifests (CSV, JSON and a `sha256sum -c` list) giving the SHA-256 of every file.

Written by a background task for the /manage/export/ page (notices.tasks.export_notices, to storage) and by
`manage.py export_notices` (to a file). The PDFs are the bytes stored at
publishing, checked against the fingerprint recorded then: an archive never carries an altered file. A
PDF that is missing or altered is left out and listed in the manifests as missing, with the reason and
the fingerprint it should have, so one damaged file does not stop the DPO's archive.
"""

import csv
import datetime as dt
import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from services.models import Controller, Service

from .document import controller_name
from .models import ExportJob, Publication
from .rendering import sha256_hex
from .selectors import export_publications, publication_ids_for_export
from .storage import StoredFileError, stored_pdf

EXPORT_FOLDER = "exports"
PROGRESS_EVERY = 10

MANIFEST_FIELDS = [
    "slug",
    "title",
    "controller",
    "version",
    "effective_from",
    "published_at",
    "approver",
    "kind",
    "path",
    "sha256",
    "size",
    "status",
    "note",
]

Progress = Callable[[int, int, Publication], None]


def write_export(
    *, out: BinaryIO, publications: Iterable[Publication], total: int, progress: Progress | None = None,
    selection: str = "all",
) -> list[dict]:
    """Write the ZIP to `out` and return the manifest rows (one per file).

    `publications` is read once, in order, and each version is written and let go before the next is read,
    so memory does not grow with the number of versions (notices.selectors.export_publications loads them a
    few at a time); only the manifest rows, a few hundred bytes each, are kept. `total` is for `progress`."""
    rows: list[dict] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, publication in enumerate(publications, start=1):
            rows.extend(_add_publication(archive, publication))
            if progress:
                progress(done, total, publication)
        _add_manifests(archive, rows, selection=selection)
    return rows


def describe_selection(*, as_of=None, controller=None, service=None, organisations=None) -> str:
    """The selection in words, recorded in manifest.json."""
    parts = [f"organisations {', '.join(o.slug for o in organisations)}" if organisations is not None else ""]
    parts += [f"organisation {controller.slug}" if controller else "", f"service {service.slug}" if service else ""]
    parts.append(f"in force on {as_of.isoformat()}" if as_of else "every published version")
    return ", ".join(part for part in parts if part)


def _add_publication(archive: zipfile.ZipFile, publication: Publication) -> list[dict]:
    document = publication.document
    slug, number = document["notice"]["slug"], publication.version.number
    stem = f"{slug}/{slug}-v{number}"
    files = [("json", f"{stem}.json", _document_json(document))]
    missing = []
    if publication.pdf:
        try:
            files.insert(0, ("pdf", f"{stem}.pdf", stored_pdf(publication)))
        except StoredFileError as error:
            missing.append({"kind": "pdf", "path": f"{stem}.pdf", "sha256": publication.pdf_sha256,
                            "size": publication.pdf_size, "status": "missing", "note": str(error)})
    facts = {
        "slug": slug,
        "title": document["notice"]["title"],
        "controller": controller_name(document),
        "version": number,
        "effective_from": publication.effective_from.isoformat(),
        "published_at": publication.published_at.isoformat(),
        "approver": publication.approver_name,
    }
    # Entries carry the publishing time, so exporting the same versions twice gives the same files.
    stamp = timezone.localtime(publication.published_at).timetuple()[:6]
    rows = []
    for kind, path, content in files:
        archive.writestr(zipfile.ZipInfo(path, date_time=stamp), content, compress_type=zipfile.ZIP_DEFLATED)
        rows.append({**facts, "kind": kind, "path": path, "sha256": sha256_hex(content), "size": len(content),
                     "status": "included", "note": ""})
    return rows + [{**facts, **row} for row in missing]


def _document_json(document: dict) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _add_manifests(archive: zipfile.ZipFile, rows: list[dict], *, selection: str) -> None:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=MANIFEST_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    manifest = {"generated_at": timezone.now().isoformat(), "selection": selection, "files": rows}
    archive.writestr("manifest.csv", text.getvalue())
    archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    included = [row for row in rows if row["status"] == "included"]
    archive.writestr("SHA256SUMS", "".join(f"{row['sha256']}  {row['path']}\n" for row in included))


def export_to_storage(job: ExportJob) -> dict:
    """Write `job`'s archive to storage and return what to record on the job. The ZIP is written to a temporary file on
    disk, then copied into storage in chunks, so neither step holds the archive in memory."""
    selection = job.selection
    organisations = list(job.organisations.all())
    # Looked up within the job's organisations only: an id can never reach another organisation's records.
    chosen = {
        "as_of": dt.date.fromisoformat(selection["as_of"]) if selection.get("as_of") else None,
        "controller": Controller.objects.filter(pk=selection.get("controller"), organisation__in=organisations)
        .first() if selection.get("controller") else None,
        "service": Service.objects.filter(pk=selection.get("service"), organisation__in=organisations)
        .first() if selection.get("service") else None,
    }
    ids = publication_ids_for_export(organisations=organisations, **chosen)
    with tempfile.TemporaryFile() as archive:
        rows = write_export(out=archive, publications=export_publications(ids), total=len(ids),
                            progress=_job_progress(job), selection=job.description)
        size, digest = archive.tell(), _sha256_of(archive)
        archive.seek(0)
        name = default_storage.save(f"{EXPORT_FOLDER}/privacy-notices-{job.requested_at:%Y-%m-%d}-{job.pk}.zip",
                                    File(archive))
    return {"file": name, "size": size, "sha256": digest, "total": len(ids), "done": len(ids),
            "missing": sum(row["status"] != "included" for row in rows)}


def _job_progress(job: ExportJob) -> Progress:
    def progress(done: int, total: int, publication: Publication) -> None:
        # A row update every few versions: the progress page reads it, and the writer is not slowed down.
        if done == total or done % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    return progress


def _sha256_of(stream: BinaryIO) -> str:
    stream.seek(0)
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(block)
    return digest.hexdigest()
