"""Networks without figures, country lists spread one per network, confidence, languages.

Every text here is written for these tests, in the shapes real reports take.
"""

from __future__ import annotations

import json

import pytest

from archive.extract import extract_facts
from archive.extract.actors import actor_fault, valid_actor_name
from archive.facts import ABSTAIN_BELOW, REVIEW_THRESHOLD, Evidence, Fact, fact_confidence
from tests.archive.extract.conftest import CORPUS, SEED, keys, only_network

ROOT = CORPUS.parents[2]


def _origins(doc: object) -> list[set[str]]:
    return [keys(n, "country", "origin") for n in doc.networks]  # type: ignore[attr-defined]


def test_four_networks_from_four_countries_are_four_networks_with_one_origin_each() -> None:
    doc = extract_facts("The company also removed four networks, from Palestine, Poland, "
                        "Belarus and China, for coordinated inauthentic behaviour.")
    assert sorted(map(sorted, _origins(doc))) == [["BY"], ["CN"], ["PL"], ["PS"]]


def test_a_count_that_disagrees_with_the_list_distributes_nothing() -> None:
    doc = extract_facts("Meta said it removed three networks from Russia and Iran this week.")
    assert all(len(o) <= 2 for o in _origins(doc))
    assert len(doc.networks) != 2 or _origins(doc) != [{"RU"}, {"IR"}]


def test_summary_list_is_not_copied_onto_the_network_described_after_it() -> None:
    doc = extract_facts(
        "Twitter said the accounts belonged to five campaigns associated with five countries: "
        "Chile, Peru, Ghana, Kenya and Nepal.\n\n"
        "In Kenya, Twitter removed 310 accounts that cheered the ruling coalition.")
    kenya = [n for n in doc.networks if any(f.kind == "count" for f in n.facts)]
    assert len(doc.networks) == 5
    assert len(kenya) == 1 and keys(kenya[0], "country", "origin") == {"KE"}


def test_operations_named_without_figures_each_get_a_network() -> None:
    doc = extract_facts(
        "OpenAI said it had banned accounts tied to covert influence operations.\n\n"
        "Two Russian groups, known as \u201cGlass Hammer\u201d and \u201cPaper Lantern\u201d, "
        "targeted people in Moldova and Romania with posts on Telegram.\n\n"
        "An operation from Iran, which the company calls Quiet Harbor, wrote about Iraq.")
    by_name = {n.operation_name: n for n in doc.networks}
    assert set(by_name) == {"Glass Hammer", "Paper Lantern", "Quiet Harbor"}
    for name in ("Glass Hammer", "Paper Lantern"):
        assert keys(by_name[name], "country", "origin") == {"RU"}
        assert keys(by_name[name], "country", "target") == {"MD", "RO"}
    assert keys(by_name["Quiet Harbor"], "country", "origin") == {"IR"}


def test_domestic_operations_in_an_enumeration_target_their_own_country() -> None:
    doc = extract_facts("FACEBOOK SAYS FOUND TWO SEPARATE OPERATIONS ORIGINATING IN CHILE AND "
                        "PERU ENGAGING IN DOMESTIC-FOCUSED COORDINATED INAUTHENTIC BEHAVIOR "
                        "AND REMOVED THEM")
    pairs = sorted((min(keys(n, "country", "origin")), min(keys(n, "country", "target")))
                   for n in doc.networks)
    assert pairs == [("CL", "CL"), ("PE", "PE")]


def test_every_fact_has_a_confidence_and_weak_cues_are_less_sure() -> None:
    strong = only_network(extract_facts(
        "Meta removed 40 Facebook accounts that originated in Peru and targeted Chile."))
    weak = only_network(extract_facts(
        "Meta removed 40 Facebook accounts linked to Peru that sought to influence Chile."))
    for net in (strong, weak):
        assert all(ABSTAIN_BELOW <= fact_confidence(f.detail) <= 1 for f in net.facts)

    def conf(net: object, role: str) -> float:
        return next(fact_confidence(f.detail) for f in net.facts  # type: ignore[attr-defined]
                    if f.kind == "country" and f.role == role)

    assert conf(strong, "origin") > conf(weak, "origin")
    assert conf(strong, "target") > conf(weak, "target")
    assert conf(weak, "target") < REVIEW_THRESHOLD


