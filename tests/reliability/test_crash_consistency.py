"""F01-F03, U37, R1/R11: kill -9 a real importing process at named points and random moments.

After every kill: the kill landed (status -9, the named point wrote its proof), the next
open recovers (check passes), no acknowledged import is lost, every document present is
whole (equal to a clean import of the same file) and they form a prefix of the import
order, the sandboxed parser died with its parent, and re-running the import completes
with no duplicates. TAKEDOWN_ATLAS_CRASH_KILLS sets the number of kills (default 20: every
named point once and as many random moments, about a minute; a release run sets 50 and
TAKEDOWN_ATLAS_CRASH_RANDOM=4 random kills after each named one).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from archive.faults import POINTS

from .helpers import PYTHON, make_mixed_corpus, process_gone, snapshot

DRIVER = Path(__file__).with_name("crash_driver.py")
KILLS = int(os.environ.get("TAKEDOWN_ATLAS_CRASH_KILLS", "20"))
SEED = int(os.environ.get("TAKEDOWN_ATLAS_CRASH_SEED", str(random.randrange(1 << 30))))
RANDOM_PER_EPISODE = int(os.environ.get("TAKEDOWN_ATLAS_CRASH_RANDOM", "1"))


@dataclass
class Run:
    rc: int
    acked: list[str]
    worker: int | None
    fired: list[str]
    seconds: float


@dataclass
class Tally:
    kills: int = 0
    consistent: int = 0
    lost: int = 0
    half: int = 0
    duplicates: int = 0
    named: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def run_driver(archive: Path, corpus: Path, tmp: Path, *, point: str | None = None,
               skip: int = 0, kill_after: float | None = None,
               trace: Path | None = None) -> Run:
    env = dict(os.environ)
    for k in ("TAKEDOWN_ATLAS_CRASH_AT", "TAKEDOWN_ATLAS_CRASH_SKIP",
              "TAKEDOWN_ATLAS_CRASH_TRACE", "TAKEDOWN_ATLAS_PARSER_FAULT"):
        env.pop(k, None)
    fired = tmp / "fired"
    fired.unlink(missing_ok=True)
    env["TAKEDOWN_ATLAS_CRASH_FIRED"] = str(fired)
    if point:
        env["TAKEDOWN_ATLAS_CRASH_AT"] = point
        env["TAKEDOWN_ATLAS_CRASH_SKIP"] = str(skip)
    if trace:
        env["TAKEDOWN_ATLAS_CRASH_TRACE"] = str(trace)
    out = tmp / "driver.out"
    start = time.monotonic()
    with open(out, "wb") as fh:
        proc = subprocess.Popen([str(PYTHON), str(DRIVER), str(archive), str(corpus)],
                                stdout=fh, stderr=subprocess.STDOUT, env=env)
        try:
            if kill_after is not None:
                try:
                    proc.wait(timeout=kill_after)
                except subprocess.TimeoutExpired:
                    proc.kill()  # SIGKILL: no atexit, no flush
            rc = proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    seconds = time.monotonic() - start
    acked: list[str] = []
    worker = None
    for line in out.read_text(errors="replace").splitlines():
        if line.startswith("ACK "):
            acked.extend(json.loads(line[4:])["ids"])
        elif line.startswith("WORKER "):
            worker = int(line.split()[1])
    if rc not in (0, -9):
        raise AssertionError(f"driver failed (rc {rc}):\n{out.read_text()[-3000:]}")
    names = fired.read_text().split() if fired.exists() else []
    return Run(rc, acked, worker, names, seconds)


def verify(archive_dir: Path, reference: dict[str, dict[str, Any]], acked: set[str],
           tally: Tally, *, complete: bool = False) -> None:
    """Reopen like the app would, then check every invariant; count what fails."""
    from archive.api import Archive
    from archive.backup import list_backups

    before = len(tally.problems)
    with Archive.open(archive_dir) as a:
        rep = a.check()
        if not rep.ok:
            tally.problems.append(f"check failed: {rep.problems}")
        dup = a.store.conn.execute(
            "SELECT count(*) - count(DISTINCT sha256) FROM document").fetchone()[0]
        tally.duplicates += dup
    snap = snapshot(archive_dir / "archive.sqlite")
    lost = acked - set(snap)
    tally.lost += len(lost)
    if lost:
        tally.problems.append(f"acknowledged but lost: {sorted(lost)}")
    for doc_id, doc in snap.items():
        ref = reference.get(doc_id)
        if ref is None or {k: v for k, v in doc.items() if k != "order"} != {
                k: v for k, v in ref.items() if k != "order"}:
            tally.half += 1
            tally.problems.append(f"document {doc_id} is not whole")
    ref_order = sorted(reference, key=lambda i: reference[i]["order"])
    if set(snap) != set(ref_order[:len(snap)]):
        tally.problems.append(f"survivors are not a prefix of the import order: {sorted(snap)}")
    if complete and set(snap) != set(reference):
        tally.problems.append(f"re-run did not complete the import: {len(snap)} of {len(reference)}")
    for b in list_backups(archive_dir):
        conn = sqlite3.connect(f"file:{b}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                tally.problems.append(f"backup {b.name} is damaged")
        finally:
            conn.close()
    if len(tally.problems) == before:
        tally.consistent += 1


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A clean run: the reference archive, how often each point is passed, how long it takes."""
    tmp = tmp_path_factory.mktemp("crash-ref")
    corpus = make_mixed_corpus(tmp / "corpus")
    trace = tmp / "trace"
    run = run_driver(tmp / "ref", corpus, tmp, trace=trace)
    assert run.rc == 0
    hits: dict[str, int] = {}
    for name in trace.read_text().split():
        hits[name] = hits.get(name, 0) + 1
    reference = snapshot(tmp / "ref" / "archive.sqlite")
    assert len(reference) >= 8, "the corpus should store at least 8 documents"
    return {"corpus": corpus, "reference": reference, "hits": hits, "seconds": run.seconds}


