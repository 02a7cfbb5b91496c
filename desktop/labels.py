"""Human labels for the codes the archive stores (countries, languages, platforms, metrics).

Qt-free and read from the gazetteers the extractor uses, so the names always agree.
Pure presentation: no rule about what a fact means lives here.
"""

from __future__ import annotations

import json
from functools import lru_cache

FACET_TITLES = {
    "origin": "Countries of origin", "target": "Countries targeted", "topic": "Countries mentioned",
    "actor": "Actors", "operation": "Operations", "platform": "Platforms",
    "publisher": "Publishers", "year": "Years", "type": "Source types",
    "language": "Languages", "tag": "Tags", "starred": "Starred",
}
SOURCE_TYPES = {"official_report": "Official report", "news": "News", "bulletin": "Bulletin",
                "dataset": "Dataset", "other": "Other"}
QUALIFIERS = {"about": "about ", "more_than": "more than ", "fewer_than": "fewer than ",
              "exact": ""}
ROLE_LABELS = {"origin": "Origin", "target": "Target", "topic": "Mentioned",
               "sponsor": "Sponsor", "impersonated": "Impersonated"}


@lru_cache(maxsize=1)
def _gazetteer(name: str) -> dict:
    import resources

    try:
        return dict(json.loads(resources.read_text(f"gazetteers/{name}.json")))
    except (OSError, ValueError):
        return {}


def country_name(code: str) -> str:
    entry = _gazetteer("countries").get("countries", {}).get(code.upper())
    if entry and entry.get("name"):
        return str(entry["name"])
    return {"XK": "Kosovo"}.get(code.upper(), code)


def language_name(code: str) -> str:
    names = _gazetteer("languages").get("languages", {}).get(code)
    return str(names[0]) if names else code


def platform_name(key: str) -> str:
    names = _gazetteer("platforms").get("platforms", {}).get(key)
    return str(names[0]) if names else key.replace("_", " ").title()


def metric_name(key: str) -> str:
    """"facebook_accounts" -> "Facebook accounts"."""
    platform, _, rest = key.partition("_")
    if rest:
        return f"{platform_name(platform)} {rest.replace('_', ' ')}"
    return key.replace("_", " ").capitalize()


def facet_value_label(facet: str, value: str) -> str:
    if facet in ("origin", "target", "topic"):
        return f"{country_name(value)} ({value})"
    if facet == "language":
        return language_name(value)
    if facet == "platform":
        return platform_name(value)
    if facet == "type":
        return SOURCE_TYPES.get(value, value)
    if facet == "starred":
        return "Starred"
    return value


def number(value: object, qualifier: str | None = None) -> str:
    prefix = QUALIFIERS.get(qualifier or "exact", "")
    if isinstance(value, float) and not value.is_integer():
        return f"{prefix}{value:,.2f}"
    try:
        return f"{prefix}{int(value):,}"  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return f"{prefix}{value}"
