"""What the hostile-input tests (tests/security/test_hostile_*.py) share: the hostile strings and the
Hypothesis strategies that mix them, the checks made on every response, and the count of examples run
(printed at the end of the run by tests/security/conftest.py).

The families the strings cover: script tags, event handlers, javascript: (and data:) URLs, template
syntax, very long input, NUL bytes, mixed scripts and right-to-left text; for Markdown bodies also raw
HTML, links and images with javascript: addresses, autolinks, and links the README does not allow:
relative, protocol-relative, data:, vbscript:, mixed-case and entity-encoded schemes. For addresses,
dates and version numbers far too large for a date or a database integer (HUGE_NUMBERS).
"""

from collections import Counter

from django import forms
from django.conf import settings
from hypothesis import HealthCheck, Phase, example
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.html_safety import csp_nonce, input_values, page_active_content, visible_text

# Examples run and inputs accepted (saved, sent, published), by form group.
EXAMPLES_RUN: Counter = Counter()
ACCEPTED: Counter = Counter()

# One string per family: every test runs each of them as an explicit example.
FAMILIES = {
    "script tag": "<script>alert('xss')</script>",
    "event handler": '"><img src=x onerror=alert(1)>',
    "javascript: URL": '<a href="javascript:alert(1)">javascript:alert(document.cookie)</a>',
    "template syntax": "{{ settings.SECRET_KEY }}{% debug %}{% load log %}",
    "very long": "<svg/onload=alert(1)>" * 250,
    "NUL byte": "name\x00with NUL",
    "mixed scripts": "Привет мир 你好世界 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Ꭰ Ⓐ مرحبا",
    "right-to-left": "\u202eevil.exe\u202c שלום עולם",
}
HOSTILE = [
    *FAMILIES.values(),
    "' onmouseover='alert(1)",
    "javascript:alert(document.cookie)",
    "<iframe src=//evil.example></iframe>",
    "<meta http-equiv=refresh content='0;url=//evil.example'>",
    "<form action=//evil.example><input name=password></form>",
    "<style>body{display:none}</style>",
    "\x00",
    "A" * 5000,
    "https://example.org/<script>",
    "&lt;script&gt;",
]
# Markdown a free-text section could hold: raw HTML, dangerous link and image addresses, autolinks.
MARKDOWN_FAMILIES = {
    "raw HTML": "<script>alert(1)</script>\n\n<div onmouseover=\"alert(1)\">hover</div>",
    "javascript: link": "[click](javascript:alert(1)) and [again](JaVaScRiPt:alert(1) \"title\")",
    "image with onerror": "<img src=x onerror=alert(1)> ![x](javascript:alert(1))",
    "autolink": "<javascript:alert(1)> <https://example.org/\"onmouseover=\"alert(1)> <dpo@example.org>",
    "data: link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [y]( vbscript:msgbox(1))",
    "table and code": "| a | b |\n|---|---|\n| <b onclick=x>c</b> | d |\n\n```html\n<script>alert(1)</script>\n```",
    "links that are fine": "[a](https://example.org/a) [c](mailto:x@example.org) [d](tel:+441632960000)",
    # The README allows absolute http(s), mailto: and tel: only; each of these must end up as text.
    "relative links": "[a](/relative) [b](#frag) [c](page.html) [d](\\\\evil.example\\share)",
    "protocol-relative link": "[x](//evil.example) [y](///evil.example) <//evil.example> ![i](//evil.example/t.png)",
    "vbscript: link": "[x](vbscript:msgbox(1)) [y](VBScript:msgbox(1)) <vbscript:msgbox(1)>",
    "mixed-case schemes": "[x](DaTa:text/html,x) [y](jAvAsCrIpT:alert(1)) [z](hTtPs:/evil.example)",
    "entity-encoded schemes": "[x](&#106;avascript:alert(1)) [y](&#x64;ata:text/html,x) [z](&#47;&#47;evil.example)"
    " [w](java&#x09;script:alert(1)) [v](%6A%61vascript:alert(1))",
}
MARKDOWN_HOSTILE = [*MARKDOWN_FAMILIES.values(), "<iframe src='https://evil.example'></iframe>", "[x](//evil.example)"]
# Numbers in addresses (dates, version numbers) past what a date or a PostgreSQL integer can hold.
HUGE_NUMBERS = ["2147483648", "9223372036854775808", "99999999999999999999999999999999", "0", "00000000001"]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)), min_size=1, max_size=4).map("".join),
)
hostile_markdown = st.lists(
    st.one_of(st.sampled_from(HOSTILE + MARKDOWN_HOSTILE), st.text(max_size=30)), min_size=1, max_size=5
).flatmap(lambda parts: st.sampled_from(["", " ", "\n", "\n\n"]).map(lambda glue: glue.join(parts)))


