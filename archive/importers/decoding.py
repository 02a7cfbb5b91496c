"""Bytes to clean Unicode for the text-based importers: charset detection and sanitising.

Owns BOM / UTF-16 / charset-normalizer detection, NUL / surrogate / bidi clean-up, NFC and
newline normalisation, and the text-length cap. Must not interpret markup or judge content.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

import charset_normalizer

from archive.errors import ParseError
from archive.safe_text import BIDI, strip_unsafe

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it shares the first two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")  # soft hyphen, zero-width spaces, stray BOMs
_ODD_SPACES = re.compile("[\u00a0\u2007\u202f]")  # no-break spaces: plain spaces for search
_NEWLINES = re.compile("\r\n|\r|\u2028|\u2029|\x85|\x0c")
_TEXT_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    confidence: float
    warnings: list[str] = field(default_factory=list)


def detect_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def guess_utf16(data: bytes) -> str | None:
    """Spot BOM-less UTF-16 by its NUL pattern: ASCII spaces and digits put a NUL in every
    other byte, on one side only. Works for Latin and Cyrillic text alike."""
    sample = data[:8192]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul >= 0.1 and even_nul <= 0.02:
        candidate = "utf-16-le"
    elif even_nul >= 0.1 and odd_nul <= 0.02:
        candidate = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(candidate)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r")
    return candidate if printable >= 0.9 * len(text) else None


def looks_binary(head: bytes) -> bool:
    """True when *head* is clearly not text in any encoding we read."""
    if not head or detect_bom(head) or guess_utf16(head):
        return False
    controls = sum(1 for b in head[:4096] if b in _TEXT_CONTROL_BYTES)
    return controls > 0.05 * min(len(head), 4096)


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode *data*: BOM, then a declared charset, then UTF-16 by pattern, UTF-8, then a guess."""
    warnings: list[str] = []
    encoding = detect_bom(data)
    if encoding:
        return _finish(data, encoding, 1.0, warnings)
    if declared:
        declared = _codec_name(declared)
        if declared:
            try:
                return Decoded(data.decode(declared), declared, 1.0, warnings)
            except UnicodeDecodeError:
                warnings.append(f"The declared charset {declared} did not fit; the encoding was guessed")
    utf16 = guess_utf16(data)
    if utf16:
        return _finish(data, utf16, 0.9, warnings)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0, warnings)
    except UnicodeDecodeError:
        pass
    mostly = mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        warnings.append(f"{bad} byte sequence{'s' if bad > 1 else ''} not valid UTF-8 "
                        f"{'were' if bad > 1 else 'was'} replaced (the rest of the file is UTF-8)")
        return Decoded(text, "utf-8", 0.9, warnings)
    if looks_binary(data[:4096]):
        raise ParseError("no readable text (this looks like a binary file)")
    results = charset_normalizer.from_bytes(data[:2_000_000])
    match = results.best()
    if match is None:
        raise ParseError("no readable text (the encoding could not be recognised)")
    confidence = round((1.0 - match.chaos) * (0.5 + 0.5 * match.coherence), 2)
    encoding = _codec_name(match.encoding) or "utf-8"
    # Ties among single-byte Latin code pages are common on short texts; Western European
    # (cp1252) is by far the likeliest of them, so it wins a tie.
    western = {"cp1252", "latin_1", "iso8859_15"}
    if encoding != "cp1252" and (western & set(match.could_be_from_charset) or any(
            r.encoding in western and r.chaos <= match.chaos
            and r.coherence >= match.coherence - 0.05 for r in results)):
        encoding = "cp1252"
    return _finish(data, encoding, confidence, warnings)


# Text in a legacy code page (cp1251, KOI8-R, cp1252, Latin-2, ...) forms valid multi-byte
# UTF-8 almost never by chance (0-2 sequences in a paragraph against 17+ invalid ones), so a
# file whose non-ASCII runs are at least two-thirds valid UTF-8 is UTF-8 with a few stray
# bytes (a pasted fragment, a cut download), not a code page to guess.
_MIN_VALID_UTF8 = 2
_VALID_PER_INVALID = 2


def mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text with U+FFFD for each bad sequence, bad count) when *data* is overwhelmingly
    valid UTF-8, else None."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if bad <= 0 or valid < _MIN_VALID_UTF8 or valid < _VALID_PER_INVALID * bad:
        return None
    return text, bad


def _finish(data: bytes, encoding: str, confidence: float, warnings: list[str]) -> Decoded:
    text = data.decode(encoding, errors="replace").removeprefix("\ufeff")
    bad = text.count("\ufffd")
    if bad:
        warnings.append(f"{bad} undecodable byte sequences were replaced")
    return Decoded(text, encoding, confidence, warnings)


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    # Web pages labelled latin-1 are really windows-1252 (WHATWG Encoding Standard).
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def sanitize_text(text: str, warnings: list[str]) -> str:
    """Replace NULs and lone surrogates, drop bidi controls, stray C0/C1 controls,
    noncharacters and invisible characters, turn no-break spaces into spaces, newlines into \\n, text into NFC."""
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "\ufffd")
        warnings.append(f"{nuls} NUL characters were replaced")
    text, surrogates = _SURROGATE.subn("\ufffd", text)
    if surrogates:
        warnings.append(f"{surrogates} invalid characters (lone surrogates) were replaced")
    text, bidi = BIDI.subn("", text)
    if bidi:
        warnings.append(f"{bidi} bidirectional control characters were removed")
    text = _NEWLINES.sub("\n", text)
    text = strip_unsafe(text)[0]  # the other controls and noncharacters (archive.safe_text)
    text = _ODD_SPACES.sub(" ", _INVISIBLE.sub("", text))
    return unicodedata.normalize("NFC", text)


def tidy_lines(text: str) -> str:
    """Strip trailing spaces, collapse runs of blank lines to one, trim the ends."""
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out).strip("\n")


def cap_text(text: str, max_chars: int, warnings: list[str]) -> str:
    if len(text) <= max_chars:
        return text
    warnings.append(f"Text was cut at {max_chars:,} characters (the limit)")
    return text[:max_chars]
