"""Qt-free locator for the app's data files: fonts, icons, gazetteers, samples.

reportlab needs real font files and the core must not touch Qt, so everything goes
through `path()` here rather than a Qt resource file.
"""

from __future__ import annotations

from importlib import resources as _res
from pathlib import Path

_ROOT = Path(str(_res.files(__name__)))


def path(name: str) -> Path:
    """Return the absolute path of resource *name* (e.g. "fonts/DejaVuSans.ttf")."""
    p = (_ROOT / name).resolve()
    if _ROOT.resolve() not in p.parents and p != _ROOT.resolve():
        raise ValueError(f"resource outside the package: {name}")
    return p


def read_text(name: str) -> str:
    return path(name).read_text(encoding="utf-8")
