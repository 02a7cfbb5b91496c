"""Display names of the codes the archive stores: countries, languages, platforms, metrics.

The one source for every table, facet, page, briefing, export and file name. Read from the
gazetteers the extractor uses, with the few names a newsroom writes differently. Pure
presentation: no rule about what a fact means lives here (that is `archive.rules`).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

# Where the ISO short name is not what a reporter writes (and pycountry's "Spanish; Castilian"
# or the gazetteer's first alias is not a name either).
COUNTRY_NAMES = {
    "RU": "Russia", "XK": "Kosovo", "CD": "Democratic Republic of the Congo",
    "PS": "Palestine", "FM": "Micronesia", "VG": "British Virgin Islands",
    "VI": "US Virgin Islands", "VA": "Vatican City", "FK": "Falkland Islands",
    "MF": "Saint Martin", "SX": "Sint Maarten",
}
LANGUAGE_NAMES = {
    "zh": "Chinese", "es": "Spanish", "fa": "Persian", "ky": "Kyrgyz", "pa": "Punjabi",
    "ps": "Pashto", "ug": "Uyghur", "el": "Greek", "ht": "Haitian Creole", "li": "Limburgish",
    "ny": "Chichewa", "nb": "Norwegian Bokmål",
}
PLATFORM_NAMES = {
    "twitter": "Twitter/X", "x": "Twitter/X", "vk": "VKontakte", "vkontakte": "VKontakte",
    "google_play": "Google Play", "google_ads": "Google Ads", "ads": "Ads",
    "adsense": "AdSense", "web": "Web", "chatgpt": "ChatGPT", "combined": "Combined",
}
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


@cache
def _gazetteer(name: str) -> dict[str, Any]:
    import resources

    try:
        data = json.loads(resources.read_text(f"gazetteers/{name}.json"))
    except (OSError, ValueError):
        return {}
    entries = data.get(name) if isinstance(data, dict) else None
    return dict(entries) if isinstance(entries, dict) else {}


def country_name(code: str) -> str:
    """"RU" -> "Russia"; an unknown code is shown as it is."""
    c = str(code).upper()
    if c in COUNTRY_NAMES:
        return COUNTRY_NAMES[c]
    entry = _gazetteer("countries").get(c)
    if isinstance(entry, dict) and entry.get("name"):
        return str(entry["name"])
    return str(code)


def language_name(code: str) -> str:
    """"zh" -> "Chinese" (the English name, never a variety or an alias)."""
    c = str(code).lower()
    if c in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[c]
    names = _gazetteer("languages").get(c)
    return str(names[0]) if isinstance(names, list) and names else str(code)


def platform_name(key: str) -> str:
    """"twitter" -> "Twitter/X", "youtube" -> "YouTube"."""
    k = str(key).lower()
    if k in PLATFORM_NAMES:
        return PLATFORM_NAMES[k]
    names = _gazetteer("platforms").get(k)
    if isinstance(names, list) and names:
        return str(names[0])
    return str(key).replace("_", " ").title()


def metric_label(metric: str, value: object = None) -> str:
    """"facebook_pages" -> "Facebook Pages" ("Facebook Page" when *value* is 1)."""
    one, many = METRIC_LABELS.get(metric, (metric.replace("_", " "),) * 2)
    return one if value == 1 else many


def metric_name(metric: str) -> str:
    """A metric as a column or list heading: "Facebook Pages", "Ads accounts"."""
    label = metric_label(metric)
    return label[:1].upper() + label[1:]
