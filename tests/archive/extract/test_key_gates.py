"""A pattern is skipped where none of its key words is written: every match must hold one
of them, on every sentence of our corpus (as written, shouted, accented, mixed)."""

from __future__ import annotations

import pytest

from archive.extract import actors, discovery, vocab
from tests.archive.extract.test_caseless import SENTENCES

GATES = [
    ("attribution cues", actors._ATTRIB, actors._ATTRIB_KEYS, True),
    ("units", discovery._PLURAL_UNIT, discovery._UNIT_KEYS, True),
    ("operation cues", vocab._OP_CUE, vocab._OP_CUE_KEYS, False),
]


@pytest.mark.parametrize(("name", "rx", "keys", "fold"), GATES, ids=[g[0] for g in GATES])
def test_every_match_holds_a_key_word(name: str, rx: object, keys: tuple[str, ...],
                                      fold: bool) -> None:
    matched = 0
    for s in SENTENCES:
        for m in rx.finditer(s):  # type: ignore[attr-defined]
            text = m.group(0).casefold() if fold else m.group(0)
            assert any(k in text for k in keys), (name, m.group(0))
            matched += 1
    assert matched >= 3  # (the property was tried on real matches)
