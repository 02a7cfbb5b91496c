"""One rule, one place: removed assets, "involves", display names — and every face agrees.

The agreement test walks every country and actor of the sample archive and compares the
result table, the entity page, the PDF briefing's figures and the CSV export.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from archive import names, rules
from archive.api import Archive
from archive.export import briefing
from archive.export.briefing_text import country_name as briefing_country
from archive.export.briefing_text import language_name as briefing_language
from archive.export.model import Scope
from desktop import labels


def test_tweets_are_activity_and_combined_counts_only_stand_alone() -> None:
    counts = {"twitter_accounts": 2048, "tweets": 348_608, "combined_assets": 5000,
              "twitter_followers": 9}
    assert rules.removed_assets(counts) == 2048
    assert rules.removed_assets({"combined_assets": 107, "tweets": 10}) == 107
    assert rules.removed_assets({"tweets": 10, "total_followers": 50}) == 0
    assert rules.removed_assets({"facebook_pages": True}) == 0  # not a number
    assert "tweets" in rules.ACTIVITY_METRICS and "tweets" not in rules.ASSET_METRICS
    assert not set(rules.AUDIENCE_METRICS) & set(rules.ASSET_METRICS)


def test_a_country_only_talked_about_is_not_involved() -> None:
    net = {"origin_countries": ["RU"], "target_countries": ["AM"], "topic_countries": ["GE"]}
    assert rules.involves_country(net, "am") and rules.involves_country(net, "RU")
    assert not rules.involves_country(net, "GE")
    assert rules.country_roles(net, "GE") == ["topic"]
    assert rules.involves_country(net, "GE", roles=("topic",))


def test_actors_match_whole_words_in_name_wording_or_operation() -> None:
    net = {"actors": [{"name": "Youth Union of New Azerbaijan Party",
                       "as_written": "Youth Union of New Azerbaijani Party", "role": "attributed"},
                      {"name": "Graphika", "role": "researcher"}],
           "operation_name": "Doppelganger"}
    assert rules.actor_roles(net, "youth union") == ["attributed"]
    assert rules.actor_roles(net, "Graphika") == ["researcher"]
    assert rules.actor_roles(net, "doppelganger") == ["operation"]
    assert not rules.involves_actor(net, "Union of New Azerbaijan Party Youth")
    assert not rules.involves_actor({"actors": [{"name": "Tirana Media"}]}, "IRA")
    assert not rules.involves_actor(net, "  ")


def test_display_names_have_one_source() -> None:
    for code, name in (("zh", "Chinese"), ("es", "Spanish"), ("fa", "Persian")):
        assert names.language_name(code) == labels.language_name(code) == name
        assert briefing_language(code) == name
        assert labels.facet_value_label("language", code) == name
    assert names.country_name("RU") == labels.country_name("RU") == "Russia"
    assert briefing_country("RU") == "Russia"
    assert labels.facet_value_label("origin", "RU") == "Russia (RU)"
    assert names.platform_name("twitter") == labels.platform_name("twitter") == "Twitter/X"
    assert names.metric_name("facebook_pages") == labels.metric_name("facebook_pages")


def _csv_rows(archive: Archive, tmp: Path, **scope: str) -> list[dict[str, str]]:
    archive.export("csv", tmp / "t.csv", **scope)  # type: ignore[arg-type]
    text = (tmp / "t.csv").read_bytes().decode("utf-8-sig")
    return [r for r in csv.DictReader(io.StringIO(text)) if r["network_id"]]


def test_table_page_briefing_and_csv_agree_for_every_country_and_actor(
        sample_archive: Archive, tmp_path: Path) -> None:
    a = sample_archive
    # The result table: a document's assets are the rule's sum over its exported networks.
    ids = a.store.document_ids()
    table = a.document_rows(ids)
    for doc_id in ids:
        doc = a.document(doc_id, with_text=False)
        assert table[doc_id]["networks"] == len(doc["networks"])
        assert table[doc_id]["assets"] == sum(rules.network_assets(n) for n in doc["networks"])
    by_assets, _ = a.query_ids("", sort="assets")
    assert [table[i]["assets"] for i in by_assets] == sorted(
        (table[i]["assets"] for i in ids), reverse=True)

    countries = sorted({r[0] for r in a.store.conn.execute(
        "SELECT key FROM live_fact WHERE kind = 'country'")})
    actors = sorted({r[0] for r in a.store.conn.execute(
        "SELECT key FROM live_fact WHERE kind = 'actor'")})
    assert len(countries) >= 30 and len(actors) >= 5
    checked = 0
    for kind, key in [("country", c) for c in countries] + [("actor", x) for x in actors]:
        scope = {kind: key}
        page = a.entity_summary(kind, key)
        docs, nets = briefing.gather(a.store, a.select(**scope), Scope(**scope))  # type: ignore[arg-type]
        figures = dict((label, value) for value, label in briefing.key_figures(docs, nets))
        rows = _csv_rows(a, tmp_path, **scope)
        where = f"{kind} {key}"
        assert len(page.networks) == len(nets) == len(rows), where
        assert figures["networks"] == f"{len(page.networks):,}", where
        assert figures["removed assets"] == f"{page.total_assets:,}", where
        assert sum(int(r["removed_assets"] or 0) for r in rows) == page.total_assets, where
        assert figures["source documents"] == f"{page.documents:,}", where
        assert sum(y[1] for y in page.timeline) <= len(page.networks), where
        assert sum(n for _, n in page.totals) == page.total_assets, where
        assert len(a.networks(**scope)) == len(page.networks), where  # type: ignore[arg-type]
        checked += 1
    assert checked == len(countries) + len(actors)


def test_a_rendered_briefing_states_the_page_figures(sample_archive: Archive,
                                                     tmp_path: Path) -> None:
    import re
    import subprocess

    page = sample_archive.entity_summary("country", "AZ")
    assert page.networks and page.total_assets > 0
    sample_archive.export("pdf", tmp_path / "az.pdf", country="AZ")
    text = subprocess.run(["pdftotext", str(tmp_path / "az.pdf"), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    cover = re.sub(r"\s+", " ", text.split("Summary")[0])  # the key-figure table
    assert f" {len(page.networks):,} {page.total_assets:,} {page.documents:,} " in cover
    assert "networks removed assets source documents" in cover
    assert f"removing {page.total_assets:,} accounts" in re.sub(r"\s+", " ", text)


def test_related_ties_come_in_name_order_whatever_the_counting_order() -> None:
    # (a country page's Related list must not reshuffle between runs: Counter.most_common
    # keeps first-counted order, and the counting follows set order)
    from collections import Counter

    from archive.entity import most_common

    a = Counter({"RU": 2, "IR": 1, "AZ": 1, "CN": 3})
    b = Counter({"AZ": 1, "CN": 3, "IR": 1, "RU": 2})
    assert most_common(a, 12) == most_common(b, 12) == [("CN", 3), ("RU", 2), ("AZ", 1), ("IR", 1)]
    assert most_common(a, 2) == [("CN", 3), ("RU", 2)]
