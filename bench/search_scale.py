"""Facade search, reindex and archive size on ready-made archives, beside SQLite FTS5.

For each ARCHIVE (a folder built by `takedown-atlas import`; pass a copy: the index is
rebuilt and a backup is made): facade search p50/p95 (top 20 with snippets and the exact
total) for term, AND, field, prefix and the common phrase; `reindex` time; archive size
over input size. Each beside SQLite FTS5 over the same texts in the same run, and the ratio.
Usage: python bench/search_scale.py ARCHIVE... [--runs N] [--no-reindex] [--no-bare]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive import index as search_index  # noqa: E402
from archive.api import Archive  # noqa: E402

QUERIES = {
    "term": ["opposition", "election", "propaganda", "kremlin", "sanctions", "diaspora"],
    "AND": ["opposition AND energy", "election AND telegram", "persona AND bot",
            "hashtag AND troll", "militia AND vaccine", "protest AND censorship"],
    "field": ["country:RU", "target:RU", "platform:instagram AND bot",
              "origin:AZ AND election", "year:2020 AND protest", "type:news"],
    "prefix": ["elect*", "propag*", "kreml*", "sanction*", "troll*", "diaspor*"],
    "phrase": ['"coordinated inauthentic behavior"'],
}
# The same questions for FTS5: facets as tokens of a 'meta' column ("country:RU" -> countryru).
FTS_QUERIES = {
    "term": QUERIES["term"],
    "AND": QUERIES["AND"],
    "field": ["meta:countryru", "meta:targetru", "meta:platforminstagram AND bot",
              "meta:originaz AND election", "meta:year2020 AND protest", "meta:typenews"],
    "prefix": QUERIES["prefix"],
    "phrase": QUERIES["phrase"],
}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))]


def time_queries(run, queries: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    out = {}
    for kind, qs in queries.items():
        for q in qs:
            run(q)  # warm-up
        samples = []
        for _ in range(max(runs, 60 // len(qs))):  # at least 60 samples per kind
            for q in qs:
                t = time.perf_counter()
                run(q)
                samples.append((time.perf_counter() - t) * 1000)
        out[kind] = (statistics.median(samples), pct(samples, 95))
    return out


def folder_bytes(path: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                pass
    return total


def meta_tokens(doc) -> str:
    words = [f"country{c}" for c in doc.countries] + [f"origin{c}" for c in doc.origins]
    words += [f"target{c}" for c in doc.targets] + [f"platform{p}" for p in doc.platforms]
    year = (doc.published or "")[:4]
    words += [f"year{year}"] if year.isdigit() else []
    words += [f"type{doc.source_type}"] if doc.source_type else []
    return " ".join(w.lower().replace(" ", "") for w in words)


def build_fts(path: Path, docs) -> sqlite3.Connection:
    """A durable FTS5 table (WAL, synchronous=FULL, one transaction) over title, text, facets."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, title, body, meta, "
                 "tokenize='porter unicode61 remove_diacritics 2')")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO f VALUES (?, ?, ?, ?)",
                     ((d.id, d.title, d.text, meta_tokens(d)) for d in docs))
    conn.execute("COMMIT")
    return conn


def bare_whoosh(folder: Path, docs) -> float:
    """Seconds for bare Whoosh: one stemmed text field, one writer, one commit."""
    from whoosh import index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    ix = index.create_in(str(folder), Schema(id=ID(stored=True),
                                             body=TEXT(analyzer=StemmingAnalyzer())))
    t = time.perf_counter()
    w = ix.writer(limitmb=256)
    for d in docs:
        w.add_document(id=d.id, body=d.text)
    w.commit()
    return time.perf_counter() - t


