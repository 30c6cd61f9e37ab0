"""Free text is written in Markdown and published to the public and into PDFs, so it is rendered with
raw HTML off and then sanitised again with an allow-list: nothing active can survive either step."""

import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

ALLOWED_TAGS = {
    "p",
    "br",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"style"}, "td": {"style"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

# A link must say where it goes in full: an absolute http(s) address with a host, an e-mail address or
# a phone number. Anything else (relative or protocol-relative "//host" addresses, data:, vbscript:,
# javascript: in any case or written with entities, which markdown-it decodes before asking) is left
# as the text the author typed.
_SAFE_LINK = re.compile(r"(?:https?://[^/\\\s]|mailto:|tel:)", re.IGNORECASE)


def _link_allowed(url: str) -> bool:
    return _SAFE_LINK.match(url) is not None


_md.validateLink = _link_allowed


def _image_as_link(self, tokens, idx, options, env):
    # An image would be fetched from elsewhere whenever the page or PDF is shown: offer a link instead.
    token = tokens[idx]
    alt = self.renderInline(token.children or [], options, env) or "image"
    return f'<a href="{escapeHtml(token.attrGet("src") or "")}">{alt}</a>'


_md.add_render_rule("image", _image_as_link)


def _shift_headings(tokens) -> None:
    # Free-text sections sit under an h2, so a "# heading" written inside one becomes an h3.
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1])
            token.tag = f"h{min(level + 2, 6)}"


def render_markdown(text: str) -> str:
    """Markdown → safe HTML (headings, lists, links, tables; no raw HTML, scripts or javascript: links)."""
    tokens = _md.parse(text or "")
    _shift_headings(tokens)
    html = _md.renderer.render(tokens, _md.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )
