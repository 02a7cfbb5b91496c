"""Time PDF briefings: a ~20-page briefing and a 100-network briefing (median of N runs).

Usage: .venv/bin/python bench/briefing_bench.py [RUNS]   (target: 20 pages < 1.5 s)
Builds a throwaway archive of synthetic documents straight through the Store.
"""

from __future__ import annotations

import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from archive.api import Archive
from archive.facts import DocumentFacts, Evidence, Fact, NetworkFacts
from archive.records import RawDocument

COUNTRIES = ["AZ", "RU", "IR", "CN", "GE", "AM", "TR", "UA", "MD", "BY"]
METRICS = ["facebook_accounts", "facebook_pages", "instagram_accounts", "twitter_accounts",
           "youtube_channels", "facebook_groups"]


def fill(archive: Archive, networks: int) -> None:
    with archive.write_transaction() as store:
        for i in range(networks):
            origin, target = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
            sentences = [f"Meta removed {100 + i} Facebook accounts, {20 + i} Pages and {5 + i} "
                         f"Instagram accounts in network {i}.",
                         f"The network originated in {origin} and targeted {target}.",
                         f"We linked it to Example Agency {i % 7}, a marketing firm.",
                         f"It also ran {i % 9 + 1} YouTube channels and {i % 4 + 1} groups."]
            text = " ".join(sentences) + " " + "Filler sentence about the operation. " * 30
            ev = []
            for s in sentences:
                start = text.index(s)
                ev.append(Evidence(start, start + len(s), s))
            facts = [Fact("count", METRICS[0], 100 + i, evidence=ev[0]),
                     Fact("count", METRICS[1], 20 + i, evidence=ev[0]),
                     Fact("count", METRICS[2], 5 + i, evidence=ev[0]),
                     Fact("count", METRICS[4], i % 9 + 1, evidence=ev[3]),
                     Fact("count", METRICS[5], i % 4 + 1, "about", evidence=ev[3]),
                     Fact("country", origin, role="origin", evidence=ev[1]),
                     Fact("country", target, role="target", evidence=ev[1]),
                     Fact("actor", f"Example Agency {i % 7}", role="attributed",
                          detail={"wording": "linked it to"}, evidence=ev[2]),
                     Fact("platform", "facebook", evidence=ev[0]),
                     Fact("language", "en", evidence=ev[0])]
            sha = hashlib.sha256(text.encode()).hexdigest()
            year, month = 2018 + i % 7, 1 + i % 12
            raw = RawDocument(text=text, media_type="text/plain", title=f"Report {i}",
                              publisher="Meta", published=f"{year}-{month:02d}-01")
            store.insert_document(
                doc_id=sha[:16], sha=sha, file=f"report_{i}.txt", size=len(text), raw=raw,
                facts=DocumentFacts(publisher="Meta", published=raw.published,
                                    networks=[NetworkFacts(label=f"Network {i}", facts=facts)]),
                extractor_version="bench")


def pages(pdf: Path) -> int:
    return pdf.read_bytes().count(b"/Type /Page\n") or pdf.read_bytes().count(b"/Type /Page ")


def timed(networks: int, runs: int, work: Path) -> tuple[float, int, list[float]]:
    with Archive.open(work / f"a{networks}-{time.monotonic_ns()}") as archive:
        fill(archive, networks)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            archive.export("pdf", work / "b.pdf")
            times.append(time.perf_counter() - t)
        return statistics.median(times), pages(work / "b.pdf"), times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        timed(2, 1, work)  # warm up: font loading, imports
        n = 10
        while True:  # fewest networks giving at least 20 pages
            _, p, _ = timed(n, 1, work)
            if p >= 20:
                break
            n += 4
        med, p, times = timed(n, runs, work)
        print(f"20-page briefing ({p} pages, {n} networks): median {med:.2f} s "
              f"over {runs} runs ({' '.join(f'{t:.2f}' for t in times)}); target < 1.5 s")
        med, p, times = timed(100, runs, work)
        print(f"100-network briefing ({p} pages): median {med:.2f} s over {runs} runs "
              f"({' '.join(f'{t:.2f}' for t in times)})")


if __name__ == "__main__":
    main()
