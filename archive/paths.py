"""Where the archive lives: --archive flag > TAKEDOWN_ATLAS_ARCHIVE > platform data folder;
where the log goes: TAKEDOWN_ATLAS_LOG_DIR > the platform log folder; and what the archive
keeps of where an imported file came from (its name, not its folders).

Resolved once at an entry point (CLI or desktop); everything below takes explicit paths.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

ENV_VAR = "TAKEDOWN_ATLAS_ARCHIVE"
LOG_ENV_VAR = "TAKEDOWN_ATLAS_LOG_DIR"


def default_archive_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("takedown-atlas", appauthor=False)) / "archive"


def _resolve(flag: str | os.PathLike[str] | None, env_var: str,
             default: Callable[[], Path]) -> Path:
    """The argument, else the environment variable, else the platform's folder."""
    chosen = flag or os.environ.get(env_var)
    return Path(chosen).expanduser() if chosen else default()


def resolve_archive_path(flag: str | os.PathLike[str] | None) -> Path:
    return _resolve(flag, ENV_VAR, default_archive_dir)


def default_log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("takedown-atlas", appauthor=False))


def resolve_log_dir(flag: str | os.PathLike[str] | None = None) -> Path:
    """Where the log file goes: argument > TAKEDOWN_ATLAS_LOG_DIR > the platform log folder."""
    return _resolve(flag, LOG_ENV_VAR, default_log_dir)


def provenance_name(name: str, folder: str = "") -> str:
    """What the archive records of where a file came from: its name without the folders it
    sat in, inside a bundle too (`/home/me/x/b.zip!in/r.pdf` -> `b.zip!r.pdf`).

    *folder* is the leading folder part of *name* as the importer found the file, so a
    folder with "!" in its name cannot leak; without it (rows of an old archive) the
    text is split at every "!"."""
    rest = name[len(folder):] if folder and name.startswith(folder) else name
    return "!".join(_last_component(part) for part in rest.split("!"))


def _last_component(part: str) -> str:
    return part.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
