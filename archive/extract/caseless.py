"""Case-insensitive patterns, matched faster where the text allows it.

Python's `re.IGNORECASE` folds every character it compares, which makes a pattern with many
branches two to three times slower than the same pattern matched case-sensitively. Most
sentences have no cased letter outside ASCII (curly quotes and dashes have no case): for
them, the pattern with its ASCII letters lower-cased, matched case-sensitively on the text
lower-cased, finds exactly the same spans. The match itself is then taken again at that
position with the real pattern, so groups and `.string` are those of the text as written.
Any other text (accented or Cyrillic letters) is matched by the real pattern directly.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _lower_ascii(pattern: str) -> str:
    """*pattern* with its ASCII letters lower-cased, escapes and group names left alone."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1 : i + 2]
            width = {"x": 2, "u": 4, "U": 8}.get(nxt)
            if width:  # "\u00a0": kept as written if the character it names has no case
                ch = chr(int(pattern[i + 2 : i + 2 + width], 16))
                if ch.lower() != ch or ch.upper() != ch:
                    raise ValueError("an escaped cased letter is not supported in a caseless pattern")
                out.append(pattern[i : i + 2 + width])
                i += 2 + width
                continue
            if nxt == "N" or nxt.isdigit():
                raise ValueError("named and numbered escapes are not supported in a caseless pattern")
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith(("(?P<", "(?P="), i):
            close = pattern.index(">" if pattern[i + 3] == "<" else ")", i)
            out.append(pattern[i : close + 1])
            i = close + 1
            continue
        out.append(c.lower() if c.isascii() else c)
        i += 1
    return "".join(out)


@lru_cache(maxsize=256)
def lowered(text: str) -> str | None:
    """*text* lower-cased when every cased letter in it is ASCII, else None. (Kept for the
    last sentences: each is read by dozens of patterns in a row.)"""
    if not text.isascii():
        rest = "".join(_NON_ASCII.findall(text))
        if rest.lower() != rest or rest.upper() != rest:
            return None
    return text.lower()


class Caseless:
    """A compiled case-insensitive pattern with the fast path above; search, match and
    finditer behave as `re.compile(pattern, re.IGNORECASE | flags)`'s do."""

    __slots__ = ("pattern", "slow", "fast")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        if "(?-i" in pattern or "(?i" in pattern:
            raise ValueError("inline case flags are not supported in a caseless pattern")
        self.pattern = pattern
        self.slow = re.compile(pattern, flags | re.IGNORECASE)
        self.fast = re.compile(_lower_ascii(pattern), flags & ~re.IGNORECASE)

    def _again(self, text: str, m: re.Match[str] | None, endpos: int) -> re.Match[str] | None:
        if m is None:
            return None
        again = self.slow.match(text, m.start(), endpos)
        if again is None or again.end() != m.end():  # (never seen; the real pattern decides)
            return self.slow.search(text, m.start(), endpos)
        return again

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = lowered(text)
        if low is None:
            return self.slow.search(text, pos, endpos)
        return self._again(text, self.fast.search(low, pos, endpos), endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.slow.match(text, pos, endpos)  # (one position: no gain to be had)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        low = lowered(text)
        if low is None:
            yield from self.slow.finditer(text, pos, endpos)
            return
        for m in self.fast.finditer(low, pos, endpos):
            again = self._again(text, m, endpos)
            if again is None:
                return
            yield again

    def __getattr__(self, name: str) -> Any:
        return getattr(self.slow, name)  # sub, split, groupindex...: as compiled
