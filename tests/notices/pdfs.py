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


# What can make a PDF reader run code, open or send something, or carry a file of its own.
ACTIVE_PDF_NAMES = {
    "/JavaScript", "/JS", "/Launch", "/OpenAction", "/AA", "/SubmitForm", "/ImportData", "/RichMedia",
    "/EmbeddedFile", "/EmbeddedFiles", "/GoToR", "/GoToE", "/XFA",
}
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def _walk(document: pikepdf.Pdf):
    """(key, value) for every entry of every dictionary and array in the file; keys are None in arrays."""
    seen: set = set()
    stack = [document.trailer, *document.objects]
    while stack:
        value = stack.pop()
        if isinstance(value, pikepdf.Object) and value.is_indirect:
            if value.objgen in seen:
                continue
            seen.add(value.objgen)
        if isinstance(value, pikepdf.Dictionary | pikepdf.Stream):
            entries = list(value.items())
        elif isinstance(value, pikepdf.Array):
            entries = [(None, item) for item in value]
        else:
            continue
        for key, item in entries:
            yield key, item
            stack.append(item)


def active_content(pdf: bytes) -> list[str]:
    """What in a PDF could run or fetch something: actions, scripts, embedded files and link addresses
    other than http(s), mailto: and tel:, e.g. ['/OpenAction', '/JavaScript', 'link to javascript:alert(1)']."""
    found: list[str] = []
    links: list[str] = []
    with open_pdf(pdf) as document:
        for key, value in _walk(document):
            if key in ACTIVE_PDF_NAMES:
                found.append(key)
            if isinstance(value, pikepdf.Name) and str(value) in ACTIVE_PDF_NAMES:
                found.append(str(value))
            if key == "/URI":
                links.append(str(value))
    found.extend(f"link to {uri}" for uri in links if not uri.lower().startswith(LINK_SCHEMES))
    return found
