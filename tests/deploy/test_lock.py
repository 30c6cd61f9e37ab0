"""The lock files pin, with hashes, a version of everything pyproject.toml asks for. When this fails after
a dependency was added or changed, run `make lock` and commit requirements/."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def _pins(lock: str) -> dict[str, str]:
    return {canonicalize_name(name): version for name, version in PIN.findall((ROOT / lock).read_text())}


def _requirements(*extras: str) -> list[Requirement]:
    listed = PROJECT["dependencies"] + [line for extra in extras for line in PROJECT["optional-dependencies"][extra]]
    return [Requirement(line) for line in listed]


@pytest.mark.parametrize(
    ("lock", "extras"), [("requirements/lock.txt", ()), ("requirements/dev-lock.txt", ("dev",))],
)
def test_the_lock_pins_a_version_of_every_dependency_that_pyproject_allows(lock, extras):
    pins = _pins(lock)

    stale = [
        str(requirement) for requirement in _requirements(*extras)
        if pins.get(canonicalize_name(requirement.name), "none") not in requirement.specifier
    ]

    assert stale == [], f"{lock} is out of date with pyproject.toml for {stale}: run `make lock`"


@pytest.mark.parametrize("lock", ["requirements/lock.txt", "requirements/dev-lock.txt"])
def test_every_pin_has_its_hashes(lock):
    text = (ROOT / lock).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])

    unhashed = [entry.split()[0] for entry in entries if entry.strip() and "--hash=sha256:" not in entry]

    assert unhashed == []
    assert len(entries) == len(_pins(lock))


def test_the_image_installs_nothing_for_development():
    assert "pytest" not in _pins("requirements/lock.txt")
    assert "django" in _pins("requirements/lock.txt")
