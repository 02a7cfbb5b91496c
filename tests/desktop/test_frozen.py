"""The bundle's one executable answers the sandbox's worker flag and the CLI (desktop/frozen.py).

A stand-in "bundle" (a script that runs desktop/frozen.py) plays the frozen executable, so
the dispatch is checked on every run; tests/test_pyinstaller_bundle.py builds the real one (slow).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from archive import __version__, sandbox
from archive.limits import Limits
from archive.records import SourceFile
from archive.sandbox import WORKER_FLAG, IsolatedParser


def _fake_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "takedown-atlas"
    bundle.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m desktop.frozen "$@"\n')
    bundle.chmod(0o755)
    return bundle


def test_a_frozen_app_starts_itself_as_the_worker(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = _fake_bundle(tmp_path)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle))
    assert sandbox._worker_command(123) == [str(bundle), WORKER_FLAG, "123"]
    parser = IsolatedParser(Limits(parse_timeout_s=30.0))
    try:
        raw = parser.parse(SourceFile("note.txt", b"Meta removed 12 Facebook accounts.\n"))
    finally:
        parser.close()
    assert "12 Facebook accounts" in raw.text and raw.importer


def test_unfrozen_the_worker_is_the_interpreter_running_the_module() -> None:
    assert sandbox._worker_command(5) == [sys.executable, "-m", "archive.sandbox", "5"]


def test_freeze_support_leaves_every_other_command_line_alone() -> None:
    for argv in (["atlas"], ["atlas", "import", "x"], ["atlas", WORKER_FLAG],
                 ["atlas", "--archive", WORKER_FLAG, "info"]):
        sandbox.freeze_support(argv)  # returns: not the worker's command line


def test_the_same_executable_is_the_cli(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path)
    out = subprocess.run([str(bundle), "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == f"takedown-atlas {__version__}"
    bad = subprocess.run([str(bundle), "-m", "archive.sandbox"], capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 2 and "error" in bad.stderr
