"""Numbers as written in prose: "7,906", "7 906", "1.2 million", "Thirty-three", "a dozen".

Owns number parsing and the qualifier words around a number; knows nothing of metrics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from archive.extract.caseless import Caseless

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
    # French, Spanish and Russian 2..12 ("neuf groupes", "tres cuentas", "пять страниц")
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "doce": 12, "два": 2, "две": 2, "три": 3,
    "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    "двух": 2, "трёх": 3, "трех": 3, "четырёх": 4, "четырех": 4, "пяти": 5, "шести": 6,
    "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,
    # teens ("seize" and "once" are English words too, and stay out)
    "treize": 13, "quatorze": 14, "quinze": 15, "trece": 13, "catorce": 14, "quince": 15,
    "dieciséis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "одиннадцать": 11,
    "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "veintiuno": 21, "veintiún": 21, "veintidós": 22, "veintitrés": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiséis": 26, "veintisiete": 27, "veintiocho": 28,
    "veintinueve": 29,
    # hundreds written as one word
    "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300,
    "trescientas": 300, "cuatrocientos": 400, "quinientos": 500, "quinientas": 500,
    "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
    # "trente-cinq", "treinta y cinco", "тридцать пять"
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90, "двадцать": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "mille": 1000, "тысяча": 1000, "тысячи": 1000, "тысяч": 1000}
_JOINERS = ("and", "y", "et", "и")
_WORD = "|".join([*_UNITS, *_TENS, *_SCALES])
_SEP = r"[,\u00a0\u202f\u2009 ]"

NUMBER = Caseless(
    r"(?<![\w.,$€£])(?:"
    r"(?P<digits>\d+,\d{1,2}(?=\s*(?:тыс|млн|mil\b|millones|millions?|milliards?|mille|k\b))|"
    r"\d{1,3}(?:" + _SEP + r"\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<mil>\s+mil\s+\d{3}\b)?"
    r"(?P<mult>\s*(?:millions?|thousand|billions?|milliards?|millones|millón|mil|mille|тыс\.?|тысяч[аи]?|"
    r"млн\.?|миллион\w*|[kKmM]\b))?(?P<plus>\+)?"
    r"|(?P<milonly>(?<!\d\s)\bmil\s+\d{1,3}\b)"
    r"|(?P<dozen>(?:half\s+)?a\s+dozen|a\s+single|a\s+couple\s+of)"
    # "two dozen Pages", "une douzaine de comptes", "два десятка аккаунтов" (not "une centaine",
    # "около сотни": round words for a figure nobody gave)
    r"|(?P<approx>(?:une|una)\s+(?:douzaine|docena)|(?:two|three|four|deux|trois|quatre|dos|tres|"
    r"cuatro)\s+(?:dozen|douzaines|docenas)|(?:два|две|три|четыре|пять|полтора)\s+десятк\w*|"
    r"(?:около|более|почти|свыше)\s+десятка|десяток|дюжин[ау])"
    r"|(?P<words>(?:(?:" + _WORD + r")(?:[\s-]+(?:(?:and|y|et|и)[\s-]+)?)?)*(?:" + _WORD + r"))"
    r")(?![\w%])")
_QUALIFIERS = [
    ("more_than", r"более|свыше|больше|не менее|более чем|más de|plus de|au moins|"
                  r"more than|over|at least|upwards of|in excess of|north of|just over|"
                  r"well over|greater than|above"),
    ("fewer_than", r"fewer than|less than|under|up to|as many as|just under|no more than|"
                   r"at most|below|a maximum of"),
    ("about", r"около|почти|примерно|порядка|приблизительно|около|unos|unas|alrededor de|"
              r"cerca de|casi|environ|près de|quelque|about|around|approximately|approx\.|"
              r"roughly|some|nearly|almost|close to|"
              r"an estimated|estimated|circa|~|approximately|an approximate|roughly|"
              r"somewhere around"),
]
_QUAL_RE = [
    (name, re.compile(r"(?:\b(?:" + pat + r"))\s*(?:US\$|\$|€|£)?$", re.IGNORECASE))
    for name, pat in _QUALIFIERS
]


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    value: float
    qualifier: str  # exact | about | more_than | fewer_than
    written: str
    is_word: bool


def _words_value(words: str) -> int | None:
    total = current = 0
    seen = False
    prev = ""
    for tok in re.split(r"[\s-]+", words.lower()):
        if tok in _JOINERS or not tok:
            continue
        if tok in ("vingt", "vingts") and prev == "quatre":
            current += 80 - 4  # "quatre-vingt-dix": four twenties and ten
        elif tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in _SCALES:
            total += max(current, 1) * _SCALES[tok]
            current = 0
        else:
            return None
        seen = True
        prev = tok
    return total + current if seen else None


def _qualifier(text: str, start: int, end: int, plus: bool) -> str:
    before = text[max(0, start - 30) : start]
    for name, rx in _QUAL_RE:
        if rx.search(before):
            return name
    after = text[end : end + 12].lower()
    if plus or after.startswith(" or more") or after.startswith("-plus"):
        return "more_than"
    if after.startswith(" or so"):
        return "about"
    return "exact"


_BROKEN_GROUP = re.compile(r"(?<![\w.,])(\d{1,3}), (\d{3})(?![\w,.]\d|\d)")


# Where a number can begin: a digit, or a word that is a number word (or starts "a dozen",
# "half a dozen", "mil 19"). NUMBER is tried only there, which gives exactly what
# NUMBER.finditer gives (every match starts a token) at a fraction of the cost.
_TOKEN = re.compile(r"(?<![\w.,$€£])\w+")
_STARTS = frozenset([*_UNITS, *_TENS, *_SCALES, "half", "a", "mil", "une", "un", "una", "около",
                     "более", "почти", "свыше", "полтора", "десяток", "дюжина", "дюжину"])
_APPROX_UNIT = {"centaine": 100, "centenar": 100, "millier": 1000, "millar": 1000,
                "douzaine": 12, "docena": 12, "hundred": 100, "dozen": 12, "douzaines": 12,
                "docenas": 12, "сотни": 100, "тысячи": 1000, "десятка": 10, "десяток": 10,
                "дюжина": 12, "дюжину": 12}


def _approx_value(written: str) -> tuple[float, str]:
    """"une centaine" is about 100, "два десятка" 20, "более тысячи" more than 1,000."""
    words = written.lower().split()
    unit = next((v for w in words for k, v in _APPROX_UNIT.items() if w.startswith(k)), 1)
    if words[-1].startswith("десятк") and words[0] in ("два", "две", "три", "четыре", "пять",
                                                        "полтора"):
        k = {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "полтора": 1.5}[words[0]]
        return k * 10, "about"
    k = {"two": 2, "three": 3, "four": 4, "deux": 2, "trois": 3, "quatre": 4, "dos": 2,
         "tres": 3, "cuatro": 4}.get(words[0], 1)
    qual = "more_than" if words[0] in ("более", "свыше") else "about"
    if words[0] == "hundred" or words[-1] == "hundred":
        qual = "exact" if words[0] in ("a", "one") else qual
    return k * unit, qual


def _numbers(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    pos = start
    for tok in _TOKEN.finditer(text, start, end):
        if tok.start() < pos:
            continue
        word = tok.group()
        if not (word[0].isdigit() or word.lower() in _STARTS):
            continue
        m = NUMBER.match(text, tok.start(), end)
        if m:
            pos = m.end()
            yield m


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in text[start:end], with the qualifier written before (or after) it."""
    end = len(text) if end is None else end
    out: list[Number] = []
    # "21, 385 tweets": a thousands separator with a stray space. Neither half is the
    # figure, and guessing the whole is a guess: both are left out.
    broken = {i for b in _BROKEN_GROUP.finditer(text, start, end) for i in (b.start(1), b.start(2))}
    for m in _numbers(text, start, end):
        if m.start() in broken:
            continue
        value: float | None
        is_word = False
        if m.group("digits"):
            digits = m.group("digits")
            # "2,5 тыс." (a decimal comma before a scale word) is 2.5 thousand
            raw = digits.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", digits) else re.sub(
                _SEP, "", digits)
            # "in 2020 589 accounts" is two numbers, not one: only 3-digit groups join.
            value = float(raw)
            if m.group("mil"):  # "4 mil 258" (Spanish): 4,258
                value = value * 1000 + float(m.group("mil").split()[-1])
            mult = (m.group("mult") or "").strip().lower().rstrip(".")
            if mult.startswith(("миллион", "млн", "millon", "millón", "million")):
                mult = "million"
            elif mult.startswith(("billion", "milliard")):
                mult = "billion"
            elif mult.startswith(("тыс", "mil")) and mult != "million":
                mult = "thousand"
            value *= {"million": 1e6, "m": 1e6, "billion": 1e9, "thousand": 1e3, "k": 1e3}.get(
                mult, 1
            )
        elif m.group("milonly"):  # "mil 19 cuentas" (Spanish): 1,019
            value = 1000 + float(m.group("milonly").split()[-1])
        elif m.group("words"):
            value = _words_value(m.group("words"))
            is_word = True
            if value is None or m.group("words").lower() in _SCALES:
                continue
        elif m.group("approx"):
            value, qual = _approx_value(m.group("approx"))
            said = _qualifier(text, m.start(), m.end(), False)
            if said != "exact" or re.search(r"\bplus d['’]\s*$", text[max(0, m.start() - 8) : m.start()]):
                qual = said if said != "exact" else "more_than"
            out.append(Number(m.start(), m.end(), value, qual, m.group(0), True))
            continue
        else:
            low = m.group("dozen").lower()
            value = 6 if low.startswith("half") else 12 if "dozen" in low else (
                1 if "single" in low else 2
            )
            is_word = True
        qual = _qualifier(text, m.start(), m.end(), bool(m.group("plus")))
        if m.group("dozen") and "dozen" in m.group("dozen").lower() and qual == "exact":
            qual = "about"
        if m.group("dozen") and "couple" in m.group("dozen").lower():
            qual = "about"
        out.append(Number(m.start(), m.end(), value, qual, m.group(0), is_word))
    return out
