"""A saved web page, read with the standard library's HTML parser: text and headings only. Scripts, styles,
frames and embedded objects are dropped unread; images and links are never fetched (an image keeps only its
alt text, a link only its words)."""

from html.parser import HTMLParser

from . import Extracted, decode

DROPPED = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "head"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "div", "li", "tr", "section", "article", "header", "footer", "blockquote", "dt", "dd",
                     "table", "ul", "ol", "main", "nav", "address", "pre", "form", "aside", "td", "th"}
REMOTE = {"img", "link", "source", "video", "audio", "track", "input"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self.current: list[str] = []
        self.heading = False
        self.item = False
        self.skipping: list[str] = []
        self.dropped = {"script": 0, "remote": 0}

    def handle_starttag(self, tag, attrs):
        self._count(tag, attrs)
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.append(tag)
            return
        if tag in DROPPED:
            self.skipping.append(tag)
            return
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            self.current.append(alt)
        if tag == "br":
            self.current.append("\n")
        elif tag in BLOCKS:
            self._end_block()
            self.heading = tag in HEADINGS
            self.item = tag == "li"

    def _count(self, tag, attrs):
        """What is left out, wherever it is (a script in the head too), so the officer is told all of it."""
        self.dropped["script"] += tag in ("script", "iframe", "object", "embed")
        if tag in REMOTE:
            self.dropped["remote"] += any(name in ("src", "href", "srcset", "poster") for name, _ in attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in DROPPED and self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in BLOCKS:
            self._end_block()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)

    def _end_block(self):
        text = " ".join("".join(self.current).split(" "))
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            # A list item keeps its bullet, so lists read the same from a web page, a Word file or plain text.
            self.blocks.append((f"• {text}" if self.item else text, self.heading))
        self.current, self.heading, self.item = [], False, False


def extract(data: bytes) -> Extracted:
    reader = _Reader()
    reader.feed(decode(data))
    reader.close()
    reader._end_block()
    notes = []
    if reader.dropped["script"]:
        notes.append(f"{reader.dropped['script']} script{'s' * (reader.dropped['script'] != 1)} or embedded "
                     f"object{'s' * (reader.dropped['script'] != 1)} removed, never run.")
    if reader.dropped["remote"]:
        notes.append(f"{reader.dropped['remote']} image{'s' * (reader.dropped['remote'] != 1)} or linked "
                     f"file{'s' * (reader.dropped['remote'] != 1)} ignored, never fetched (alt text kept).")
    return Extracted(kind="html", blocks=reader.blocks, notes=notes)
