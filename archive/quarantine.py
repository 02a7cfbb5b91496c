"""Originals no document row points to are moved aside, never deleted by a repair.

An orphan original is usually what an interrupted import left; but it can also be the only
copy of a report whose row was lost (a database moved by mistake, an older copy put back).
So `check --repair` and the recovery after a crash move orphans into `quarantine/`, with one
manifest line each (sha256, size, when, why), and only `check --repair --purge-quarantine`
deletes them, after saying how many and how big. `restore` imports quarantined originals
again when the restored database does not know them.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from archive.blobs import BlobStore
from archive.store import now_iso

FOLDER = "quarantine"
MANIFEST = "manifest.jsonl"


@dataclass(frozen=True, slots=True)
class Quarantined:
    count: int
    size: int  # bytes


def folder(root: Path) -> Path:
    return root / FOLDER


def move_aside(root: Path, blobs: BlobStore, shas: list[str], reason: str) -> Quarantined:
    """Move each original into quarantine/ (same file system: a rename), one manifest line each."""
    if not shas:
        return Quarantined(0, 0)
    dest = folder(root)
    dest.mkdir(exist_ok=True)
    moved = size = 0
    with open(dest / MANIFEST, "a", encoding="utf-8") as manifest:
        for sha in shas:
            src = blobs.path_for(sha)
            try:
                n = src.stat().st_size
                os.replace(src, dest / sha)
            except FileNotFoundError:
                continue
            manifest.write(json.dumps({"sha256": sha, "size": n, "moved_at": now_iso(),
                                       "reason": reason}) + "\n")
            moved += 1
            size += n
        manifest.flush()
        os.fsync(manifest.fileno())
    return Quarantined(moved, size)


def held(root: Path) -> list[Path]:
    """The quarantined originals, by sha256 name."""
    d = folder(root)
    if not d.is_dir():
        return []
    return sorted(p for p in d.iterdir() if p.is_file() and len(p.name) == 64)


def summary(root: Path) -> Quarantined:
    files = held(root)
    return Quarantined(len(files), sum(p.stat().st_size for p in files))


def take_back(root: Path, blobs: BlobStore, shas: set[str]) -> list[str]:
    """Put the quarantined originals named in *shas* back into the blob store."""
    back: list[str] = []
    for p in held(root):
        if p.name in shas:
            target = blobs.path_for(p.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(p, target)
            back.append(p.name)
    return back


def purge(root: Path) -> Quarantined:
    """Delete every quarantined original and the manifest; return what was deleted."""
    gone = summary(root)
    for p in held(root):
        p.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        (folder(root) / MANIFEST).unlink()
    with contextlib.suppress(OSError):
        folder(root).rmdir()
    return gone


def size_text(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"
