"""Parse untrusted files in a persistent child process with time, memory and output caps.

`IsolatedParser` keeps one worker (`python -m archive.sandbox`) and talks to it over
pipes in length-prefixed frames: raw bytes in, JSON of plain RawDocument fields out and,
when asked (`read`), JSON of the document's facts after it (`archive.sandbox_wire`): the
worker extracts them, so the archive's process only writes. Nothing is pickled. A worker that hangs, explodes or dies fails that one file with a
ParseError and is replaced for the next one; it is always reaped (no zombies). A worker
that cannot start at all (a missing module, say) is the environment's fault, not the
file's: ReaderUnavailable stops the import, naming the cause from the worker's stderr.
A frozen app has no `-m`: it starts itself with WORKER_FLAG, which `freeze_support()`
(first thing in the bundle's entry point, desktop/frozen.py) answers.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import selectors
import signal
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import asdict
from typing import IO, Any

from archive.errors import (
    ArchiveError,
    LimitExceeded,
    ParseError,
    ReaderUnavailable,
)
from archive.facts import DocumentFacts
from archive.limits import Limits
from archive.parsing import ParsedFile, done_future
from archive.records import RawDocument, SourceFile
from archive.sandbox_wire import Garbage, decode_document, decode_facts

log = logging.getLogger(__name__)

_HEADER = struct.Struct(">cQ")  # frame kind, payload length
_START_TIMEOUT_S = 60.0  # the worker's own start-up (imports), not counted per file
_STDERR_LINES = 50  # the tail of the worker's stderr kept in memory, for a failed start
_STDERR_LINE_BYTES = 4096
_CAUSE_CHARS = 300
# "ModuleNotFoundError: No module named 'x'": the line of a traceback that names the cause.
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning)\b")


class _WorkerGone(Exception):
    """The child closed its pipe or died."""


class _Deadline(Exception):
    """The child did not answer in time."""


WORKER_FLAG = "--sandbox-worker"


# Set by the parent for its worker only when a test armed the faults in the parent; the
# parent removes any other value, so a stray variable never reaches a worker.
FAULTS_ARMED = "TAKEDOWN_ATLAS_FAULTS_ARMED"


def _worker_command(memory_bytes: int) -> list[str]:
    if getattr(sys, "frozen", False):  # sys.executable is the bundle, not an interpreter
        return [sys.executable, WORKER_FLAG, str(memory_bytes)]
    return [sys.executable, "-m", "archive.sandbox", str(memory_bytes)]


def _worker_env() -> dict[str, str]:
    from archive import faults

    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop(FAULTS_ARMED, None)
    if faults.enabled():
        env[FAULTS_ARMED] = "1"
    return env


def freeze_support(argv: list[str] | None = None) -> None:
    """Become the worker, and exit, when started as `<bundle> --sandbox-worker BYTES`.

    As multiprocessing's freeze_support: the bundle's entry point calls it before anything
    else, so the one executable serves the window, the CLI and this worker. Otherwise a no-op.
    """
    argv = sys.argv if argv is None else argv
    if len(argv) == 3 and argv[1] == WORKER_FLAG:
        sys.exit(run_worker(int(argv[2])))


def run_worker(memory_bytes: int) -> int:
    """The child's whole life: harden, load the importers, serve frames until end of input."""
    if os.environ.get(FAULTS_ARMED) == "1":  # our parent was a test that armed them
        from archive import faults

        faults.enable()
    _harden_child(memory_bytes)
    return _serve(memory_bytes)


class _StderrTail:
    """Drains a worker's stderr on a thread, keeping only its last lines.

    Reading it is what keeps a chatty worker from blocking on a full pipe; keeping a
    bounded tail is what lets a failed start say why without holding unbounded output.
    """

    def __init__(self, pipe: IO[bytes]) -> None:
        self._lines: deque[bytes] = deque(maxlen=_STDERR_LINES)
        self._thread = threading.Thread(target=self._drain, args=(pipe,), daemon=True,
                                        name="sandbox-stderr")
        self._thread.start()

    def _drain(self, pipe: IO[bytes]) -> None:
        with contextlib.suppress(OSError, ValueError), pipe:
            for line in iter(lambda: pipe.readline(_STDERR_LINE_BYTES), b""):
                self._lines.append(line)

    def cause(self, wait_s: float = 2.0) -> str:
        """The line that says why the worker stopped: its last exception line, else its last."""
        self._thread.join(wait_s)  # the worker is dead by now: the pipe is at its end
        texts = [t for t in (b.decode("utf-8", "replace").strip() for b in list(self._lines)) if t]
        for text in reversed(texts):
            if _EXCEPTION_LINE.match(text):
                return text[:_CAUSE_CHARS]
        return texts[-1][:_CAUSE_CHARS] if texts else ""


