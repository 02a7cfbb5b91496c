"""Content-addressed store of original files: blobs/ab/<sha256>, written before their row.

A blob is written to a temporary file, fsynced, then renamed into place, so a crash
leaves at worst a stray temp file (cleaned on the next writer open) or an orphan blob.
An import writes many blobs per transaction (`BlobSync`): renamed at once, fsynced on
threads meanwhile, all durable (file and folder entry) before the rows naming them commit.
Blobs are never modified.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

_SYNC_THREADS = 8  # fsyncs in flight at once: the file system folds them into few flushes


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path_for(sha).is_file()

    def put(self, data: bytes, sha: str | None = None, *, replace: bool = False,
            sync: BlobSync | None = None) -> str:
        """Store *data* under its hash; *replace* rewrites a blob found damaged (the bytes
        given are the right ones: their hash is the name). With *sync* the blob is durable
        once `sync.wait()` returns, not yet when this does."""
        sha = sha or sha256_bytes(data)
        final = self.path_for(sha)
        if not replace and final.is_file() and final.stat().st_size == len(data):
            return sha
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.parent / f".tmp-{sha}-{os.getpid()}"
        with open(tmp, "wb") as fh:
            fh.write(data)
            if sync is None:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, final)
        if sync is None:
            _fsync_dir(final.parent)
        else:
            sync.add(final)
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


class BlobSync:
    """Makes a group of blobs durable: each file's fsync starts on a thread as it is added;
    `wait` returns once every file and every folder holding one is on disk (OSError if any
    could not be), and can be called again for the next group."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._files: dict[Path, Future[None]] = {}

    @property
    def paths(self) -> list[Path]:
        return list(self._files)

    def add(self, path: Path) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(_SYNC_THREADS, thread_name_prefix="blob-sync")
        self._files[path] = self._pool.submit(_fsync_file, path)

    def forget(self, path: Path) -> None:
        """A blob removed again (its row did not get in): nothing to wait for."""
        self._files.pop(path, None)

    def wait(self) -> None:
        files, self._files = self._files, {}
        pool = self._pool
        if pool is None or not files:
            return
        try:
            for f in files.values():
                f.result()
            for d in [pool.submit(_fsync_dir, d) for d in {p.parent for p in files}]:
                d.result()
        finally:
            self.close()

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)


def _fsync_file(path: Path) -> None:
    # (a descriptor opened for writing: Windows will not flush a read-only one)
    fd = os.open(path, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
