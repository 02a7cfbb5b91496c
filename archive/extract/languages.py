"""Languages a network posted in (ISO 639-1), told apart from demonyms ("in Russian" vs
"Russian network"). Sentence-local; knows nothing of networks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.extract.caseless import Caseless
from archive.extract.gazetteer import Mention

_LIST_BEFORE = Caseless(
    r"(?:\b(?:in|into|languages?,?(?: including| such as| like)?:?|translated (?:from|to))\s+"
    r"(?:(?:both|either|mostly|primarily|mainly|largely|also|predominantly|either|"
    r"a (?:mix|mixture|combination|blend) of)\s+)?"
    r"(?:[A-ZÀ-Ý][\w'-]+(?:\s*,\s*|\s*,?\s+and\s+(?:also\s+)?(?:in\s+)?|\s+or\s+|\s*/\s*))*$)"
    # French, Spanish, Russian: "en anglais et en russe", "en inglés, ruso y árabe",
    # "на английском, украинском и арабском"
    r"|(?:\b(?:en|на|langues?|idiomas?|языках?|включая|в том числе|incluyendo|notamment|"
    r"including)\s+(?:(?:principalement|sobre todo|"
    r"principalmente|в основном)\s+)?(?:[\wÀ-ÿ'-]+(?:\s*,\s*|\s+(?:et|y|e|и)\s+(?:en\s+|на\s+)?))*$)")
# After a language name: punctuation, a function word or a verb, not a noun it modifies
# ("in Russian media", "in Russian Telegram channels" are not languages).
_FOLLOW_BAD = re.compile(
    r"^[-‐ ]?(?:[A-Z]\w+|media|state|government|officials?|military|troops|forces|army|"
    r"people|citizens|users|audiences?|accounts|networks?|outlets?|authorities|embassy|"
    r"territor\w*|regions?|cities|city|side|border|state-\w+|-\w+|diaspora|nationals|"
    r"politicians?|leaders?|president|influence|interests?|policy|policies|ministry|"
    r"intelligence|agents?|operatives|actors|entities|companies|firms?|individuals|"
    r"soldiers|speakers|society|elections?|opposition|war|news|economy|backed|based|linked)\b"
)
_CONTENT = Caseless(
    r"\b(?:post\w*|publish\w*|wrote|writ\w*|content|language|comment\w*|articles?|shared|"
    r"tweet\w*|videos?|messages?|translat\w*|spoke|speaking|text|captions?|materials?|"
    r"operated|ran|news|stories|memes|subtitles?|publi\w*|contenid\w*|contenu\w*|mensajes|"
    r"messages|textes|textos|art[ií]culos|articles|вид[ео]\w*|публик\w*|размеща\w*|"
    r"сообщени\w*|материал\w*|контент\w*|язык\w*|langue|idioma|escrib\w*|écri\w*|"
    r"narratives?|storylines?|propaganda|outputs?|blogs?|websites?|channels?|récits|relatos)\b")


@dataclass(frozen=True, slots=True)
class LanguageHit:
    code: str
    start: int  # global offsets of the language name
    end: int


# ("the requirement for Russian-language education": a subject, not what was posted)
_NOT_A_TOPIC = (r"(?!\s+(?:education|schools?|schooling|instruction|teaching|rights|laws?|"
                r"polic(?:y|ies)|minorit\w*|speakers|status)\b)")


def _bracketed_list(s: str, a: int, b: int) -> bool:
    """s[a:b] is an item of a bracketed list of names after what was posted."""
    opened, closed = s.rfind("(", 0, a), s.find(")", b)
    if opened < 0 or closed < 0 or ")" in s[opened:a] or "(" in s[b:closed]:
        return False
    items = [x for x in re.split(r"\s*(?:,|\band\b|\bor\b|/)\s*", s[opened + 1 : closed].strip())
             if x and x.lower().rstrip(".") != "etc"]
    return (1 <= len(items) <= 8 and all(re.fullmatch(r"[A-Z][\w'-]+", x) for x in items)
            and bool(_CONTENT.search(s[:opened])))


def is_language_use(s: str, a: int, b: int) -> bool:
    """True when s[a:b] names a language: "posted in Russian", "Arabic-language"."""
    after = s[b : b + 20]
    if re.search(r"\b(?:speaking|spoke|speak|writing|wrote)\s+(?:in\s+)?$", s[max(0, a - 16) : a]):
        return True  # "accounts ... speaking Russian": what the accounts themselves used
    if re.match(r"^[-‐ ]language\b" + _NOT_A_TOPIC, after):
        return True
    if re.match(r"^[-‐]\s*(?:,|and|or|et|y)\s+[A-ZÀ-Ý][\w'’]+[-‐ ]language\b" + _NOT_A_TOPIC,
                s[b : b + 60]):
        return True  # "Russian- and Ukrainian-language videos": both
    if re.match(r"^[-‐ ]speaking\b", after):
        return True  # a language of the audience, never a country
    if _FOLLOW_BAD.match(after.lstrip(" ") if after.startswith(" ") else after):
        return False
    if _bracketed_list(s, a, b):
        return True  # "content regarding the war in Ukraine (English, Czech, Farsi)"
    return bool(_LIST_BEFORE.search(s[max(0, a - 120) : a])) and bool(_CONTENT.search(s))


# Russian compounds: "русскоязычных каналов", "англо- и русскоязычных каналов" (English- and
# Russian-language channels). Only before a word for what was published; "русскоязычная
# аудитория" is the audience, as "Russian-speaking" is.
_RU_COMPOUND_PREFIX = {
    "англо": "en", "русско": "ru", "украино": "uk", "франко": "fr", "испано": "es",
    "арабо": "ar", "немецко": "de", "китае": "zh", "китайско": "zh", "польско": "pl",
    "турецко": "tr", "персо": "fa", "белорусско": "be", "грузино": "ka", "армяно": "hy",
    "азербайджано": "az", "казахско": "kk", "португало": "pt",
}
_RU_COMPOUND = Caseless(
    r"(?<![\w-])(?P<run>(?:(?:" + "|".join(_RU_COMPOUND_PREFIX) + r")-?\s*(?:,|и|или)\s+)*)"
    r"(?P<last>" + "|".join(_RU_COMPOUND_PREFIX) + r")язычн\w*\s+(?:\w+\s+)?"
    r"(?:канал\w*|аккаунт\w*|учетн\w*|страниц\w*|сайт\w*|СМИ|издани\w*|публикаци\w*|"
    r"материал\w*|контент\w*|групп\w*|пост\w*|сообщени\w*|видео\w*|статей|стат\w*)")


def _compound_languages(s: str, offset: int) -> list[LanguageHit]:
    out: list[LanguageHit] = []
    for m in _RU_COMPOUND.finditer(s):
        for p in re.finditer("|".join(_RU_COMPOUND_PREFIX), m.group(0)[: m.end("last") - m.start()],
                             re.IGNORECASE):
            a = offset + m.start() + p.start()
            out.append(LanguageHit(_RU_COMPOUND_PREFIX[p.group(0).lower()], a, a + len(p.group(0))))
    return out


def find_languages(s: str, offset: int, mentions: list[Mention]) -> list[LanguageHit]:
    out: list[LanguageHit] = _compound_languages(s, offset) if "язычн" in s else []
    for m in mentions:
        langs = m.of_kind("language")
        if not langs:
            continue
        a, b = m.start - offset, m.end - offset
        after = s[b : b + 20]
        if re.match(r"^[-‐ ]speaking\b", after):
            continue  # the audience's language is not what the network posted in
        if is_language_use(s, a, b):
            out.append(LanguageHit(langs[0].value, m.start, m.end))
    return out
