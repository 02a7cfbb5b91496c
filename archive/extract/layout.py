"""Document layout: paragraphs, headings, sentences with exact offsets, and page chrome.

Owns what counts as boilerplate (comment forms, newsletter boxes, related stories, IOC
tables); everything downstream reads only the content sentences this module returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.extract.caseless import Caseless

_ABBREV = frozenset(
    ["mr", "mrs", "ms", "dr", "st", "no", "vs", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gov", "sen", "rep", "lt", "gen", "col", "sgt", "prof", "jr", "sr", "e.g", "i.e", "etc", "approx", "fig", "cf", "u.s", "u.k", "u.n", "e.u"]
)
# A line that opens a trailing block of site furniture: everything after it is chrome.
_TERMINAL = Caseless(
    r"^(?:#+\s*)?(?:you may also like|related (?:stories|articles|posts|news|coverage|reading)"
    r"|more (?:stories|from|news|on this)|read (?:more|next)\b|recommended(?: for you| stories)?"
    r"|most (?:read|popular|viewed)|leave a (?:reply|comment)|\d+\s+comments?|comments?"
    r"|trending(?: now| stories)?|latest (?:news|stories)|also read|popular posts"
    r"|indicators of compromise|cross-links|share this(?: article| story)?:?"
    r"|about the author|tags?:|filed under|what to read next|don't miss|further reading"
    r"|sources?|references|footnotes|newsletter|sign up for our|subscribe to our)\b")
# A single line of furniture anywhere in the page.
_CHROME_LINE = Caseless(
    r"^(?:\d+\s+comments?|leave a (?:reply|comment)|your email address will not be published"
    r"|required fields are marked|this site uses akismet|sign up|subscribe|get notified"
    r"|share (?:this|on)|follow us|advertisement|sponsored|related:|read more:?|see also:?"
    r"|also read:?|click here|©|copyright|all rights reserved|cookie|privacy policy"
    r"|terms of (?:use|service)|log ?in|sign in|posted in|share:?|tweet|email|print"
    r"|photo:|image:|credit:|getty images|reuters/|ap photo|file photo|listen to this"
    r"|\(?reporting by|editing by|our standards:|contact us)")
# A photo caption that ends on its credit ("... taken on November 2, 2021. REUTERS/Dado Ruvic")
_CAPTION_CREDIT = re.compile(
    r"(?:REUTERS|Reuters|AFP|AP|EPA|Getty Images|Bloomberg|AFP via Getty Images|Anadolu)"
    r"(?:/[\w .'-]+){1,3}\s*$|\((?:Photo|Foto|Photo credit|Image)[^)]{0,80}\)\s*$")
_NEWSLETTER = Caseless(r"newsletter|subscribe|sign up|inbox|email address")
# A list item's marker, as the lines of lists are written in reports and stories.
BULLET_MARK = r"[-*•▪‣●·–—]"
LIST_ITEM = re.compile(r"^\s*(?:" + BULLET_MARK + r"|\(?\d{1,2}[.)])\s+")
# A line that opens on a label of one or more names: "- Iran: 10 accounts ...", "Iraq, Iran:
# We removed ...", "Saudi Arabia: 5,350 accounts ..."; group 1 is the label.
_LABEL_NAME = r"[A-ZÀ-Ý][\w'’.-]+(?: (?:[A-ZÀ-Ý][\w'’.-]+|and|of|the)){0,3}"
LABEL_LINE = re.compile(r"\s*(?:" + BULLET_MARK + r"|\(?\d{1,2}[.)])?\s*(" + _LABEL_NAME
                        + r"(?:\s*(?:,|&|/|and)\s*" + _LABEL_NAME + r")*)\s*[:—–]\s")
_BULLET = re.compile(r"^(?:[-*•▪‣]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)")
_SPLIT = re.compile(r"[.!?]+['\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9А-ЯЁÀ-Ý])"
                    # "... la compañía estadounidense.La red ...": a full stop with its space lost
                    r"|(?<=[a-zß-ÿа-яё]{3}[.!?])(?=[A-ZА-ЯЁÀ-Þ][a-zß-ÿа-яё])")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    para: int  # index of the paragraph (line block) it belongs to
    heading: bool = False
    continued: bool = False  # the second clause of a sentence split at a second set of figures


@dataclass(slots=True)
class Layout:
    text: str
    sentences: list[Sentence]  # content sentences only, in order
    headings: list[Sentence]  # heading lines inside the content, in order
    content_end: int  # offset where trailing chrome begins (len(text) if none)
    all_caps: bool = False


def _is_heading(line: str) -> bool:
    if line.startswith("#"):
        return True
    if re.match(r"^[-*•▪‣]\s+(?:\S+(?:\s+\S+){11,}|[^:]{3,60}:\s+\S+\s+\S+)", line):
        return False  # "- A small set of accounts ... used the models": a list item, not a title
    if re.match(r"^" + BULLET_MARK + r"\s+(?:(?:about|around|over|more than|plus de|más de|около|более)\s+)?"
                r"\d", line, re.IGNORECASE):
        return False  # "– 182 comptes facebook supprimés": a figure in a list, not a title
    words = line.split()
    if not words or len(words) > 16:
        return False
    if len(words) <= 8 and re.fullmatch(r"[A-ZÀ-Ý][\w .'’-]{1,40}:\s*(?:Operation\s+)?[\"“«][^\"”»]{2,50}[\"”»]",
                                         line):
        return True  # 'China: "Uncle Spam"': a case study's title
    return not (re.search(r"[.!?:;\"”]$", line) or line.endswith(","))


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _SPLIT.finditer(text, start, end):
        stop = m.start()
        # The word before the full stop: an abbreviation or an initial does not end a sentence.
        # (the run of word characters and dots that ends at the stop, read backwards)
        i = stop + 1
        while i > cur and (text[i - 1].isalnum() or text[i - 1] in "._"):
            i -= 1
        token = text[i : stop + 1].lower().rstrip(".")
        if token in _ABBREV or (len(token) == 1 and token.isalpha()):
            continue
        punct_end = m.start() + len(m.group(0).rstrip())
        spans.append((cur, punct_end))
        cur = m.end()
    if cur < end:
        spans.append((cur, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    bullet = _BULLET.match(text, start, end)
    if bullet:
        start = bullet.end()
    while start < end and text[start] in "*_>" :
        start += 1
    return start, end


_BLOCK_START = re.compile(r"^(?:#|\||==|[-*•▪‣]\s|\(?\d{1,2}[.)]\s|[A-Za-z][\w ]{0,30}:\s*$)")


def unwrap(text: str) -> str:
    """Join hard-wrapped lines (plain-text mail, newsletters, fixed-width reports) into
    their paragraphs by turning the line break into spaces. Same length as *text*, so
    every offset still points at the same character of the original."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        lines.append((pos, raw))
        pos += len(raw)
    lengths = [len(r.rstrip()) for _, r in lines if r.strip()]
    if len(lengths) < 5:
        return text
    width = max(lengths)
    if width > 100 or sum(n >= 0.75 * width for n in lengths) < 0.3 * len(lengths):
        # Long lines are paragraphs already; but a line broken mid-sentence by the page
        # ("... disrupted a network\ntargeting an Indonesian audience") is one sentence.
        out = list(text)
        for k in range(len(lines) - 1):
            start, raw = lines[k]
            cur, nxt = raw.rstrip(), lines[k + 1][1]
            if (len(cur) > 40 and re.search(r"[a-z,]$", cur) and re.match(r"[a-z]", nxt)
                    and not _BLOCK_START.match(cur.strip())):
                for i in range(start + len(raw.rstrip("\r\n")), start + len(raw)):
                    out[i] = " "
        return "".join(out)
    out = list(text)
    first = next(k for k, (_, r) in enumerate(lines) if r.strip())
    for k in range(first + 1, len(lines) - 1):
        start, raw = lines[k]
        cur, nxt = raw.strip(), lines[k + 1][1].strip()
        if not cur or not nxt or _BLOCK_START.match(cur) and len(cur) < 0.75 * width:
            continue
        if cur.startswith(("#", "|", "==")) or _BLOCK_START.match(nxt):
            continue
        if len(raw.rstrip()) >= 0.75 * width or nxt[0].islower():
            for i in range(start + len(raw.rstrip("\r\n")), start + len(raw)):
                out[i] = " "
    return "".join(out)


