"""Briefings in every script: Chinese through the fallback font, Arabic and Hebrew drawn right
to left yet extracted in logical order, a warning for characters no font has, PDF metadata."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_helpers import add_document, have_poppler, pdf_fonts, quoted

from archive.api import Archive
from archive.export import briefing_fonts, briefing_script
from archive.export.briefing_bidi import isolate, visual_order
from archive.export.briefing_fonts import MIRROR, extracted_text, join_arabic, mirrored
from archive.facts import Fact

pytestmark = pytest.mark.skipif(not have_poppler(), reason="needs poppler-utils")
ROOT = Path(__file__).resolve().parents[3]

# Our own short titles, one per script, each a plausible headline.
TITLES = {
    "zh": "脸书删除了针对台湾选举的虚假账号网络",
    "ar": "فيسبوك تحذف شبكة حسابات مزيفة تستهدف الانتخابات",
    "az": "Facebook saxta hesablar şəbəkəsini sildi: ağ, çəhrayı, ğ, ş, ə",
    "ru": "Фейсбук удалил сеть фальшивых аккаунтов перед выборами",
    "he": "פייסבוק הסירה רשת של חשבונות מזויפים",
    "ar_brackets": "حملة (فيسبوك) ضد المعارضة",  # brackets drawn mirrored, read as written
    "ko": "페이스북, 선거를 노린 가짜 계정 네트워크 삭제",
    "mixed": "Meta 删除 a network of Фейсбук pages",
}
# Wraps over two lines or more in the source list: each line must still read on.
LONG_AR = " ".join(["شبكة حسابات مزيفة تنشر أخبارا كاذبة عن الانتخابات المحلية"] * 3)
JAVANESE = "ꦲꦏ꧀ꦱꦫ"  # Javanese script: neither bundled font has it


def _document(archive: Archive, key: str, title: str, n: int) -> None:
    sentence = f"The platform removed {10 + n} accounts in Azerbaijan."
    text = f"{title}. {sentence}"
    ev = quoted(text, sentence)
    add_document(archive, file=f"{key}.txt", title=title, publisher=f"Publisher {key}",
                 published=f"2023-0{n % 9 + 1}-01", text=text,
                 networks=[{"label": title, "facts": [
                     Fact("count", "facebook_accounts", 10 + n, "exact", evidence=ev),
                     Fact("country", "AZ", role="origin", evidence=ev),
                     Fact("actor", title, role="attributed", evidence=ev)]}])


@pytest.fixture(scope="module")
def scripts_pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    root = tmp_path_factory.mktemp("scripts")
    warnings: list[str] = []
    with Archive.open(root / "archive") as a:
        for n, (key, title) in enumerate([*TITLES.items(), ("long", LONG_AR)]):
            _document(a, key, title, n)
        a.export("pdf", root / "b.pdf", on_warning=warnings.append)
    yield root / "b.pdf", warnings


def extracted(path: Path, *args: str) -> str:
    """pdftotext's reading, with its directional marks removed and spaces made single."""
    out = subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True,
                         check=True, text=True).stdout
    return " ".join(re.sub("[\u202a-\u202e]", "", out).split())


def test_every_title_extracts_in_logical_order(scripts_pdf: tuple[Path, list[str]]) -> None:
    text = extracted(scripts_pdf[0])
    for key, title in TITLES.items():
        assert title in text, key
    assert LONG_AR in text  # wrapped over lines, still in reading order
    # the old failure: each Arabic word's letters (or the words) read backwards
    assert TITLES["ar"][::-1] not in text
    assert " ".join(TITLES["ar"].split()[::-1]) not in text


def test_every_glyph_is_drawn_and_the_fallback_font_is_embedded(
        scripts_pdf: tuple[Path, list[str]]) -> None:
    path, warnings = scripts_pdf
    assert warnings == []  # every character of every title has a glyph
    rows = [line.split() for line in pdf_fonts(path).splitlines()[2:] if line.strip()]
    for face in ("DroidSansFallback", "AtlasHangul-Regular"):
        fallback = [r for r in rows if face in r[0]]
        assert fallback and all(r[-5] == "yes" for r in fallback), rows  # embedded
    assert any("DejaVuSans" in r[0] for r in rows)


def test_arabic_is_drawn_joined_and_right_to_left(scripts_pdf: tuple[Path, list[str]]) -> None:
    """The raw reading order (pdftotext -raw keeps content-stream order within a line) of the
    drawn glyphs: contextual forms, not isolated letters, and the last word drawn first."""
    words = TITLES["ar"].split()
    assert join_arabic(words[0]) != words[0]  # shaping gives contextual forms
    assert any("\ufe70" <= c <= "\ufeff" for c in join_arabic(words[0]))
    units = visual_order([(c, None) for c in isolate(TITLES["ar"])])
    drawn = "".join(t for t, _ in units)
    assert drawn.startswith(words[-1][::-1]) and drawn.endswith(words[0][::-1])


def test_a_character_no_font_has_becomes_a_warning(tmp_path: Path) -> None:
    warnings: list[str] = []
    with Archive.open(tmp_path / "a") as a:
        _document(a, "jv", f"Aksara {JAVANESE} in a title", 1)
        a.export("pdf", tmp_path / "jv.pdf", on_warning=warnings.append)
    assert len(warnings) == 1
    assert "U+A9B2 ꦲ" in warnings[0] and "no glyph" in warnings[0]
    assert "5 characters" in warnings[0]
    # the CLI prints it, one line on stderr, and still writes the briefing (exit 0)
    run = subprocess.run([sys.executable, "-m", "archive", "--archive", str(tmp_path / "a"),
                          "export", "pdf", "-o", str(tmp_path / "cli.pdf")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and (tmp_path / "cli.pdf").exists()
    assert [line for line in run.stderr.splitlines() if "warning:" in line] == [
        "takedown-atlas: warning: " + warnings[0]]


def test_export_job_passes_warnings_on(tmp_path: Path) -> None:
    from archive.export.jobs import ExportJob

    warnings: list[str] = []
    with Archive.open(tmp_path / "a") as a:
        _document(a, "jv", JAVANESE, 1)
        assert ExportJob("pdf").run(a, tmp_path / "j.pdf", on_warning=warnings.append) == 1
    assert len(warnings) == 1 and "U+A98F" in warnings[0]


def _info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-isodates", str(path)], capture_output=True, check=True,
                         text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in
                                                  out.splitlines())}


