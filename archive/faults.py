"""Named crash points and parser faults for fault-injection tests: nothing happens unless asked.

Off in the app: the variables below are read only after `enable()` has been called in this
process (tests call it; the sandbox passes it on to its own worker only), so a stray environment
variable can never make an installed app kill itself or misparse a file.

TAKEDOWN_ATLAS_CRASH_AT=<name>[,<name>...] makes the process SIGKILL itself when it
reaches that point; TAKEDOWN_ATLAS_CRASH_SKIP=N lets the first N hits pass first;
TAKEDOWN_ATLAS_CRASH_FIRED=<file> records the point just before the kill (proof it landed),
TAKEDOWN_ATLAS_CRASH_TRACE=<file> records every point passed (for calibration).
TAKEDOWN_ATLAS_DISK_FULL_AT=<name>[,...] raises OSError(ENOSPC) there instead (after the
first TAKEDOWN_ATLAS_CRASH_SKIP hits), as a disk filling up at that moment would.
TAKEDOWN_ATLAS_PARSER_FAULT=<kind>:<marker>[,...] makes the sandboxed parser misbehave
(hang, explode, crash, flood) on files whose name contains <marker>; the item
`import:<module>` makes the worker import <module> as it starts (a missing one stops it).
"""

from __future__ import annotations

import errno
import importlib
import os
import time

_hits: dict[str, int] = {}
_enabled = False


def enable() -> None:
    """Let the TAKEDOWN_ATLAS_CRASH_* and _PARSER_FAULT variables act (tests only)."""
    global _enabled
    _enabled = True


def enabled() -> bool:
    return _enabled


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default) if _enabled else default

POINTS = (
    "import.after_parse", "import.after_blob", "import.in_transaction",
    "import.before_commit", "import.after_commit", "index.before_commit",
    "index.in_commit", "index.after_commit", "index.after_generation",
    "backup.in_copy",
)
PARSER_FAULTS = ("hang", "explode", "crash", "flood")


def crash_point(name: str) -> None:
    trace = _env("TAKEDOWN_ATLAS_CRASH_TRACE")
    if trace:  # a calibration run records every point it passes
        with open(trace, "a", encoding="utf-8") as fh:
            fh.write(name + "\n")
    full = _env("TAKEDOWN_ATLAS_DISK_FULL_AT")
    if full and name in full.split(","):
        _hits["full:" + name] = _hits.get("full:" + name, 0) + 1
        if _hits["full:" + name] > int(_env("TAKEDOWN_ATLAS_CRASH_SKIP", "0")):
            raise OSError(errno.ENOSPC, "No space left on device")
    wanted = _env("TAKEDOWN_ATLAS_CRASH_AT")
    if not wanted or name not in wanted.split(","):
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] > int(_env("TAKEDOWN_ATLAS_CRASH_SKIP", "0")):
        fired = _env("TAKEDOWN_ATLAS_CRASH_FIRED")
        if fired:  # proof for the test that the kill landed here, written before dying
            with open(fired, "a", encoding="utf-8") as fh:
                fh.write(name + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        import signal  # (here: the module costs every command's start)

        os.kill(os.getpid(), signal.SIGKILL)


def parser_fault(name: str) -> bool:
    """Called by the sandbox worker before parsing *name*: misbehave if a test asked.

    Returns True for "flood": the worker then answers with more output than allowed.
    """
    spec = _env("TAKEDOWN_ATLAS_PARSER_FAULT")
    if not spec:
        return False
    for item in spec.split(","):
        kind, _, marker = item.partition(":")
        if not marker or marker not in name:
            continue
        if kind == "hang":
            while True:
                time.sleep(0.05)
        elif kind == "explode":
            hog: list[bytearray] = []
            while True:  # grow until the address-space cap stops us
                hog.append(bytearray(64 * 1024 * 1024))
        elif kind == "crash":
            import signal

            os.kill(os.getpid(), signal.SIGSEGV)
        elif kind == "flood":
            return True
    return False


def reader_start_fault() -> None:
    """Called by the sandbox worker as it starts: import the module a test named, if any."""
    for item in _env("TAKEDOWN_ATLAS_PARSER_FAULT").split(","):
        kind, _, module = item.partition(":")
        if kind == "import" and module:
            importlib.import_module(module)
