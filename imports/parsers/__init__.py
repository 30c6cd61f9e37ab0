"""Reading a notice as it was given: pasted text, a saved web page, a Word document or a PDF, into plain text
paragraphs. Nothing is executed and nothing is fetched: links and images stay words or are dropped, and what
was left out is said (`Extracted.notes`) so the officer knows.

Every refusal is an ImportRefused with a message for the person who gave the file."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat

CHUNK = 64 * 1024


class ImportRefused(Exception):
    """The file cannot be imported; the message says why in words the officer can act on."""


@dataclass
class Extracted:
    """The paragraphs read from a file, with headings marked, and what reading it left out."""

    kind: str
    # (text, is_heading) in reading order. A heading is what the file's own layout says is one (h1-h6, a
    # Word heading style); plain text and PDFs have none and are sectioned by their lines' look instead.
    blocks: list[tuple[str, bool]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def read_capped(chunks: Iterable[bytes], *, limit: int | None = None) -> tuple[bytes, str]:
    """The bytes and their SHA-256, refusing as soon as the limit is passed: a 50 MB upload costs the limit plus
    one chunk, never 50 MB in memory."""
    limit = max_bytes() if limit is None else limit
    digest, parts, size = hashlib.sha256(), [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise ImportRefused(too_large_message(limit))
        digest.update(chunk)
        parts.append(chunk)
    return b"".join(parts), digest.hexdigest()


def too_large_message(limit: int | None = None) -> str:
    size = filesizeformat(max_bytes() if limit is None else limit).replace("\xa0", " ")
    return (f"The file is larger than {size}, the most an import can take. A privacy notice is rarely more than "
            f"1 MB: save it without embedded images, or paste its text instead.")


def file_chunks(fileobj) -> Iterable[bytes]:
    """A Django UploadedFile's chunks, or a plain binary file's."""
    if hasattr(fileobj, "chunks"):
        yield from fileobj.chunks(CHUNK)
        return
    while chunk := fileobj.read(CHUNK):
        yield chunk


KINDS = {".txt": "text", ".text": "text", ".htm": "html", ".html": "html", ".docx": "docx", ".pdf": "pdf"}


def kind_of(filename: str, data: bytes) -> str:
    """The kind of file, from what it starts with where that is certain, else from its name."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if data.startswith(b"PK\x03\x04") and suffix == ".docx":
        return "docx"
    if suffix in KINDS and KINDS[suffix] not in ("pdf", "docx"):
        return KINDS[suffix]
    raise ImportRefused(
        f"“{filename}” is not a file the import reads. Give a Word document (.docx), a PDF with a text layer, a "
        f"web page saved as HTML (.html) or a text file (.txt), or paste the text."
    )


def extract(kind: str, data: bytes) -> Extracted:
    """Read a file of `kind` into paragraphs."""
    from . import docx, html, pdf, text

    reader = {"text": text.extract, "html": html.extract, "docx": docx.extract, "pdf": pdf.extract}[kind]
    extracted = reader(data)
    if not any(block.strip() for block, _ in extracted.blocks):
        raise ImportRefused(_EMPTY[kind])
    return extracted


_EMPTY = {
    "text": "The text is empty. Paste the notice's text, or upload its file.",
    "html": "The web page has no text in it to import.",
    "docx": "The Word document has no text in it to import.",
    "pdf": "The PDF has no text layer (it may be a scan). Run it through text recognition, or paste its text.",
}


def decode(data: bytes) -> str:
    """Text as UTF-8 (with or without a byte-order mark), else Windows-1252, which old council pages use."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
