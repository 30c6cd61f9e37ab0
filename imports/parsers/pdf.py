"""A PDF's text layer, read by pypdf, laid out again as paragraphs and headings: a line starts a new paragraph
after a gap wider than the line spacing, and a short line in a larger type than the body is a heading.

A PDF's JavaScript, launch and submit actions are never run (pypdf has no JavaScript engine and follows no
action); when a PDF carries any, the officer is told they were ignored."""

import io
import logging
import math
import statistics

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from . import Extracted, ImportRefused

MAX_PAGES = 500
ACTIVE = ("/JavaScript", "/JS", "/Launch", "/SubmitForm", "/ImportData", "/URI", "/GoToR")


def _active_content(reader: PdfReader) -> bool:
    """Whether the document, its pages or their annotations carry JavaScript or actions."""
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names", {})
    if "/JavaScript" in names or "/OpenAction" in root or "/AA" in root:
        return True
    for page in reader.pages:
        if "/AA" in page:
            return True
        for annotation in page.get("/Annots", None) or []:
            action = annotation.get_object().get("/A", {})
            if action and (action.get("/S") in ACTIVE or "/JS" in action):
                return True
    return False


def _page_lines(page) -> list[tuple[float, float, str]]:
    """(y, type size, text) for each line of a page, in reading order."""
    lines: list[list] = []

    def visit(text, cm, tm, font, size):
        if not text.strip("\n") and not lines:
            return
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
        actual = (size or 0) * (scale or 1)
        for number, chunk in enumerate(text.split("\n")):
            if number or not lines or abs(lines[-1][0] - y) > max(actual, 1) * 0.5:
                if not chunk and number:
                    continue
                lines.append([y, actual, chunk])
            else:
                lines[-1][2] += chunk
                lines[-1][1] = max(lines[-1][1], actual)

    page.extract_text(visitor_text=visit)
    return [(y, size, " ".join(text.split())) for y, size, text in lines if text.strip()]


def _blocks(lines: list[tuple[float, float, str]]) -> list[tuple[str, bool]]:
    if not lines:
        return []
    body = statistics.median(size for _, size, _ in lines) or 1
    # A line that stops well short of the measure was broken on purpose (an address); a full one wrapped.
    measure = max(len(text) for _, _, text in lines)
    blocks: list[list] = []
    previous = None
    for y, size, text in lines:
        heading = size >= body * 1.15 and len(text) <= 120
        gap = previous is not None and (previous[0] - y) > max(previous[1], size) * 1.6
        joins = previous is not None and not gap and not heading and not blocks[-1][1] and (previous[0] - y) > 0
        if joins:
            last_line = blocks[-1][0].rsplit("\n", 1)[-1]
            blocks[-1][0] += (" " if len(last_line) >= 0.8 * measure else "\n") + text
        else:
            blocks.append([text, heading])
        previous = (y, size)
    return [(text, heading) for text, heading in blocks]


def extract(data: bytes) -> Extracted:
    # pypdf logs every oddity in a broken file; the officer gets one clear message instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefused("The PDF is password protected. Save a copy without a password and try again.")
        if len(reader.pages) > MAX_PAGES:
            raise ImportRefused(f"The PDF has more than {MAX_PAGES} pages, more than a privacy notice has.")
        blocks = [block for page in reader.pages for block in _blocks(_page_lines(page))]
        active = _active_content(reader)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise ImportRefused("The PDF is damaged and could not be read. Save it again, or paste its text.") from error
    notes = ["The PDF contains JavaScript or actions: they were ignored, never run. Only its text was read."] \
        if active else []
    return Extracted(kind="pdf", blocks=blocks, notes=notes)
