"""Free text is Markdown; nothing active survives into a notice."""

import pytest
from hypothesis import given

from notices.markdown import render_markdown
from tests.html_safety import active_content, odd_links
from tests.security.hostile import EXAMPLES_RUN, MARKDOWN_FAMILIES, examples, hostile_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src='https://evil.example'></iframe>",
    '<div onmouseover="alert(1)">hover</div>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_it_leaves_no_active_content(text):
    assert active_content(render_markdown(text)) == []


def test_the_active_content_finder_itself_catches_what_it_should():
    assert active_content('<a href=" JavaScript:alert(1)">x</a><img src=x onerror=y>') == [
        "a href= JavaScript:alert(1)",
        "<img>",
        "img onerror=",
    ]


def test_it_keeps_headings_lists_links_and_tables():
    html = render_markdown(
        "# CCTV\n\n- kept 30 days\n- then deleted\n\n[ICO](https://ico.org.uk)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h3>CCTV</h3>" in html  # shifted below the section's own h2
    assert "<li>kept 30 days</li>" in html
    assert '<a href="https://ico.org.uk" rel="noopener noreferrer">ICO</a>' in html
    assert "<table>" in html and "<td>1</td>" in html


def test_it_turns_images_into_links_so_nothing_is_fetched():
    html = render_markdown("![logo](https://evil.example/track.png)")
    assert "<img" not in html and '<a href="https://evil.example/track.png"' in html


def test_it_shows_raw_html_as_text():
    assert "&lt;b&gt;bold&lt;/b&gt;" in render_markdown("<b>bold</b>")


@pytest.mark.parametrize("family", [name for name in MARKDOWN_FAMILIES if name != "links that are fine"])
def test_it_leaves_only_absolute_http_mailto_and_tel_links(family):
    html = render_markdown(MARKDOWN_FAMILIES[family])
    assert odd_links(html) == [] and active_content(html) == []


@pytest.mark.parametrize("text, shown", [
    ("[x](//evil.example)", "[x](//evil.example)"),
    ("[x](&#106;avascript:alert(1))", "[x](javascript:alert(1))"),
    ("[x](VBScript:msgbox(1))", "[x](VBScript:msgbox(1))"),
    ("[x](/relative)", "[x](/relative)"),
])
def test_it_shows_a_link_it_refuses_as_the_text_that_was_typed(text, shown):
    html = render_markdown(text)
    assert "<a" not in html and shown in html


def test_it_keeps_the_links_the_readme_allows():
    html = render_markdown(MARKDOWN_FAMILIES["links that are fine"] + " [e](HTTPS://Example.org)")
    assert odd_links(html) == []
    assert html.count("<a ") == 4


@examples(300)
@given(text=hostile_markdown)
def test_it_never_lets_an_odd_link_through_whatever_is_written(text):
    EXAMPLES_RUN["markdown links"] += 1
    assert odd_links(render_markdown(text)) == []