class IsolatedParser:
    """The Parser protocol (see archive.parsing) backed by one sandboxed worker process."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._proc: subprocess.Popen[bytes] | None = None
        self.restarts = 0  # workers replaced after a failure (for tests and figures)

    # --- the Parser protocol ----------------------------------------------------------

    def parse(self, source: SourceFile) -> RawDocument:
        return self._exchange(source, extract=False).raw

    def read(self, source: SourceFile) -> ParsedFile:
        """Parse, then let the worker extract the facts. Should the extraction fail there (it
        crashed, took longer than the parse limit, sent garbage), `facts` is None and the
        archive's process extracts them instead, as it did before readers extracted."""
        return self._exchange(source, extract=True)

    def submit(self, source: SourceFile) -> Future[ParsedFile]:
        return done_future(self.read, source)

    def _exchange(self, source: SourceFile, *, extract: bool) -> ParsedFile:
        if len(source.data) > self.limits.max_file_bytes:
            raise LimitExceeded(f"file is larger than the "
                                f"{self.limits.max_file_bytes // (1024 * 1024):,} MB limit")
        proc = self._worker()
        header = json.dumps({"name": source.name, "limits": asdict(self.limits),
                             "extract": extract}).encode()
        label = "file"
        try:
            assert proc.stdin is not None
            _write_frame(proc.stdin, b"Q", header)
            _write_frame(proc.stdin, b"B", source.data)
            deadline = time.monotonic() + self.limits.parse_timeout_s
            kind, payload = self._read_frame(deadline)
            if kind == b"L":  # the importer picked: now the parse itself runs
                label = payload.decode("utf-8", "replace")
                kind, payload = self._read_frame(deadline)
        except _Deadline:
            self._kill()
            raise LimitExceeded(f"could not read this {label}: it took longer than "
                                f"{self.limits.parse_timeout_s:g} s") from None
        except LimitExceeded:
            self._kill()
            raise LimitExceeded(f"could not read this {label}: it produced more than "
                                f"{self.limits.max_output_bytes // (1024 * 1024):,} MB "
                                "of output") from None
        except (_WorkerGone, BrokenPipeError, OSError):
            status = self._kill()
            raise ParseError(f"could not read this {label}: the reader crashed"
                             f"{_describe(status)}") from None
        try:
            raw = decode_document(kind, payload, label)
        except ParseError:
            if extract and kind == b"D":
                self._kill()  # its facts would come next, out of step: start afresh
            raise
        return ParsedFile(raw, self._facts(source.name, raw) if extract else None)

    def _facts(self, name: str, raw: RawDocument) -> DocumentFacts | None:
        """The worker's second frame: the facts ("F"), or "X" (extract them yourself)."""
        try:
            kind, payload = self._read_frame(time.monotonic() + self.limits.parse_timeout_s)
            if kind != b"F":
                return None
            facts = decode_facts(payload, len(raw.text))
        except (_Deadline, _WorkerGone, LimitExceeded, OSError, Garbage):
            log.warning("the reader did not extract %s; extracting it here", name)
            self._kill()
            return None
        from archive.parsing import merge_warnings

        merge_warnings(raw, facts)
        return facts

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(OSError):
            assert proc.stdin is not None
            proc.stdin.close()  # the worker exits on end of input
        try:
            proc.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    # --- the worker's life ------------------------------------------------------------

    def _worker(self) -> subprocess.Popen[bytes]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        if self._proc is not None:
            self._kill()
        env = _worker_env()
        command = _worker_command(self.limits.parse_memory_bytes)
        try:
            proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, env=env, close_fds=True)
        except OSError as exc:
            raise ReaderUnavailable(f"could not start the isolated file reader: "
                                    f"{exc.strerror or exc}: {command[0]}") from None
        assert proc.stderr is not None
        stderr = _StderrTail(proc.stderr)
        self._proc = proc
        try:
            kind, _ = self._read_frame(time.monotonic() + _START_TIMEOUT_S)
        except _Deadline:
            self._kill()
            raise ReaderUnavailable("could not start the isolated file reader: it did not "
                                    f"answer within {_START_TIMEOUT_S:g} s") from None
        except (_WorkerGone, LimitExceeded, OSError):
            kind = b""
        if kind != b"R":
            status = self._kill()
            cause = stderr.cause() or f"it exited with status {status}"
            raise ReaderUnavailable(f"could not start the isolated file reader: {cause}")
        return proc

    def _kill(self) -> int | None:
        """Kill and reap the worker; return its exit status."""
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        self.restarts += 1
        if proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.kill()
        status = proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()
        return status

    def _read_frame(self, deadline: float) -> tuple[bytes, bytes]:
        head = self._read_exact(_HEADER.size, deadline)
        kind, size = _HEADER.unpack(head)
        if size > self.limits.max_output_bytes:
            raise LimitExceeded("output cap")
        return kind, self._read_exact(size, deadline)

    def _read_exact(self, n: int, deadline: float) -> bytes:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        buf = bytearray()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while len(buf) < n:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(timeout=left):
                    raise _Deadline()
                chunk = os.read(fd, min(n - len(buf), 1 << 20))
                if not chunk:
                    raise _WorkerGone()
                buf += chunk
        return bytes(buf)


