"""The command line contract (DESIGN §4): exit codes, one-line errors, --json shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.cli import main
from tests.conftest import SEED_DIR


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_search_show_export_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arch = str(tmp_path / "demo")
    code, out, _ = run(capsys, "--archive", arch, "import", str(SEED_DIR), "--json")
    assert code == 0
    added = json.loads(out)
    assert set(added) == {"added", "duplicates", "rejected"} and len(added["added"]) == 1
    code, out, _ = run(capsys, "--archive", arch, "import", str(SEED_DIR), "--json")
    assert code == 0 and json.loads(out)["duplicates"][0]["id"] == added["added"][0]

    code, out, _ = run(capsys, "--archive", arch, "search", "Azerbaijan", "--json")
    res = json.loads(out)
    assert code == 0 and res["total"] == 1 and res["query"] == "Azerbaijan"
    assert set(res["hits"][0]) == {"id", "title", "published", "snippet", "score"}

    code, out, _ = run(capsys, "--archive", arch, "show", added["added"][0], "--json")
    doc = json.loads(out)
    assert code == 0 and "text" in doc and doc["text"].rstrip().endswith("Facebook stated.")

    code, out, _ = run(capsys, "--archive", arch, "export", "json", "-o", "-")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "takedown-atlas/1"
    assert "You May Also Like" not in data["documents"][0].get("text", "")

    code, out, _ = run(capsys, "--archive", arch, "info", "--json")
    info = json.loads(out)
    assert code == 0 and info["documents"] == 1 and info["schema_version"] >= 1
    assert {"documents", "networks", "countries", "actors", "schema_version"} <= set(info)

    code, out, _ = run(capsys, "--archive", arch, "check")
    assert code == 0 and "ok" in out


def test_rejected_file_exits_1_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.exe"
    bad.write_bytes(b"MZ\x90\x00" + bytes(100))
    code, out, err = run(capsys, "--archive", str(tmp_path / "a"), "import", str(bad))
    assert code == 1
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1 and "x.exe" in lines[0] and "Traceback" not in err


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--archive", str(tmp_path), "export", "docx", "-o", "x"])
    assert exc.value.code == 2
    capsys.readouterr()
    code, _, err = run(capsys, "--archive", str(tmp_path / "none"), "search", "x")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    code, _, err = run(capsys, "--archive", str(tmp_path / "none"), "show", "nope")
    assert code == 2


def test_check_exits_1_when_an_original_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arch = tmp_path / "a"
    run(capsys, "--archive", str(arch), "import", str(SEED_DIR))
    for blob in (arch / "blobs").rglob("*"):
        if blob.is_file():
            blob.unlink()
    code, out, _ = run(capsys, "--archive", str(arch), "check")
    assert code == 1 and "original missing" in out


def test_reindex_rebuilds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arch = str(tmp_path / "a")
    run(capsys, "--archive", arch, "import", str(SEED_DIR))
    code, out, _ = run(capsys, "--archive", arch, "reindex")
    assert code == 0 and "indexed 1" in out