def bench(root: Path, args: argparse.Namespace) -> None:
    print(f"\n== {root}")
    with Archive.open(root) as archive:
        archive.sync_index()  # (an index of an older format is rebuilt here, untimed)
        n = archive.store.count("document")
        input_bytes = folder_bytes(root / "blobs")  # the originals, byte for byte
        print(f"documents {n:,}; input (originals) {input_bytes / 1e6:.1f} MB")

        t = time.perf_counter()
        docs = list(archive.store.iter_index_docs())
        t_read = time.perf_counter() - t
        with tempfile.TemporaryDirectory(prefix="ta-fts-") as tmp:
            t = time.perf_counter()
            fts = build_fts(Path(tmp) / "fts.sqlite", docs)
            t_fts = time.perf_counter() - t
            fts_bytes = folder_bytes(Path(tmp))
            if not args.no_reindex:
                t = time.perf_counter()
                archive.reindex()
                t_re = time.perf_counter() - t
                print(f"reindex {t_re:8.2f} s  ({n / t_re:6.0f} docs/s, reading the documents "
                      f"from SQLite {t_read:.2f} s of it)   FTS5 build (durable, index only) "
                      f"{t_fts:6.2f} s   ratio {t_re / t_fts:5.1f}x   (with the same read "
                      f"{t_re / (t_fts + t_read):4.1f}x)")
                print(f"  writer {search_index.REBUILD_WRITER}, a segment per "
                      f"{search_index.REBUILD_SEGMENT_DOCS} documents")
            if not args.no_bare:
                with tempfile.TemporaryDirectory(prefix="ta-bare-") as bare:
                    t_bare = bare_whoosh(Path(bare), docs)
                print(f"  bare Whoosh, one stemmed field, one writer: {t_bare:6.2f} s "
                      f"({n / t_bare:6.0f} docs/s), {t_bare / t_fts:5.1f}x FTS5"
                      + (f"; reindex / bare Whoosh {t_re / t_bare:4.2f}x" if not args.no_reindex
                         else ""))

            def fts_run(q: str) -> None:
                fts.execute("SELECT id, snippet(f, 2, '<b>', '</b>', '…', 24) FROM f "
                            "WHERE f MATCH ? ORDER BY rank LIMIT 20", (q,)).fetchall()
                fts.execute("SELECT count(*) FROM f WHERE f MATCH ?", (q,)).fetchone()

            whoosh = time_queries(lambda q: archive.search(q, limit=20), QUERIES, args.runs)
            ref = time_queries(fts_run, FTS_QUERIES, args.runs)
            fts.close()
        print("facade search, top 20 with snippets and exact total, ms (p50 / p95):")
        print(f"  {'query':7} {'archive':>17} {'FTS5':>17}   ratio p50  p95")
        for kind in QUERIES:
            w, f = whoosh[kind], ref[kind]
            print(f"  {kind:7} {w[0]:7.1f} / {w[1]:7.1f} {f[0]:7.1f} / {f[1]:7.1f}   "
                  f"{w[0] / max(f[0], 0.01):6.1f}x {w[1] / max(f[1], 0.01):5.1f}x")
        before = folder_bytes(root)
        archive.backup()  # with this code's backups (compressed, capped), as the next import
        after = folder_bytes(root)
    parts = {"database": sum((root / f).stat().st_size for f in os.listdir(root)
                             if f.startswith("archive.sqlite"))}
    parts.update({p: folder_bytes(root / p) for p in ("blobs", "index", "backups")})
    ref_bytes = input_bytes + fts_bytes
    print(f"archive size {after / 1e6:7.1f} MB = {after / input_bytes:4.1f}x input "
          f"(before its first backup by this code: {before / input_bytes:4.1f}x); "
          f"FTS5 reference (originals + FTS5 database) {ref_bytes / input_bytes:4.1f}x; "
          f"ratio {after / ref_bytes:4.1f}x")
    print("  " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in parts.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archives", nargs="+", type=Path)
    ap.add_argument("--runs", type=int, default=10, help="passes over each query list")
    ap.add_argument("--no-reindex", action="store_true")
    ap.add_argument("--no-bare", action="store_true", help="skip the bare-Whoosh build")
    args = ap.parse_args()
    print("(a shared 2-core machine: figures are noisy; compare the same-run ratios)")
    for root in args.archives:
        bench(root, args)


if __name__ == "__main__":
    main()