@pytest.mark.parametrize(("text", "origin", "target", "counts"), [
    ("Twitter eliminó 4.258 cuentas falsas procedentes de Chile dirigidas contra Perú.",
     {"CL"}, {"PE"}, {"twitter_accounts": 4258}),
    ("Twitter suspendió unas 4 mil 258 cuentas que operaban desde Chile.",
     {"CL"}, set(), {"twitter_accounts": 4258}),
    ("Meta a supprimé 155 comptes Facebook et 9 groupes originaires de Chine ciblant le Japon.",
     {"CN"}, {"JP"}, {"facebook_accounts": 155, "facebook_groups": 9}),
    ("Компания Facebook удалила 120 аккаунтов и 14 страниц из Ирана, нацеленных на Ирак.",
     {"IR"}, {"IQ"}, {"facebook_accounts": 120, "facebook_pages": 14}),
    ("Meta удалила сеть из 41 аккаунта в Facebook и 9 страниц. Операция была организована из "
     "Китая и была направлена на пользователей в Израиле.", {"CN"}, {"IL"},
     {"facebook_accounts": 41, "facebook_pages": 9}),
    ("Meta удалила 1000 страниц и аккаунтов, которые управлялись из Франции и были направлены "
     "на Центральноафриканскую Республику.", {"FR"}, {"CF"}, {"combined_assets": 1000}),
    ("Meta eliminó 300 cuentas y páginas procedentes de Chile.", {"CL"}, set(),
     {"combined_assets": 300}),
    ("Facebook a supprimé 63 comptes liés à l'armée française qui visaient la Centrafrique et "
     "le Mali.", {"FR"}, {"CF", "ML"}, {"facebook_accounts": 63}),
])
def test_spanish_french_and_russian_cues(text: str, origin: set[str], target: set[str],
                                         counts: dict[str, int]) -> None:
    net = only_network(extract_facts(text))
    assert keys(net, "country", "origin") == origin
    assert keys(net, "country", "target") == target
    assert {f.key: f.value for f in net.facts if f.kind == "count"} == counts


@pytest.mark.parametrize(("text", "code"), [
    ("Meta ha eliminado una red de cuentas falsas que publicaba noticias inventadas sobre "
     "las elecciones y atacaba a periodistas independientes.", "es"),
    ("Meta a supprimé un réseau de faux comptes qui publiait de fausses nouvelles sur les "
     "élections et attaquait des journalistes indépendants.", "fr"),
    ("Компания удалила сеть фейковых аккаунтов, которые публиковали ложные новости о выборах "
     "и нападали на независимых журналистов.", "ru"),
    ("Компанія видалила мережу фейкових акаунтів, які публікували неправдиві новини про "
     "вибори та нападали на незалежних журналістів.", "uk"),
    ("Meta şirkəti seçkilər haqqında saxta xəbərlər yayan və müstəqil jurnalistlərə hücum "
     "edən saxta hesablar şəbəkəsini sildi.", "az"),
    ("أزالت الشركة شبكة من الحسابات المزيفة التي نشرت أخبارا كاذبة عن الانتخابات وهاجمت "
     "صحفيين مستقلين.", "ar"),
    ("该公司删除了一个虚假账户网络，这些账户发布有关选举的虚假新闻并攻击独立记者。", "zh"),
    ("A empresa removeu uma rede de contas falsas que publicava notícias inventadas sobre as "
     "eleições e atacava jornalistas independentes.", "pt"),
])
def test_document_language_is_recognised(text: str, code: str) -> None:
    assert extract_facts(text).language == code


def test_unsupported_language_yields_no_facts_and_says_so() -> None:
    doc = extract_facts("A Meta removeu 120 contas falsas do Brasil que tinham como alvo "
                        "eleitores em Portugal durante a campanha eleitoral.")
    assert doc.language == "pt"
    assert doc.networks == []
    assert doc.warnings == ["facts not extracted: language not supported yet (pt)"]


@pytest.mark.parametrize("name", ["U", "Our", "As", "their cloud account", "(INC) IT Cell",
                                  "Russian consulting firm", "the government", "They",
                                  "Iran based actors to promote propaganda"])
def test_junk_actor_names_are_refused(name: str) -> None:
    assert not valid_actor_name(name)


@pytest.mark.parametrize("name", ["Archimedes Group", "Saudi government", "Belarusian KGB",
                                  "Royal Thai Army", "CLS Strategies", "RT", "STOIC"])
def test_real_actor_names_are_kept(name: str) -> None:
    assert valid_actor_name(name)


def _every_corpus_text() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts.append(SEED.read_text(encoding="utf-8", errors="replace"))
    from archive.limits import DEFAULT_LIMITS
    from archive.parsing import parse_bytes
    from archive.records import SourceFile

    for p in sorted((ROOT / "resources" / "samples").iterdir()):
        texts.append(parse_bytes(SourceFile(p.name, p.read_bytes()), DEFAULT_LIMITS).text)
    return texts


