"""The PyInstaller bundle works on its own: `make bundle`, then import the seed and export a PDF.

Slow (a minute or two: a venv from requirements/bundle.txt the first time, then PyInstaller);
`make test` leaves it out and `make test-bundle` (run by .ci/run) runs it. Everything goes
through the one frozen executable, so the sandbox worker it starts is the bundle too.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, SEED_DIR

pytestmark = pytest.mark.slow
BUNDLE = ROOT / "dist" / "takedown-atlas" / "takedown-atlas"


@pytest.fixture(scope="module")
def bundle() -> Path:
    # A make of its own: none of the calling `make test-bundle`'s state (MAKEFLAGS, its
    # jobserver) is passed down to it.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    build = subprocess.run(["make", "-C", str(ROOT), "bundle"], cwd=ROOT, capture_output=True,
                           text=True, timeout=1200, env=env)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert os.access(BUNDLE, os.X_OK)
    return BUNDLE


def _run(bundle: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # No interpreter of ours may leak in: the bundle must carry everything it needs.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = "/usr/bin:/bin"
    return subprocess.run([str(bundle), *args], capture_output=True, text=True, env=env,
                          cwd="/", timeout=300)


def test_the_bundle_imports_the_seed_and_writes_a_briefing(bundle: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    done = _run(bundle, "--archive", str(archive), "import", str(SEED_DIR))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 added"), done.stdout
    info = json.loads(_run(bundle, "--archive", str(archive), "info", "--json").stdout)
    # Extraction reads data files beside its packages (py3langid's model, justext's
    # stoplists): a bundle that lacks one keeps the document and loses every fact.
    assert info["documents"] == 1 and info["networks"] >= 1 and info["facts"] > 0, info
    pdf = tmp_path / "briefing.pdf"
    out = _run(bundle, "--archive", str(archive), "export", "pdf", "-o", str(pdf))
    assert out.returncode == 0, out.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "BRIEFING" in text and "Azerbaijan" in text
    check = _run(bundle, "--archive", str(archive), "check")
    assert check.returncode == 0, check.stdout + check.stderr
