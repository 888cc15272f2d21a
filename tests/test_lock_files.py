"""The lock files (made by `make lock`, installed by the Makefile) pin every dependency that
pyproject.toml declares, at a version it allows, each with its hashes; the runtime lock and the
test lock agree. A dependency added to pyproject.toml without `make lock` fails here."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def read_lock(name: str) -> dict[str, tuple[str, int]]:
    """{canonical name: (version, number of hashes)}"""
    pins, current = {}, None
    for line in (ROOT / name).read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match[1])
            pins[current] = (match[2], 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
        elif line and not line.startswith((" ", "#")):
            raise AssertionError(f"{name}: unexpected line {line!r}")
    return pins


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    return [Requirement(text) for text in requirements]


def test_every_declared_dependency_is_locked_at_an_allowed_version():
    for lock, extras in (("requirements.txt", ()), ("requirements-test.txt", ("test",))):
        pins = read_lock(lock)
        for requirement in declared(*extras):
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{requirement} is not in {lock}: run `make lock`"
            assert requirement.specifier.contains(pins[name][0], prereleases=True), (
                f"{lock} pins {name}=={pins[name][0]}, pyproject.toml wants {requirement}: "
                "run `make lock`"
            )


def test_every_pin_has_hashes_and_both_locks_agree():
    runtime, test = read_lock("requirements.txt"), read_lock("requirements-test.txt")
    for lock in (runtime, test):
        assert all(hashes for _version, hashes in lock.values())
    assert set(runtime) <= set(test)
    assert {name: test[name] for name in runtime} == runtime


def test_the_makefile_installs_the_lock_with_hash_checking():
    makefile = (ROOT / "Makefile").read_text()
    assert "REQUIREMENTS ?= requirements-test.txt" in makefile
    assert "$(INSTALLED): $(REQUIREMENTS)" in makefile
    assert "pip install -q --require-hashes -r $(REQUIREMENTS)" in makefile
