"""The fault-injection switches are dead in the app: a stray variable does nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES


def test_stray_fault_variables_do_nothing_in_the_app(tmp_path: Path) -> None:
    env = dict(os.environ, TAKEDOWN_ATLAS_PARSER_FAULT="import:no_such_module_xyz,crash:",
               TAKEDOWN_ATLAS_CRASH_AT="import.after_commit,import.after_blob",
               TAKEDOWN_ATLAS_CRASH_TRACE=str(tmp_path / "trace"))
    report = next(SAMPLES.glob("*.txt"))
    cli = [sys.executable, "-m", "archive", "--archive", str(tmp_path / "arch")]
    done = subprocess.run([*cli, "import", "--json", str(report)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["added"]) == 1
    assert not (tmp_path / "trace").exists()


def test_armed_in_this_process_they_act(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from archive import faults

    assert faults.enabled()  # tests/conftest.py armed them
    monkeypatch.setenv("TAKEDOWN_ATLAS_CRASH_TRACE", str(tmp_path / "trace"))
    faults.crash_point("import.after_parse")
    assert (tmp_path / "trace").read_text() == "import.after_parse\n"


def test_a_stray_armed_variable_never_reaches_the_worker(monkeypatch) -> None:  # noqa: ANN001
    from archive import faults, sandbox

    monkeypatch.setenv(sandbox.FAULTS_ARMED, "1")
    monkeypatch.setattr(faults, "_enabled", False)
    assert sandbox.FAULTS_ARMED not in sandbox._worker_env()
    monkeypatch.setattr(faults, "_enabled", True)
    assert sandbox._worker_env()[sandbox.FAULTS_ARMED] == "1"
