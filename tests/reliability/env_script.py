"""Scenarios run in a child process, some inside `unshare -rm` (read-only bind mount, tiny tmpfs).

Usage: python env_script.py SCENARIO ARGS... Prints one JSON line with what it saw.
Run as a separate process because mounts need their own namespace.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def hold(archive: str) -> None:
    """Open the archive for writing, say so, and wait to be killed."""
    from archive.api import Archive

    a = Archive.open(archive)
    a.store.conn.execute("SELECT 1")
    print("READY", flush=True)
    time.sleep(120)


def readonly(archive: str) -> dict[str, object]:
    from archive.api import Archive
    from archive.errors import ReadOnlyArchive

    out: dict[str, object] = {"writable_dir": os.access(archive, os.W_OK)}
    with Archive.open(archive) as a:
        out["readonly"] = a.readonly
        out["notices"] = a.notices
        out["documents"] = a.store.count("document")
        out["hits"] = a.search("Facebook").total
        out["check_ok"] = a.check().ok
        try:
            a.import_text("Meta removed 3 accounts.")
            out["import"] = "allowed"
        except ReadOnlyArchive as exc:
            out["import"] = str(exc)
    out["files"] = sorted(p.name for p in Path(archive).iterdir())
    return out


def disk_full(archive: str, big: str, export_to: str) -> dict[str, object]:
    """The archive sits on a tiny tmpfs that is nearly full: import and export must fail cleanly."""
    from archive.api import Archive
    from archive.errors import StorageError

    out: dict[str, object] = {}
    with Archive.open(archive) as a:
        before = a.store.count("document")
        filler = Path(archive) / "filler"
        with open(filler, "wb") as fh:  # fill the volume to the last block
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        try:
            a.import_paths([big])
            out["import"] = "succeeded"
        except StorageError as exc:
            out["import"] = str(exc)
        try:
            a.export("json", export_to)
            out["export"] = "succeeded"
        except StorageError as exc:
            out["export"] = str(exc)
        out["export_left"] = sorted(p.name for p in Path(export_to).parent.iterdir()
                                    if p.name != "filler")
        filler.unlink()
        out["after"] = a.store.count("document")
        out["before"] = before
        out["check"] = a.check().problems
    return out


def e2e(workdir: str) -> dict[str, object]:
    """Import a mixed corpus, search it, export a PDF briefing and JSON: the offline path."""
    import importlib.util

    from archive.api import Archive

    # By file path: putting tests/ on sys.path would let tests/archive shadow the package.
    spec = importlib.util.spec_from_file_location("helpers", Path(__file__).with_name("helpers.py"))
    assert spec and spec.loader
    helpers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helpers)
    make_mixed_corpus = helpers.make_mixed_corpus

    root = Path(workdir)
    corpus = make_mixed_corpus(root / "corpus")
    (root / "corpus" / "q_active.html").write_text(
        '<html><head><link rel="stylesheet" href="http://203.0.113.5/s.css"></head><body>'
        '<img src="http://203.0.113.5/p.gif"><p>Meta removed 9 accounts in Chad.</p></body></html>')
    with Archive.open(root / "arch") as a:
        res = a.import_paths([corpus])
        hits = a.search("accounts").total
        pdf_docs = a.export("pdf", root / "briefing.pdf")
        json_docs = a.export("json", root / "export.json")
    return {"added": len(res.added), "hits": hits, "pdf": pdf_docs, "json": json_docs,
            "pdf_ok": (root / "briefing.pdf").read_bytes()[:5] == b"%PDF-"}


if __name__ == "__main__":
    name, args = sys.argv[1], sys.argv[2:]
    if name == "hold":
        hold(*args)
    else:
        print(json.dumps(globals()[name](*args)), flush=True)
