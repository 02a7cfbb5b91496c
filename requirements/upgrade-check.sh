#!/usr/bin/env bash
# `make upgrade-check`: would the newest versions that pyproject.toml allows still pass?
#
# Builds a scratch venv ($UPGRADE_VENV, default .venv-upgrade) with plain pip and no lock,
# so it gets the newest release of everything within pyproject's ranges and exclusions;
# makes sure Qt's system libraries are there; runs the whole suite in it; then prints every
# package that differs from requirements/lock.txt and the verdict. The lock is only read
# (checked unchanged at the end). When it passes, `make lock UPGRADE=1` moves the pins and
# CI tests them; when it fails, the output says which upgrade to exclude or fix. Meant to
# run on a schedule. Exit status: the suite's (3 if the lock was modified somehow).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${UPGRADE_VENV:-.venv-upgrade}
locks=(requirements/lock.txt requirements/runtime.txt)
before=$(sha256sum "${locks[@]}")

rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q -e '.[test]'
packaging/qt-deps.sh "$VENV/bin/python"

set +e
# The one test that demands the locked versions is the one that must not hold here.
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest -q -m "not slow" \
  --deselect tests/test_lock.py::test_installed_packages_equal_the_lock
status=$?
set -e

echo
echo "upgrade-check: $("$VENV/bin/python" --version), newest allowed versions vs requirements/lock.txt:"
"$VENV/bin/python" - <<'PY'
import re
from importlib import metadata
from packaging.markers import Marker
from packaging.utils import canonicalize_name

pin = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")
locked = {}
for line in open("requirements/lock.txt", encoding="utf-8"):
    m = pin.match(line.rstrip("\n"))
    if m and (not m.group(3) or Marker(m.group(3)).evaluate()):
        locked[canonicalize_name(m.group(1))] = m.group(2)
installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
for skip in ("takedown-atlas", "setuptools", "wheel"):
    if skip not in locked:
        installed.pop(skip, None)
lines = []
for name in sorted(locked.keys() | installed.keys()):
    old, new = locked.get(name), installed.get(name)
    if old == new:
        continue
    if old is None:
        lines.append(f"  + {name} {new} (not in the lock)")
    elif new is None:
        lines.append(f"  - {name} {old} (no longer installed)")
    else:
        lines.append(f"  {name} {old} -> {new}")
print("\n".join(lines) if lines else "  no differences: the lock is already the newest")
PY

if [ "$before" != "$(sha256sum "${locks[@]}")" ]; then
  echo "upgrade-check: the lock files changed during the check; that must not happen" >&2
  exit 3
fi
if [ "$status" = 0 ]; then
  echo "upgrade-check: PASSED with the newest versions (to adopt them: make lock UPGRADE=1)"
else
  echo "upgrade-check: FAILED with the newest versions (pytest exit $status); the lock is unchanged"
fi
exit "$status"
