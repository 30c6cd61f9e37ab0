"""A DPO's archive of published notices: one ZIP with each version's stored PDF, its frozen JSON document,
and manifests (CSV, JSON and a `sha256sum -c` list) giving the SHA-256 of every file.

Used by the /manage/export/ page and by `manage.py export_notices`. The PDFs are the bytes stored at
publishing, checked against the fingerprint recorded then: an archive never carries an altered file. A
PDF that is missing or altered is left out and listed in the manifests as missing, with the reason and
the fingerprint it should have, so one damaged file does not stop the DPO's archive.
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

from django.utils import timezone

from .document import controller_name
from .models import Publication
from .rendering import sha256_hex
from .storage import StoredFileError, stored_pdf

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
    *, out: BinaryIO, publications: Iterable[Publication], progress: Progress | None = None, selection: str = "all"
) -> list[dict]:
    """Write the ZIP to `out` and return the manifest rows (one per file)."""
    publications = list(publications)
    rows: list[dict] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, publication in enumerate(publications, start=1):
            rows.extend(_add_publication(archive, publication))
            if progress:
                progress(done, len(publications), publication)
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
