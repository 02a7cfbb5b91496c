"""A search from a second process while another process imports (and then rebuilds the
index) answers within a second from the index as committed, never from a private copy."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from archive.api import Archive
from archive.index_keeper import INDEX_BUSY_NOTICE, PRIVATE_PREFIX

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from corpus import write_corpus  # noqa: E402

WRITER = """
import sys
from archive.api import Archive
path, files = sys.argv[1], sys.argv[2:]
with Archive.open(path) as a:
    print("holding the writer lock", flush=True)
    for i in range(0, len(files), 40):  # one index commit per run: segments, then merges
        a.import_paths(files[i:i + 40])
    a.reindex()  # a rebuild beside the old index, then the swap
"""


def test_a_search_beside_another_process_import_answers_in_a_second(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = write_corpus(tmp_path / "corpus", 330)
    path = tmp_path / "archive"
    with Archive.open(path) as a:
        a.import_paths(files[:50])
    own_temp = tmp_path / "temp"  # where a private index copy of this process would go
    own_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(own_temp))

    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), *map(str, files[50:])],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # (a reader that came first would take the free writer lock itself, as it may)
    assert writer.stdout is not None and writer.stdout.readline().startswith("holding")
    seconds: list[float] = []
    totals: list[int] = []
    busy = 0
    try:
        while writer.poll() is None:
            t = time.perf_counter()
            with Archive.open(path, create=False, write=False) as reader:
                assert not reader.writable  # the other process holds the writer lock
                res = reader.search("election", limit=5)
            seconds.append(time.perf_counter() - t)
            if res.notice == INDEX_BUSY_NOTICE:
                busy += 1
            else:
                assert res.notice is None
                totals.append(res.total)
            time.sleep(0.02)
    finally:
        if writer.poll() is None:
            writer.kill()
        _, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert len(seconds) >= 10, "the writer finished before the reader could search beside it"
    assert max(seconds) <= 1.0, sorted(seconds)[-5:]
    assert not list(own_temp.glob(PRIVATE_PREFIX + "*")), "a private index copy was built"
    with Archive.open(path, write=False) as a:
        final = a.search("election", limit=5).total
    # the reader saw the writer's commits as they came: more hits over time, never more than
    # the final count, and at least one answer strictly between the first and the last
    assert totals and totals[0] < final and max(totals) <= final
    assert any(totals[0] < t < final for t in totals) or busy == 0 and totals[-1] == final
