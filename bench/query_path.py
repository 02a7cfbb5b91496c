"""Desktop query path, facet counts and CLI whole-process search, beside a same-run SQLite reference.

For each archive given (copy the shared ones first: opening may upgrade the schema):
1. the desktop query path: what one search or facet click costs the desktop's reader
   thread (`Archive.browse`: sorted ids + facet counts, then the first page of table rows),
   for the opening view, a term, a common phrase, a field and a no-hit query;
2. facet counts alone (`Archive.facets`) over every document and over a term's hits;
3. the CLI's whole process (`takedown-atlas --archive A search Q`: interpreter start,
   imports, open, search, print), and what `python -X importtime` says its imports cost;
   beside it, in the same loop, a bare interpreter (`python -c pass`, `python -S -c pass`)
   and `python -m archive` (the other entry point).
Each beside the same work done by a reference built in this run from the same rows: SQLite
FTS5 over the texts plus a narrow (facet, value, document) table, GROUP BY for counts, and
a plain Python process running the FTS5 query. Figures are p50/p95 in ms; the machine is
shared, so they are noisy: read the ratios.

    python bench/query_path.py ARCHIVE... [--runs 15] [--cli-runs 9] [--cli-only]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.api import Archive  # noqa: E402
from archive.facet_tables import SOURCE_SQL  # noqa: E402

# kind -> (archive query, reference: ("fts", MATCH text) / ("facet", facet, value) / ("all",))
QUERIES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "opening view": [("", ("all",))],
    "term": [("election", ("fts", "election")), ("kremlin", ("fts", "kremlin")),
             ("telegram", ("fts", "telegram"))],
    "phrase": [('"coordinated inauthentic behavior"', ("fts", '"coordinated inauthentic behavior"')),
               ('"local politics"', ("fts", '"local politics"'))],
    "field": [("country:AZ", ("facet", "country", "AZ")),
              ("platform:instagram", ("facet", "platform", "instagram"))],
    "no hit": [("xylophone", ("fts", "xylophone")), ("quetzalcoatl", ("fts", "quetzalcoatl"))],
}
CLI_QUERIES = [("term", "election", "election"),
               ("phrase", '"coordinated inauthentic behavior"', '"coordinated inauthentic behavior"'),
               ("no hit", "xylophone", "xylophone")]
PAGE = 64  # the result table's first page (desktop.models.document_table.PAGE)

REF_CLI = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT d.id, d.published, d.title, snippet(ref_fts, 0, '[', ']', '…', 12) "
    "FROM ref_fts JOIN ref_doc d ON d.rowid = ref_fts.rowid WHERE ref_fts MATCH ? "
    "ORDER BY rank LIMIT 20", (sys.argv[2],)).fetchall()
total = conn.execute("SELECT count(*) FROM ref_fts WHERE ref_fts MATCH ?", (sys.argv[2],)).fetchone()[0]
print(f"{total} documents match")
for r in rows:
    print(f"{r[0]}  {r[1] or '----------'}  {r[2]}\n    {r[3]}")
"""


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))]


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm: caches, the index opened
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def build_reference(archive: Archive, path: Path) -> float:
    """FTS5 over the same texts and a narrow facet table from the same rows; build seconds."""
    t = time.perf_counter()
    ref = sqlite3.connect(path)
    ref.executescript("""
        CREATE TABLE ref_doc(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, published TEXT, title TEXT);
        CREATE VIRTUAL TABLE ref_fts USING fts5(text, tokenize = 'porter unicode61');
        CREATE TABLE ref_facet(facet TEXT, value TEXT, doc INTEGER,
                               PRIMARY KEY (facet, value, doc)) WITHOUT ROWID;
        CREATE INDEX ref_facet_doc ON ref_facet(doc, facet, value);
        CREATE INDEX ref_doc_date ON ref_doc(published DESC, id);
    """)
    src = archive.store.conn
    rowid: dict[str, int] = {}
    with ref:
        for n, (doc_id, published, title, text) in enumerate(src.execute(
                "SELECT id, published, coalesce(title, file), ta_text(text_z) FROM document"),
                start=1):
            rowid[doc_id] = n
            ref.execute("INSERT INTO ref_doc VALUES (?, ?, ?, ?)", (n, doc_id, published, title))
            ref.execute("INSERT INTO ref_fts(rowid, text) VALUES (?, ?)", (n, text))
        ref.executemany("INSERT OR IGNORE INTO ref_facet VALUES (?, ?, ?)", (
            (f, v, rowid[d]) for f, v, d in src.execute(f"SELECT * FROM ({SOURCE_SQL}) WHERE value <> ''")
            if d in rowid))
    ref.close()
    return time.perf_counter() - t


