"""Registry of format plugins, picked by sniffing content (not only the extension).

Each format lives in its own module and registers itself with @register.
Containers (folders, .zip bundles) are expanded by `archive.importers.bundle`
before any of these see a file.
"""

from __future__ import annotations

from archive.errors import UnsupportedFormat
from archive.importers.base import Importer

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
    return "not a report format Takedown Atlas reads (expected text, Markdown, HTML, MHTML, PDF or .zip)"


def _load_plugins() -> None:
    # Not `if _registry`: importing one plugin module directly must not hide the others.
    # Imported for their @register side effect; kept explicit so freezing tools see them.
    from archive.importers import html_page, mhtml_page, pdf_report, text_plain  # noqa: F401