_INLINE_LINK = Caseless(r"^(?:#+\s*)?(?:also read|read (?:more|next|also)|see also|related:|"
                        r"lire aussi|à lire aussi|lee también|te puede interesar|читайте также)\b")


def _prose_follows(text: str, lines: list[tuple[int, int]], at: int) -> bool:
    """A paragraph of the story (30 words or more, ending a sentence) in the next three lines."""
    for s, e in lines[at + 1 : at + 4]:
        line = text[s:e]
        if len(line.split()) >= 30 and re.search(r"[.!?\"”»]$", line):
            return True
    return False


def build_layout(text: str, title: str | None = None) -> Layout:
    letters = list(filter(str.isalpha, text))
    all_caps = bool(letters) and sum(map(str.isupper, letters)) / len(letters) > 0.8
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        s, e = _trim(text, pos, pos + len(raw.rstrip("\r\n")))
        if e > s:
            lines.append((s, e))
        pos += len(raw)
    content_end = len(text)
    seen_body = 0
    sentences: list[Sentence] = []
    headings: list[Sentence] = []
    for para, (s, e) in enumerate(lines):
        line = text[s:e]
        words = len(line.split())
        if seen_body and _TERMINAL.match(line) and words <= 8:
            if _INLINE_LINK.match(line) and _prose_follows(text, lines, para):
                continue  # "ALSO READ: ..." between two paragraphs of the story: one link
            content_end = s
            break
        if line.startswith("|") or (_CHROME_LINE.match(line) and words <= 30) or (
                words <= 45 and _CAPTION_CREDIT.search(line)):
            continue
        if words <= 40 and _NEWSLETTER.search(line) and not re.search(r"\d", line):
            continue
        if line.startswith("#") or (_is_heading(line) and not all_caps) or (
            all_caps and _is_heading(line) and not seen_body
        ):
            hs = s + len(line) - len(line.lstrip("#").lstrip())
            headings.append(Sentence(hs, e, text[hs:e], para, heading=True))
            continue
        seen_body += 1
        for a, b in _sentence_spans(text, s, e):
            a, b = _trim(text, a, b)
            if b > a:
                sentences.append(Sentence(a, b, text[a:b], para))
    if title:
        # A title repeated as the first line is a heading, not a statement.
        first = sentences[0] if sentences else None
        if first and first.text.strip().rstrip(".") == title.strip().rstrip("."):
            sentences.pop(0)
    return Layout(text, sentences, headings, content_end, all_caps)