def test_every_named_crash_point_is_reached_by_a_clean_import(calibrated: dict[str, Any]) -> None:
    # If a point is never passed, killing "at" it would silently test nothing.
    missing = [p for p in POINTS if p not in calibrated["hits"]]
    assert missing == []


def test_kill_minus_nine_at_named_points_and_random_moments(
        calibrated: dict[str, Any], tmp_path: Path) -> None:
    rng = random.Random(SEED)
    tally = Tally()
    corpus, reference, hits = calibrated["corpus"], calibrated["reference"], calibrated["hits"]
    span = calibrated["seconds"]
    episode = 0
    while tally.kills < KILLS:
        episode += 1
        archive_dir = tmp_path / f"episode{episode}"
        acked: set[str] = set()
        point = POINTS[(episode - 1) % len(POINTS)]
        plans: list[dict[str, Any]] = [{"point": point, "skip": rng.randrange(hits[point])}]
        plans += [{"kill_after": rng.uniform(0.25, span)} for _ in range(RANDOM_PER_EPISODE)]
        for plan in plans:
            run = run_driver(archive_dir, corpus, tmp_path, **plan)
            acked.update(run.acked)
            if "point" in plan and plan is plans[0]:
                # On a fresh archive the calibrated point must fire: prove the kill landed.
                assert run.rc == -9, f"{plan} did not kill the driver"
                assert run.fired == [plan["point"]], run.fired
                tally.named[point] = tally.named.get(point, 0) + 1
            if run.rc == 0:
                break  # this run finished the import; the episode ends below
            tally.kills += 1
            if run.worker is not None:
                deadline = time.monotonic() + 5
                while not process_gone(run.worker) and time.monotonic() < deadline:
                    time.sleep(0.05)
                if not process_gone(run.worker):
                    tally.problems.append(f"sandbox worker {run.worker} outlived its parent")
            verify(archive_dir, reference, acked, tally)
            if tally.kills >= KILLS:
                break
        final = run_driver(archive_dir, corpus, tmp_path)  # re-run the same import
        assert final.rc == 0
        acked.update(final.acked)
        before = tally.consistent
        verify(archive_dir, reference, acked, tally, complete=True)
        tally.consistent = before  # completion runs are not kills; only problems count
    line = (f"crash: {tally.kills} kills (seed {SEED}), {tally.consistent} consistent, "
            f"{tally.lost} acknowledged imports lost, {tally.duplicates} duplicates, "
            f"{tally.half} half documents; named points {tally.named}")
    print("\n" + line)
    assert tally.problems == [], line + "\n" + "\n".join(tally.problems[:20])
    assert tally.kills >= KILLS and tally.consistent == tally.kills
    assert set(tally.named) == set(POINTS)


def test_the_checker_catches_a_lost_and_a_half_document(
        calibrated: dict[str, Any], tmp_path: Path) -> None:
    """Vacuity check: with damage instead of a kill, the invariants above must fail."""
    run = run_driver(tmp_path / "a", calibrated["corpus"], tmp_path)
    assert run.rc == 0
    victim, damaged = run.acked[0], run.acked[1]
    conn = sqlite3.connect(tmp_path / "a" / "archive.sqlite", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    for table in ("fact", "network", "provenance"):
        conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (victim,))
    conn.execute("DELETE FROM document WHERE id = ?", (victim,))
    conn.execute("DELETE FROM fact WHERE document_id = ?", (damaged,))
    conn.close()
    tally = Tally()
    verify(tmp_path / "a", calibrated["reference"], set(run.acked), tally)
    assert tally.lost == 1 and tally.half >= 1 and tally.consistent == 0


@pytest.mark.parametrize(("point", "skip"), [
    ("import.after_blob", 4), ("import.in_transaction", 5), ("import.before_commit", 3),
    ("import.after_commit", 2)])
def test_a_kill_in_an_import_of_many_files_per_transaction_loses_at_most_that_transaction(
        calibrated: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        point: str, skip: int) -> None:
    """One import_paths call, three files per transaction: the kill costs the open
    transaction's files, whole, and nothing before them; the re-run completes."""
    monkeypatch.setenv("TAKEDOWN_ATLAS_TEST_BATCH", "3")
    corpus, reference = calibrated["corpus"], calibrated["reference"]
    archive_dir = tmp_path / "a"
    tally = Tally()
    run = run_driver(archive_dir, corpus, tmp_path, point=point, skip=skip)
    assert run.rc == -9 and run.fired == [point]
    verify(archive_dir, reference, set(), tally)
    present = len(snapshot(archive_dir / "archive.sqlite"))
    if point == "import.after_commit":
        assert present >= 3  # the first transaction had committed before the kill
    else:
        assert present <= skip  # the file being stored, and its transaction, are not there
    final = run_driver(archive_dir, corpus, tmp_path)
    assert final.rc == 0
    verify(archive_dir, reference, set(final.acked), tally, complete=True)
    assert tally.problems == [], tally.problems
