"""Find active content in HTML the way a browser would see it, not by substring (escaped text is harmless)."""

import re
from collections.abc import Callable
from html.parser import HTMLParser

ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "img", "link", "meta", "base", "form"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
STATIC_URL = "/static/"
# Text inside these is not shown to the reader.
HIDDEN_TEXT_TAGS = {"script", "style", "title", "template"}
# Elements that start a new line of text, so their text never runs into the text before them.
BLOCK_TAGS = {
    "br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "caption", "tr", "td", "th", "h1", "h2", "h3",
    "h4", "h5", "h6", "section", "main", "header", "footer", "nav", "blockquote", "pre", "hr", "label", "legend",
    "fieldset", "details", "summary", "textarea", "option",
}


def _runs_code(url: str | None) -> bool:
    scheme = (url or "").strip().lower().replace("\t", "").replace("\n", "")
    return scheme.startswith(("javascript:", "data:", "vbscript:"))


class _Finder(HTMLParser):
    def __init__(self, allowed_tags, own: Callable[[str, dict], bool]):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.own = own
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        own = self.own(tag, dict(attrs))
        if tag in ACTIVE_TAGS - self.allowed_tags and not own:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in URL_ATTRIBUTES and _runs_code(value) and not own:
                self.found.append(f"{tag} {name}={value}")


def active_content(html: str, *, allowed_tags: frozenset = frozenset()) -> list[str]:
    """Elements and attributes that could run code or load something, e.g. ['<script>', 'a href=javascript:…']."""
    finder = _Finder(set(allowed_tags), own=lambda tag, attrs: False)
    finder.feed(html)
    return finder.found


def _from_static(url: str | None) -> bool:
    return (url or "").startswith(STATIC_URL)


def _same_site(url: str | None) -> bool:
    url = url or ""
    return url.startswith("/") and not url.startswith(("//", "/\\"))


def _page_element(nonce: str | None) -> Callable[[str, dict], bool]:
    """Whether an element is the page's own, of the kinds its Content-Security-Policy lets through."""

    def own(tag: str, attrs: dict) -> bool:
        if tag == "script":
            # What script-src 'self' 'nonce-…' lets run: our own addresses, or inline with this response's nonce.
            return (nonce is not None and attrs.get("nonce") == nonce) or _same_site(attrs.get("src"))
        if tag == "link":
            # Our stylesheets, or a same-site alternate (the page's Atom feed), which a browser never loads.
            alternate = attrs.get("rel") == "alternate" and _same_site(attrs.get("href"))
            return _from_static(attrs.get("href")) or alternate
        if tag == "meta":
            return "http-equiv" not in attrs  # a refresh could send the reader elsewhere
        if tag == "form":
            return not attrs.get("action") or _same_site(attrs.get("action"))
        if tag == "img":
            # An image cannot run its own scripts; our QR code is an inline data: image.
            return _from_static(attrs.get("src")) or (attrs.get("src") or "").startswith("data:image/")
        # Inline SVG icons: their handlers, scripts and links are still checked one by one.
        return tag == "svg"

    return own


def page_active_content(html: str, *, nonce: str | None) -> list[str]:
    """Active content on a whole page other than the page's own: its scripts carrying this response's CSP
    `nonce` or loaded from this site, its stylesheets and icon from /static/, <meta> without http-equiv,
    forms sending to this site, images from /static/ or inline data:image/, inline SVG. Event handler
    attributes and javascript:/data: links count wherever they are."""
    finder = _Finder(set(), own=_page_element(nonce))
    finder.feed(html)
    return finder.found


def csp_nonce(content_security_policy: str) -> str | None:
    """The nonce a Content-Security-Policy header lets scripts run with, if any."""
    match = re.search(r"'nonce-([^']+)'", content_security_policy or "")
    return match.group(1) if match else None


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.values: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in BLOCK_TAGS:
            self.parts.append(" ")
        if tag in HIDDEN_TEXT_TAGS:
            self.hidden += 1
        if tag == "input" and attrs.get("name"):
            self.values.setdefault(attrs["name"], []).append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.parts.append(" ")
        if tag in HIDDEN_TEXT_TAGS and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text as a reader sees it (entities decoded, runs of white space as one space)."""
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def input_values(html: str, name: str) -> list[str]:
    """The values of the page's <input name=…> fields, as the browser reads them (entities decoded)."""
    parser = _Text()
    parser.feed(html)
    return parser.values.get(name, [])


# The links the README allows in text people write: absolute http(s) with a host, mailto: and tel:.
_ALLOWED_LINK = re.compile(r"(?:https?://[^/\\\s]|mailto:|tel:)", re.IGNORECASE)


class _LinkFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hrefs.extend(value or "" for name, value in attrs if name in URL_ATTRIBUTES)


def odd_links(html: str) -> list[str]:
    """Addresses in HTML made from people's text that are not absolute http(s), mailto: or tel:
    (relative, protocol-relative //host, data:, vbscript:, …), as a browser would read them."""
    finder = _LinkFinder()
    finder.feed(html)
    finder.close()
    return [href for href in finder.hrefs if not _ALLOWED_LINK.match(href.strip())]
