"""Document-level facts: publisher, published date, source type and language.

Uses the importer's hints first, then the dateline, the page's furniture and the voice
of the text (first-person platform report vs third-person news vs one-line bulletin).
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from dateutil import parser as dateparser

from archive.extract.caseless import Caseless
from archive.extract.layout import Layout
from archive.extract.vocab import DATE, iso_date

_WIRES = {
    "Reuters": r"\(Reuters\)|Reuters\s*[-–—]",
    "Associated Press": r"\(AP\)",
    "AFP": r"\(AFP\)|AFP\s*[-–—]",
}
_OFFICIAL = [
    ("Meta", r"\bMeta\b"),
    ("Google Threat Analysis Group", r"\bTAG\b|Threat Analysis Group|\bGoogle\b|YouTube channels"),
    ("OpenAI", r"\bOpenAI\b|ChatGPT"),
    ("Twitter", r"\bTwitter\b"),
    ("Microsoft", r"\bMicrosoft\b"),
    ("TikTok", r"\bTikTok\b"),
    ("Facebook", r"\bFacebook\b"),
]
_FIRST_PERSON = re.compile(
    r"\b(?:we|We) (?:removed|took down|terminated|disrupted|actioned|banned|suspended|"
    r"blocked|identified|found|attribute|have removed|are sharing|detected)\b|\bour "
    r"(?:investigation|policy|platform|systems|teams?)\b"
)
_NEWS = re.compile(
    r"\b(?:said|says|according to|told|stated|announced|reported|spokes(?:man|woman|person))\b"
)
_SITE = re.compile(
    r"(?:(?i:updates from|news from|newsletter from)\s+|©\s*(?:\d{4}\s+)?|"
    r"(?i:copyright)\s+(?:©\s*)?(?:\d{4}\s+)?)"
    r"(?P<name>[A-Z][\w.&'-]*(?:[ \t]+[A-Z][\w.&'-]*){0,3})",
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]{1,30}|[A-Z ,.'-]{2,40})\s*[,(—–-]\s*(?P<date>(?:[A-Z][a-z]{2,8}\.? \d{1,2}"
    r"(?:,? \d{4})?|\d{1,2} [A-Z][a-z]{2,8}(?: \d{4})?))",
    re.MULTILINE,
)
# (tokens are tried from their first character and bounded: a 20,000-letter run is tried once)
_URLISH = re.compile(r"(?<!\S)\S{0,300}?(?:://|www\.|@)\S*|(?<![\w-])[\w-]{1,100}(?:\[\.\]|\.)[a-z]{2,}\b")


def iso_published(hint: str | None) -> str | None:
    if not hint:
        return None
    try:
        return dateparser.parse(hint, fuzzy=True, default=None).date().isoformat()  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError, AttributeError):
        m = DATE.search(hint)
        return iso_date(m) if m else None


def guess_published(text: str) -> str | None:
    """The publication date the head of the text states: a "Published:" line, a dateline
    (its year from the same head, never a default), or the first full date."""
    head = text[:700]
    m = re.search(r"(?:Published|Posted|Updated|Date)\s*:?\s*(?:on\s+)?([^\n|]{6,40})", head, re.I)
    if m:
        found = DATE.search(m.group(1))
        if found and not found.group("y"):
            return iso_date(found)
    dl = _DATELINE.search(head)
    if dl:
        raw = dl.group("date")
        if not re.search(r"\d{4}", raw):
            year = next((y for y in DATE.finditer(head) if y.group("y") or y.group("my")), None)
            if year is None:
                return None  # "Aug 29" with no year anywhere near: unknown, not 1900
            digits = re.search(r"(?:19|20)\d\d", year.group(0))
            raw = f"{raw} {digits.group(0) if digits else ''}"
        try:
            return dateparser.parse(raw, default=datetime(2000, 1, 1)).date().isoformat()
        except (ValueError, OverflowError):
            pass
    for found in DATE.finditer(head):
        if found.group("mdy") or found.group("dmy") or found.group("iso"):
            return iso_date(found)
    return None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # The model also knows regional varieties under ISO 639-3 codes ("ext" Extremaduran, "arz"
    # Egyptian Arabic, "yue" Cantonese); a document's language is ISO 639-1, so Spanish
    # prose is "es" however close to Extremaduran a paragraph reads.
    ident.set_languages([c for c in ident.nb_classes if len(c) == 2])
    return ident


# English words that no other language of the model writes often (not "a", "in", "on").
_ENGLISH = frozenset("the of and to is that for with was by it are from this be has have "
                     "which were its their".split())
_WORDS = re.compile(r"[^\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _plainly_english(sample: str, letters: list[str]) -> bool:
    """Latin script where at least one word in seven is one of English's commonest words:
    the model would say English too (it does on every corpus here), at a tenth of the cost.
    Other text is left to the model."""
    # (letters past Latin are past ASCII: only those are looked at one by one)
    rest = "".join(_NON_ASCII.findall(sample))
    if sum(c >= "\u0250" and c.isalpha() for c in rest) > 0.03 * len(letters):
        return False
    words = _WORDS.findall(sample)
    return len(words) >= 50 and sum(w.lower() in _ENGLISH for w in words) >= 0.15 * len(words)


def guess_language(text: str) -> str | None:
    """ISO 639-1 of the document's own text (py3langid, its ISO 639-1 languages), or None when the
    text is too short or the model is unsure."""
    sample = _URLISH.sub(" ", text[:8_000])  # (as sure at 8,000 characters as at 20,000 on every corpus)
    letters = list(filter(str.isalpha, sample))
    # A CJK character carries about as much as a short word.
    if len(letters) < 40 and len(letters) + 2 * sum(c >= "\u2e80" for c in letters) < 40:
        return None
    if _plainly_english(sample, letters):
        return "en"
    if sum(map(str.isupper, letters)) > 0.6 * len(letters):
        sample = sample.lower()  # all-caps wire briefs read as noise to the model
    code, prob = _identifier().classify(sample)
    return str(code) if prob >= 0.6 else None


_MASTHEAD_PUBLISHER = [
    ("Google Threat Analysis Group", re.compile(r"^\s*(?:Google\s+)?Threat Analysis Group\s*$")),
    ("Meta", re.compile(r"^\s*Meta(?: Newsroom)?\s*$")),
    ("Twitter", re.compile(r"^\s*Twitter Safety\s*$")),
    ("OpenAI", re.compile(r"^\s*OpenAI\s*$")),
]


def guess_publisher(text: str, layout: Layout, source_type: str) -> str | None:
    """Who speaks: a wire's credit, the site's own name in its furniture, a platform's
    masthead line, or, for a platform's first-person report, that platform."""
    first = text.lstrip().split("\n", 1)[0]
    for name, rx in _MASTHEAD_PUBLISHER:
        if rx.match(first):
            return name
    for name, pat in _WIRES.items():
        if re.search(pat, text[:800]):
            return name
    chrome = text[layout.content_end :]
    for m in _SITE.finditer(chrome + "\n" + text[-600:]):
        name = m.group("name").strip().rstrip(".")
        if name.lower() not in ("all", "the", "our", "us"):
            return name
    if source_type in ("official_report", "bulletin"):
        # The platform that speaks, not one it thanks: "leads from Meta", "reported by Meta",
        # "shared with Twitter" name a partner. The platform named most often otherwise wins.
        body = _PARTNER.sub(" ", " ".join(s.text for s in layout.sentences[:40]))
        scores = [(len(re.findall(pat, body)), -k, name) for k, (name, pat) in enumerate(_OFFICIAL)]
        best = max(scores)
        if best[0]:
            return best[2]
    return None