def test_metadata_has_title_author_subject_and_the_real_date(
        scripts_pdf: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    info = _info(scripts_pdf[0])
    assert info["Title"] == "Briefing: The whole archive"
    assert info["Author"] == "Takedown Atlas"
    assert info["Subject"].startswith("Platform takedowns of influence operations")
    created = dt.date.fromisoformat(info["CreationDate"][:10])
    assert abs((created - dt.date.today()).days) <= 1  # now, not reportlab's 2000-01-01


def test_source_date_epoch_fixes_the_date_and_the_bytes(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    with Archive.open(tmp_path / "a") as a:
        _document(a, "ar", TITLES["ar"], 1)
        a.export("pdf", tmp_path / "one.pdf")
        a.export("pdf", tmp_path / "two.pdf")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()
    assert _info(tmp_path / "one.pdf")["CreationDate"].startswith("2023-11-14T22:13:20")
    assert "Prepared 2023-11-14" in extracted(tmp_path / "one.pdf")


def test_a_bad_source_date_epoch_is_one_line(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from archive.errors import ArchiveError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with Archive.open(tmp_path / "a") as a, pytest.raises(ArchiveError, match="SOURCE_DATE"):
        a.export("pdf", tmp_path / "x.pdf")


def test_actor_briefing_with_an_arabic_name_reads_in_order(tmp_path: Path) -> None:
    """The cover title and the running header (drawn straight on the canvas) too."""
    with Archive.open(tmp_path / "a") as a:
        _document(a, "ar", TITLES["ar"], 1)
        a.export("pdf", tmp_path / "actor.pdf", actor=TITLES["ar"])
    pages = extracted(tmp_path / "actor.pdf", "-f", "2", "-l", "2")
    assert f"Actor briefing: {TITLES['ar']}" in pages  # the header of page 2
    assert TITLES["ar"] in extracted(tmp_path / "actor.pdf", "-l", "1")


# --- the rules, one by one ---------------------------------------------------------------

def _visual(text: str) -> str:
    """The line as drawn, a mirrored bracket shown as the glyph it draws."""
    drawn = "".join(t for t, _ in visual_order([(c, None) for c in text]))
    return "".join(MIRROR[extracted_text(ord(c))] if ord(c) >= 0xF0000 else c for c in drawn)


def test_a_date_after_an_isolated_arabic_title_stays_after_it() -> None:
    line = f"“{isolate('אב גד')}”. 2023-02-01. File"
    assert _visual(line) == "“דג בא”. 2023-02-01. File"


def test_a_line_that_starts_inside_a_wrapped_title_keeps_its_direction() -> None:
    """The second line of "Publisher · “<long Hebrew title>” · file x.txt", one isolate that
    starts left to right: the title's rest reads right to left, the file name stays after."""
    marked = isolate("Publisher · “אב גד הו” · file x.txt")  # one piece of text, as in esc()
    second_line = marked[marked.index("גד"):]  # wrapped after "אב "
    assert _visual(second_line) == "וה דג” · file x.txt"
    whole_rtl = isolate("אב גד הו")
    assert _visual(whole_rtl[whole_rtl.index("גד"):]) == "וה דג"


def test_numbers_in_right_to_left_text_keep_their_digits_and_brackets_mirror() -> None:
    assert _visual(isolate("אב 2,023 גד")) == "דג 2,023 בא"
    assert _visual(isolate("(אב) גד")) == "דג (בא)"


def test_left_to_right_text_is_untouched() -> None:
    for text in ("Facebook şəbəkəni sildi", "Фейсбук 2023", "脸书 2023 (Meta)"):
        assert _visual(isolate(text)) == text


def test_presentation_forms_extract_as_letters_ligatures_reversed_for_readers() -> None:
    assert extracted_text(0xFED3) == "\u0641"  # feh, initial form
    assert extracted_text(0xFEFB) == "\u0627\u0644"  # lam-alef: read back as lam, alef
    assert extracted_text(ord("A")) == "A"
    assert extracted_text(ord(mirrored("("))) == "("  # draws ")", reads "("
    lam_alef = join_arabic("لا")
    assert lam_alef == "\ufefb"


def test_chinese_runs_are_set_in_the_fallback_font() -> None:
    markup = briefing_script.markup("Meta 删除 network")
    assert markup == 'Meta <font name="AtlasCJK">删除 </font>network'  # no isolate: all LTR
    assert briefing_script.markup("Meta فيسبوك") == isolate(join_arabic("Meta فيسبوك"))
    assert briefing_script.markup("") == ""
    assert briefing_fonts.font_runs("朱镕基") == [("AtlasCJK", "朱镕基")]  # in no GB2312
    assert briefing_fonts.font_runs("가짜 계정 (假)") == [
        ("AtlasHangul", "가짜"), (None, " "), ("AtlasHangul", "계정"), (None, " ("),
        ("AtlasCJK", "假"), (None, ")")]  # the Hangul font has no space: DejaVu's
