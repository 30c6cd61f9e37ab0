"""Find active content in HTML the way a browser would see it, not by substring (escaped text is harmless)."""

from html.parser import HTMLParser

ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "img", "link", "meta", "base", "form"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class _Finder(HTMLParser):
    def __init__(self, allowed_tags):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS - self.allowed_tags:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            scheme = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name in URL_ATTRIBUTES and scheme.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag} {name}={value}")


def active_content(html: str, *, allowed_tags: frozenset = frozenset()) -> list[str]:
    """Elements and attributes that could run code or load something, e.g. ['<script>', 'a href=javascript:…']."""
    finder = _Finder(set(allowed_tags))
    finder.feed(html)
    return finder.found
