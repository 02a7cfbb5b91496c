"""Every fact carries evidence whose offsets quote the text exactly, on every document."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from archive.extract import extract_facts
from archive.facts import (
    ACTOR_ROLES,
    AUDIENCE_METRICS,
    COUNTRY_ROLES,
    FACT_KINDS,
    QUALIFIERS,
    REMOVED_METRICS,
    SOURCE_TYPES,
)
from tests.archive.extract.conftest import CORPUS, META_MD, ROOT, SEED

DOCS = sorted(CORPUS.glob("*.txt")) + sorted(META_MD.glob("meta-*.md")) + [SEED]


def test_corpus_is_big_enough() -> None:
    assert len(list(CORPUS.glob("*.txt"))) >= 40
    assert len(list(CORPUS.glob("*.truth.json"))) == len(list(CORPUS.glob("*.txt")))


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_offsets_quote_the_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = extract_facts(text, filename=path.name)
    assert doc.source_type in SOURCE_TYPES
    for net in doc.networks:
        for fact in net.facts:
            assert fact.kind in FACT_KINDS
            ev = fact.evidence
            assert ev is not None, fact
            assert 0 <= ev.start < ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.quote
            if fact.kind == "count":
                assert fact.key in REMOVED_METRICS and fact.qualifier in QUALIFIERS
            if fact.kind == "audience":
                assert fact.key in AUDIENCE_METRICS
            if fact.kind == "country":
                assert fact.role in COUNTRY_ROLES and len(fact.key) == 2 and fact.key.isupper()
            if fact.kind == "actor":
                assert fact.role in ACTOR_ROLES


def test_extraction_is_deterministic() -> None:
    text = (CORPUS / "001_meta_monthly_three_networks.txt").read_text(encoding="utf-8")
    assert extract_facts(text) == extract_facts(text)


def test_extract_never_loads_qt() -> None:
    code = ("import sys, archive.extract as e; e.extract_facts('We removed 5 Facebook accounts.');"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', "
            "'desktop', 'sqlite3', 'sqlite_utils')]; print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
