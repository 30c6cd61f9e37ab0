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
