"""Fact extraction: turns a document's clean text into DocumentFacts (archive.facts).

Pure functions over text and the gazetteers in resources/: no Qt, no database.
`extract_facts` is the one entry point; `EXTRACTOR_VERSION` changes with the rules. The
rules load when `extract_facts` is first asked for: the version alone costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archive.extract.version import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from archive.extract.pipeline import extract_facts

__all__ = ["EXTRACTOR_VERSION", "extract_facts"]


def __getattr__(name: str) -> Any:
    if name == "extract_facts":
        from archive.extract.pipeline import extract_facts

        return extract_facts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
