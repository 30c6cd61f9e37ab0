"""A PDF's text layer, read by pypdf. A PDF's JavaScript, forms' actions and launch actions are never run
(pypdf has no JavaScript engine and follows no action); when a PDF carries any, the officer is told they were
ignored."""

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from . import Extracted, ImportRefused
from .text import paragraphs

MAX_PAGES = 500
ACTIVE = ("/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/URI", "/SubmitForm", "/ImportData")


def _active_content(reader: PdfReader) -> bool:
    """Whether the document, its pages or their annotations carry JavaScript or actions."""
    root = reader.trailer["/Root"]
    names = root.get("/Names", {})
    if "/JavaScript" in names or "/OpenAction" in root or "/AA" in root:
        return True
    for page in reader.pages:
        if "/AA" in page:
            return True
        for annotation in page.get("/Annots", None) or []:
            action = annotation.get_object().get("/A", {})
            if any(key in action or action.get("/S") == key for key in ACTIVE):
                return True
    return False


def extract(data: bytes) -> Extracted:
    # pypdf logs every oddity in a broken file; the officer gets one clear message instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefused("The PDF is password protected. Save a copy without a password and try again.")
        if len(reader.pages) > MAX_PAGES:
            raise ImportRefused(f"The PDF has more than {MAX_PAGES} pages, more than a privacy notice has.")
        pages = [page.extract_text() or "" for page in reader.pages]
        active = _active_content(reader)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ImportRefused("The PDF is damaged and could not be read. Save it again, or paste its text.") from error
    blocks = [(p, False) for page in pages for p in paragraphs(page)]
    notes = ["The PDF contains JavaScript or actions: they were ignored, never run. Only its text was read."] \
        if active else []
    return Extracted(kind="pdf", blocks=blocks, notes=notes)
