#!/usr/bin/env bash
# Write the lock files from pyproject.toml. Run it as `make lock` (`make lock UPGRADE=1`
# moves every pin to the newest allowed version; without it, existing pins are kept and
# only what pyproject.toml no longer allows is re-resolved).
#
# Why uv, and why requirements files: `uv pip compile --universal` resolves once for every
# platform and every Python from 3.11 on, writing an environment marker where a version
# differs (numpy for 3.11 vs 3.12+), so one file serves 3.11, 3.12 and 3.13. Its output is
# a plain requirements file with the sha256 of every wheel and sdist of each pin, which
# stock pip installs with --require-hashes: only whoever re-locks needs uv, a bare machine
# needs nothing but pip, and pip refuses anything unpinned, unlisted or altered.
#   lock.txt     the app with its test extras: what `make run`, `make test` and CI install
#   runtime.txt  the app alone, held to lock.txt's versions: for bundles and packagers
#   bundle.txt   runtime.txt plus PyInstaller (the `bundle` extra), held to lock.txt's
#                versions: what `make bundle` installs into its own venv, .venv-bundle
# Known-bad versions are excluded in pyproject.toml, each with its reason, so no re-lock
# can pick them; tests/test_lock.py checks the lock against pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-uv}
common=(--universal --python-version 3.11 --generate-hashes --no-emit-package takedown-atlas
        --custom-compile-command "make lock" --quiet)
"$UV" pip compile pyproject.toml --extra test "${common[@]}" ${UPGRADE:+--upgrade} \
    -o requirements/lock.txt
"$UV" pip compile pyproject.toml "${common[@]}" -c requirements/lock.txt \
    -o requirements/runtime.txt
"$UV" pip compile pyproject.toml --extra bundle "${common[@]}" -c requirements/lock.txt \
    -o requirements/bundle.txt
