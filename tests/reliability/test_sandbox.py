"""C7 / I22-I25: the isolated parser fails one file (hang, memory, crash, flood), the batch goes on."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from archive.api import Archive
from archive.errors import LimitExceeded, ParseError
from archive.limits import Limits
from archive.records import SourceFile
from archive.sandbox import IsolatedParser, _decode_reply

from .helpers import process_gone

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


def test_archive_parses_through_the_sandbox(archive: Archive) -> None:
    assert isinstance(archive.parser, IsolatedParser)


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
    start = time.monotonic()
    with Archive.open(tmp_path / "arch", limits=SMALL) as a:
        result = a.import_paths(files)
        parser = a.parser
        reasons = {Path(r.file).name: r.reason for r in result.rejected}
        kept = a.store.count("document")
        restarts = parser.restarts
        zombies = [c for c in _children() if c[1] == "Z"]
    elapsed = time.monotonic() - start
    assert len(result.added) == 3
    assert "took longer than 1.5 s" in reasons["b-HANG.txt"]
    assert "memory" in reasons["c-BOOM.txt"]
    assert "crashed" in reasons["e-CRASH.txt"]
    assert "output" in reasons["f-FLOOD.txt"]
    assert all("original was kept" in r for r in reasons.values())
    assert kept == 7  # the four bad files are kept as unreadable originals
    assert restarts >= 3  # hang, crash and flood cost the worker its life; memory may not
    assert zombies == []
    assert elapsed < 20
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


def test_per_file_overhead_is_small() -> None:
    p = IsolatedParser(Limits())
    try:
        p.parse(SourceFile("warm.txt", b"warm up"))
        start = time.monotonic()
        for i in range(200):
            p.parse(SourceFile(f"f{i}.txt", b"Meta removed 5 accounts.\n" * 40))
        per_file = (time.monotonic() - start) / 200
    finally:
        p.close()
    print(f"\nsandbox: {per_file * 1000:.1f} ms per small file")
    assert per_file < 0.05


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
