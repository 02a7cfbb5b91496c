"""Words for briefings: safe markup from untrusted text, names of countries and metrics, figures.

Every string that comes from a document passes through `esc()` before it meets reportlab's
paragraph markup. Only the templates in archive/export may contain tags.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from archive.export.briefing_script import markup
from archive.facts import REMOVED_METRICS

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SPACE = re.compile(r"[\t\n\r\u2028\u2029]+")

METRIC_LABELS: dict[str, tuple[str, str]] = {  # metric -> (singular, plural)
    "facebook_accounts": ("Facebook account", "Facebook accounts"),
    "facebook_pages": ("Facebook Page", "Facebook Pages"),
    "facebook_groups": ("Facebook group", "Facebook groups"),
    "facebook_events": ("Facebook event", "Facebook events"),
    "instagram_accounts": ("Instagram account", "Instagram accounts"),
    "threads_accounts": ("Threads account", "Threads accounts"),
    "twitter_accounts": ("Twitter/X account", "Twitter/X accounts"),
    "youtube_channels": ("YouTube channel", "YouTube channels"),
    "tiktok_accounts": ("TikTok account", "TikTok accounts"),
    "telegram_channels": ("Telegram channel", "Telegram channels"),
    "ads_accounts": ("ads account", "ads accounts"),
    "adsense_accounts": ("AdSense account", "AdSense accounts"),
    "blogger_blogs": ("Blogger blog", "Blogger blogs"),
    "play_developers": ("Google Play developer account", "Google Play developer accounts"),
    "domains": ("domain", "domains"),
    "websites": ("website", "websites"),
    "tweets": ("tweet", "tweets"),
    "combined_assets": ("asset (combined count)", "assets (combined count)"),
    "chatgpt_accounts": ("ChatGPT account", "ChatGPT accounts"),
    "claude_accounts": ("Claude account", "Claude accounts"),
    "gemini_accounts": ("Gemini account", "Gemini accounts"),
    "reddit_accounts": ("Reddit account", "Reddit accounts"),
    "vk_accounts": ("VKontakte account", "VKontakte accounts"),
    "linkedin_accounts": ("LinkedIn account", "LinkedIn accounts"),
    "facebook_page_followers": ("Facebook Page follower", "Facebook Page followers"),
    "facebook_group_members": ("Facebook group member", "Facebook group members"),
    "instagram_followers": ("Instagram follower", "Instagram followers"),
    "twitter_followers": ("Twitter/X follower", "Twitter/X followers"),
    "youtube_subscribers": ("YouTube subscriber", "YouTube subscribers"),
    "total_followers": ("follower in total", "followers in total"),
}
PLATFORM_OF_METRIC = {
    "facebook_accounts": "Facebook", "facebook_pages": "Facebook", "facebook_groups": "Facebook",
    "facebook_events": "Facebook", "instagram_accounts": "Instagram", "threads_accounts": "Threads",
    "twitter_accounts": "Twitter/X", "youtube_channels": "YouTube", "tiktok_accounts": "TikTok",
    "telegram_channels": "Telegram", "ads_accounts": "Ads", "adsense_accounts": "AdSense",
    "blogger_blogs": "Blogger", "play_developers": "Google Play", "domains": "Web",
    "websites": "Web", "combined_assets": "Combined", "chatgpt_accounts": "ChatGPT",
    "claude_accounts": "Claude", "gemini_accounts": "Gemini", "reddit_accounts": "Reddit",
    "vk_accounts": "VKontakte", "linkedin_accounts": "LinkedIn",
}
# Assets a platform took down; tweets are content, not assets, and are reported apart.
ASSET_METRICS = tuple(m for m in REMOVED_METRICS if m not in ("tweets", "combined_assets"))
QUALIFIER_WORDS = {"about": "about ", "more_than": "more than ", "fewer_than": "fewer than ",
                   "exact": ""}


def clean(text: object, limit: int | None = None) -> str:
    """Plain text from untrusted input: no control characters, one line, optionally cut."""
    s = "" if text is None else str(text)
    s = _CONTROL.sub("", _SPACE.sub(" ", s))
    s = s.encode("utf-8", "replace").decode("utf-8")  # lone surrogates
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
    one, many = METRIC_LABELS.get(metric, (metric.replace("_", " "),) * 2)
    label = one if value == 1 else many
    return f"{QUALIFIER_WORDS.get(qualifier or 'exact', '')}{number(value)} {label}"


def money(spend: dict[str, Any]) -> str:
    q = QUALIFIER_WORDS.get(spend.get("qualifier") or "exact", "")
    return f"{q}{number(spend.get('value'))} {clean(spend.get('currency'), 10)}".strip()


def removed_assets(net: dict[str, Any]) -> int:
    """Accounts, Pages, channels and sites removed; a combined count only when nothing finer."""
    counts = net.get("counts") or {}
    total = sum(int(counts[m]) for m in ASSET_METRICS if _is_num(counts.get(m)))
    if not total and _is_num(counts.get("combined_assets")):
        total = int(counts["combined_assets"])
    return total


def assets_by_platform(nets: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Removed assets summed per platform, largest first."""
    totals: dict[str, int] = {}
    for n in nets:
        for m in ASSET_METRICS:
            v = (n.get("counts") or {}).get(m)
            if isinstance(v, int | float) and not isinstance(v, bool):
                p = PLATFORM_OF_METRIC.get(m, m)
                totals[p] = totals.get(p, 0) + int(v)
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


def _is_num(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {"RU": "Russia", "XK": "Kosovo"}
    try:
        from resources import path

        data = json.loads(path("gazetteers/countries.json").read_text(encoding="utf-8"))
        for code, entry in (data.get("countries") or {}).items():
            if isinstance(entry, dict) and entry.get("name"):
                names.setdefault(code, str(entry["name"]))
    except (OSError, ValueError, AttributeError):
        pass
    try:
        import pycountry

        for c in pycountry.countries:
            names.setdefault(c.alpha_2, getattr(c, "common_name", c.name))
    except ImportError:
        pass
    return names


def country_name(code: str) -> str:
    return _country_names().get(str(code).upper(), clean(code, 40))


def countries(codes: list[str]) -> str:
    return ", ".join(country_name(c) for c in codes) or "—"


@cache
def _language_names() -> dict[str, str]:
    try:
        import pycountry

        return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    except ImportError:
        return {}


def language_name(code: str) -> str:
    return _language_names().get(str(code).lower(), clean(code, 20))


def platform_name(pid: str) -> str:
    special = {"twitter": "Twitter/X", "x": "Twitter/X", "youtube": "YouTube", "tiktok": "TikTok",
               "linkedin": "LinkedIn", "vkontakte": "VKontakte", "vk": "VKontakte"}
    p = clean(pid, 40)
    return special.get(p.lower(), p[:1].upper() + p[1:])


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
