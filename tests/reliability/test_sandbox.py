"""C7 / I22-I25: the isolated parser fails one file (hang, memory, crash, flood), the batch goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive import sandbox
from archive.api import Archive
from archive.errors import LimitExceeded, ParseError, ReaderUnavailable
from archive.limits import Limits
from archive.reader_pool import ReaderPool, reader_count
from archive.records import SourceFile
from archive.sandbox import IsolatedParser, _decode_reply

from .helpers import PYTHON, process_gone

SMALL = Limits(parse_timeout_s=1.5, parse_memory_bytes=320 * 1024 * 1024,
               max_output_bytes=2 * 1024 * 1024)


def _children() -> list[tuple[int, str]]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            out.append((int(stat.parent.name), fields[0]))
    return out


def test_archive_parses_through_the_sandbox(archive: Archive, tmp_path: Path) -> None:
    files = []
    for i in range(6):
        files.append(tmp_path / f"r{i}.txt")
        files[-1].write_text(f"Meta removed {i + 3} Facebook accounts in Georgia.\n")
    archive.import_paths(files)
    pool = archive.parser
    assert isinstance(pool, ReaderPool)
    readers = pool.readers
    assert 1 <= len(readers) <= reader_count()
    assert all(isinstance(r, IsolatedParser) and r.pid is not None for r in readers)
    children = {pid for pid, _ in _children()}
    assert {r.pid for r in readers} <= children  # real child processes of this one
    pool.close()
    assert pool.pid is None and pool.readers == []


def test_hang_explode_crash_flood_fail_alone_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAKEDOWN_ATLAS_PARSER_FAULT",
                       "hang:HANG,explode:BOOM,crash:CRASH,flood:FLOOD")
    files = []
    for name in ("a good.txt", "b-HANG.txt", "c-BOOM.txt", "d good.txt", "e-CRASH.txt",
                 "f-FLOOD.txt", "g good.txt"):
        p = tmp_path / name
        p.write_text(f"Meta removed {len(files) + 3} Facebook accounts ({name}).\n")
        files.append(p)
    with Archive.open(tmp_path / "arch", limits=SMALL) as a:
        result = a.import_paths(files)
        parser = a.parser
        reasons = {Path(r.file).name: r.reason for r in result.rejected}
        kept = a.store.count("document")
        restarts = parser.restarts
        zombies = [c for c in _children() if c[1] == "Z"]
    assert len(result.added) == 3
    assert "took longer than 1.5 s" in reasons["b-HANG.txt"]
    assert "memory" in reasons["c-BOOM.txt"]
    assert "crashed" in reasons["e-CRASH.txt"]
    assert "output" in reasons["f-FLOOD.txt"]
    assert all("original was kept" in r for r in reasons.values())
    assert kept == 7  # the four bad files are kept as unreadable originals
    assert restarts >= 3  # hang, crash and flood cost the worker its life; memory may not
    assert zombies == []
    assert parser.pid is None  # closed with the archive


def test_worker_has_the_address_space_cap_and_dies_on_close() -> None:
    p = IsolatedParser(SMALL)
    p.parse(SourceFile("x.txt", b"hello"))
    pid = p.pid
    assert pid is not None
    limits = Path(f"/proc/{pid}/limits").read_text()
    line = next(x for x in limits.splitlines() if x.startswith("Max address space"))
    assert str(SMALL.parse_memory_bytes) in line
    p.close()
    assert process_gone(pid)


def test_timeout_message_names_the_format_and_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAKEDOWN_ATLAS_PARSER_FAULT", "hang:slow")
    p = IsolatedParser(Limits(parse_timeout_s=1.0))
    try:
        with pytest.raises(LimitExceeded, match=r"could not read this PDF.*took longer than 1 s"):
            p.parse(SourceFile("slow.pdf", b"%PDF-1.4\n"))
        assert p.parse(SourceFile("fine.txt", b"still works")).text.startswith("still")
    finally:
        p.close()


@pytest.mark.parametrize("payload", [
    b"not json", b"[1, 2]", b'{"text": 5, "media_type": "text/plain", "importer": "x"}',
    b'{"text": "", "media_type": "text/plain", "importer": "x", "warnings": [{"a": 1}]}',
    b'{"text": "", "media_type": "text/plain", "importer": "x", "pages": "7"}',
])
def test_only_plain_fields_of_the_right_type_cross_the_boundary(payload: bytes) -> None:
    with pytest.raises(ParseError, match="garbage"):
        _decode_reply(b"D", payload, "PDF")


def test_unknown_error_names_from_the_child_become_parse_errors() -> None:
    with pytest.raises(ParseError, match="boom"):
        _decode_reply(b"E", b'{"error": "SystemExit", "message": "boom"}', "PDF")


# --- a worker that cannot start: the import stops and says why (issue 11) -------------

MISSING = "lxml_html_clean_is_not_installed"  # stands in for the real missing module
CAUSE = f"ModuleNotFoundError: No module named '{MISSING}'"


def _two_reports(folder: Path) -> list[Path]:
    folder.mkdir()
    files = [folder / "one.txt", folder / "two.txt"]
    files[0].write_text("Meta removed 120 Facebook accounts linked to Iran.\n")
    files[1].write_text("Twitter suspended 40 accounts in Serbia.\n")
    return files


def test_a_worker_that_cannot_start_stops_the_import_naming_the_cause(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAKEDOWN_ATLAS_PARSER_FAULT", f"import:{MISSING}")
    files = _two_reports(tmp_path / "in")
    with Archive.open(tmp_path / "arch") as a:
        with pytest.raises(ReaderUnavailable) as info:
            a.import_paths(files)
        assert a.store.count("document") == 0  # nothing kept as an "unreadable" original
        assert a.parser.pid is None  # the failed worker was reaped
    assert str(info.value) == f"could not start the isolated file reader: {CAUSE}"
    assert not [p for p in (tmp_path / "arch" / "blobs").rglob("*") if p.is_file()]


def test_the_cli_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    files = _two_reports(tmp_path / "in")
    env = dict(os.environ, TAKEDOWN_ATLAS_PARSER_FAULT=f"import:{MISSING}")
    cli = [str(PYTHON), "-m", "archive", "--archive", str(tmp_path / "arch")]
    # The CLI with the fault armed as a test does it (a stray variable alone does nothing).
    armed = [str(PYTHON), "-c", "import sys; from archive import faults, cli; faults.enable(); "
             "sys.exit(cli.main(sys.argv[1:]))", "--archive", str(tmp_path / "arch")]
    done = subprocess.run([*armed, "import", "--json", *map(str, files)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == f"takedown-atlas: could not start the isolated file reader: {CAUSE}\n"
    assert done.stdout == ""  # no report that would list every file as rejected
    info = subprocess.run([*cli, "info", "--json"], capture_output=True, text=True, timeout=120)
    assert json.loads(info.stdout)["documents"] == 0


def test_the_cause_is_read_from_a_real_traceback_after_a_flood_of_stderr(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 1.2 MB of noise first: far more than a pipe holds, so an undrained stderr would block
    # the worker until the 60 s start-up deadline.
    script = f"import sys; sys.stderr.write('noise\\n' * 200_000); import {MISSING}"
    monkeypatch.setattr(sandbox, "_worker_command", lambda _m: [sys.executable, "-c", script])
    p = IsolatedParser(Limits())
    # An undrained stderr would block the worker until the start-up deadline, and the
    # reason would then be the deadline, not the traceback's last line.
    with pytest.raises(ReaderUnavailable, match=f"reader: {CAUSE}$"):
        p.parse(SourceFile("x.txt", b"hello"))
    assert p.pid is None


def test_a_missing_interpreter_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    gone = str(tmp_path / "no-python")
    monkeypatch.setattr(sandbox, "_worker_command", lambda _m: [gone, "-m", "archive.sandbox"])
    with pytest.raises(ReaderUnavailable, match=f"No such file or directory: {gone}"):
        IsolatedParser(Limits()).parse(SourceFile("x.txt", b"hello"))


def test_reextract_stops_too_instead_of_keeping_stale_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Archive.open(tmp_path / "arch") as a:
        a.import_paths(_two_reports(tmp_path / "in"))
        a.parser.close()
        monkeypatch.setenv("TAKEDOWN_ATLAS_PARSER_FAULT", f"import:{MISSING}")
        with pytest.raises(ReaderUnavailable, match=MISSING):
            a.reextract()
