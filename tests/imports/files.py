"""Files the import tests make themselves: Word documents written as the minimal OOXML zip, PDFs written by hand
(one font, lines placed as a typesetter would), and the seed notices as either."""

import io
import zipfile
from xml.sax.saxutils import escape

from imports.parsers.text import paragraphs
from imports.sections import sectioned

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style></w:styles>'
)


def _paragraph(style: str | None, text: str) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    runs = '<w:r><w:br/></w:r>'.join(f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
                                     for line in text.split("\n"))
    return f"<w:p>{props}{runs}</w:p>"


def docx(blocks: list[tuple[str | None, str]], *, relationships: list[tuple[str, str, str]] = (),
         body_extra: str = "", extra_parts: dict[str, bytes] | None = None) -> bytes:
    """A Word document: (style id or None, text) paragraphs; relationships (id, type, target) are written as
    external (TargetMode="External"), as a hostile document would carry them."""
    rels = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{escape(target)}" TargetMode="External"/>'
                   for rid, kind, target in relationships)
    body = "".join(_paragraph(style, text) for style, text in blocks)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL}">'
                         f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
                         f"</Relationships>")
        archive.writestr("word/_rels/document.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?>'
                         f'<Relationships xmlns="{REL}"><Relationship Id="rIdStyles" Type="{R}/styles" '
                         f'Target="styles.xml"/>{rels}</Relationships>')
        archive.writestr("word/styles.xml", STYLES)
        archive.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" '
                         f'xmlns:r="{R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
                         f' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                         f'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                         f"<w:body>{body}{body_extra}</w:body></w:document>")
        for name, content in (extra_parts or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _wrap(text: str, width: int = 95) -> list[str]:
    lines = []
    for source_line in text.split("\n"):
        line = ""
        for word in source_line.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    return lines


def pdf(blocks: list[tuple[str, bool]], *, javascript: str = "", link: str = "") -> bytes:
    """A PDF with a text layer: headings in 14 pt, paragraphs in 10 pt with a blank line between them. With
    `javascript`, the document runs it on opening (OpenAction) in a viewer that runs scripts; with `link`, the
    first page carries a link annotation to it."""
    pages, ops, y = [], [], 800.0
    for text, heading in blocks:
        size, leading = (14, 18) if heading else (10, 13)
        for line in _wrap(text):
            if y < 60:
                pages.append(ops)
                ops, y = [], 800.0
            ops.append(b"BT /F1 %d Tf 50 %.1f Td " % (size, y) + _pdf_string(line) + b" Tj ET")
            y -= leading
        y -= leading * 0.9
    pages.append(ops)
    objects = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    page_ids = []
    for page_ops in pages:
        stream = b"\n".join(page_ops)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        annots = b""
        if link and not page_ids:
            objects.append(b"<< /Type /Annot /Subtype /Link /Rect [50 50 200 70] /A << /S /URI /URI "
                           + _pdf_string(link) + b" >> >>")
            annots = b" /Annots [%d 0 R]" % len(objects)
        objects.append(b"<< /Type /Page /Parent PAGES /MediaBox [0 0 595 842] /Resources << /Font << /F1 1 0 R >> >>"
                       b" /Contents %d 0 R%s >>" % (content_id, annots))
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    pages_id = len(objects)
    objects = [o.replace(b"PAGES", b"%d 0 R" % pages_id) for o in objects]
    catalog = b"<< /Type /Catalog /Pages %d 0 R" % pages_id
    if javascript:
        objects.append(b"<< /S /JavaScript /JS " + _pdf_string(javascript) + b" >>")
        catalog += b" /OpenAction %d 0 R" % len(objects)
    objects.append(catalog + b" >>")
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out.write(trailer % (len(objects) + 1, len(objects), xref))
    return out.getvalue()


def seed_blocks(text: str) -> list[tuple[str, bool]]:
    """The seed as (text, is heading) blocks, headings where the plain-text reader finds them."""
    blocks = []
    for section in sectioned([(p, False) for p in paragraphs(text)], marked=False):
        if section.heading:
            blocks.append((section.heading, True))
        blocks.extend((p.text, False) for p in section.paragraphs)
    return blocks


def seed_docx(text: str) -> bytes:
    return docx([("Heading1" if heading else None, body.lstrip("•").strip() if body.startswith("•") else body)
                 if not body.startswith("•") else ("ListParagraph", "• " + body.lstrip("• ").strip())
                 for body, heading in seed_blocks(text)])


def seed_pdf(text: str) -> bytes:
    return pdf(seed_blocks(text))