def reference_path(ref: sqlite3.Connection, spec: tuple[str, ...]) -> Callable[[], object]:
    """What the desktop does, done the reference way: ids by date, counts, first page."""
    def run() -> object:
        ref.execute("DELETE FROM temp.hits")
        if spec[0] == "fts":
            ref.execute("INSERT INTO temp.hits SELECT rowid FROM ref_fts WHERE ref_fts MATCH ?", (spec[1],))
        elif spec[0] == "facet":
            ref.execute("INSERT INTO temp.hits SELECT doc FROM ref_facet WHERE facet = ? AND value = ?",
                        spec[1:])
        else:
            ref.execute("INSERT INTO temp.hits SELECT rowid FROM ref_doc")
        ids = [r[0] for r in ref.execute(
            "SELECT d.id FROM ref_doc d JOIN temp.hits h ON h.doc = d.rowid "
            "ORDER BY coalesce(d.published, '') DESC, d.id")]
        counts = ref.execute("SELECT f.facet, f.value, count(*) FROM temp.hits h "
                             "JOIN ref_facet f ON f.doc = h.doc GROUP BY f.facet, f.value").fetchall()
        page = ref.execute(f"SELECT * FROM ref_doc WHERE id IN ({','.join('?' * len(ids[:PAGE]))})",
                           ids[:PAGE]).fetchall()
        return len(ids), len(counts), len(page)
    return run


def reference_counts(ref: sqlite3.Connection, spec: tuple[str, ...] | None) -> Callable[[], object]:
    def run() -> object:
        if spec is None:
            return ref.execute("SELECT facet, value, count(*) FROM ref_facet GROUP BY facet, value").fetchall()
        ref.execute("DELETE FROM temp.hits")
        ref.execute("INSERT INTO temp.hits SELECT rowid FROM ref_fts WHERE ref_fts MATCH ?", (spec[1],))
        return ref.execute("SELECT f.facet, f.value, count(*) FROM temp.hits h "
                           "JOIN ref_facet f ON f.doc = h.doc GROUP BY f.facet, f.value").fetchall()
    return run


def desktop_path(archive: Archive, query: str) -> Callable[[], object]:
    def run() -> object:
        result = archive.browse(query, {}, "date")
        rows = archive.document_rows(result.ids[:PAGE])
        return len(result.ids), len(rows)
    return run


def sqlite_part(archive: Archive, query: str, found: tuple[list[str], str | None]) -> object:
    """The desktop query path without its Whoosh search: what `archive.browse` adds."""
    from archive import browse

    result = browse.browse(archive.store, lambda _q: found, query, {}, "date")
    return len(archive.document_rows(result.ids[:PAGE]))


def line(label: str, ours: list[float], ref: list[float]) -> str:
    p50, p95, r50, r95 = pct(ours, 50), pct(ours, 95), pct(ref, 50), pct(ref, 95)
    return (f"  {label:<28} p50 {p50:7.1f}  p95 {p95:7.1f} ms   reference p50 {r50:6.1f}  "
            f"p95 {r95:6.1f} ms   ratio p95 {p95 / max(r95, 0.01):5.1f}x")


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("takedown-atlas")
    return [str(script)] if script.exists() else [sys.executable, "-m", "archive"]


def whole_process(cmd: list[str], runs: int) -> list[float]:
    out = []
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    for i in range(runs + 1):
        t = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
        ms = (time.perf_counter() - t) * 1000
        if done.returncode != 0:
            raise SystemExit(f"{cmd} failed: {done.stderr[-500:]}")
        if i:  # the first run warms the page cache
            out.append(ms)
    return out


