"""Fact extraction: turns a document's clean text into DocumentFacts (archive.facts).

Pure functions over text and the gazetteers in resources/: no Qt, no database.
`extract_facts` is the one entry point; `EXTRACTOR_VERSION` changes with the rules.
"""

from __future__ import annotations

from archive.extract.pipeline import EXTRACTOR_VERSION, extract_facts

__all__ = ["EXTRACTOR_VERSION", "extract_facts"]
