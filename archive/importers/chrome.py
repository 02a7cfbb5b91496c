"""Web chrome detector: cuts the trailing comment/newsletter/related-stories block and
leading navigation lines from text that came off a web page.

Works on whole lines only and never rewrites a line it keeps; must not fetch or know sites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Line classes. COMMENTS opens a section where prose (reader comments) may follow;
# LISTING opens a list of teasers (short lines); WEAK is a chrome line that may only be
# followed by more chrome or short lines.
PROSE, COMMENTS, LISTING, WEAK = 0, 1, 2, 3

_COMMENTS = re.compile(
    r"""(?ix)^(
      \d[\d,.]*\s*(comments?|responses?|replies|reactions?)
    | (no|one|two|three)\s+(comments?|responses?|replies)
    | (\d+|one|two|three)\s+thoughts?\s+on\b.*
    | comments?(\s*\(\d+\))?
    | leave\s+a\s+(reply|comment|response)(\s+cancel\s+reply)?
    | (post|add|write|submit)\s+(a\s+|your\s+)?comment
    | join\s+the\s+(discussion|conversation)
    | your\s+email\s+address\s+will\s+not\s+be\s+published\b.*
    | required\s+fields\s+are\s+marked\b.*
    | this\s+site\s+uses\s+akismet\b.*
    | you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\b.*
    | comments?\s+are\s+closed\b.*
    | reader\s+comments
    )$""")
_LISTING = re.compile(
    r"""(?ix)^(
      you\s+(may|might|will)\s+(also\s+)?(like|enjoy|be\s+interested\s+in)\b.*
    | related(\s+(articles?|posts?|stories|story|news|content|reading|coverage|topics|links))?
    | (more|other|latest|top|recent)\s+(stories|news|articles|posts|headlines)(\s+(from|in|on)\b.*)?
    | more\s+from\s+.{1,60}
    | more\s+on\s+this(\s+(topic|story))?
    | most\s+(read|popular|viewed|shared|commented)(\s+(stories|articles|this\s+week|today))?
    | (recommended|suggested)(\s+(for\s+you|stories|articles|reading))?
    | trending(\s+(now|stories|news))?
    | popular(\s+(posts|stories|articles|now))?
    | read\s+(more|next|also)(\s*[:»›>].*)?
    | also\s+read\b.*
    | what\s+to\s+read\s+next
    | (sign\s+up|subscribe)\s+(for|to)\s+(our|the)\s+.{0,30}newsletters?\b.*
    | (our|the|daily|weekly)\s+newsletters?
    | newsletters?(\s+sign[\s-]?up)?
    )$""")
_WEAK = re.compile(
    r"""(?ix)^(
      share(\s+(this|the))?(\s+(article|story|post|page))?(\s+(on|via)\b.*)?
    | (click\s+to\s+)?share\s+(on|via|with)\b.*
    | (facebook|twitter|x|linkedin|whatsapp|telegram|e-?mail|print|reddit|pinterest|vk|copy\s+link)
    | follow\s+us(\s+on\b.*)?
    | subscribe(\s+(now|today|here))?
    | sign\s+up(\s+(now|today|here))?
    | get\s+(notified|the\s+latest|our)\b.{0,80}
    | (tags?|tagged|topics?|filed\s+under|categories|category|posted\s+in)\s*:?\s+.{0,200}
    | (tags?|topics?)
    | (©|\(c\)|copyright\b).{0,200}
    | .{0,100}\ball\s+rights\s+reserved\b.{0,100}
    | (previous|next)\s+(post|article|story)\b.{0,150}
    | advertisement|sponsored(\s+content)?
    | like\s+this:?|loading\.\.\.|like\s+loading\.\.\.
    | (name|email|e-mail|website|comment)\s*\*?
    | save\s+my\s+name,?\s+email\b.*
    | notify\s+me\s+of\b.*
    | (privacy\s+policy|terms(\s+of\s+(use|service))?|cookie\s+(policy|settings)|contact\s+us|about\s+us)
      (\s*[|·•]\s*.{0,40})*
    | (about\s+the\s+author|author\s+bio)
    | (back\s+to\s+top|scroll\s+to\s+top)
    )$""")
_NAV = re.compile(
    r"""(?ix)^(
      skip\s+to\s+(main\s+)?(content|navigation)
    | (home|menu|search|log\s*in|sign\s*in|register|subscribe|main\s+menu|navigation|close|open\s+menu)
    | (home|news)\s*[>»/›]\s*.{0,120}
    | (accept|reject)(\s+all)?(\s+cookies)?
    | we\s+use\s+cookies\b.{0,300}
    | this\s+(web)?site\s+uses\s+cookies\b.{0,300}
    )$""")
_MENU_SEPARATORS = re.compile(r"\s*[|•·]\s*")
_TEASER_END = ("…", "...", "…»", "...”")
_MIN_PROSE_WORDS = 12


@dataclass(slots=True)
class ChromeResult:
    text: str
    removed_tail_lines: int
    removed_head_lines: int


def classify(line: str) -> int:
    s = line.strip().rstrip(":").strip()
    s = re.sub(r"^[#>*•\-–—\s]+", "", s)  # list bullets, Markdown heading marks
    if not s or len(s) > 320:
        return PROSE
    if _COMMENTS.match(s):
        return COMMENTS
    if _LISTING.match(s):
        return LISTING
    if _WEAK.match(s):
        return WEAK
    return PROSE


def strip_chrome(text: str) -> ChromeResult:
    lines = text.split("\n")
    cut = _find_tail_cut(lines)
    removed_tail = 0
    if cut is not None:
        removed_tail = sum(1 for line in lines[cut:] if line.strip())
        lines = lines[:cut]
    head = _count_nav_head(lines)
    removed_head = sum(1 for line in lines[:head] if line.strip())
    lines = lines[head:]
    return ChromeResult("\n".join(lines).strip("\n"), removed_tail, removed_head)


def _words(line: str) -> int:
    return len(line.split())


def _find_tail_cut(lines: list[str]) -> int | None:
    """Earliest chrome line after some prose from which every later line fits the tail grammar."""
    n = len(lines)
    kinds = [classify(line) if line.strip() else -1 for line in lines]
    words = [_words(line) for line in lines]
    # ok[s][j]: the lines j..n-1 are an acceptable tail when entered in state s (backward DP)
    ok = {WEAK: [True] * (n + 1), LISTING: [True] * (n + 1), COMMENTS: [True] * (n + 1)}
    for j in range(n - 1, -1, -1):
        kind, line = kinds[j], lines[j].strip()
        for state in (WEAK, LISTING):
            if kind == -1:
                ok[state][j] = ok[state][j + 1]
            elif kind == COMMENTS:
                ok[state][j] = ok[COMMENTS][j + 1]
            elif kind == LISTING:
                ok[state][j] = ok[LISTING][j + 1]
            elif kind == WEAK:
                ok[state][j] = ok[state][j + 1]
            else:  # prose: teasers under a listing, short lines under weak chrome
                fits = (words[j] <= 40 or line.endswith(_TEASER_END)) if state == LISTING else words[j] <= 15
                ok[state][j] = fits and ok[state][j + 1]
    # A tail opened by weak chrome ("Facebook", "Share") must be mostly chrome up to the next
    # strong heading, so a short table that starts with a platform name is not taken for it.
    chrome_after, plain_after = [0] * (n + 1), [0] * (n + 1)
    for j in range(n - 1, -1, -1):
        if kinds[j] in (COMMENTS, LISTING):
            chrome_after[j], plain_after[j] = 1, 0
        else:
            chrome_after[j] = chrome_after[j + 1] + (kinds[j] == WEAK)
            plain_after[j] = plain_after[j + 1] + (kinds[j] == PROSE)
    seen_prose = False
    for i in range(n):
        if kinds[i] == PROSE and words[i] >= _MIN_PROSE_WORDS:
            seen_prose = True
        elif kinds[i] in (COMMENTS, LISTING, WEAK) and seen_prose and ok[WEAK][i]:
            if kinds[i] == WEAK and chrome_after[i] < plain_after[i]:
                continue
            return _back_over_blanks(lines, i)
    return None


def _back_over_blanks(lines: list[str], i: int) -> int:
    while i > 0 and not lines[i - 1].strip():
        i -= 1
    return i


def _is_nav(line: str) -> bool:
    s = line.strip()
    if _NAV.match(s):
        return True
    items = [p for p in _MENU_SEPARATORS.split(s) if p]
    return len(items) >= 3 and all(_words(p) <= 3 for p in items)


def _count_nav_head(lines: list[str]) -> int:
    """Number of leading lines that are navigation (before the first prose or kept line)."""
    head = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _is_nav(line):
            head = i + 1
            continue
        break
    return head
