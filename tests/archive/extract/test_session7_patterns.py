"""Figures that are no network's (the texts are ours): a period's tally of fake accounts, an
enforcement under another rule; and the same words where a clause ties the figure to an
origin, as a quarterly bulletin does."""

from __future__ import annotations

from archive.extract import extract_facts
from tests.archive.extract.conftest import counts_per_network as _counts
from tests.archive.extract.conftest import keys


def test_a_period_tally_of_fake_accounts_is_no_network() -> None:
    doc = extract_facts(
        "TikTok said it removed a covert influence network of 41 accounts run from Peru that "
        "targeted Chile.\n\n"
        "The company added that from February to May it had removed 58,210 fake accounts. "
        "Separately, 97 accounts were banned for impersonation.")
    assert _counts(doc) == [{"tiktok_accounts": 41}]
    assert keys(doc.networks[0], "country", "origin") == {"PE"}


def test_a_bulletin_period_with_origins_keeps_its_networks() -> None:
    doc = extract_facts(
        "Google said it blocked 1,204 YouTube channels linked to Peru in the second quarter.\n\n"
        "Google added that from April to June, about 70 channels linked to Chile were also "
        "blocked.")
    assert _counts(doc) == [{"youtube_channels": 1204}, {"youtube_channels": 70}]
