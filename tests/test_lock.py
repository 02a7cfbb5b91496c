"""The environment is the lock: what is installed, what the lock pins and what we import agree.

requirements/lock.txt is written by `make lock` from pyproject.toml and installed by
`make run`, `make test` and CI. `make upgrade-check` deselects the first test (its
scratch venv is unlocked on purpose) and keeps the rest.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"
RUNTIME = ROOT / "requirements" / "runtime.txt"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Put in every venv by `python -m venv` itself, not by the lock (pip freeze hides them too).
VENV_SEED = {"setuptools", "wheel", "distribute"}
# Declared but never imported by name, each for a reason given in pyproject.toml.
NOT_IMPORTED = {"lxml-html-clean", "shiboken6"}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def _pins(path: Path) -> dict[str, str]:
    """name -> version for the pins whose markers hold on this interpreter."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _PIN.match(line)
        if not m:
            continue
        name, version, marker = m.groups()
        if marker and not Marker(marker).evaluate():
            continue
        pins[canonicalize_name(name)] = version
    return pins


def _declared() -> list[Requirement]:
    return [Requirement(r) for r in [*PROJECT["dependencies"],
                                     *PROJECT["optional-dependencies"]["test"]]]


def test_installed_packages_equal_the_lock() -> None:
    installed = {canonicalize_name(d.metadata["Name"]): d.version
                 for d in metadata.distributions()}
    installed.pop(canonicalize_name(PROJECT["name"]), None)
    locked = _pins(LOCK)
    for seed in VENV_SEED - locked.keys():
        installed.pop(seed, None)
    extra = {n: v for n, v in installed.items() if n not in locked}
    missing = {n: v for n, v in locked.items() if n not in installed}
    differ = {n: (installed[n], v) for n, v in locked.items()
              if n in installed and Version(installed[n]) != Version(v)}
    assert not (extra or missing or differ), (
        f"this venv is not the lock (run `make test` for a fresh one): not locked {extra}, "
        f"not installed {missing}, installed vs locked {differ}")


def test_the_lock_satisfies_pyproject_and_excludes_the_known_bad() -> None:
    locked = _pins(LOCK)
    for req in _declared():
        if req.marker and not req.marker.evaluate():
            continue
        name = canonicalize_name(req.name)
        assert name in locked, f"{req} is declared but not locked: run `make lock`"
        assert req.specifier.contains(locked[name], prereleases=True), (
            f"the lock pins {name}=={locked[name]}, which pyproject.toml's {req} refuses: "
            "run `make lock`")
    assert locked["pyside6-essentials"] != "6.12.0" and locked["shiboken6"] != "6.12.0"


def test_the_runtime_lock_is_the_full_lock_without_the_test_tools() -> None:
    full, runtime = _pins(LOCK), _pins(RUNTIME)
    assert runtime.items() <= full.items()
    for tool in ("pytest", "mypy", "ruff", "hypothesis"):
        assert tool not in runtime
    assert "pyside6-essentials" in runtime and "lxml-html-clean" in runtime


def _third_party_imports() -> set[str]:
    first_party = {"archive", "desktop", "resources"}
    found: set[str] = set()
    for package in first_party:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                found.update(n.split(".")[0] for n in names)
    return {n for n in found - first_party if n not in sys.stdlib_module_names}


def test_every_imported_package_is_declared_and_every_declared_one_imported() -> None:
    runtime = {canonicalize_name(Requirement(r).name) for r in PROJECT["dependencies"]}
    providers = metadata.packages_distributions()
    used: set[str] = set()
    for module in sorted(_third_party_imports()):
        dists = {canonicalize_name(d) for d in providers.get(module, [])}
        assert dists & runtime, f"`import {module}` comes from {dists or 'nothing installed'}, " \
                                "which pyproject.toml does not declare"
        used |= dists & runtime
    assert runtime - used == NOT_IMPORTED