def import_costs() -> tuple[float, float, float]:
    """`python -X importtime -c "import archive.cli"`: cumulative ms of archive.cli, of
    archive.index (Whoosh comes in through it) and of the interpreter's own site."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")  # (compiled modules, as installed)
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import archive.cli"],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    cumulative: dict[str, float] = {}
    for ln in done.stderr.splitlines():
        parts = ln.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            cumulative.setdefault(parts[2].strip(), int(parts[1]) / 1000)
    return (cumulative.get("archive.cli", 0.0), cumulative.get("archive.index", 0.0),
            cumulative.get("site", 0.0))


def bench(path: Path, runs: int, cli_runs: int, cli_only: bool = False) -> None:
    t = time.perf_counter()
    archive = Archive.open(path, write=False)
    opened = time.perf_counter() - t
    n = archive.store.count("document")
    print(f"\n{path} — {n} documents (opened in {opened * 1000:.0f} ms)", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="query-path-ref-"))
    try:
        built = build_reference(archive, tmp / "ref.sqlite")
        print(f"  reference (FTS5 + narrow facet table) built in {built:.2f} s", flush=True)
        if cli_only:
            archive.close()
            cli_figures(path, tmp, cli_runs)
            return
        ref = sqlite3.connect(tmp / "ref.sqlite")
        ref.execute("CREATE TEMP TABLE hits(doc INTEGER PRIMARY KEY)")
        archive.search("warm")  # open the index before timing
        print("desktop query path (Archive.browse: sorted ids + facet counts, then the first "
              f"{PAGE} table rows):")
        every_ours: list[float] = []
        every_ref: list[float] = []
        whoosh: dict[str, list[float]] = {}
        sqlite_side: dict[str, list[float]] = {}
        for kind, queries in QUERIES.items():
            ours: list[float] = []
            theirs: list[float] = []
            for query, spec in queries:
                n = max(3, runs // len(queries))
                ours += timed(desktop_path(archive, query), n)
                theirs += timed(reference_path(ref, spec), n)
                if query:  # the part of it that is the Whoosh search (`IndexKeeper.search_all`)
                    whoosh.setdefault(kind, []).extend(
                        timed(lambda q=query: archive._keeper.search_all(q), n))
                    found = archive._keeper.search_all(query)  # the rest: the same, hits given
                    sqlite_side.setdefault(kind, []).extend(timed(
                        lambda q=query, f=found: sqlite_part(archive, q, f), n))
            every_ours += ours
            every_ref += theirs
            hits = len(archive.browse(queries[0][0]).ids)
            print(line(f"{kind} ({hits} hits)", ours, theirs), flush=True)
        print(line("all five kinds", every_ours, every_ref))
        print("  of which the Whoosh search (every hit's id, by relevance): "
              + ", ".join(f"{k} p50 {pct(v, 50):.0f} p95 {pct(v, 95):.0f} ms"
                          for k, v in whoosh.items()))
        print("  and the rest (ids sorted, facet counts, first rows; the hits given): "
              + ", ".join(f"{k} p50 {pct(v, 50):.1f} p95 {pct(v, 95):.1f} ms"
                          for k, v in sqlite_side.items()))
        print("facet counts alone (Archive.facets):")
        print(line("every document", timed(archive.facets, runs), timed(reference_counts(ref, None), runs)))
        term_ids = archive.query_ids("election")[0]
        print(line(f"a term's {len(term_ids)} hits", timed(lambda: archive.facets(term_ids), runs),
                   timed(reference_counts(ref, ("fts", "election")), runs)))
        ref.close()
        archive.close()
        cli_figures(path, tmp, cli_runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def cli_figures(path: Path, tmp: Path, cli_runs: int) -> None:
    """The CLI's whole process beside a Python process running the FTS5 query, and beside a
    bare interpreter measured in the same loop (its start is the floor of any CLI)."""
    print(f"CLI whole process (start, imports, open, search, print 20 hits; {' '.join(cli_command())}):")
    bare = whole_process([sys.executable, "-c", "pass"], cli_runs)
    no_site = whole_process([sys.executable, "-S", "-c", "pass"], cli_runs)
    every: list[float] = []
    for kind, query, fts in CLI_QUERIES:
        ours = whole_process([*cli_command(), "--archive", str(path), "search", query], cli_runs)
        theirs = whole_process([sys.executable, "-c", REF_CLI, str(tmp / "ref.sqlite"), fts], cli_runs)
        bare += whole_process([sys.executable, "-c", "pass"], cli_runs)
        every += ours
        print(line(f"{kind}: {query[:20]}", ours, theirs), flush=True)
    as_module = whole_process([sys.executable, "-m", "archive", "--archive", str(path),
                               "search", CLI_QUERIES[0][1]], cli_runs)
    b50 = pct(bare, 50)
    print(f"  every CLI search p50 {pct(every, 50):.0f} p95 {pct(every, 95):.0f} ms; "
          f"`python -m archive` ({CLI_QUERIES[0][0]}) p50 {pct(as_module, 50):.0f} ms; "
          f"`python -c pass` p50 {b50:.0f} ms, `python -S -c pass` p50 {pct(no_site, 50):.0f} ms; "
          f"CLI / `python -c pass` p50 {pct(every, 50) / max(b50, 0.01):.1f}x, "
          f"CLI minus interpreter start p50 {pct(every, 50) - b50:.0f} ms")
    total, index, site = import_costs()
    print(f"  python -X importtime: `import archive.cli` {total:.0f} ms, of which "
          f"archive.index (Whoosh) {index:.0f} ms; the interpreter's site {site:.0f} ms")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("archives", nargs="+", type=Path)
    p.add_argument("--runs", type=int, default=15, help="timed runs per query kind (default 15)")
    p.add_argument("--cli-runs", type=int, default=9, help="CLI processes per query (default 9)")
    p.add_argument("--cli-only", action="store_true", help="only the CLI's whole process")
    args = p.parse_args()
    print(json.dumps({"python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version,
                      "cpus": os.cpu_count()}))
    for path in args.archives:
        bench(path, args.runs, args.cli_runs, args.cli_only)


if __name__ == "__main__":
    main()
