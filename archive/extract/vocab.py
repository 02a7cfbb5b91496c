"""Platforms, operation names and network dates stated in a sentence.

Platforms come from the gazetteer plus the bare "X" when the sentence shows it is the
platform; dates are ISO strings ("2022", "2024-03", "2024-03-05") with a key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.extract.gazetteer import Mention

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ["jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december"]
    )
    for m in names.split()
}
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE = re.compile(
    r"(?P<iso>\b(?:19|20)\d\d-\d\d(?:-\d\d)?\b)"
    r"|(?P<mdy>\b" + _MONTH_RE + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b)"
    r"|(?P<dmy>\b\d{1,2}\s+" + _MONTH_RE + r",?\s+(?:19|20)\d\d\b)"
    r"|(?P<my>\b(?:(?:early|mid|late)[- ])?" + _MONTH_RE + r",?\s+(?:of\s+)?(?:19|20)\d\d\b)"
    r"|(?P<y>(?<![\d,.$])\b(?:19|20)\d\d\b(?!,\d|\d))",
    re.IGNORECASE,
)
_SINCE = re.compile(
    r"(?:active since|since(?: at least)?|as early as|began(?: operating)?(?: as early as)?"
    r"(?: in)?|started(?: in)?|starting(?: in)?|dating back to|dates back to|beginning in|"
    r"began in|launched in|created in|first (?:appeared|emerged|seen|detected|observed) in|"
    r"from|between|emerged in|set up in)\s+(?:at least\s+)?(?:(?:early|mid|late)[- ])?$",
    re.IGNORECASE,
)
_UNTIL = re.compile(
    r"(?:until|through|to|till|and|ended in|stopped in|went dormant in|halted in|"
    r"ceased in|active until|last active in)\s+(?:(?:early|mid|late)[- ])?$",
    re.IGNORECASE,
)
_REMOVED = re.compile(
    r"\b(?:removed|took down|taken down|terminated|suspended|disrupted|banned|actioned|"
    r"blocked|deleted|dismantled|shut down|taken action)\b",
    re.IGNORECASE,
)
_NOT_NETWORK_DATE = re.compile(
    r"\b(?:previously|past|previous|earlier|prior|last reported|reported in|since we began|"
    r"founded|born|elections? (?:of|in)|policy|polic(?:ies|y) since|years? ago)\b",
    re.IGNORECASE,
)
_X_PLATFORM = re.compile(
    r"(?:\b(?:on|across|including|and|to|via|from)\s+X\b(?!-)|\bX\s*\(formerly|"
    r"\bX,\s*formerly|\bX\s+(?:said|suspended|removed|banned|took|announced|accounts?|"
    r"posts?|users?)\b|,\s*X\s*,|\bX\s+and\s+[A-Z])"
)
_SPEAKER_AFTER = re.compile(
    r"^(?:'s?\s+(?:head|chief|spokes\w*|security|threat|policy|report|investigators|team|"
    r"statement|announcement|parent)|\s+(?:said|says|stated|announced|told|noted|added|wrote|"
    r"reported|spokes\w*|officials?|declined|did not))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class VocabHit:
    kind: str  # platform | operation | date
    key: str
    value: str | None
    start: int  # global offsets
    end: int


def iso_date(m: re.Match[str]) -> str | None:
    text = m.group(0)
    if m.group("iso"):
        return text
    year = re.search(r"(?:19|20)\d\d", text)
    if not year:
        return None
    mon = re.match(r"(?:(?:early|mid|late)[- ])?([A-Za-z]+)", text)
    if m.group("y"):
        return year.group(0)
    month = _MONTHS.get(mon.group(1).lower().rstrip(".")) if mon and m.group("my") else None
    if m.group("my"):
        return f"{year.group(0)}-{month:02d}" if month else year.group(0)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text)
    name = re.search(r"[A-Za-z]{3,}", text)
    month = _MONTHS.get(name.group(0).lower()[:4].rstrip(".")) or _MONTHS.get(
        name.group(0).lower()[:3]) if name else None
    if not month or not day:
        return year.group(0)
    return f"{year.group(0)}-{month:02d}-{int(day.group(1)):02d}"


def find_platforms(s: str, offset: int, mentions: list[Mention]) -> list[VocabHit]:
    out: list[VocabHit] = []
    for m in mentions:
        plats = m.of_kind("platform")
        if not plats:
            continue
        after = s[m.end - offset : m.end - offset + 30]
        before = s[max(0, m.start - offset - 14) : m.start - offset]
        # "Facebook said", "according to Facebook": the speaker, not where the network ran.
        if _SPEAKER_AFTER.match(after) or re.search(r"according to\s+$", before, re.I):
            continue
        out.append(VocabHit("platform", plats[0].value, None, m.start, m.end))
    for x in _X_PLATFORM.finditer(s):
        pos = x.group(0).find("X")
        out.append(VocabHit("platform", "twitter", None, offset + x.start() + pos,
                            offset + x.start() + pos + 1))
    return out


def find_operations(s: str, offset: int, mentions: list[Mention]) -> list[VocabHit]:
    out = [
        VocabHit("operation", m.of_kind("operation")[0].value, None, m.start, m.end)
        for m in mentions
        if m.of_kind("operation")
    ]
    for named in re.finditer(
        r"\b(?:dubbed|known as|nicknamed|code-?named|called|which (?:we|researchers) "
        r"(?:call|named|dubbed))\s+[\"“‘']?((?:Operation\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})",
        s,
    ):
        name = named.group(1)
        if any(h.key == name for h in out) or name.split()[0] in ("The", "A", "Facebook"):
            continue
        if re.search(r"\b(?:operation|campaign|network|influence|effort)\b",
                     s[max(0, named.start() - 60) : named.start()], re.I):
            out.append(VocabHit("operation", name, None, offset + named.start(1),
                                offset + named.end(1)))
    return out


def find_dates(s: str, offset: int) -> list[VocabHit]:
    out: list[VocabHit] = []
    for m in DATE.finditer(s):
        value = iso_date(m)
        if not value:
            continue
        before = s[max(0, m.start() - 45) : m.start()]
        clause = re.split(r"[;]|, (?:and|but|while)\b", before)[-1]
        if _NOT_NETWORK_DATE.search(clause):
            continue
        if _SINCE.search(before):
            key = "active_since"
        elif _UNTIL.search(before) and re.search(
            r"\b(?:from|between|since|began|started|until|through|ended|stopped|dormant|"
            r"ceased|active)\b", s[max(0, m.start() - 80) : m.start()], re.I
        ):
            key = "active_until"
        elif _REMOVED.search(s) and re.search(r"\b(?:in|on|during)\s+(?:early |mid-|late )?$",
                                              before, re.I):
            key = "removed"
        else:
            continue
        out.append(VocabHit("date", key, value, offset + m.start(), offset + m.end()))
    return out
