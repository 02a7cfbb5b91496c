"""Text that is always safe to show: the one definition of the characters that must never
reach a terminal, a label, a PDF or an XML-based export as they are.

`strip_unsafe` removes them (import: stored text, titles); `printable` shows them as visible
escapes (every output: terminal lines, file names, spreadsheet cells, PDF, STIX). No I/O here.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, CR, DEL, C1 controls (0x9b is a one-byte CSI), lone
# surrogates, noncharacters (U+FFFE/U+FFFF are not XML characters: XLSX and STIX break),
# and the bidirectional marks, embeddings, overrides and isolates that make a name read
# backwards ("\u202egnp.exe" shows as "exe.png").
_UNSAFE_CLASS = ("\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                 "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029")
UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
_UNSAFE_LINE = re.compile(f"[{_UNSAFE_CLASS}\t\n]")
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    # \uXXXX reads as the same character inside JSON, and as a plain escape anywhere else.
    return _NAMED.get(ch) or f"\\u{ord(ch):04x}"


def printable(value: object, *, one_line: bool = False) -> str:
    """*value* as text that cannot move a cursor, ring, clear a screen, reorder a line or
    break an XML export: each such character becomes a visible escape (\\u001b, \\u202e).
    Tab and newline stay unless *one_line* (then they read \\t, \\n)."""
    text = "" if value is None else str(value)
    if one_line:
        return _UNSAFE_LINE.sub(_visible, text)
    return UNSAFE.sub(_visible, text)


def is_printable(text: str) -> bool:
    return UNSAFE.search(text) is None


def strip_unsafe(text: str) -> tuple[str, int]:
    """*text* without the unsafe characters (newlines and tabs kept), and how many went.

    CR, U+2028 and U+2029 are line ends for the importers' newline clean-up to turn into
    newlines first; here they are removed like the other controls."""
    return UNSAFE.subn("", text)


_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")


def strip_unsafe_line(text: str) -> str:
    """One line of metadata (a title, a publisher): any line break or tab a space, the other
    unsafe characters removed, runs of spaces collapsed."""
    return " ".join(strip_unsafe(_BREAKS.sub(" ", text))[0].split())
