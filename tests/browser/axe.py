"""Accessibility checks with axe-core (bundled by axe-playwright-python, so they run offline)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

# WCAG 2.2 AA includes every level A and AA criterion of 2.0 and 2.1, hence wcag21a as well.
WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_axe = Axe()


def assert_no_axe_violations(page) -> None:
    """Fail, naming each violation's rule, help text and offending nodes, if axe finds any on the page as it is now."""
    results = _axe.run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA_TAGS}, "resultTypes": ["violations"]}
    )
    violations = results.response["violations"]
    if not violations:
        return
    lines = [f"axe found {len(violations)} WCAG 2.2 AA violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html']}")
    report = "\n".join(lines)
    print(report)
    pytest.fail(report, pytrace=False)


# The widths every page kind is checked at: a desktop and the narrowest common phone.
WIDTHS = (1280, 375)


def assert_accessible_at_every_width(page) -> None:
    """At each of WIDTHS: axe finds no violation and the page is no wider than the screen."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at {width}px"
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
