"""archive.safe_text: the one rule for characters that must never be shown raw."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from archive.safe_text import is_printable, printable, strip_unsafe, strip_unsafe_line


def test_escapes_are_visible_and_mean_the_same_character_in_json() -> None:
    import json

    assert printable("a\x1b[2J\x07b") == "a\\u001b[2J\\u0007b"
    assert printable("x\u202egnp.exe") == "x\\u202egnp.exe"
    assert printable("a\tb\nc") == "a\tb\nc"
    assert printable("a\tb\nc\rd", one_line=True) == "a\\tb\\nc\\rd"
    assert json.loads('"' + printable("\u202e\ufffe\x9b") + '"') == "\u202e\ufffe\x9b"


def test_removal_keeps_words_newlines_and_ordinary_scripts() -> None:
    text = "Azərbaycan — Новости, العربية, 中文\nline \u200d two"
    assert strip_unsafe(text) == (text, 0)
    assert strip_unsafe("a\x1b[2J\u202eb\ufffe\n") == ("a[2Jb\n", 3)
    assert strip_unsafe_line(" A\ntitle\r\u2028with\x07 breaks ") == "A title with breaks"


@given(st.text())
def test_outputs_are_always_printable_and_stable(s: str) -> None:
    for out in (printable(s), printable(s, one_line=True), strip_unsafe(s)[0], strip_unsafe_line(s)):
        assert is_printable(out)
    assert printable(printable(s)) == printable(s)
    assert "\n" not in printable(s, one_line=True)
    if is_printable(s):
        assert printable(s) == s and strip_unsafe(s) == (s, 0)
