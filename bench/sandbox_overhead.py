"""Per-file overhead of the isolated parser (the child process): prints milliseconds per file.

Moved out of the test suite (a timing is a figure, not a pass/fail). Run:
    .venv/bin/python bench/sandbox_overhead.py
"""

from __future__ import annotations

import time

from archive.limits import Limits
from archive.records import SourceFile
from archive.sandbox import IsolatedParser


def main(n: int = 200) -> None:
    p = IsolatedParser(Limits())
    try:
        p.parse(SourceFile("warm.txt", b"warm up"))
        start = time.perf_counter()
        for i in range(n):
            p.parse(SourceFile(f"f{i}.txt", b"Meta removed 5 accounts.\n" * 40))
        per_file = (time.perf_counter() - start) / n
    finally:
        p.close()
    print(f"sandbox: {per_file * 1000:.1f} ms per small file ({n} files)")


if __name__ == "__main__":
    main()
