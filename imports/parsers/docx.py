"""A Word document, converted by mammoth to plain HTML and read as a web page would be.

Checked first, as a zip: too many parts, too much uncompressed data or a part that expands suspiciously (a
zip bomb) is refused before anything is decompressed. Images are dropped unread, and external references
(linked images, templates, frames, OLE links) are never followed: mammoth is told not to open external files,
and the officer is told how many were ignored."""

import io
import re
import zipfile

import mammoth

from . import Extracted, ImportRefused, html

MAX_PARTS = 2000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
# Text compresses about 10:1; a part expanding more than this (once it is big) is built to exhaust memory.
MAX_RATIO = 100
EXTERNAL = re.compile(rb"<Relationship\b[^>]*TargetMode=\"External\"[^>]*>", re.IGNORECASE)
HYPERLINK = re.compile(rb"Type=\"[^\"]*/hyperlink\"", re.IGNORECASE)


def _zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ImportRefused("The file is not a Word document (.docx): it could not be opened as one.") from error


def _refuse_bombs(archive: zipfile.ZipFile) -> None:
    parts = archive.infolist()
    total = sum(part.file_size for part in parts)
    bomb = len(parts) > MAX_PARTS or total > MAX_UNCOMPRESSED or any(
        part.file_size > 1024 * 1024 and part.file_size > MAX_RATIO * max(part.compress_size, 1) for part in parts
    )
    if bomb:
        raise ImportRefused(
            "The Word document expands to far more data than a notice holds (it looks like a “zip bomb”), so it "
            "was not opened. Save the notice again from Word, or paste its text."
        )
    if "word/document.xml" not in archive.namelist():
        raise ImportRefused("The file is not a Word document (.docx): it has no document part.")


def _external_references(archive: zipfile.ZipFile) -> int:
    """External relationships other than hyperlinks: what Word itself would fetch on opening."""
    count = 0
    for name in archive.namelist():
        if name.endswith(".rels"):
            for match in EXTERNAL.finditer(archive.read(name)):
                count += not HYPERLINK.search(match.group(0))
    return count


def extract(data: bytes) -> Extracted:
    archive = _zip(data)
    _refuse_bombs(archive)
    external = _external_references(archive)
    images = []

    def drop_image(image):
        images.append(image)
        return []

    try:
        result = mammoth.convert_to_html(io.BytesIO(data), convert_image=drop_image, external_file_access=False)
    except (KeyError, ValueError, zipfile.BadZipFile, EOFError) as error:
        raise ImportRefused("The Word document is damaged and could not be read. Save it again from Word.") from error
    extracted = html.extract(result.value.encode())
    notes = []
    if external:
        notes.append(f"{external} external reference{'s' * (external != 1)} (linked images, templates or files) "
                     f"ignored, never fetched.")
    if images:
        notes.append(f"{len(images)} image{'s' * (len(images) != 1)} left out: the import reads text only.")
    return Extracted(kind="docx", blocks=extracted.blocks, notes=notes)
