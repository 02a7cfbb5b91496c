"""Platforms, operation names and network dates stated in a sentence.

Platforms come from the gazetteer plus the bare "X" when the sentence shows it is the
platform; dates are ISO strings ("2022", "2024-03", "2024-03-05") with a key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.extract.caseless import Caseless
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
DATE = Caseless(
    r"(?P<iso>\b(?:19|20)\d\d-\d\d(?:-\d\d)?\b)"
    r"|(?P<mdy>\b" + _MONTH_RE + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b)"
    r"|(?P<dmy>\b\d{1,2}\s+" + _MONTH_RE + r",?\s+(?:19|20)\d\d\b)"
    r"|(?P<my>\b(?:(?:early|mid|late)[- ])?" + _MONTH_RE + r",?\s+(?:of\s+)?(?:19|20)\d\d\b)"
    r"|(?P<y>(?<![\d,.$])\b(?:19|20)\d\d\b(?!,\d|\d))")
_DIGIT = re.compile(r"\d")
_SINCE = Caseless(
    r"(?:active since|since(?: at least)?|as early as|began(?: operating)?(?: as early as)?"
    r"(?: in)?|started(?: in)?|starting(?: in)?|dating back to|dates back to|beginning in|"
    r"began in|launched in|created in|first (?:appeared|emerged|seen|detected|observed) in|"
    r"from|between|emerged in|set up in)\s+(?:at least\s+)?(?:(?:early|mid|late)[- ])?$")
_UNTIL = Caseless(
    r"(?:until|through|to|till|and|ended in|stopped in|went dormant in|halted in|"
    r"ceased in|active until|last active in)\s+(?:(?:early|mid|late)[- ])?$")
_REMOVED = Caseless(
    r"\b(?:removed|took down|taken down|terminated|suspended|disrupted|banned|actioned|"
    r"blocked|deleted|dismantled|shut down|taken action)\b")
_NOT_NETWORK_DATE = Caseless(
    r"\b(?:previously|past|previous|earlier|prior|last reported|reported in|since we began|"
    r"founded|born|elections? (?:of|in)|policy|polic(?:ies|y) since|years? ago)\b")
_X_PLATFORM = re.compile(
    r"(?:\b(?:on|across|including|and|to|via|from)\s+X\b(?!-)|\bX\s*\(formerly|"
    r"\bX,\s*formerly|\bX\s+(?:said|suspended|removed|banned|took|announced|accounts?|"
    r"posts?|users?)\b|,\s*X\s*,|\bX\s+and\s+[A-Z])"
)
_SPEAKER_AFTER = Caseless(
    r"^(?:'s?\s+(?:head|chief|spokes\w*|security|threat|policy|report|investigators|team|"
    r"statement|announcement|parent)|\s+(?:said|says|stated|announced|told|noted|added|wrote|"
    r"reported|spokes\w*|officials?|declined|did not))")


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
    for x in _X_PLATFORM.finditer(s) if "X" in s else ():
        pos = x.group(0).find("X")
        out.append(VocabHit("platform", "twitter", None, offset + x.start() + pos,
                            offset + x.start() + pos + 1))
    return out


_OP_CUE = re.compile(
    # (the longer cues first: "dubbed the operation X" before "dubbed")
    # "Researchers labeled the clusters “Data Center Bandwagon” and “Tech and Tariffs”"
    r"\b(?:(?:labell?ed|named|dubbed|called|nicknamed|christened) (?:the|these|them|it|this|both)"
    r"(?: (?:clusters?|operations?|networks?|campaigns?|activity|efforts?))?|"
    r"(?P<rel>(?:(?:which|that|whom) )?(?:we|researchers|it|the company|they|[A-Z]\w+) (?:call(?:ed|s)?|"
    r"named|dubbed|dubs|has dubbed|have dubbed|has named|refer(?:s|red)? to as|track as|labell?ed)"
    r"(?: (?:the|these|them|it|this|both)(?: (?:clusters?|operations?|networks?|campaigns?|"
    r"activity|efforts?))?)?)|"
    r"dubbed|known as|nicknamed|code-?named|codenamed|called|named|tracked as|"
    r"appelée?s?|baptisée?s?|surnommée?s?|dénommée?s?|connue?s? sous le nom d[e']|"
    r"llamad[ao]s?|denominad[ao]s?|bautizad[ao]s?|apodad[ao]s?|conocid[ao]s? como|"
    r"identificad[ao]s? como|"
    r"identifiée?s? comme|nommée?s?|"
    r"под названием|известн\w+ как|получивш\w+ название)\s+(?:the\s+)?",
)
# Every _OP_CUE holds one of these, as written (the pattern minds case).
_OP_CUE_KEYS = ("label", "named", "dubbed", "dubs", "call", "nicknamed", "christened", "refer",
                "track", "known as", "code", "appel", "baptis", "surnomm", "connu", "nomm",
                "llamad", "denominad", "bautizad", "apodad", "conocid", "identifi", "под названием",
                "известн", "получивш")
# The people a name may be given to: "a moderator named ...", "un periodista llamado ..."
# (one person, with "a": "Researchers at X named Y" is a name the researchers gave)
_OBJECT_IN_CUE = re.compile(r"\b(?:the|these|them|it|this|both)\b")
_PERSON_BEFORE = Caseless(
    r"\b(?:a|an|one|un|una|une)\s+(?:[\w-]+\s+){0,3}?(?:man|woman|person|user|moderator|researcher|journalist|reporter|activist|student|"
    r"employee|official|officer|resident|blogger|developer|engineer|teacher|soldier|doctor|"
    r"lawyer|businessman|businesswoman|entrepreneur|politician|influencer|volunteer|analyst|"
    r"executive|contractor|boy|girl|citizen|individual|husband|wife|son|daughter|friend|"
    r"colleague|spokesperson|spokesman|spokeswoman|founder|owner|manager|director|"
    r"hombre|mujer|persona|usuari[oa]|periodista|activista|estudiante|emplead[oa]|funcionari[oa]|"
    r"homme|femme|personne|utilisat(?:eur|rice)|journaliste|militant|étudiant|employé|"
    r"fonctionnaire|мужчин\w*|женщин\w*|пользовател\w*|журналист\w*|активист\w*|сотрудник\w*)"
    r"e?\b(?:,?\s+(?:[\w.'’-]+\s+){0,4}?)?,?\s*(?:(?:[A-Z][\w.'’-]*\s+)?(?:named|called|"
    r"llamad[ao]|nommée?|appelée?|по имени)\s+)?$")
_QUOTED = re.compile(r"[\"“‘'«]([^\"“”‘’'«»]{2,60}?)[\"”’'»]")
_CAP_NAME = re.compile(
    r"(?:Operation\s+)?[A-Z][\w-]+(?:\s+(?:of\s+|and\s+(?=[A-Z][\w-]+\s+[A-Z]))?[A-Z][\w-]+){0,4}")
_OP_CONTEXT = Caseless(
    r"\b(?:operations?|campaigns?|networks?|influence|efforts?|IOs?|groups?|clusters?|"
    r"activity|actors?|case study|case|scheme|project|accounts|opérations?|campagnes?|réseaux?|"
    r"operaci[oó]n(?:es)?|campañas?|redes|red|операци\w*|кампани\w*|сет[ьи])\b")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")
_NOT_OP = frozenset(["The", "A", "An", "Facebook", "Meta", "Twitter", "Google", "It", "This",
                     "That", "Our", "We", "They", "OpenAI", "TikTok", "YouTube", "Instagram"])


def _names_after(s: str, pos: int) -> list[tuple[str, int, int]]:
    """One name, or a list of quoted names ("A" and "B"), starting at *pos*."""
    out: list[tuple[str, int, int]] = []
    while True:
        q = _QUOTED.match(s, pos)
        if q:
            name = q.group(1).strip(" ,.")
            out.append((name, q.start(1), q.start(1) + len(name)))
            pos = q.end()
        elif not out:
            c = _CAP_NAME.match(s, pos)
            if not c:
                return out
            out.append((c.group(0), c.start(), c.end()))
            return out
        else:
            return out
        join = _LIST_JOIN.match(s, pos)
        if not join or not _QUOTED.match(s, join.end()):
            return out
        pos = join.end()


def _op_norm(name: str) -> str:
    return re.sub(r"[\W_]+", "", name).lower()


def find_operations(s: str, offset: int, mentions: list[Mention]) -> list[VocabHit]:
    """Operation names: known ones from the gazetteer, and names a sentence introduces
    ("dubbed 'Fish Food'", "known as “Bad Grammar” and “Doppelganger”", "which we call X")."""
    out = [
        VocabHit("operation", m.of_kind("operation")[0].value, None, m.start, m.end)
        for m in mentions
        if m.of_kind("operation")
    ]
    for cue in _OP_CUE.finditer(s) if any(k in s for k in _OP_CUE_KEYS) else ():
        context = s[max(0, cue.start() - 80) : cue.end()]  # ("labeled the clusters X": in the cue)
        for name, a, b in _names_after(s, cue.end()):
            words = name.split()
            if (not words or words[0] in _NOT_OP or len(words) > 6 or not name[0].isupper()
                    or any(_op_norm(h.key) == _op_norm(name) or h.start < offset + b
                           and offset + a < h.end for h in out)):
                continue  # known already, under this or another spelling
            quoted = a > 0 and s[a - 1] in "\"“‘'«"
            if _ORG_BEFORE_CUE.search(s[max(0, cue.start() - 40) : cue.start()]):
                continue  # "a political consultancy called Andina Media": a firm's name
            if (not quoted and not _OBJECT_IN_CUE.search(cue.group(0))
                    and _PERSON_BEFORE.search(s[max(0, cue.start() - 60) : cue.end()])):
                continue  # "a Reddit moderator from California named Alex Brown": a person
                # (not "An analyst at X named the operation Y", nor "Researchers named ...")
            if not (_OP_CONTEXT.search(context) or _OP_CONTEXT.search(s[b : b + 40])
                    or cue.group("rel") and quoted):
                continue  # ("One, which OpenAI dubbed “X”, ...": a name given, in quotes)
            out.append(VocabHit("operation", name, None, offset + a, offset + b))
    if not any(q in s for q in "\"“‘'«"):
        return out  # (every name below is in quotes)
    for m in _OP_NOUN_BEFORE.finditer(s):  # "a Kenyan company's campaign, “Blue Reed”"
        for name, a, b in _names_after(s, m.end()):
            words = name.split()
            if (not words or words[0] in _NOT_OP or len(words) > 5 or not name[:1].isupper()
                    or not all(w[:1].isupper() for w in words if len(w) > 3)
                    or any(_op_norm(h.key) == _op_norm(name) or h.start < offset + b
                           and offset + a < h.end for h in out)):
                continue
            out.append(VocabHit("operation", name, None, offset + a, offset + b))
    for name, a, b in _quoted_before_noun(s):
        words = name.split()
        if (not words or words[0] in _NOT_OP or len(words) > 5
                or not all(w[:1].isupper() for w in words if len(w) > 3)
                or any(_op_norm(h.key) == _op_norm(name) or h.start < offset + b
                       and offset + a < h.end for h in out)):
            continue
        out.append(VocabHit("operation", name, None, offset + a, offset + b))
    return out


# The noun a naming cue follows, when what is named is an organisation, not an operation
_ORG_BEFORE_CUE = Caseless(
    r"\b(?:firm|company|consultancy|agency|contractor|startup|business|entreprise|société|"
    r"empresa|consultora|agencia|компани\w*|фирм\w*|агентств\w*)\s*,?\s*$")
_OP_NOUN_BEFORE = Caseless(r"\b(?:operation|campaign|network|cluster),\s+(?=[\"“‘«])")
# "the 'Peer Review' and 'Sponsored Discontent' campaigns", "the “Bad Grammar” operation"
_OP_NOUN_AFTER = re.compile(
    r"\s+(?:(?:influence|information|covert|disinformation|propaganda|spam) )?"
    r"(?:operations?|campaigns?|networks?|IOs?)\b")


def _quoted_before_noun(s: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    pos = 0
    while True:
        q = _QUOTED.search(s, pos)
        if not q:
            return out
        names = [(q.group(1).strip(" ,."), q.start(1))]
        end = q.end()
        while (join := _LIST_JOIN.match(s, end)) and (nxt := _QUOTED.match(s, join.end())):
            names.append((nxt.group(1).strip(" ,."), nxt.start(1)))
            end = nxt.end()
        if _OP_NOUN_AFTER.match(s, end):
            out += [(n, a, a + len(n)) for n, a in names]
        pos = end


def find_dates(s: str, offset: int) -> list[VocabHit]:
    out: list[VocabHit] = []
    if not _DIGIT.search(s):
        return out  # (every date has a digit)
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
