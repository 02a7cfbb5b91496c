"""Import throughput and search latency on 2,000 generated reports, with SQLite FTS5 as reference.

Prints: documents per second stored (SQLite committed) and searchable (index caught up),
and p50/p95 search latency for term, boolean, field and phrase queries with snippets,
for the archive (Whoosh) and for FTS5 over the same texts in the same run.
Usage: python bench/import_search.py [N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

from archive.api import Archive  # noqa: E402
from archive.progress import Progress  # noqa: E402

QUERIES = {
    "term": ["election", "propaganda", "telegram", "kremlin", "sanctions", "diaspora"],
    "boolean": ["election AND telegram", "protest OR censorship", "militia AND NOT vaccine",
                "persona AND bot", "pipeline OR border", "hashtag AND troll"],
    "field": ["origin:AZ AND election", "target:RU", "platform:instagram AND bot",
              "country:GE", "year:2020 AND protest", "type:news"],
    "phrase": ['"coordinated inauthentic behavior"', '"posted primarily"',
               '"local politics"', '"independent news outlets"', '"office hours"',
               '"profile photos"'],
}
FTS_QUERIES = {
    "term": QUERIES["term"],
    "boolean": ["election AND telegram", "protest OR censorship", "militia NOT vaccine",
                "persona AND bot", "pipeline OR border", "hashtag AND troll"],
    "field": ["azerbaijan election", "russia", "instagram bot", "georgia",
              "2020 protest", "news"],
    "phrase": QUERIES["phrase"],
}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def time_queries(run, queries: dict[str, list[str]], passes: int = 3) -> dict[str, tuple[float, float]]:
    out = {}
    for kind, qs in queries.items():
        samples = []
        for q in qs:
            run(q)  # warm-up
        for _ in range(passes):
            for q in qs:
                t = time.perf_counter()
                run(q)
                samples.append((time.perf_counter() - t) * 1000)
        out[kind] = (statistics.median(samples), pct(samples, 95))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=2000)
    ap.add_argument("--keep", help="keep the archive in this folder")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ta-bench-"))
    files = write_corpus(Path(tempfile.gettempdir()) / f"ta-corpus-{args.n}", args.n)
    target = Path(args.keep) if args.keep else work / "archive"
    print(f"corpus: {len(files)} documents, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB")

    stored_at: list[float] = []

    def progress(p: Progress) -> None:
        if p.stage == "import" and p.total and p.done >= p.total and not stored_at:
            stored_at.append(time.perf_counter())

    with Archive.open(target) as archive:
        t0 = time.perf_counter()
        result = archive.import_paths(files, on_progress=progress)
        t_done = time.perf_counter()
        t_stored = (stored_at[0] if stored_at else t_done) - t0
        n = len(result.added)
        print(f"import: {n} added, {len(result.rejected)} rejected")
        print(f"  stored     {n / t_stored:8.1f} docs/s  ({t_stored:.1f} s)")
        print(f"  searchable {n / (t_done - t0):8.1f} docs/s  ({t_done - t0:.1f} s)")
        catch_up = t_done - t0 - t_stored
        print(f"  index catch-up after the last commit: {catch_up:.1f} s "
              f"({n / max(catch_up, 1e-6):.0f} docs/s into Whoosh)")
        t = time.perf_counter()
        archive.reindex()
        t_re = time.perf_counter() - t
        print(f"  full Whoosh rebuild (reindex) {n / t_re:8.1f} docs/s  ({t_re:.1f} s)")
        whoosh = time_queries(lambda q: archive.search(q, limit=20), QUERIES)
        texts = [(r[0], r[1], r[2]) for r in archive.store.conn.execute(
            "SELECT id, coalesce(title, ''), ta_text(text_z) FROM document")]  # (archive.doc_text)

    fts = sqlite3.connect(":memory:")
    t = time.perf_counter()
    fts.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, title, body, tokenize='porter unicode61')")
    fts.executemany("INSERT INTO f VALUES (?, ?, ?)", texts)
    fts.commit()
    t_fts = time.perf_counter() - t
    print(f"  FTS5 reference build (index only, in memory) {len(texts) / t_fts:8.1f} docs/s "
          f"({t_fts:.2f} s); Whoosh rebuild / FTS5 build time: {t_re / t_fts:.0f}x")

    def fts_run(q: str) -> None:
        fts.execute("SELECT id, snippet(f, 2, '<b>', '</b>', '…', 24) FROM f WHERE f MATCH ? "
                    "ORDER BY rank LIMIT 20", (q,)).fetchall()

    ref = time_queries(fts_run, FTS_QUERIES)
    print("\nsearch latency, top 20 with snippets, ms (p50 / p95):")
    print(f"  {'query':8} {'Whoosh archive':>18} {'FTS5 reference':>18}  ratio p50")
    for kind in QUERIES:
        w, f = whoosh[kind], ref[kind]
        print(f"  {kind:8} {w[0]:8.1f} / {w[1]:7.1f} {f[0]:8.1f} / {f[1]:7.1f}  {w[0] / max(f[0], 0.01):6.1f}x")


if __name__ == "__main__":
    main()
