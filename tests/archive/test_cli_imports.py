"""The CLI's search path loads only what a search needs (issue 14: a whole `search` process in
≤ 150 ms at 10k, most of it once spent importing exporters, importers and the extractor).

Each check runs a fresh interpreter, so nothing another test imported can hide a regression.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Modules a search never needs: the extractor, importers and the sandbox, exporters (pandas,
# reportlab), backup and check, schema migration (sqlite-utils), Qt, and two that Whoosh
# would load for nothing (urllib, its English morphology: archive.index.offline_load).
HEAVY = ("archive.extract", "archive.importers", "archive.pipeline", "archive.sandbox",
         "archive.reader_pool", "archive.parsing", "archive.backup", "archive.check",
         "archive.reextract", "archive.export.json_export", "archive.export.tables",
         "archive.export.briefing", "archive.export.stix_export", "archive.export.model",
         "archive.read_model", "archive.browse", "archive.entity", "archive.corrections",
         "pandas", "reportlab", "sqlite_utils", "dateparser", "openpyxl", "PySide6",
         "urllib.request", "http.client", "email.parser", "ssl", "whoosh.lang.morph_en")

PROBE = """
import json, sys
entry = sys.argv[1]
argv = sys.argv[2:]
if entry == "launcher":
    from desktop.launcher import main
else:
    from archive.cli import main
code = main(argv)
sys.stdout.flush()
sys.stderr.write(json.dumps({"code": code, "modules": sorted(sys.modules)}) + "\\n")
"""


def _probe(entry: str, *argv: str) -> tuple[int, str, set[str]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", PROBE, entry, *argv], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], done.stdout, set(report["modules"])


def _python(script: str) -> subprocess.CompletedProcess[str]:
    """*script* in a fresh interpreter that imports this tree."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60)


def _loaded_heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.fixture
def sample_path(sample_archive: object) -> Path:
    root = sample_archive.root  # type: ignore[attr-defined]
    sample_archive.close()  # type: ignore[attr-defined]
    return Path(root)


@pytest.mark.parametrize("entry", ["cli", "launcher"])
@pytest.mark.parametrize("as_json", [False, True])
def test_search_loads_no_heavy_module(sample_path: Path, entry: str, as_json: bool) -> None:
    argv = ["--archive", str(sample_path), "search", "Facebook", *(["--json"] if as_json else [])]
    code, out, modules = _probe(entry, *argv)
    assert code == 0
    if as_json:
        assert json.loads(out)["total"] >= 1
    else:
        assert "documents match" in out.splitlines()[0]
    assert "archive.index" in modules and "archive.api" in modules  # (the probe is real)
    assert _loaded_heavy(modules) == []


def test_the_probe_sees_heavy_modules_when_they_load(sample_path: Path) -> None:
    """The same probe on `show`, which needs the read model: it would notice."""
    code, _out, shown = _probe("cli", "--archive", str(sample_path), "show",
                               _first_id(sample_path))
    assert code == 0 and "archive.read_model" in _loaded_heavy(shown)


def _first_id(path: Path) -> str:
    import sqlite3

    conn = sqlite3.connect(path / "archive.sqlite")
    try:
        return str(conn.execute("SELECT id FROM document ORDER BY id LIMIT 1").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("module", ["archive", "archive.cli"])
def test_python_dash_m_prints_what_main_prints(sample_path: Path, module: str) -> None:
    argv = ["--archive", str(sample_path), "search", "Facebook", "--json"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    by_module = subprocess.run([sys.executable, "-m", module, *argv], capture_output=True,
                               text=True, cwd=ROOT, env=env, timeout=120)
    code, out, _modules = _probe("cli", *argv)
    assert by_module.returncode == code == 0
    assert by_module.stdout == out and json.loads(out)["hits"]


def test_whoosh_loads_without_urllib_and_urllib_still_works() -> None:
    script = ("import sys; import archive.index; assert 'urllib.request' not in sys.modules; "
              "import whoosh.compat as c; import urllib.request as u; "
              "assert u.urlretrieve is not c.urlretrieve and hasattr(u, 'Request'); "
              "from archive.index.offline_load import NO_NETWORK\n"
              "try:\n    c.urlretrieve('file:///etc/hostname')\n"
              "except RuntimeError as e:\n    assert str(e) == NO_NETWORK; print('refused')")
    done = _python(script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refused"


def test_whoosh_variations_load_the_real_morphology_when_used() -> None:
    script = ("import sys; import archive.index; from whoosh.query import terms; "
              "assert 'whoosh.lang.morph_en' not in sys.modules; "
              "got = terms.variations('running'); import whoosh.lang.morph_en as m; "
              "assert sorted(got) == sorted(m.variations('running')) and 'runs' in got; "
              "assert terms.variations is not m.variations; print(len(got))")
    done = _python(script)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 3
