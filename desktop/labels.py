"""Human labels for the codes the archive stores (countries, languages, platforms, metrics).

Names come from `archive.names` (the one source the briefings and exports use too);
this module only adds the desktop's headings. Pure presentation: no rule lives here.
"""

from __future__ import annotations

from archive.names import country_name, language_name, metric_name, platform_name

__all__ = ["FACET_TITLES", "ROLE_LABELS", "SOURCE_TYPES", "country_name", "facet_value_label",
           "language_name", "metric_name", "number", "platform_name"]

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
               "sponsor": "Sponsor", "impersonated": "Impersonated",
               "attributed": "Attributed", "beneficiary": "Beneficiary", "denied": "Denied",
               "researcher": "Researcher", "operation": "Operation"}


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
