"""The entry points log to a rotating file in the log folder; no document text reaches it."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from archive.logs import MAX_MESSAGE, configure_logging
from archive.paths import resolve_log_dir
from tests.conftest import SAMPLES


def test_the_log_folder_follows_flag_then_environment(tmp_path: Path,
                                                      monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("TAKEDOWN_ATLAS_LOG_DIR", str(tmp_path / "env"))
    assert resolve_log_dir() == tmp_path / "env"
    assert resolve_log_dir(tmp_path / "flag") == tmp_path / "flag"


def test_long_messages_and_tracebacks_are_cut(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    assert path == tmp_path / "takedown-atlas.log"
    secret = "Meta removed 589 accounts " * 100
    log = logging.getLogger("archive.test")
    log.info("parsed %s", secret)
    try:
        raise ValueError(secret)
    except ValueError:
        log.exception("boom")
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text(encoding="utf-8")
    assert "parsed Meta removed" in text and "Traceback" in text and "ValueError" in text
    assert secret not in text
    assert max(len(line) for line in text.splitlines()) < MAX_MESSAGE + 120


def test_the_cli_logs_what_it_did_but_not_the_text(tmp_path: Path) -> None:
    report = next(SAMPLES.glob("*.txt"))
    body = report.read_text(encoding="utf-8", errors="replace")
    sentence = max((s.strip() for s in body.split(".")), key=len)
    assert len(sentence) > 60
    env = dict(os.environ, TAKEDOWN_ATLAS_LOG_DIR=str(tmp_path / "logs"))
    done = subprocess.run([sys.executable, "-m", "archive", "--archive", str(tmp_path / "a"),
                           "import", str(report), str(tmp_path / "missing.txt")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1  # one file was missing
    text = (tmp_path / "logs" / "takedown-atlas.log").read_text(encoding="utf-8")
    assert "command import" in text and "import: 1 added, 0 duplicates, 1 rejected" in text
    assert "missing.txt" in text
    assert sentence not in text and sentence[:60] not in text
