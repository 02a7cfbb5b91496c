"""Words for briefings: safe markup from untrusted text, names of countries and metrics, figures.

Every string that comes from a document passes through `esc()` before it meets reportlab's
paragraph markup. Only the templates in archive/export may contain tags.
"""

from __future__ import annotations

import re
from typing import Any

from archive import names, rules
from archive.export.briefing_script import markup
from archive.names import METRIC_LABELS
from archive.rules import removed_assets as _removed_assets
from archive.safe_text import strip_unsafe

__all__ = ["METRIC_LABELS", "assets_by_platform", "clean", "countries", "country_name", "esc",
           "figure", "join_words", "language_name", "money", "number", "platform_name",
           "removed_assets", "summary_text"]

_SPACE = re.compile(r"[\t\n\r\u2028\u2029]+")

QUALIFIER_WORDS = {"about": "about ", "more_than": "more than ", "fewer_than": "fewer than ",
                   "exact": ""}


def clean(text: object, limit: int | None = None) -> str:
    """Plain text from untrusted input: no control, bidi-override or non-XML characters
    (`archive.safe_text`), one line, optionally cut."""
    s = "" if text is None else str(text)
    s = strip_unsafe(_SPACE.sub(" ", s))[0]  # controls, bidi, surrogates, noncharacters
    if limit is not None and len(s) > limit:
        s = s[: max(limit - 1, 1)].rstrip() + "…"
    return s.strip()


def esc(text: object, limit: int | None = None) -> str:
    """Untrusted text made safe for reportlab Paragraph markup, each run in a bundled font
    that draws it (long words are split by the paragraph style's splitLongWords; reportlab
    5.1 does not break at zero-width spaces)."""
    return markup(clean(text, limit))


def number(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "?"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return clean(value, 40)


def figure(metric: str, value: Any, qualifier: str | None) -> str:
    """'more than 7,906 Facebook Pages' (plain text)."""
    label = names.metric_label(metric, value)
    return f"{QUALIFIER_WORDS.get(qualifier or 'exact', '')}{number(value)} {label}"


def money(spend: dict[str, Any]) -> str:
    q = QUALIFIER_WORDS.get(spend.get("qualifier") or "exact", "")
    return f"{q}{number(spend.get('value'))} {clean(spend.get('currency'), 10)}".strip()


def removed_assets(net: dict[str, Any]) -> int:
    """`archive.rules.removed_assets` of one network."""
    return _removed_assets(net.get("counts") or {})


def assets_by_platform(nets: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Removed assets summed per platform (display names), largest first."""
    return [(names.platform_name(p), n) for p, n in rules.assets_by_platform(nets)]


def country_name(code: str) -> str:
    return clean(names.country_name(code), 80)


def countries(codes: list[str]) -> str:
    return ", ".join(country_name(c) for c in codes) or "—"


def language_name(code: str) -> str:
    return clean(names.language_name(code), 40)


def platform_name(pid: str) -> str:
    return clean(names.platform_name(pid), 40)


def join_words(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def summary_text(nets: list[dict[str, Any]], n_docs: int) -> str:
    """One paragraph of plain text written from the facts (escape it before markup)."""
    if not nets:
        return (f"The {n_docs} document{'s' if n_docs != 1 else ''} in this briefing describe "
                "no takedown networks that the archive could read.")
    dates = sorted(d for d in (n.get("published") for n in nets) if d)
    period = ""
    if dates:
        first, last = dates[0][:7], dates[-1][:7]
        period = f" published between {first} and {last}" if first != last else f" published in {first}"
    publishers = sorted({clean(n.get("publisher"), 60) for n in nets if n.get("publisher")})
    parts = [f"This briefing covers {len(nets)} network{'s' if len(nets) != 1 else ''} "
             f"described in {n_docs} document{'s' if n_docs != 1 else ''}{period}"
             + (f" by {join_words(publishers[:6])}" + (" and others" if len(publishers) > 6 else "")
                if publishers else "") + "."]
    total = sum(removed_assets(n) for n in nets)
    if total:
        top = assets_by_platform(nets)
        detail = join_words([f"{number(v)} on {k}" for k, v in top[:5]])
        parts.append(f"Platforms reported removing {number(total)} accounts, Pages, channels "
                     f"and sites in all ({detail}).")
    origin = _tally(nets, "origin_countries")
    target = _tally(nets, "target_countries")
    if origin:
        parts.append(f"The activity originated in {join_words([country_name(c) for c in origin[:6]])}"
                     + (f" and targeted {join_words([country_name(c) for c in target[:6]])}"
                        if target else "") + ".")
    elif target:
        parts.append(f"It targeted {join_words([country_name(c) for c in target[:6]])}.")
    actors = _tally_actors(nets)
    if actors:
        parts.append(f"Platforms attributed networks to {join_words(actors[:5])}"
                     + (f" and {len(actors) - 5} other actors" if len(actors) > 5 else "") + ".")
    else:
        parts.append("No platform attributed these networks to a named actor.")
    return " ".join(parts)


def _tally(nets: list[dict[str, Any]], key: str) -> list[str]:
    seen: dict[str, int] = {}
    for n in nets:
        for c in n.get(key) or []:
            seen[c] = seen.get(c, 0) + 1
    return [c for c, _ in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))]


def _tally_actors(nets: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, int] = {}
    for n in nets:
        for a in n.get("actors") or []:
            if a.get("role") == "attributed":
                name = clean(a.get("name"), 120)
                seen[name] = seen.get(name, 0) + 1
    return [a for a, _ in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))]
