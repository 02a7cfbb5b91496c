"""The rules every screen and export shares: what counts as a removed asset, what "involves".

One definition each (STYLE 13). Tables, sorts, entity pages, briefings, CSV and the CLI call
these; nothing else adds up counts or matches countries and actors. Pure functions over a
network as exported (DESIGN §5: "counts", "<role>_countries", "actors", "operation_name").

Removed assets are the accounts, Pages, groups, channels, blogs, developer accounts and
sites a platform took down: DESIGN §3's removed-asset metrics *except* `tweets` and
`combined_assets`. `tweets` is activity (content the accounts posted, 348,608 tweets from
a few thousand accounts), not an asset, and adding it to accounts makes one Twitter
disclosure outweigh ten Meta reports; it stays a count of its own. `combined_assets`
("107 Pages, Groups and accounts") restates the finer counts, so it is used only for a
network that gives no finer count. Audience metrics (followers, members, subscribers) are
people who saw the assets, never assets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from archive.facts import ACTOR_ROLES, AUDIENCE_METRICS, COUNTRY_ROLES, REMOVED_METRICS

COMBINED_METRIC = "combined_assets"
ACTIVITY_METRICS = ("tweets",)
ASSET_METRICS = tuple(m for m in REMOVED_METRICS
                      if m not in ACTIVITY_METRICS and m != COMBINED_METRIC)
__all__ = [
    "ACTIVITY_METRICS", "ASSET_METRICS", "asset_counts", "AUDIENCE_METRICS", "COMBINED_METRIC",
    "INVOLVING_COUNTRY_ROLES", "actor_roles", "assets_by_platform", "country_roles",
    "involves_actor", "involves_country", "names_actor", "network_assets", "removed_assets",
]

# A country is "involved" in a network when it ran, was targeted by, paid for or was
# impersonated by it; a country the operation only talked about (`topic`) is not.
INVOLVING_COUNTRY_ROLES = ("origin", "target", "sponsor", "impersonated")
# Every actor role involves the actor (an actor page lists who denied, too); the role is
# shown beside each network. An operation name matches like an actor name.
INVOLVING_ACTOR_ROLES = ACTOR_ROLES

PLATFORM_OF_METRIC = {
    "facebook_accounts": "facebook", "facebook_pages": "facebook", "facebook_groups": "facebook",
    "facebook_events": "facebook", "instagram_accounts": "instagram",
    "threads_accounts": "threads", "twitter_accounts": "twitter", "youtube_channels": "youtube",
    "tiktok_accounts": "tiktok", "telegram_channels": "telegram", "ads_accounts": "ads",
    "adsense_accounts": "adsense", "blogger_blogs": "blogger", "play_developers": "google_play",
    "domains": "web", "websites": "web", "combined_assets": "combined",
    "chatgpt_accounts": "chatgpt", "claude_accounts": "claude", "gemini_accounts": "gemini",
    "reddit_accounts": "reddit", "vk_accounts": "vk", "linkedin_accounts": "linkedin",
}


def _number(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def asset_counts(counts: Mapping[str, Any]) -> dict[str, int]:
    """The counts of one network that make up its removed assets, metric -> value."""
    parts = {m: n for m in ASSET_METRICS if (n := _number(counts.get(m)))}
    if not sum(parts.values()):
        combined = _number(counts.get(COMBINED_METRIC))
        parts = {COMBINED_METRIC: combined} if combined else {}
    return parts


def removed_assets(counts: Mapping[str, Any]) -> int:
    """Assets removed in one network, from its counts (metric -> value)."""
    return sum(asset_counts(counts).values())


def network_assets(net: Mapping[str, Any]) -> int:
    return removed_assets(net.get("counts") or {})


def assets_by_platform(nets: Iterable[Mapping[str, Any]]) -> list[tuple[str, int]]:
    """Removed assets summed per platform id ("combined" for combined counts), largest first."""
    totals: dict[str, int] = {}
    for net in nets:
        for m, n in asset_counts(net.get("counts") or {}).items():
            p = PLATFORM_OF_METRIC.get(m, m)
            totals[p] = totals.get(p, 0) + n
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


def country_roles(net: Mapping[str, Any], code: str) -> list[str]:
    """Every role *code* plays in *net* (DESIGN §3 order), topic included."""
    c = str(code).upper()
    return [r for r in COUNTRY_ROLES if c in (net.get(f"{r}_countries") or [])]


def involves_country(net: Mapping[str, Any], code: str,
                     roles: Iterable[str] = INVOLVING_COUNTRY_ROLES) -> bool:
    return bool(set(country_roles(net, code)) & set(roles))


@cache
def _actor_pattern(wanted: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(wanted.strip().casefold()) + r"(?!\w)")


def names_actor(name: object, wanted: str) -> bool:
    """True if *name* is or contains *wanted* as whole words, ignoring case:
    "Youth Union" names "Youth Union of New Azerbaijan Party"; "IRA" does not name "Tirana"."""
    return bool(wanted.strip()) and bool(_actor_pattern(wanted).search(str(name or "").casefold()))


def actor_roles(net: Mapping[str, Any], wanted: str) -> list[str]:
    """The roles in which *net* names the actor *wanted* ("operation" for its operation name)."""
    roles: list[str] = []
    for a in net.get("actors") or []:
        role = str(a.get("role") or "attributed")
        if role in INVOLVING_ACTOR_ROLES and role not in roles and (
                names_actor(a.get("name"), wanted) or names_actor(a.get("as_written"), wanted)):
            roles.append(role)
    if names_actor(net.get("operation_name"), wanted):
        roles.append("operation")
    return roles


def involves_actor(net: Mapping[str, Any], wanted: str) -> bool:
    return bool(actor_roles(net, wanted))


def involves(net: Mapping[str, Any], *, country: str | None = None,
             actor: str | None = None) -> bool:
    """Both filters given must hold (a country and an actor briefing at once)."""
    if country and not involves_country(net, country):
        return False
    return not (actor and not involves_actor(net, actor))
