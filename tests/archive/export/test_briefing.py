"""PDF briefings: figures with their quoted sentences, fonts, hostile text, scopes, failures."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from export_helpers import HOSTILE, LONG_WORD, have_poppler, pdf_fonts, pdf_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.api import Archive
from archive.errors import ArchiveError, Cancelled
from archive.export import briefing, briefing_text
from archive.export.model import Scope
from archive.progress import CancelToken

pytestmark = pytest.mark.skipif(not have_poppler(), reason="needs poppler-utils")
ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT.parent / "shared" / "seeds"


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_country_briefing_cites_every_figure(az_archive: Archive, out: Path) -> None:
    n = az_archive.export("pdf", out / "az.pdf", country="AZ")
    text = pdf_text(out / "az.pdf")
    assert n == 1
    for figure in ("589", "7,906", "447", "Youth Union of New Azerbaijan Party"):
        assert figure in text
    # the quoted sentence, the publisher, the title and the file name in a note
    assert "Facebook has removed 589 Facebook accounts, 7,906 Pages and 447" in text
    assert flat("Massis Post, “Facebook removes Azerbaijani network") in flat(text)
    assert "massis_az_2020.txt" in text
    assert "Page 1 of" in text


def test_azerbaijani_and_cyrillic_survive_with_embedded_truetype(az_archive: Archive,
                                                                  out: Path) -> None:
    az_archive.export("pdf", out / "az.pdf", country="AZ")
    text = pdf_text(out / "az.pdf")
    assert "Şərhlər azərbaycan dilində yazılıb: ə ğ ş ı" in text
    assert "по-русски тоже" in text
    assert "Yeni Azərbaycan, Новости" in text
    fonts = pdf_fonts(out / "az.pdf")
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("TrueType" in r and r[-5] == "yes" for r in rows), fonts  # emb=yes
    assert "DejaVuSans" in fonts and "Helvetica" not in fonts


def test_hostile_text_prints_literally_and_fetches_nothing(hostile_archive: Archive,
                                                           out: Path) -> None:
    hostile_archive.export("pdf", out / "h.pdf")
    raw = (out / "h.pdf").read_bytes()
    text = flat(pdf_text(out / "h.pdf"))
    for literal in ("<fontsize=40>BIG</font>", "S&P500&co", "&#9999999;&nbsp;&foo;",
                    '<imgsrc="/etc/passwd"/>', '<ahref="javascript:x">click</a>',
                    "<b>unbalanced<i>", "ctlchars", '=HYPERLINK("http://x.invalid","go")'):
        assert flat(literal) in text, literal
    assert b"/URI" not in raw and b"/JavaScript" not in raw and b"/XObject" not in raw
    assert b"/Annot" not in raw
    assert "W" * 40 in text  # the 50,000-character word was broken across lines, not dropped


def test_long_word_never_lands_whole_in_a_table_cell(out: Path, tmp_path: Path) -> None:
    from export_helpers import hostile_document

    with Archive.open(tmp_path / "a") as a:
        hostile_document(a, "Z" * 200_000)
        a.export("pdf", out / "long.pdf")
    assert (out / "long.pdf").stat().st_size > 1000


def test_every_scope_renders(hostile_archive: Archive, out: Path) -> None:
    ids = hostile_archive.store.document_ids()[:2]
    assert hostile_archive.export("pdf", out / "a.pdf", actor="Youth Union") == 1
    assert "Actor briefing" in pdf_text(out / "a.pdf")
    assert hostile_archive.export("pdf", out / "s.pdf", ids=ids) == 2
    assert hostile_archive.export("pdf", out / "q.pdf", country="AZ", since="2021-01-01") == 14
    assert "since 2021-01-01" in pdf_text(out / "q.pdf")
    assert hostile_archive.export("pdf", out / "e.pdf", country="FJ") == 0
    assert "no takedown networks" in pdf_text(out / "e.pdf")


def test_country_briefing_keeps_only_networks_involving_the_country(hostile_archive: Archive,
                                                                    out: Path) -> None:
    docs, nets = briefing.gather(hostile_archive.store, hostile_archive.store.document_ids(),
                                 Scope(country="RU"))
    assert nets and all("RU" in n["target_countries"] for n in nets)
    assert len(nets) == len(docs) - 1  # the seed-like network is Azerbaijani only


def test_layout_error_becomes_one_line_archive_error(az_archive: Archive, out: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.platypus import Table

    def huge(*_a: object, **_k: object) -> list[object]:
        return [Table([["x\n" * 4000]])]

    monkeypatch.setattr(briefing, "build_story", huge)
    with pytest.raises(ArchiveError) as exc:
        az_archive.export("pdf", out / "x.pdf")
    assert "\n" not in str(exc.value) and "laid out" in str(exc.value)
    assert not (out / "x.pdf").exists() and list(out.iterdir()) == []


def test_cancel_leaves_no_file(az_archive: Archive, out: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        az_archive.export("pdf", out / "c.pdf", cancel=token)
    assert list(out.iterdir()) == []


def test_reportlab_trusts_no_host_or_scheme(az_archive: Archive, out: Path) -> None:
    from reportlab import rl_config
    from reportlab.lib.utils import rlUrlRead

    az_archive.export("pdf", out / "az.pdf")
    assert not rl_config.trustedHosts and not rl_config.trustedSchemes
    with pytest.raises(IOError):
        rlUrlRead("file:///etc/passwd")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_any_text_is_safe_paragraph_markup(s: str) -> None:
    from reportlab.platypus import Paragraph

    p = Paragraph(briefing_text.esc(s), briefing.styles()["body"])
    p.wrap(400, 10_000)  # parses and lays out without error
    own_tags = re.sub(r'<font name="Atlas(CJK|Hangul)">|</font>', "", briefing_text.esc(s))
    assert "<" not in own_tags and not re.search(r"[\x00-\x08]", own_tags)


def test_seed_acceptance_through_the_cli(tmp_path: Path) -> None:
    """`takedown-atlas export pdf --country AZ` on an archive holding the seed (real extractor)."""
    pytest.importorskip("archive.extract.pipeline")
    arch = tmp_path / "archive"
    cli = [sys.executable, "-m", "archive", "--archive", str(arch)]
    subprocess.run([*cli, "import", str(SEED)], check=True, capture_output=True, cwd=ROOT)
    subprocess.run([*cli, "export", "pdf", "--country", "AZ", "-o", str(tmp_path / "az.pdf")],
                   check=True, capture_output=True, cwd=ROOT)
    text = pdf_text(tmp_path / "az.pdf")
    for figure in ("589", "7,906", "447"):
        assert re.search(rf"\b{figure} (Facebook|Instagram)", text), figure
    assert "Attributed to Youth Union of New Azerbaijan Party" in re.sub(r"\s+", " ", text)
    assert flat("“Facebook has removed 589 Facebook accounts, 7,906 Pages and 447 accounts on "
                "Instagram that were involved in coordinated inauthentic behavior.”") in flat(text)
    assert flat("Our investigation linked this activity to the Youth Union of New Azerbaijani "
                "Party") in flat(text)
    assert "TrueType" in pdf_fonts(tmp_path / "az.pdf")


def test_hostile_strings_are_listed() -> None:
    assert LONG_WORD and len(HOSTILE) >= 10


def test_every_metric_has_a_readable_label_and_a_platform() -> None:
    from archive.export.briefing_text import figure
    from archive.facts import AUDIENCE_METRICS, REMOVED_METRICS
    from archive.names import METRIC_LABELS
    from archive.rules import PLATFORM_OF_METRIC

    assert set(REMOVED_METRICS) | set(AUDIENCE_METRICS) <= set(METRIC_LABELS)
    assets = set(REMOVED_METRICS) - {"tweets"}
    assert assets <= set(PLATFORM_OF_METRIC)
    assert "_" not in figure("reddit_accounts", 61, "exact")
    assert figure("chatgpt_accounts", 1, "exact") == "1 ChatGPT account"
