"""Turn one SourceFile into a RawDocument by picking and running its importer, and that
document into its facts.

`InProcessParser` runs the importer here. The archive normally parses through
`archive.sandbox` (child processes with time, memory and output caps, which also extract
the facts); both share this interface so the pipeline does not care which one it has.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Protocol

from archive import importers
from archive.errors import ArchiveError, ParseError
from archive.facts import DocumentFacts
from archive.limits import Limits
from archive.records import RawDocument, SourceFile
from archive.safe_text import strip_unsafe, strip_unsafe_line

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ParsedFile:
    """A parsed file and, when the reader extracted them, its facts (None: extract here)."""

    raw: RawDocument
    facts: DocumentFacts | None = None


class Parser(Protocol):
    def parse(self, source: SourceFile) -> RawDocument: ...

    def read(self, source: SourceFile) -> ParsedFile:
        """Parse and, where the reader can, extract; raises as `parse` does."""
        ...

    def submit(self, source: SourceFile) -> Future[ParsedFile]:
        """`read` started now and answered later (a reader pool reads several at once)."""
        ...

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

    def read(self, source: SourceFile) -> ParsedFile:
        return ParsedFile(parse_bytes(source, self.limits))

    def submit(self, source: SourceFile) -> Future[ParsedFile]:
        return done_future(self.read, source)

    def close(self) -> None:
        pass


def done_future(read: Callable[[SourceFile], ParsedFile], source: SourceFile) -> Future[ParsedFile]:
    """*read* run now, its answer (or error) in a finished Future."""
    future: Future[ParsedFile] = Future()
    try:
        future.set_result(read(source))
    except BaseException as exc:  # handed over: the caller's result() raises it
        future.set_exception(exc)
    return future


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


def extract_document(raw: RawDocument, name: str) -> DocumentFacts:
    """The facts of one parsed file; an extractor failure costs the facts, never the file."""
    try:
        return extract_strict(raw, name)
    except ArchiveError:
        raise
    except RecursionError:
        raw.warnings.append("fact extraction gave up on this text (too deeply nested)")
        return DocumentFacts(publisher=raw.publisher, published=raw.published)
    except Exception as exc:  # an extractor bug must not cost the user the document
        log.exception("fact extraction failed on %s", name)
        raw.warnings.append(f"fact extraction failed ({type(exc).__name__}); "
                            "the document was kept without facts — please report this")
        return DocumentFacts(publisher=raw.publisher, published=raw.published)


def extract_strict(raw: RawDocument, name: str) -> DocumentFacts:
    """`extract_document` with every failure raised (a reader process that meets one leaves
    the file to be extracted in the archive's process, which fails the same way and logs it)."""
    if not raw.text.strip():
        return DocumentFacts(publisher=raw.publisher, published=raw.published,
                             language=raw.language)
    from archive.extract import extract_facts

    facts = extract_facts(raw.text, title=raw.title, publisher=raw.publisher,
                          published=raw.published, filename=name,
                          media_type=raw.media_type, language=raw.language)
    merge_warnings(raw, facts)
    return facts


def merge_warnings(raw: RawDocument, facts: DocumentFacts) -> None:
    """The extractor's warnings join the file's (once each)."""
    raw.warnings.extend(w for w in facts.warnings if w not in raw.warnings)
