"""U38 / R10 / C9: import -> search -> PDF export makes no network connection, proven at the
OS level (a network namespace with no interfaces, and strace of connect/sendto) and at the
Python level (the suite's audit hook, which this file also tests)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from . import conftest
from .helpers import PYTHON

SCRIPT = Path(__file__).with_name("env_script.py")
INET = re.compile(r"^\d+\s+(connect|sendto)\(.*(AF_INET6?|sin6?_port)", re.M)


def _can(cmd: list[str]) -> bool:
    if not shutil.which(cmd[0]):
        return False
    return subprocess.run([*cmd, "true"], capture_output=True).returncode == 0


def test_end_to_end_offline_in_an_empty_network_namespace_under_strace(tmp_path: Path) -> None:
    unshare = _can(["unshare", "-rn"])
    strace = _can(["strace", "-f", "-qq", "-e", "trace=connect"])
    if not (unshare or strace):
        pytest.fail("neither `unshare -rn` nor strace is available: offline is unproven")
    log = tmp_path / "strace.log"
    cmd = [str(PYTHON), str(SCRIPT), "e2e", str(tmp_path)]
    if strace:
        cmd = ["strace", "-f", "-qq", "-e", "trace=connect,sendto", "-o", str(log), *cmd]
    if unshare:
        cmd = ["unshare", "-rn", *cmd]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(res.stdout.splitlines()[-1])
    assert out["added"] >= 8 and out["hits"] >= 1 and out["pdf_ok"] and out["json"] >= 8
    if strace:
        trace = log.read_text()
        assert INET.findall(trace) == [], INET.findall(trace)[:5]
        if unshare:  # inside the namespace only loopback exists, and it is down
            assert "ENETUNREACH" not in trace
    print(f"\nnet: unshare={unshare} strace={strace}, 0 inet connect/sendto, E2E passed offline")


def test_the_audit_hook_really_blocks_and_records() -> None:
    """Test the test: without this, a silent hook would make every offline claim vacuous.

    _socket.getaddrinfo is the C function under pytest-socket's guard: only the hook sees it.
    """
    import _socket

    start = len(conftest.violations)
    with pytest.raises(PermissionError):
        _socket.getaddrinfo("localhost", 80)
    assert conftest.violations[start:] and "getaddrinfo" in conftest.violations[start]
    del conftest.violations[start:]


def test_reportlab_refuses_remote_images_after_the_briefing_locks_it_down() -> None:
    from reportlab.lib.utils import rlUrlRead

    from archive.export.briefing_layout import lock_down_reportlab

    lock_down_reportlab()
    for url in ("http://203.0.113.5/x.png", "https://example.org/f.ttf", "ftp://203.0.113.5/a",
                "file:///etc/passwd"):
        with pytest.raises(OSError):
            rlUrlRead(url)


def test_the_strace_check_sees_a_real_connect(tmp_path: Path) -> None:
    """Vacuity check: a process that does try to connect is caught by the same regex."""
    if not _can(["strace", "-f", "-qq", "-e", "trace=connect"]):
        pytest.fail("strace is not available")
    log = tmp_path / "s.log"
    code = ("import socket; s=socket.socket(); s.settimeout(0.2)\n"
            "try: s.connect(('203.0.113.5', 80))\nexcept OSError: pass")
    prefix = ["unshare", "-rn"] if _can(["unshare", "-rn"]) else []
    subprocess.run([*prefix, "strace", "-f", "-qq", "-e", "trace=connect,sendto", "-o", str(log),
                    str(PYTHON), "-c", code], capture_output=True, timeout=60)
    assert INET.findall(log.read_text())
