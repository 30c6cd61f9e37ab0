"""Apps depend one way: accounts ← services/retention ← notices ← notifications, imports. A lower app offers a
hook (services.hooks, notices.hooks) and never imports a higher one; this reads every module's imports to keep it so."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# app → the apps above it, which it must not import.
ABOVE = {
    "accounts": {"services", "retention", "notices", "notifications", "imports", "ropa"},
    "services": {"notices", "notifications", "imports", "ropa"},
    "retention": {"notices", "notifications", "imports", "ropa"},
    "notices": {"notifications", "imports", "ropa"},
    "notifications": {"imports", "ropa"},
    "imports": {"notifications", "ropa"},
    "ropa": {"notifications", "imports"},
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


@pytest.mark.parametrize("app", sorted(ABOVE))
def test_it_never_imports_an_app_above(app):
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / app).rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in ABOVE[app]
    ]

    assert not wrong, "\n".join(wrong)


def test_it_finds_the_imports_it_checks():
    # The checker itself: notices does import the register, so a broken reader would pass everything.
    names = set(_imports(ROOT / "notices" / "models.py"))

    assert "services.models" in names
