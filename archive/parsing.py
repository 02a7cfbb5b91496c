"""Turn one SourceFile into a RawDocument by picking and running its importer.

`InProcessParser` runs the importer here. The archive normally parses through
`archive.sandbox` (a child process with time, memory and output caps); both share
this interface so the pipeline does not care which one it has.
"""

from __future__ import annotations

from typing import Protocol

from archive import importers
from archive.errors import ArchiveError, ParseError
from archive.limits import Limits
from archive.records import RawDocument, SourceFile
from archive.safe_text import strip_unsafe, strip_unsafe_line


class Parser(Protocol):
    def parse(self, source: SourceFile) -> RawDocument: ...

    def close(self) -> None: ...


def parse_bytes(source: SourceFile, limits: Limits) -> RawDocument:
    """Pick the importer by sniffing and run it; only ArchiveError subclasses escape."""
    importer = importers.pick(source.name, source.data[: importers.SNIFF_BYTES])
    try:
        raw = importer.parse(source.data, source.name, limits)
    except ArchiveError:
        raise
    except RecursionError:
        raise ParseError(f"could not read this {importer.label}: it is nested too deeply") from None
    except MemoryError:
        raise ParseError(f"could not read this {importer.label}: it needs too much memory") from None
    except Exception as exc:  # a parser library choked: the file is bad, not us
        raise ParseError(f"could not read this {importer.label} ({type(exc).__name__})") from None
    raw.importer = raw.importer or importer.name
    make_safe(raw)
    if len(raw.text) > limits.max_text_chars:
        raw.text = raw.text[: limits.max_text_chars]
        raw.warnings.append(f"text cut at {limits.max_text_chars:,} characters")
    return raw


class InProcessParser:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def parse(self, source: SourceFile) -> RawDocument:
        return parse_bytes(source, self.limits)

    def close(self) -> None:
        pass


def make_safe(raw: RawDocument) -> None:
    """The import boundary of `archive.safe_text`: whatever an importer or its library decoded
    (an HTML entity such as `&#27;` or `&#x202E;`, a PDF's metadata), no control, bidi-override
    or XML-incompatible character reaches the stored text or a title."""
    raw.text, removed = strip_unsafe(raw.text)
    if removed:
        raw.warnings.append(f"{removed} control or bidirectional characters were removed")
    for attr in ("title", "publisher"):
        value = getattr(raw, attr)
        if value is not None:
            setattr(raw, attr, strip_unsafe_line(value) or None)