_PARTNER = Caseless(
    r"\b(?:leads?|tips?|information|reporting|findings|indicators) (?:from|by|shared by) "
    r"(?:our (?:colleagues|partners) at )?[A-Z]\w+|\b(?:reported|shared|published|disclosed) by "
    r"[A-Z]\w+|\b(?:shared|worked|cooperated|collaborated|partnered) with [A-Z]\w+|"
    r"\bsimilar to (?:the )?(?:findings|activity|reporting) (?:reported )?by [A-Z]\w+")


def guess_source_type(
    text: str, layout: Layout, anchors: int, filename: str | None, media_type: str | None
) -> str:
    name = (filename or "").lower()
    if name.endswith((".csv", ".tsv", ".json", ".xlsx", ".jsonl")) or (media_type or "").endswith(
        ("csv", "json", "spreadsheetml.sheet")
    ):
        return "dataset"
    body = "\n".join(s.text for s in layout.sentences)
    unquoted = re.sub(r"[“\"][^”\"]*[”\"]", " ", body)
    first = len(_FIRST_PERSON.findall(unquoted))
    news = len(_NEWS.findall(unquoted))
    paras = {s.para for s in layout.sentences}
    if anchors >= 3 and len(paras) and anchors >= 0.6 * len(paras) and first >= 2:
        return "bulletin"
    if first >= 2 and first >= news:
        return "official_report"
    if anchors and (news or layout.content_end < len(text)):
        return "news"
    if news >= 2 and anchors:
        return "news"
    return "news" if anchors and news else "other"
