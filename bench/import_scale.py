"""Import to browsable and to searchable at several sizes, beside durable SQLite FTS5 on the
same files in the same run.

For each size N (the first N files of the corpus folder, sorted by name):
  archive   `Archive.import_paths` into a new archive. Browsable: the moment a second,
            read-only connection (as the desktop's reader) sees all N documents; searchable:
            when import_paths returns (the Whoosh index has caught up).
  FTS5      the reference with the same durability per file: read the file, sha256, write
            the blob and fsync it, then one transaction (WAL, synchronous=FULL) with the
            document row and its FTS5 row (porter unicode61). Searchable at its last commit.
  --split   also: the same import with every file parsed and extracted beforehand (readers
            that answer at once), i.e. what the writer and the index cost without the
            readers' work, to tell the pipeline's share from the extractor's.
Prints seconds, docs/s and the ratio archive / FTS5, then the archive's size over its input
(input: the bytes of the files imported; the archive: its whole folder once the import has
closed it, backups included) beside the FTS5 reference's folder (blobs + database). The
machine is shared: figures are noisy; run twice and compare.
Usage: python bench/import_scale.py [N ...] [--corpus DIR] [--work DIR] [--skip-fts] [--split]
  (default: 1000; the corpus defaults to /work/scale/corpus-30k, else bench/corpus.py
  writes one to the temp folder)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from corpus import write_corpus  # noqa: E402

from archive.api import Archive  # noqa: E402

DEFAULT_CORPUS = Path("/work/scale/corpus-30k")


def corpus_files(folder: Path | None, n: int) -> list[Path]:
    if folder is None and DEFAULT_CORPUS.is_dir():
        folder = DEFAULT_CORPUS
    if folder is None:
        return write_corpus(Path(tempfile.gettempdir()) / f"ta-corpus-{n}", n)
    files = sorted(p for p in folder.iterdir() if p.is_file())[:n]
    if len(files) < n:
        raise SystemExit(f"{folder} holds only {len(files)} files")
    return files


class BrowsableWatch:
    """A reader in its own connection, as the desktop has: when does it see all N?"""

    def __init__(self, db: Path, n: int, start: float) -> None:
        self.n, self.start, self.db = n, start, db
        self.at: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self.db.exists() and not self._stop.is_set():
            time.sleep(0.01)
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            while not self._stop.is_set():
                try:
                    seen = conn.execute("SELECT count(*) FROM document").fetchone()[0]
                except sqlite3.OperationalError:
                    seen = 0  # (the schema is not there yet)
                if seen >= self.n:
                    self.at = time.perf_counter() - self.start
                    return
                time.sleep(0.02)
        finally:
            conn.close()

    def stop(self) -> float | None:
        self._stop.set()
        self._thread.join()
        return self.at


class ReadBeforehand:
    """A parser whose every answer was computed before the clock started (for --split)."""

    def __init__(self, files: list[Path]) -> None:
        from archive.limits import Limits
        from archive.parsing import extract_strict, parse_bytes
        from archive.records import SourceFile

        self.answers = {}
        for f in files:
            raw = parse_bytes(SourceFile(str(f), f.read_bytes()), Limits())
            self.answers[str(f)] = (raw, extract_strict(raw, str(f)))

    def read(self, source):  # noqa: ANN001, ANN201
        from archive.parsing import ParsedFile

        return ParsedFile(*self.answers[source.name])

    def submit(self, source):  # noqa: ANN001, ANN201
        from archive.parsing import done_future

        return done_future(self.read, source)

    def parse(self, source):  # noqa: ANN001, ANN201
        return self.answers[source.name][0]

    def close(self) -> None:
        pass


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def size_line(target: Path, input_bytes: int) -> str:
    parts = {"database": sum(f.stat().st_size for f in target.glob("archive.sqlite*")),
             **{p: folder_bytes(target / p) for p in ("index", "blobs", "backups")}}
    total = folder_bytes(target)
    return (f"  archive size {total / 1e6:7.1f} MB = {total / input_bytes:4.2f}x input ("
            + ", ".join(f"{k} {v / 1e6:.1f} MB = {v / input_bytes:.2f}x" for k, v in parts.items())
            + ")")


def run_archive(files: list[Path], target: Path,
                parser: ReadBeforehand | None = None) -> tuple[float, float, int]:
    start = time.perf_counter()
    with Archive.open(target) as archive:
        if parser is not None:
            start = time.perf_counter()
            archive._parser = parser
        watch = BrowsableWatch(target / "archive.sqlite", len(files), start)
        result = archive.import_paths(files)
        searchable = time.perf_counter() - start
        browsable = watch.stop()
    assert not result.rejected, result.rejected[:3]
    return browsable if browsable is not None else searchable, searchable, len(result.added)


def run_fts5(files: list[Path], target: Path) -> float:
    start = time.perf_counter()
    target.mkdir(parents=True)
    conn = sqlite3.connect(target / "fts.sqlite", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE doc(id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, file TEXT, "
                 "text TEXT)")
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='porter unicode61')")
    blobs = target / "blobs"
    for path in files:
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        folder = blobs / sha[:2]
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / sha, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        text = data.decode("utf-8", "replace")
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute("INSERT INTO doc(sha256, file, text) VALUES (?, ?, ?)",
                           (sha, path.name, text))
        conn.execute("INSERT INTO fts(rowid, text) VALUES (?, ?)", (cur.lastrowid, text))
        conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[1000])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--work", type=Path, help="folder for the archives (default: temp)")
    ap.add_argument("--skip-fts", action="store_true")
    ap.add_argument("--split", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ta-import-scale-", dir=args.work))
    try:
        for run, n in enumerate(args.sizes):
            files = corpus_files(args.corpus, n)
            mb = sum(f.stat().st_size for f in files) / 1e6
            print(f"{n} files ({mb:.1f} MB):", flush=True)
            browsable, searchable, added = run_archive(files, work / f"archive-{run}-{n}")
            print(f"  archive  browsable  {browsable:7.1f} s {added / browsable:7.1f} docs/s",
                  flush=True)
            print(f"  archive  searchable {searchable:7.1f} s {added / searchable:7.1f} docs/s",
                  flush=True)
            input_bytes = sum(f.stat().st_size for f in files)
            print(size_line(work / f"archive-{run}-{n}", input_bytes), flush=True)
            if args.split:
                b, s_, k = run_archive(files, work / f"split-{run}-{n}", ReadBeforehand(files))
                print(f"  (read beforehand: browsable {b:.1f} s {k / b:.1f} docs/s, searchable "
                      f"{s_:.1f} s {k / s_:.1f} docs/s: the writer and the index alone)",
                      flush=True)
            if args.skip_fts:
                continue
            fts = run_fts5(files, work / f"fts-{run}-{n}")
            print(f"  FTS5 durable        {fts:7.1f} s {n / fts:7.1f} docs/s "
                  "(per file: read, sha256, blob write + fsync, one transaction)", flush=True)
            print(f"  ratio archive / FTS5: browsable {browsable / fts:.1f}x, "
                  f"searchable {searchable / fts:.1f}x", flush=True)
            ref = folder_bytes(work / f"fts-{run}-{n}")
            ours = folder_bytes(work / f"archive-{run}-{n}")
            print(f"  FTS5 durable size {ref / 1e6:7.1f} MB = {ref / input_bytes:4.2f}x input; "
                  f"archive / FTS5 size {ours / ref:.2f}x", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
