"""The fact model: what a disclosure states about each network, each fact tied to its words.

Produced by `archive.extract`, stored by `archive.store`, corrected by the user, exported.
Kinds and their fields:

  kind        key                         value           qualifier      role
  count       metric (DESIGN §3 names)    int             exact/about/more_than/fewer_than
  audience    audience metric             int             as above
  ad_spend    ISO 4217 currency ("USD")   float           as above
  country     ISO 3166-1 alpha-2 (+ XK)   None            -              origin/target/sponsor/impersonated/topic
  region      region name ("Latin America") None          -              origin/target/topic
  actor       canonical actor name        None            -              attributed/beneficiary/denied/researcher
  platform    platform id ("facebook")    None            -              -
  language    ISO 639-1 ("az")            None            -              -
  operation   operation name              None            -              -
  date        "active_since"/"active_until"/"removed"/"announced"  ISO date or year string

`detail` holds kind-specific extras: as_written, wording ("found links to"),
strength (3 attributed / 2 links / 1 associated), domestic (bool), currency text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

REMOVED_METRICS = (
    "facebook_accounts", "facebook_pages", "facebook_groups", "facebook_events",
    "instagram_accounts", "threads_accounts", "twitter_accounts", "youtube_channels",
    "tiktok_accounts", "telegram_channels", "ads_accounts", "adsense_accounts",
    "blogger_blogs", "play_developers", "domains", "websites", "tweets", "combined_assets",
    # accounts banned by AI companies on their own services
    "chatgpt_accounts", "claude_accounts", "gemini_accounts",
    # other platforms' accounts, where a disclosure counts them
    "reddit_accounts", "vk_accounts", "linkedin_accounts",
)
AUDIENCE_METRICS = (
    "facebook_page_followers", "facebook_group_members", "instagram_followers",
    "twitter_followers", "youtube_subscribers", "total_followers",
)
QUALIFIERS = ("exact", "about", "more_than", "fewer_than")
COUNTRY_ROLES = ("origin", "target", "sponsor", "impersonated", "topic")
ACTOR_ROLES = ("attributed", "beneficiary", "denied", "researcher")
FACT_KINDS = (
    "count", "audience", "ad_spend", "country", "region", "actor", "platform",
    "language", "operation", "date",
)
SOURCE_TYPES = ("official_report", "news", "bulletin", "dataset", "other")
# A network needs the journalist's review when any of its facts is less sure than this.
REVIEW_THRESHOLD = 0.7
# Below this the extractor abstains: the fact is not stored at all.
ABSTAIN_BELOW = 0.5


def fact_confidence(detail: dict[str, Any]) -> float:
    """How explicit the cue of a fact was (0..1), as the extractor recorded it in *detail*;
    facts stored before confidences existed count as sure."""
    value = detail.get("confidence", 1.0)
    return round(float(value), 2) if isinstance(value, int | float) else 1.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact is stated: [start, end) offsets into the clean text, and the sentence."""

    start: int
    end: int
    quote: str


@dataclass(slots=True)
class Fact:
    kind: str
    key: str
    value: Any = None
    qualifier: str | None = None
    role: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    evidence: Evidence | None = None


@dataclass(slots=True)
class NetworkFacts:
    """One takedown unit a document describes."""

    label: str
    facts: list[Fact] = field(default_factory=list)
    operation_name: str | None = None
    enforcement: str | None = None  # "removed", "terminated", "blocked", ...
    span: tuple[int, int] | None = None  # the part of the text that describes it


@dataclass(slots=True)
class DocumentFacts:
    publisher: str | None = None
    published: str | None = None  # ISO date
    source_type: str = "other"
    language: str | None = None
    networks: list[NetworkFacts] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. facts not extracted, and why
