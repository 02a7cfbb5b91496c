"""The importer protocol: a format plugin turns the bytes of one file into a RawDocument.

An importer understands one format and nothing else. It never opens the database or
the index; the pipeline stores whatever it returns. Broken input raises ParseError
(or LimitExceeded) with a one-line reason.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from archive.limits import Limits
from archive.records import RawDocument


class Importer(Protocol):
    name: ClassVar[str]  # stable id, stored on every imported row
    label: ClassVar[str]  # shown to people ("Saved web page")
    extensions: ClassVar[tuple[str, ...]]

    def sniff(self, name: str, head: bytes) -> float:
        """Return 0.0-1.0: how sure we are that a file called *name* starting with *head* is ours."""
        ...

    def parse(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """Return the document; raise ParseError for a file that is ours but unreadable."""
        ...
