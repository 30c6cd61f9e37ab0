"""Reading PDFs back the way a reader's software does: text with poppler's pdftotext, structure with pikepdf."""

import io
import subprocess
import tempfile

import pikepdf


def pages_text(pdf: bytes) -> list[str]:
    """The text of each page, as pdftotext lays it out."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        text = subprocess.run(  # noqa: S603
            ["pdftotext", "-layout", "-enc", "UTF-8", file.name, "-"],  # noqa: S607
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")
    return text.split("\f")[:-1]  # every page ends with a form feed


def open_pdf(pdf: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf))


def outline_titles(pdf: bytes) -> list[str]:
    titles = []
    with open_pdf(pdf) as document, document.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(item.title)
            stack.extend(item.children)
    return titles


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used on any page → whether its font program is embedded in the file."""
    found = {}
    with open_pdf(pdf) as document:
        for page in document.pages:
            for font in page.resources.get("/Font", {}).values():
                descriptor_owner = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descriptor_owner.get("/FontDescriptor", {})
                embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[str(font.BaseFont)] = embedded
    return found