def _write_frame(fh: IO[bytes], kind: bytes, payload: bytes) -> None:
    fh.write(_HEADER.pack(kind, len(payload)))
    fh.write(payload)
    fh.flush()


def _describe(status: int | None) -> str:
    if status is None or status >= 0:
        return ""
    try:
        name = signal.Signals(-status).name
    except ValueError:
        name = f"signal {-status}"
    if name in ("SIGSEGV", "SIGABRT", "SIGBUS", "SIGKILL"):
        return f" ({name}; it may have run out of memory)"
    return f" ({name})"


_decode_reply = decode_document  # (its old name, which the sandbox tests use)


# --- the worker side: runs in the child -----------------------------------------------


def _harden_child(memory_bytes: int) -> None:
    """Die with the parent, dump no core, refuse sockets; the address-space cap comes later."""
    import resource

    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: a killed importer takes us along
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle

    def no_network(event: str, args: tuple[Any, ...]) -> None:
        if event in ("socket.connect", "socket.getaddrinfo", "socket.bind"):
            raise PermissionError("the file reader may not use the network")

    sys.addaudithook(no_network)


def _cap_memory(memory_bytes: int) -> None:
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def _read_request(stdin: IO[bytes]) -> tuple[bytes, bytes] | None:
    head = stdin.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    kind, size = _HEADER.unpack(head)
    payload = stdin.read(size)
    if len(payload) < size:
        return None
    return kind, payload


def _serve(memory_bytes: int) -> int:
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a chatty library must not write into our frames
    try:
        from archive import importers
        from archive.faults import parser_fault, reader_start_fault
        from archive.parsing import extract_strict, parse_bytes
        from archive.sandbox_wire import encode_document, encode_facts

        reader_start_fault()
        importers.all_importers()  # load every plugin before the clock and the cap start
        _warm_extractor()
    except Exception as exc:
        # One line, last on stderr: the parent shows it as the reason the import stopped.
        print(f"{type(exc).__name__}: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    _cap_memory(memory_bytes)
    _write_frame(stdout, b"R", b"")
    while True:
        first = _read_request(stdin)
        second = _read_request(stdin) if first else None
        if first is None or second is None:
            return 0
        header = json.loads(first[1])
        limits = Limits(**header["limits"])
        source = SourceFile(str(header["name"]), second[1])
        label = "file"
        raw = None
        try:
            importer = importers.pick(source.name, source.data[: importers.SNIFF_BYTES])
            label = importer.label
            _write_frame(stdout, b"L", label.encode())
            if parser_fault(source.name):
                _write_frame(stdout, b"D", b" " * (limits.max_output_bytes + 1))
                continue
            raw = parse_bytes(source, limits)
            reply = encode_document(raw)
            kind = b"D"
        except ArchiveError as exc:
            kind = b"E"
            reply = json.dumps({"error": type(exc).__name__, "message": str(exc)}).encode()
        except MemoryError:
            kind = b"E"
            reply = json.dumps({"error": "LimitExceeded",
                                "message": f"could not read this {label}: it needs too much "
                                "memory"}).encode()
        except Exception as exc:  # parse_bytes lets only ArchiveError out; belt and braces
            kind = b"E"
            reply = json.dumps({"error": "ParseError", "message":
                                f"could not read this {label} ({type(exc).__name__})"}).encode()
        _write_frame(stdout, kind, reply)
        if kind == b"D" and header.get("extract") and raw is not None:
            try:
                facts = encode_facts(extract_strict(raw, source.name))
            except BaseException:  # the archive's process extracts it, and meets this itself
                _write_frame(stdout, b"X", b"")
            else:
                _write_frame(stdout, b"F", facts)


def _warm_extractor() -> None:
    """Load the extractor and build its tables once, before the first file's clock starts;
    should this fail, each file's extraction is left to the archive's process."""
    with contextlib.suppress(Exception):
        from archive.parsing import extract_strict

        extract_strict(RawDocument(text="Meta removed 5 Facebook accounts in Georgia.",
                                   media_type="text/plain"), "warm-up.txt")


if __name__ == "__main__":
    sys.exit(run_worker(int(sys.argv[1])))
