"""document → HTML. The PDF renderer (notices/pdf.py) wraps the same partials."""

import hashlib

from django.template.loader import render_to_string


def render_document_html(document: dict) -> str:
    """The notice body as HTML, from the document dict alone (no database access)."""
    return render_to_string("notices/includes/_document.html", {"doc": document})


def sha256_hex(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()
