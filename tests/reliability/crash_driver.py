"""Child process of the crash test: imports a corpus file by file and acknowledges each.

Usage: python crash_driver.py ARCHIVE CORPUS_DIR. With TAKEDOWN_ATLAS_TEST_BATCH=N it
imports the whole corpus in one call, committing every N files. Prints "ACK {json}" after each
import_paths call returns (the commit and the index catch-up are done), "WORKER pid"
once the sandboxed parser is running, "DONE" at the end. The parent kills it with SIGKILL,
at random moments or via TAKEDOWN_ATLAS_CRASH_AT (archive/faults.py).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def _patch_whoosh_commit() -> None:
    """A crash point inside Whoosh's commit: segment files written, TOC not yet renamed."""
    from whoosh.filedb.filestore import FileStorage

    from archive.faults import crash_point

    original = FileStorage.rename_file

    def rename_file(self: Any, frm: str, to: str, safe: bool = False) -> Any:
        if to.endswith(".toc"):
            crash_point("index.in_commit")
        return original(self, frm, to, safe)

    FileStorage.rename_file = rename_file  # type: ignore[method-assign]


def main() -> int:
    from archive import faults

    faults.enable()  # this driver exists to be killed at the points the parent names
    archive_dir, corpus = Path(sys.argv[1]), Path(sys.argv[2])
    _patch_whoosh_commit()
    from archive.api import Archive

    files = sorted(p for p in corpus.iterdir() if p.is_file())
    worker_shown = False
    batch = os.environ.get("TAKEDOWN_ATLAS_TEST_BATCH")
    if batch:  # the whole corpus in one import, committed every N files
        from archive import pipeline

        pipeline.BATCH_FILES, pipeline.BATCH_SECONDS = int(batch), 3600.0
    with Archive.open(archive_dir) as archive:
        print("OPEN", flush=True)
        if batch:
            result = archive.import_paths(files)
            ids = list(result.added) + [d.id for d in result.duplicates]
            print("ACK " + json.dumps({"file": "*", "ids": ids}), flush=True)
            files = []
        for path in files:
            result = archive.import_paths([path])
            ids = list(result.added) + [d.id for d in result.duplicates]
            print("ACK " + json.dumps({"file": path.name, "ids": ids}), flush=True)
            pid = getattr(archive._parser, "pid", None)
            if pid and not worker_shown:
                print(f"WORKER {pid}", flush=True)
                worker_shown = True
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
