"""Each kind of file reads into the same sections and proposals as the text it carries: a seed notice written as
a Word document and as a PDF (made here, headings styled and set larger) gives what its text gives."""

import pytest

from imports.parsers import ImportRefused, extract, kind_of
from imports.reading import read
from tests.imports.accuracy import seed_file
from tests.imports.files import seed_docx, seed_pdf


def _keys(reading) -> set[tuple[str, str]]:
    return {(p.record_type, p.key) for p in reading.proposals}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", ["001", "002", "003"])
def test_a_seed_as_a_word_document_and_a_pdf_proposes_what_its_text_does(seed):
    text = seed_file(seed).read_text()
    from_text = read("text", text.encode())

    for kind, data in (("docx", seed_docx(text)), ("pdf", seed_pdf(text))):
        reading = read(kind, data)

        assert [s.heading for s in reading.sections] == [s.heading for s in from_text.sections], kind
        assert _keys(reading) == _keys(from_text), kind


def test_a_web_page_keeps_its_headings_and_lists():
    page = (b"<h2>Who we share it with</h2><p>We may share it with:</p><ul><li>schools</li><li>the police</li></ul>"
            b"<p>Line one<br>Line two</p>")

    extracted = extract("html", page)

    assert extracted.blocks == [("Who we share it with", True), ("We may share it with:", False),
                                ("• schools", False), ("• the police", False), ("Line one\nLine two", False)]


def test_it_tells_the_officer_what_it_cannot_read():
    with pytest.raises(ImportRefused, match="not a file the import reads"):
        kind_of("notice.xlsx", b"PK\x03\x04....")
    with pytest.raises(ImportRefused, match="not a Word document"):
        extract("docx", b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportRefused, match="PDF is damaged"):
        extract("pdf", b"%PDF-1.4\n garbage")
    with pytest.raises(ImportRefused, match="no text layer"):
        from tests.imports.files import pdf

        extract("pdf", pdf([]))
