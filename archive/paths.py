"""Where the archive lives: --archive flag > TAKEDOWN_ATLAS_ARCHIVE > platform data folder;
where the log goes: TAKEDOWN_ATLAS_LOG_DIR > the platform log folder.

Resolved once at an entry point (CLI or desktop); everything below takes explicit paths.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TAKEDOWN_ATLAS_ARCHIVE"
LOG_ENV_VAR = "TAKEDOWN_ATLAS_LOG_DIR"


def default_archive_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("takedown-atlas", appauthor=False)) / "archive"


def resolve_archive_path(flag: str | os.PathLike[str] | None) -> Path:
    if flag:
        return Path(flag).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_archive_dir()


def default_log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("takedown-atlas", appauthor=False))


def resolve_log_dir(flag: str | os.PathLike[str] | None = None) -> Path:
    """Where the log file goes: argument > TAKEDOWN_ATLAS_LOG_DIR > the platform log folder."""
    if flag:
        return Path(flag).expanduser()
    env = os.environ.get(LOG_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_log_dir()
