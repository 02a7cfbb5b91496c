"""Where the archive lives: --archive flag > TAKEDOWN_ATLAS_ARCHIVE > platform data folder.

Resolved once at an entry point (CLI or desktop); everything below takes explicit paths.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TAKEDOWN_ATLAS_ARCHIVE"


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
