"""Backup and restore: the database (pg_dump) and the stored files (published PDFs), with a manifest.

A backup is a directory holding `database.dump` (pg_dump's custom format), `media.tar` (every file in
the default storage, read through the storage API, so an S3 bucket is backed up the same way as a
volume) and `manifest.json` (what is in it, with SHA-256s). Restore checks those hashes, refuses a
database or storage that is not empty, loads both, and keeps the append-only triggers (pg_dump
includes them). Run both as the role that owns the tables; after a restore, grant the serving role again.
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.db import connection

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar"
FORMAT = 1
# Not data: the health check's probe, and the marker that tells the portal's processes a public page changed
# (notices/frozen.py; a restored portal makes its pages again whatever it says).
SKIPPED_PREFIXES = ("healthz/", ".public-change")


class BackupError(Exception):
    """The backup or restore cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Summary:
    directory: Path
    files: int
    database_bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> dict[str, str]:
    """libpq's environment for the portal's own database connection (the password never on a command line)."""
    if connection.vendor != "postgresql":
        raise BackupError("Backup and restore work on PostgreSQL only; with SQLite, copy the database file.")
    settings = connection.settings_dict
    values = {"PGDATABASE": settings["NAME"], "PGUSER": settings["USER"], "PGPASSWORD": settings["PASSWORD"],
              "PGHOST": settings["HOST"], "PGPORT": str(settings["PORT"] or "")}
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def _run(*command: str) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install PostgreSQL's client tools (postgresql-client).")
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def storage_files(storage: Storage, directory: str = "") -> list[str]:
    """Every file name in `storage`, recursively, in a stable order."""
    directories, files = storage.listdir(directory) if directory or storage.exists(directory) else ([], [])
    names = [f"{directory}{name}" for name in files]
    for sub in directories:
        names += storage_files(storage, f"{directory}{sub}/")
    return sorted(name for name in names if not name.startswith(SKIPPED_PREFIXES))


def _write_media(path: Path, storage: Storage) -> int:
    names = storage_files(storage)
    with tarfile.open(path, "w") as archive:
        for name in names:
            with storage.open(name, "rb") as stored:
                info = tarfile.TarInfo(name)
                info.size = storage.size(name)
                archive.addfile(info, stored)
    return len(names)


def backup_write(*, directory: Path, storage: Storage = default_storage) -> Summary:
    """Write a backup of the database and the stored files into `directory` (new, or empty)."""
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: give a new directory for each backup.")
    directory.mkdir(parents=True, exist_ok=True)
    database, media = directory / DATABASE_FILE, directory / MEDIA_FILE
    _run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={database}")
    files = _write_media(media, storage)
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": {"file": DATABASE_FILE, "sha256": _sha256(database), "bytes": database.stat().st_size},
        "media": {"file": MEDIA_FILE, "sha256": _sha256(media), "files": files},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return Summary(directory=directory, files=files, database_bytes=manifest["database"]["bytes"])


def _manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{directory} has no readable {MANIFEST}: is it a backup by manage.py backup?") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{directory}/{MANIFEST} is format {manifest.get('format')!r}; this portal reads {FORMAT}.")
    for part in ("database", "media"):
        path = directory / manifest[part]["file"]
        if not path.is_file() or _sha256(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path} is missing or does not match its SHA-256 in the manifest: it is damaged.")
    return manifest


def _refuse_unless_empty(storage: Storage) -> None:
    if connection.introspection.table_names():
        raise BackupError(
            f"The database {connection.settings_dict['NAME']!r} already has tables: restore into a new, empty one."
        )
    if storage_files(storage):
        raise BackupError("The file storage already holds files: restore into an empty MEDIA_ROOT or bucket.")


def _read_media(path: Path, storage: Storage) -> int:
    restored = 0
    with tarfile.open(path, "r") as archive:
        for member in archive:
            if not member.isfile():
                continue
            content = archive.extractfile(member)
            # The storage refuses names that climb out of it ("../"), so a hostile archive cannot either.
            saved = storage.save(member.name, File(io.BytesIO(content.read()), name=member.name))
            if saved != member.name:
                raise BackupError(f"{member.name} was stored as {saved}: the storage was not empty.")
            restored += 1
    return restored


def backup_restore(*, directory: Path, storage: Storage = default_storage) -> Summary:
    """Restore a backup from `directory` into this (empty) database and (empty) storage."""
    manifest = _manifest(directory)
    _refuse_unless_empty(storage)
    _run("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
         f"--dbname={connection.settings_dict['NAME']}", str(directory / DATABASE_FILE))
    files = _read_media(directory / MEDIA_FILE, storage)
    if files != manifest["media"]["files"]:
        raise BackupError(f"Restored {files} files but the manifest lists {manifest['media']['files']}.")
    return Summary(directory=directory, files=files, database_bytes=manifest["database"]["bytes"])
