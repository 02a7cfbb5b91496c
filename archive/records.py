"""Plain records passed between the layers: what importers produce and operations return.

Frozen where possible; no behaviour beyond small conveniences. No database, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NewType

DocumentId = NewType("DocumentId", str)
NetworkId = NewType("NetworkId", str)


@dataclass(slots=True)
class RawDocument:
    """What an importer makes of one file: clean text plus whatever metadata it found.

    `text` is the clean article text (boilerplate removed); evidence offsets point into it.
    Importers never guess: unknown metadata stays None.
    """

    text: str
    media_type: str  # "text/plain", "text/markdown", "text/html", "multipart/related", "application/pdf"
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD when known
    language: str | None = None
    encoding: str | None = None  # detected or declared charset of a text file
    encoding_confidence: float | None = None
    importer: str = ""  # name of the importer plugin
    warnings: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # e.g. "no_text_layer"
    pages: int | None = None


@dataclass(slots=True)
class SourceFile:
    """One unit to import: bytes and the name it came under (a path or `bundle.zip!entry`).

    `display` is the file name people recognise when the bundle expansion knows it (an
    entry's last component); empty means the last component of `name`. A `!` in a file
    name is part of the name, so `name` is never split at one. `folder` is the leading
    part of `name` that is the folder the file was found in (`archive.paths.provenance_name`
    drops it unless the user asks to keep paths)."""

    name: str
    data: bytes
    display: str = ""
    folder: str = ""


@dataclass(slots=True)
class Duplicate:
    file: str
    id: DocumentId


@dataclass(slots=True)
class Rejected:
    file: str
    reason: str


@dataclass(slots=True)
class ImportResult:
    """What an import changed; the UI refreshes from this, the CLI prints it."""

    added: list[DocumentId] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False
    # Duplicates whose stored original was missing or damaged and was written again.
    restored: list[Duplicate] = field(default_factory=list)

    @property
    def changed_ids(self) -> set[DocumentId]:
        return set(self.added)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "added": list(self.added),
            "duplicates": [{"file": d.file, "id": d.id} for d in self.duplicates],
            "rejected": [{"file": r.file, "reason": r.reason} for r in self.rejected],
        }
        if self.restored:  # an addition to DESIGN §4, present only when it happened
            out["restored"] = [{"file": d.file, "id": d.id} for d in self.restored]
        return out


@dataclass(slots=True)
class SearchHit:
    id: DocumentId
    title: str
    published: str | None
    snippet: str
    score: float


@dataclass(slots=True)
class SearchResult:
    query: str
    total: int
    hits: list[SearchHit]
    notice: str | None = None  # e.g. "Search syntax not understood; searched for the words instead."

    @property
    def ids(self) -> list[DocumentId]:
        return [h.id for h in self.hits]

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "query": self.query,
            "total": self.total,
            "hits": [
                {"id": h.id, "title": h.title, "published": h.published,
                 "snippet": h.snippet, "score": round(h.score, 4)}
                for h in self.hits
            ],
        }
        if self.notice:
            out["notice"] = self.notice
        return out
