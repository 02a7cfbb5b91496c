"""Takedown Atlas core: import, extract, store, index, search and export takedown reports.

This package never imports Qt; `desktop/` is a face over it, and so is `archive.cli`.
"""

from __future__ import annotations

from archive.about import APP_ID, APP_NAME, __version__

__all__ = ["APP_ID", "APP_NAME", "Archive", "__version__"]


def __getattr__(name: str) -> object:
    # Lazy, so `import archive` stays cheap for the desktop start-up path.
    if name == "Archive":
        from archive.api import Archive

        return Archive
    raise AttributeError(name)