def accepted(text: str) -> str:
    """The text as a form that takes it stores it: no NUL (refused with a message), trimmed."""
    return text.replace("\x00", "").strip()


def examples(max_examples: int, *, shrink: bool = True):
    """Hypothesis settings for these tests: no deadline (pages and PDFs take what they take). Without
    shrink, a failure is reported as found, not first made smaller (for examples that take a second)."""
    phases = [phase for phase in Phase if shrink or phase not in (Phase.shrink, Phase.explain)]
    return hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        phases=phases,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def with_families(argument: str, families: dict = FAMILIES, **other_arguments):
    """@example(argument=<one string of each family>, **other_arguments), for every family."""

    def decorate(test):
        for text in families.values():
            test = example(**{argument: text}, **other_arguments)(test)
        return test

    return decorate


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def assert_harmless(response) -> str:
    """No server error; on an HTML page nothing active but the page's own; the secret key nowhere.
    Returns the body."""
    assert response.status_code < 500, f"server error {response.status_code}"
    body = body_of(response)
    if response.get("Content-Type", "").startswith("text/html"):
        found = page_active_content(body, nonce=csp_nonce(response.get("Content-Security-Policy", "")))
        assert found == [], f"active content on {response.status_code} page: {found[:5]}"
    assert settings.SECRET_KEY not in body
    return body


def assert_followed_harmless(client, response) -> str:
    """assert_harmless for a response and, if it redirects, for the page it leads to. Returns the last body."""
    body = assert_harmless(response)
    if response.status_code in (301, 302, 303):
        body = assert_harmless(client.get(response["Location"]))
    return body


def assert_shown(body: str, text: str) -> None:
    """The text is on the page as text (so it was escaped, not dropped and not taken as markup)."""
    expected = " ".join(text.split())
    assert expected in visible_text(body), f"not shown as text: {expected[:120]!r}"


def assert_input_holds(body: str, name: str, text: str) -> None:
    """An <input name=…> shows the text back as its value (escaped inside the attribute)."""
    assert text in input_values(body, name), f"{name} does not hold {text[:120]!r}: {input_values(body, name)}"


def form_data(form: forms.BaseForm, text: str, serial: int, *, blank_links: bool, fit: bool = False) -> dict:
    """POST data for a form: the hostile text in every text field, something valid in the rest.

    With blank_links, web and email addresses are left blank (they are optional) so the record can save;
    with fit, text is cut to each field's max_length (otherwise a long text is refused as too long)."""
    data = {}
    for name, field in form.fields.items():
        value = _field_value(field, text, serial, blank_links=blank_links)
        if fit and isinstance(value, str) and getattr(field, "max_length", None):
            value = value[: field.max_length]
        if value is not None:
            data[name] = value
    return data


def _field_value(field, text, serial, *, blank_links):
    if isinstance(field, forms.URLField | forms.EmailField) and blank_links:
        return ""
    if isinstance(field, forms.ModelMultipleChoiceField | forms.BooleanField):
        return None
    if isinstance(field, forms.ModelChoiceField):
        first = field.queryset.first()
        return first.pk if field.required and first else ""
    if isinstance(field, forms.ChoiceField):
        return next((value for value, _ in field.choices if value), "")
    if isinstance(field, forms.SlugField):
        return f"hostile-{serial}"
    if isinstance(field, forms.IntegerField):
        return "1"
    if isinstance(field, forms.DateField):
        return ""
    return text
