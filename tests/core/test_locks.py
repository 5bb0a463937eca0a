"""The lock files that `make install`, `make install-dev` and CI install from cover pyproject.toml.

After a change to the dependencies, `make lock` re-resolves them; this catches a forgotten run."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=~!;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pinned(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text()
    return {
        name.lower().replace("_", "-"): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M)
    }


EXTRAS = PROJECT["optional-dependencies"]
LOCKS = {
    "base.lock": PROJECT["dependencies"],
    "production.lock": PROJECT["dependencies"]
    + EXTRAS["postgres"]
    + EXTRAS["redis"]
    + EXTRAS["s3"],
    "dev.lock": PROJECT["dependencies"] + EXTRAS["dev"],
}


@pytest.mark.parametrize("lock", LOCKS)
def test_each_lock_pins_every_dependency_it_stands_for_with_hashes(lock):
    pinned = _pinned(lock)
    missing = sorted({_name(r) for r in LOCKS[lock]} - set(pinned))
    assert not missing, f"requirements/{lock} lacks {missing}: run `make lock`"
    assert "--hash=sha256:" in (ROOT / "requirements" / lock).read_text()


def test_the_locks_agree_on_every_version_they_share():
    base, production, dev = (_pinned(lock) for lock in LOCKS)
    for other in (production, dev):
        assert {n: v for n, v in other.items() if n in base and base[n] != v} == {}


def test_development_tools_stay_out_of_the_production_lock():
    production = _pinned("production.lock")
    assert "django-zeal" not in production
    assert "pytest" not in production
    assert "psycopg" not in _pinned("base.lock")
