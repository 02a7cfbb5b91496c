"""Content-addressed store of original files: blobs/ab/<sha256>, written before their row.

A blob is written to a temporary file, fsynced, then renamed into place, so a crash
leaves at worst a stray temp file (cleaned on the next writer open) or an orphan blob.
Blobs are never modified.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path_for(sha).is_file()

    def put(self, data: bytes, sha: str | None = None, *, replace: bool = False) -> str:
        """Store *data* under its hash; *replace* rewrites a blob found damaged (the bytes
        given are the right ones: their hash is the name)."""
        sha = sha or sha256_bytes(data)
        final = self.path_for(sha)
        if not replace and final.is_file() and final.stat().st_size == len(data):
            return sha
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.parent / f".tmp-{sha}-{os.getpid()}"
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        _fsync_dir(final.parent)
        return sha

    def read(self, sha: str) -> bytes:
        return self.path_for(sha).read_bytes()

    def verify(self, sha: str) -> bool:
        p = self.path_for(sha)
        if not p.is_file():
            return False
        h = hashlib.sha256()
        with open(p, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest() == sha

    def delete(self, sha: str) -> None:
        self.path_for(sha).unlink(missing_ok=True)

    def all_shas(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir() and len(sub.name) == 2:
                for f in sorted(sub.iterdir()):
                    if f.is_file() and not f.name.startswith(".tmp-"):
                        yield f.name

    def clean_temp_files(self) -> int:
        n = 0
        if self.root.is_dir():
            for f in self.root.glob("*/.tmp-*"):
                f.unlink(missing_ok=True)
                n += 1
        return n


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
