"""Several sandboxed readers at once, so the next files are parsed and extracted while the
archive's process writes the current ones.

Each reader (an `IsolatedParser`, one child process) is owned by one thread of the pool
for its whole life: the child's parent-death signal follows the thread that started it, so
a reader started by a passing thread would die with that thread. The threads only wait on
pipes; the work is done in the children. A second reader starts only when a file waits.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future

from archive.limits import Limits
from archive.parsing import ParsedFile, Parser
from archive.records import RawDocument, SourceFile
from archive.sandbox import IsolatedParser


def default_parser(limits: Limits) -> Parser:
    """The parser an archive uses: isolated child processes, as many as pay on this machine
    (the in-process one is for tests and tools that parse trusted files)."""
    return ReaderPool(lambda: IsolatedParser(limits))


def reader_count() -> int:
    """Readers worth running here: one per core, at most two (the archive's process needs a
    core of its own to write and index; beyond two the pipes and the index are the limit)."""
    return max(1, min(2, os.cpu_count() or 1))


_Job = tuple[SourceFile, bool, "Future[ParsedFile]"] | None


class ReaderPool:
    """The Parser protocol (archive.parsing) over up to *size* readers made by *make*."""

    def __init__(self, make: Callable[[], IsolatedParser], size: int | None = None) -> None:
        self._make = make
        self.size = size or reader_count()
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._readers: list[IsolatedParser] = []
        self._idle = 0
        self._restarts_of_closed = 0

    # --- the Parser protocol ----------------------------------------------------------

    def parse(self, source: SourceFile) -> RawDocument:
        return self._submit(source, extract=False).result().raw

    def read(self, source: SourceFile) -> ParsedFile:
        return self.submit(source).result()

    def submit(self, source: SourceFile) -> Future[ParsedFile]:
        """Parse and extract *source* on the next free reader; the Future holds the answer
        or the error `IsolatedParser.read` would have raised."""
        return self._submit(source, extract=True)

    def close(self) -> None:
        """Stop every reader (each after its current file); the pool starts again if used."""
        with self._lock:
            threads, self._threads = self._threads, []
            for _ in threads:
                self._jobs.put(None)
        for t in threads:
            t.join()
        with self._lock:
            self._idle = 0

    # --- what tests and figures look at -------------------------------------------------

    @property
    def readers(self) -> list[IsolatedParser]:
        return list(self._readers)

    @property
    def pid(self) -> int | None:
        """A live reader's process id (None once all are closed)."""
        return next((p for p in (r.pid for r in self._readers) if p is not None), None)

    @property
    def restarts(self) -> int:
        return self._restarts_of_closed + sum(r.restarts for r in self._readers)

    # --- the threads --------------------------------------------------------------------

    def _submit(self, source: SourceFile, *, extract: bool) -> Future[ParsedFile]:
        future: Future[ParsedFile] = Future()
        with self._lock:
            self._jobs.put((source, extract, future))
            if self._idle <= 0 and len(self._threads) < self.size:
                t = threading.Thread(target=self._serve, name="archive-reader", daemon=True)
                self._threads.append(t)
                self._idle += 1  # (counted as idle until it takes its first job)
                t.start()
            self._idle -= 1
        return future

    def _serve(self) -> None:
        reader = self._make()
        with self._lock:
            self._readers.append(reader)
        try:
            while True:
                job = self._jobs.get()
                if job is None:
                    return
                source, extract, future = job
                if future.set_running_or_notify_cancel():
                    try:
                        parsed = reader.read(source) if extract else ParsedFile(
                            reader.parse(source))
                    except BaseException as exc:  # handed over: result() raises it
                        future.set_exception(exc)
                    else:
                        future.set_result(parsed)
                with self._lock:
                    self._idle += 1
        finally:
            reader.close()
            with self._lock:
                self._readers.remove(reader)
                self._restarts_of_closed += reader.restarts
