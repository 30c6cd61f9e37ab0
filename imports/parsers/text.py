"""Pasted text or a .txt file: paragraphs are runs of non-blank lines."""

import re

from . import Extracted, decode

BLANK = re.compile(r"\n[ \t\u00a0]*\n")


def paragraphs(text: str) -> list[str]:
    """Runs of non-blank lines, each stripped; lines inside a run are kept (addresses, lists)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip("\n ") for p in BLANK.split(text) if p.strip()]


def extract(data: bytes) -> Extracted:
    return Extracted(kind="text", blocks=[(p, False) for p in paragraphs(decode(data))])