def test_no_actor_in_any_corpus_is_a_pronoun_letter_fragment_or_quote_speaker() -> None:
    texts = _every_corpus_text()
    assert len(texts) > 60
    seen = 0
    for text in texts:
        for net in extract_facts(text).networks:
            for f in net.facts:
                if f.kind != "actor":
                    continue
                seen += 1
                assert actor_fault(f) is None, (f.key, actor_fault(f))
    assert seen > 20  # the property was tested on real extractions, not on nothing


def test_export_evidence_carries_confidence_and_networks_need_review(tmp_path: object) -> None:
    from pathlib import Path

    from archive import Archive

    base = Path(str(tmp_path))
    src = base / "weak.txt"
    src.write_text("Meta removed 40 Facebook accounts linked to Peru that sought to influence "
                   "Chile.\n", encoding="utf-8")
    with Archive.open(base / "a") as arch:
        arch.import_paths([src])
        out = base / "out.json"
        arch.export_json(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    net = data["documents"][0]["networks"][0]
    assert net["needs_review"] is True
    assert all(0 <= ev["confidence"] <= 1 for ev in net["evidence"])
    assert any(ev["confidence"] < REVIEW_THRESHOLD for ev in net["evidence"])


def test_russian_enumeration_with_case_forms() -> None:
    doc = extract_facts("Meta удалила три сети из Египта, Китая и Израиля за координированное "
                        "недостоверное поведение.")
    assert sorted(map(sorted, _origins(doc))) == [["CN"], ["EG"], ["IL"]]


@pytest.mark.parametrize(("text", "langs"), [
    ("Facebook удалил 214 аккаунтов из России. Они размещали сообщения на многих языках, "
     "включая английский, украинский, русский и арабский.", {"en", "uk", "ru", "ar"}),
    ("Meta eliminó 50 cuentas de Rusia que publicaban mensajes en inglés, ruso y árabe.",
     {"en", "ru", "ar"}),
    ("Meta a supprimé 40 comptes russes qui publiaient en anglais et en russe.", {"en", "ru"}),
])
def test_languages_named_in_spanish_french_and_russian(text: str, langs: set[str]) -> None:
    assert keys(only_network(extract_facts(text)), "language") == langs


def test_hedging_is_not_posing_and_the_seed_impersonates_no_one() -> None:
    seed = only_network(extract_facts(SEED.read_text(encoding="utf-8", errors="replace")))
    assert keys(seed, "country", "impersonated") == set()
    assert keys(seed, "country", "origin") == {"AZ"}
    posing = only_network(extract_facts(
        "Meta removed 30 Facebook accounts from Iran that posed as journalists in Iraq."))
    assert keys(posing, "country", "impersonated") == {"IQ"}


def test_a_previously_unreported_operation_is_new() -> None:
    doc = extract_facts("We disrupted covert influence operations.\n\nA previously unreported "
                        "operation from Russia, which we dubbed Paper Lantern, targeted Moldova. "
                        "We banned the accounts involved.")
    assert [n.operation_name for n in doc.networks] == ["Paper Lantern"]


def test_itemised_figures_are_one_network_each() -> None:
    doc = extract_facts("Twitter suspended accounts tied to state-backed operations.\n\n"
                        "It disclosed 610 accounts from four countries: 300 from Chile, "
                        "200 from Peru, 100 from Ghana and 10 from Nepal.")
    got = sorted((min(keys(n, "country", "origin")),
                  next(f.value for f in n.facts if f.kind == "count")) for n in doc.networks)
    assert got == [("CL", 300), ("GH", 100), ("NP", 10), ("PE", 200)]


@pytest.mark.parametrize("verb", ["primarily singled out", "mostly courted", "then approached"])
def test_targets_after_a_relative_clause_are_not_origins(verb: str) -> None:
    net = only_network(extract_facts(
        f"Meta said it removed 40 Facebook accounts. The network, which originated in Chile, "
        f"{verb} Peru, Bolivia and Ecuador."))
    assert keys(net, "country", "origin") == {"CL"}
    assert keys(net, "country", "origin") & {"PE", "BO", "EC"} == set()


def test_a_state_actor_gives_the_origin_the_text_leaves_out() -> None:
    net = only_network(extract_facts(
        "Twitter removed 926 accounts. It said the accounts were linked to the Royal Thai Army."))
    assert keys(net, "country", "origin") == {"TH"}
    assert all(f.detail["confidence"] < 0.8 for f in net.facts if f.role == "origin")


def test_of_them_with_a_demonym_is_a_network_of_its_own() -> None:
    doc = extract_facts("YouTube terminated about 9,000 channels this quarter. More than 6,000 of "
                        "them were Chilean, and the rest belonged to smaller campaigns.")
    chile = [n for n in doc.networks if keys(n, "country", "origin") == {"CL"}]
    assert len(chile) == 1
    assert {f.key: f.value for f in chile[0].facts if f.kind == "count"} == {"youtube_channels": 6000}


@pytest.mark.parametrize(("text", "actor"), [
    ("Meta removed 30 accounts created by Brightline Communications, a PR agency.",
     "Brightline Communications"),
    ("Meta removed 30 accounts. The network was set up by the Zeta Agency last year.",
     "Zeta Agency"),
    ("Meta removed 30 accounts linked to Indian digital marketing firm aLine Global.",
     "aLine Global"),
    ("Meta removed 30 accounts tied to employees of the Nigerian firm Xtra Media.", "Xtra Media"),
    ("Meta eliminó 30 cuentas de Facebook vinculadas a la empresa de relaciones públicas Lumbre.",
     "Lumbre"),
    ("Facebook удалил 30 аккаунтов, связанных с компанией «Медиасфера».", "Медиасфера"),
    ("Meta removed 30 accounts. They belonged to a Chilean company, Andes Deep Research.",
     "Andes Deep Research"),
    ("Meta removed 30 accounts associated with the ruling Justice and Unity Party (JUP).",
     "Justice and Unity Party (JUP)"),
])
def test_attribution_wordings(text: str, actor: str) -> None:
    assert keys(only_network(extract_facts(text)), "actor", "attributed") == {actor}


def test_a_takedown_from_three_countries_at_once_is_three_networks() -> None:
    doc = extract_facts("Twitter suspended 900 accounts that originated in Chile, Peru and Ghana "
                        "for platform manipulation.")
    assert sorted(map(sorted, _origins(doc))) == [["CL"], ["GH"], ["PE"]]
    assert not any(f.kind == "count" for n in doc.networks for f in n.facts)  # 900 is their total


@pytest.mark.parametrize("text", [
    "Facebook удалил 40 аккаунтов из Ирана, рассчитанных на аудиторию Израиля.",
    "Meta a supprimé 40 comptes iraniens qui s'adressaient au public israélien.",
    "Meta eliminó 40 cuentas de Irán que buscaban influir en la opinión pública de Israel.",
])
def test_audiences_in_russian_french_and_spanish(text: str) -> None:
    net = only_network(extract_facts(text))
    assert keys(net, "country", "origin") == {"IR"}
    assert keys(net, "country", "target") == {"IL"}



def test_a_platform_report_is_published_by_the_platform_that_speaks() -> None:
    doc = extract_facts("This bulletin includes campaigns terminated on our platforms.\n\n"
                        "We terminated 12 YouTube channels linked to Russia. We received leads "
                        "from Meta that supported us in this investigation.\n\n"
                        "We terminated 8 YouTube channels linked to Iran, similar to findings "
                        "reported by Meta.")
    assert doc.publisher == "Google Threat Analysis Group"


@pytest.mark.parametrize(("text", "published"), [
    ("BAKU, Aug 29 (Reuters) - Meta said it removed 40 accounts.", None),
    ("BAKU, Aug 29 (Reuters) - Meta said in 2020 it removed 40 accounts.", "2020-08-29"),
])
def test_a_dateline_takes_its_year_from_the_text_never_a_default(text: str,
                                                                 published: str | None) -> None:
    assert extract_facts(text).published == published


@pytest.mark.parametrize(("name", "written", "quote", "fault"), [
    ("They", None, None, "pronoun"), ("X", None, None, "single letter"),
    ("Party (AKP", None, None, "fragment"), ("the government", None, None, "invalid name"),
    ("Ben Nimmo", "Ben Nimmo", "... linked to Ben Nimmo said on Friday", "speaker of a quote"),
    ("Archimedes Group", None, "run by Archimedes Group, a firm", None),
])
def test_actor_fault_names_each_kind(name: str, written: str | None, quote: str | None,
                                     fault: str | None) -> None:
    evidence = Evidence(0, len(quote), quote) if quote is not None else None
    detail = {"as_written": written} if written else {}
    assert actor_fault(Fact("actor", name, None, None, "attributed", detail, evidence)) == fault
