"""Caseless patterns find exactly what the same pattern with re.IGNORECASE finds."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
from pathlib import Path

import pytest

import archive.extract as extract_pkg
from archive.extract.caseless import Caseless, _lower_ascii, lowered

CORPUS = Path(__file__).resolve().parents[2] / "data" / "extraction"


def _all_caseless() -> list[tuple[str, Caseless]]:
    out = []
    for info in pkgutil.iter_modules(extract_pkg.__path__):
        mod = importlib.import_module(f"archive.extract.{info.name}")
        out += [(f"{info.name}.{n}", v) for n, v in vars(mod).items() if isinstance(v, Caseless)]
    return out


def _sentences() -> list[str]:
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    sents = [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if s.strip()]
    rng.shuffle(sents)
    sents = sents[:400]
    # the same sentences shouted, title-cased, with accents, Cyrillic and odd letters mixed in
    variants = [s.upper() for s in sents[:60]] + [s.title() for s in sents[60:120]]
    variants += [s.replace("e", "é", 1) for s in sents[120:160]]
    variants += [s + " Связан с ним." for s in sents[160:180]]
    variants += [s.replace("s", "ſ", 2).replace("k", "\u212a", 1) for s in sents[180:200]]
    variants += [s.replace(" ", "\u00a0", 3).replace("'", "’") for s in sents[200:240]]
    return sents + variants


PATTERNS = _all_caseless()
SENTENCES = _sentences()


def test_the_extractor_uses_many_caseless_patterns() -> None:
    assert len(PATTERNS) > 100


@pytest.mark.parametrize(("name", "rx"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_same_matches_as_ignorecase(name: str, rx: Caseless) -> None:
    plain = re.compile(rx.pattern, rx.slow.flags)
    hits = 0
    for s in SENTENCES:
        want = [(m.span(), m.groups()) for m in plain.finditer(s)]
        got = [(m.span(), m.groups()) for m in rx.finditer(s)]
        assert got == want, (name, s)
        first = plain.search(s, 3)
        again = rx.search(s, 3)
        assert (first and (first.span(), first.group(0))) == (again and (again.span(), again.group(0)))
        hits += len(want)
    assert rx.slow.flags & re.IGNORECASE


def test_some_patterns_match_the_sentences() -> None:
    # (the comparison above would be empty if no pattern matched anything)
    matched = sum(1 for _, rx in PATTERNS if any(rx.search(s) for s in SENTENCES[:200]))
    assert matched > 30


def test_groups_come_from_the_text_as_written() -> None:
    rx = Caseless(r"\b(?P<who>run|operated) by (?P<name>[A-Z]\w+)")
    m = rx.search("The Pages were Operated by Acme Media.")
    assert m is not None and m.group("who") == "Operated" and m.group("name") == "Acme"
    assert m.string.startswith("The Pages")


def test_non_ascii_cased_text_takes_the_real_pattern() -> None:
    assert lowered("Связан с ним") is None
    assert lowered("ÉTAT") is None
    assert lowered("a “quoted” — dash") == "a “quoted” — dash"
    rx = Caseless(r"\bstate\b")
    assert [m.group() for m in rx.finditer("STATE and ſtate")] == [
        m.group() for m in re.finditer(r"\bstate\b", "STATE and ſtate", re.I)]


def test_escapes_and_group_names_keep_their_case() -> None:
    assert _lower_ascii(r"(?P<Name>A\S+)\W(?P=Name)") == r"(?P<Name>a\S+)\W(?P=Name)"
    assert _lower_ascii(r"A[\u00a0 ]B\x2c") == r"a[\u00a0 ]b\x2c"  # (no case: kept)
    with pytest.raises(ValueError):
        Caseless(r"\x41")  # ("A": lower-casing the text would make it never match)
    with pytest.raises(ValueError):
        Caseless(r"(a)\1")
    with pytest.raises(ValueError):
        Caseless(r"(?-i:A)b")
