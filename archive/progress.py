"""Progress reporting and cooperative cancellation for long core operations.

Nothing here knows about threads or Qt: the caller decides where work runs and how
progress is shown; the work only reports and checks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from archive.errors import Cancelled


@dataclass(frozen=True, slots=True)
class Progress:
    stage: str  # "scan", "parse", "store", "index", "export", ...
    done: int
    total: int | None  # None while the total is unknown
    detail: str = ""


ProgressCallback = Callable[[Progress], None]


class CancelToken:
    """Cancelled from any thread; checked by the worker between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def throttle(callback: ProgressCallback | None, every: float = 0.1) -> ProgressCallback:
    """Drop updates within *every* seconds of the last one; a stage's last update always goes."""
    if callback is None:
        return lambda _p: None
    last = 0.0

    def send(progress: Progress) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= every or progress.done == progress.total:
            last = now
            callback(progress)

    return send
