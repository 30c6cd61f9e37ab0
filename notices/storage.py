"""The stored PDFs of published versions, never trusted blindly: every read checks the bytes against the
SHA-256 recorded at publishing, and the store can be checked (verify_storage) and tidied (sweep_storage).

A file that is missing or no longer matches is an integrity error: logged on the "notices.integrity"
logger for whoever watches the logs, refused to readers (a 503 page, see notices.views.pdf), and listed
as missing in an export's manifest (notices.export) instead of being passed on.
"""

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.files.storage import Storage
from django.utils import timezone

from .models import Publication
from .rendering import sha256_hex

PDF_FOLDER = "notices/pdf"
# A file younger than this may belong to a publish still in progress (stored, not yet committed).
SWEEP_MIN_AGE = dt.timedelta(hours=1)

logger = logging.getLogger("notices.integrity")


class StoredFileError(Exception):
    """A published version's stored PDF is missing or does not match its recorded fingerprint."""

    def __init__(self, publication: Publication, problem: str):
        self.publication = publication
        self.problem = problem  # "missing" or "altered"
        super().__init__(
            f"The stored PDF of {publication.version} ({publication.pdf.name}) is {problem}: "
            + ("the file is not there." if problem == "missing" else
               "it does not match the fingerprint recorded when it was published, so it may have been altered.")
        )


def pdf_storage() -> Storage:
    return Publication._meta.get_field("pdf").storage


def _read(publication: Publication) -> bytes | None:
    try:
        with publication.pdf.open("rb") as stored:
            return stored.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def stored_pdf(publication: Publication) -> bytes:
    """The stored PDF's bytes once checked against the recorded SHA-256; StoredFileError (logged as an
    integrity error) when the file is missing or altered."""
    content = _read(publication)
    problem = "missing" if content is None else "altered" if sha256_hex(content) != publication.pdf_sha256 else ""
    if problem:
        error = StoredFileError(publication, problem)
        logger.error("Integrity error: %s", error)
        raise error
    return content


def storage_problems() -> Iterator[StoredFileError]:
    """Every published version whose stored PDF is missing or altered (each also logged)."""
    for publication in Publication.objects.exclude(pdf="").select_related("version__notice").iterator():
        try:
            stored_pdf(publication)
        except StoredFileError as error:
            yield error


@dataclass(frozen=True)
class Unreferenced:
    name: str
    modified: dt.datetime


def unreferenced_files(*, min_age: dt.timedelta = SWEEP_MIN_AGE) -> list[Unreferenced]:
    """Files in the PDF folder that no publication refers to, last written more than `min_age` ago."""
    storage = pdf_storage()
    try:
        _, files = storage.listdir(PDF_FOLDER)
    except FileNotFoundError:
        return []
    referenced = set(Publication.objects.exclude(pdf="").values_list("pdf", flat=True))
    cutoff = timezone.now() - min_age
    found = []
    for filename in sorted(files):
        name = f"{PDF_FOLDER}/{filename}"
        if name in referenced:
            continue
        modified = storage.get_modified_time(name)
        if modified <= cutoff:
            found.append(Unreferenced(name=name, modified=modified))
    return found
