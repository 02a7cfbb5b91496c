"""Named crash points for fault-injection tests: nothing happens unless a test asks.

TAKEDOWN_ATLAS_CRASH_AT=<name>[,<name>...] makes the process SIGKILL itself when it
reaches that point; TAKEDOWN_ATLAS_CRASH_SKIP=N lets the first N hits pass first.
"""

from __future__ import annotations

import os
import signal

_hits: dict[str, int] = {}

POINTS = (
    "import.after_parse", "import.after_blob", "import.in_transaction",
    "import.before_commit", "import.after_commit", "index.before_commit",
    "index.after_commit", "index.after_generation",
)


def crash_point(name: str) -> None:
    wanted = os.environ.get("TAKEDOWN_ATLAS_CRASH_AT")
    if not wanted or name not in wanted.split(","):
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] > int(os.environ.get("TAKEDOWN_ATLAS_CRASH_SKIP", "0")):
        os.kill(os.getpid(), signal.SIGKILL)
