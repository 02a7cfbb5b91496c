"""Logging for the entry points: a rotating file in the user's log folder, never document text.

`configure_logging()` is called once by the CLI and the desktop app (not by the library:
a program that imports `archive` keeps its own logging). Records are cut to one short line
and the traceback, so a message that quotes a document cannot carry its text into the file.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from archive.paths import resolve_log_dir

LOG_FILE = "takedown-atlas.log"
MAX_MESSAGE = 300  # characters of a message kept; sentences of documents are longer
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d:%(threadName)s] %(message)s"
_OURS = ("archive", "desktop")


class _ShortMessages(logging.Filter):
    """One line of at most MAX_MESSAGE characters; arguments are folded in first."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = " ".join(record.getMessage().split())
        if len(text) > MAX_MESSAGE:
            text = text[:MAX_MESSAGE - 1] + "…"
        record.msg, record.args = text, None
        return True


class _Formatter(logging.Formatter):
    """Tracebacks keep their frames; every line is cut, so an exception's message cannot
    carry a page of a document either (another handler may have cached the full text)."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        limit = MAX_MESSAGE + 100  # the time, level and logger name come first
        return "\n".join(line if len(line) <= limit else line[:limit - 1] + "…"
                         for line in text.splitlines())


class _Handler(logging.handlers.RotatingFileHandler):
    """Marks the handler as ours, so a second call replaces it instead of doubling lines."""


def configure_logging(folder: str | os.PathLike[str] | None = None, *,
                      debug: bool = False) -> Path | None:
    """Log to <folder>/takedown-atlas.log (1 MB, 3 old files kept); return its path, or None
    if the folder cannot be written (logging never stops the app)."""
    path = resolve_log_dir(folder) / LOG_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _Handler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8",
                           delay=True)
    except OSError:
        return None
    handler.addFilter(_ShortMessages())
    handler.setFormatter(_Formatter(_FORMAT))
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _Handler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)  # other libraries: warnings and errors only
    for name in _OURS:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.INFO)
    logging.captureWarnings(True)
    return path
