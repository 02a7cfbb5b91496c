"""Registry of format plugins, picked by sniffing content (not only the extension).

Each format lives in its own module in this package and registers itself with @register:
adding a format is adding that one file (every module here is loaded). The file dialog's
filter and the "unsupported format" message are read from the registry. Containers
(folders, .zip bundles) are expanded by `archive.importers.bundle` before any of these.
"""

from __future__ import annotations

import importlib
import pkgutil

from archive.errors import UnsupportedFormat
from archive.importers.base import Importer

CONTAINER_EXTENSIONS = (".zip",)
_NAMES = {"Markdown", "PDF", "MHTML", "HTML"}  # labels that start with a name keep its capital  # expanded by bundle.py, never parsed as a report

SNIFF_BYTES = 8192
_registry: dict[str, Importer] = {}


def register(cls: type[Importer]) -> type[Importer]:
    """Class decorator that makes an importer available to the pipeline."""
    if cls.name in _registry:
        raise ValueError(f"importer {cls.name!r} registered twice")
    _registry[cls.name] = cls()
    return cls


def all_importers() -> list[Importer]:
    _load_plugins()
    return list(_registry.values())


def pick(name: str, head: bytes) -> Importer:
    """Return the importer that claims the file most confidently, or raise UnsupportedFormat."""
    _load_plugins()
    scores = [(imp.sniff(name, head[:SNIFF_BYTES]), imp) for imp in _registry.values()]
    scores = [s for s in scores if s[0] > 0.0]
    if not scores:
        raise UnsupportedFormat(describe_unsupported(name, head))
    return max(scores, key=lambda s: s[0])[1]


def describe_unsupported(name: str, head: bytes) -> str:
    """A one-line reason naming what the file looks like."""
    kinds = {
        b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
        b"PK\x03\x04": "an Office or zip file", b"\x7fELF": "a program",
        b"MZ": "a Windows program", b"SQLite format 3": "a database file",
        b"\x1f\x8b": "a gzip file", b"%!PS": "a PostScript file",
    }
    for magic, what in kinds.items():
        if head.startswith(magic):
            return f"not a report format Takedown Atlas reads (looks like {what})"
    return f"not a report format Takedown Atlas reads (expected {readable_formats()})"


def readable_formats() -> str:
    """"plain text, Markdown, …, PDF report or a .zip bundle" from the registered labels."""
    labels = [imp.label if imp.label.split()[0] in _NAMES else imp.label[:1].lower() + imp.label[1:]
              for imp in all_importers()]
    return ", ".join(labels) + " or a .zip bundle of them"


def file_patterns() -> list[str]:
    """Every extension an importer (or a bundle) claims, as glob patterns: ["*.txt", ...]."""
    exts: list[str] = []
    for imp in all_importers():
        exts += [e for e in imp.extensions if e not in exts]
    return [f"*{e}" for e in (*exts, *CONTAINER_EXTENSIONS)]


def file_dialog_filter() -> str:
    """The open dialog's filter: "Reports (*.txt *.md … *.zip);;All files (*)"."""
    return f"Reports ({' '.join(file_patterns())});;All files (*)"


_loaded = False


def _load_plugins() -> None:
    # Every module of this package is imported for its @register side effect (the
    # PyInstaller spec lists them as hidden imports). Not `if _registry`: importing one
    # plugin module directly must not hide the others.
    global _loaded
    if _loaded:
        return
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    _loaded = True
