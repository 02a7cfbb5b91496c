"""Session 8 rules against networks, origins and targets that are not there (the texts are
ours): a story's news peg ("It comes a week after ...") is another event; the topics a
network focused on, and where watchers' attention went, are no targets; "domestic
politics" is a topic, not a domestic audience; a figure network whose own sentence names
two listed countries together is their one unit; earlier takedowns told one after another
are no networks; a person given a name is no operation."""

from __future__ import annotations

from archive.extract import extract_facts
from archive.extract.countries import find_places
from archive.extract.gazetteer import scan
from archive.extract.vocab import find_operations


def _roles(s: str) -> dict[str, str]:
    return {p.key: p.role for p in find_places(s, 0, scan(s), s)}


def _countries(doc: object, role: str) -> list[set[str]]:
    return [{f.key for f in n.facts if f.kind == "country" and f.role == role}
            for n in doc.networks]  # type: ignore[attr-defined]


def test_the_news_peg_gives_the_network_no_places() -> None:
    doc = extract_facts(
        "Meta removed 310 Facebook accounts that originated in Peru and targeted Chile.\n\n"
        "It comes a week after Bolivia accused Argentina of running a years-long campaign "
        "aimed at undermining Brazilian democracy.")
    assert _countries(doc, "origin") == [{"PE"}]
    assert _countries(doc, "target") == [{"CL"}]


def test_the_news_peg_in_french_and_spanish() -> None:
    for peg in ("Cette annonce intervient deux jours après une campagne visant le Chili.",
                "Esto se produce después de una campaña dirigida contra Chile."):
        doc = extract_facts("Meta removed 310 Facebook accounts that originated in Peru.\n\n"
                            + peg)
        assert _countries(doc, "target") == [set()], peg


def test_a_sentence_about_the_network_still_gives_its_target() -> None:
    doc = extract_facts(
        "Meta removed 310 Facebook accounts that originated in Peru.\n\n"
        "The move targeted a network that had focused on Chile.")
    assert _countries(doc, "target") == [{"CL"}]


def test_topics_a_network_focused_on_are_no_targets() -> None:
    assert _roles("The accounts focused on issues such as the Gaza conflict and the Peruvian "
                  "election.").get("PS") != "target"
    assert _roles("The accounts focused on audiences in Chile.") == {"CL": "target"}


def test_where_attention_focused_is_no_target() -> None:
    assert "CL" not in _roles("Much of the team's attention has focused on Chile.")
    assert _roles("The network focused on Chile.") == {"CL": "target"}


def test_domestic_politics_as_a_topic_makes_no_domestic_target() -> None:
    doc = extract_facts(
        "Meta removed 310 Facebook accounts that originated in Peru.\n\n"
        "They posted about topics like the economy and domestic politics.")
    assert _countries(doc, "target") == [set()]


def test_domestic_audiences_still_make_a_domestic_target() -> None:
    doc = extract_facts(
        "Meta removed 310 Facebook accounts that originated in Peru.\n\n"
        "They targeted domestic audiences.")
    assert _countries(doc, "target") == [{"PE"}]


def test_the_country_of_a_research_body_is_no_origin() -> None:
    for s in ("The review was done with Lumen Labs, a Canadian group specialised in counter- "
              "disinformation work.",
              "Canadian cybersecurity firm Lumen Labs traced the accounts.",
              "The accounts were found by Lumen Labs, a Canada-based research group.",
              "Según la firma de ciberseguridad canadiense Lumen Labs, las cuentas eran falsas."):
        assert _roles(s).get("CA") != "origin", s


def test_the_country_of_a_firm_that_ran_the_network_stays_its_origin() -> None:
    assert _roles("The accounts were linked to Lumen Labs, a Canadian marketing firm.") == {
        "CA": "origin"}
    assert _roles("The accounts were run by a Canadian marketing firm.") == {"CA": "origin"}


def test_a_network_from_a_research_body_description_is_not_made() -> None:
    doc = extract_facts(
        "Meta removed 310 Facebook accounts in Peru that targeted domestic audiences.\n\n"
        "The inquiry into accounts linked to Peru was run with Lumen Labs, a Canadian group "
        "specialised in counter-disinformation campaigns.")
    assert _countries(doc, "origin") == [{"PE"}]


_LISTED_THEN_TOLD = (
    "Twitter suspended thousands of accounts in Peru, Chile, Bolivia and Ecuador linked to "
    "several governments.\n\n"
    "It said it removed 310 accounts originating in Peru and Chile that praised the mining "
    "ministry.\n\n"
    "The company also suspended 90 accounts that operated from Bolivia.\n\n"
    "In Ecuador, Twitter removed 45 accounts that pushed the ruling party.")


def test_figures_from_two_listed_countries_together_are_one_network() -> None:
    doc = extract_facts(_LISTED_THEN_TOLD)
    assert sorted(map(sorted, _countries(doc, "origin"))) == [["BO"], ["CL", "PE"], ["EC"]]


def test_figures_given_one_per_listed_country_stay_apart() -> None:
    doc = extract_facts(_LISTED_THEN_TOLD.replace(
        "310 accounts originating in Peru and Chile", "310 accounts from Peru, 120 from Chile"))
    assert ["CL", "PE"] not in [sorted(o) for o in _countries(doc, "origin")]


def test_earlier_takedowns_told_one_after_another_are_no_networks() -> None:
    doc = extract_facts(
        "YouTube has taken down 1,400 channels tied to a Peruvian influence operation, Google "
        "said on Tuesday.\n\n"
        "The channels mostly uploaded spam about football.\n\n"
        "Last August, Google deleted more than 2,500 YouTube channels tied to Chile. A few "
        "weeks later, YouTube disabled another 210 channels around the Bolivian protests.")
    assert len(doc.networks) == 1
    assert _countries(doc, "origin") == [{"PE"}]


def test_a_takedown_told_weeks_after_the_main_one_stays_a_network() -> None:
    doc = extract_facts(
        "YouTube has taken down 1,400 channels tied to a Peruvian influence operation.\n\n"
        "A few weeks later, YouTube disabled another 210 channels linked to Chile.")
    assert len(doc.networks) == 2


def _operations(s: str) -> list[str]:
    return [h.key for h in find_operations(s, 0, scan(s))]


def test_a_person_given_a_name_is_no_operation() -> None:
    assert _operations("That effort led a forum moderator from Ohio named Sam Ortiz and a few "
                       "volunteers to look into the campaign.") == []
    assert _operations("Un periodista llamado Tomás Vera siguió la campaña.") == []


def test_an_operation_given_a_name_is_still_one() -> None:
    assert _operations("The company removed a network of accounts, an operation named Blue "
                       "Harbor, that targeted Chile.") == ["Blue Harbor"]
    assert _operations("A researcher dubbed the campaign “Blue Harbor”.") == ["Blue Harbor"]
    assert _operations("Researchers at Graphika named the campaign Blue Harbor.") == [
        "Blue Harbor"]
    assert _operations("An analyst at Graphika named the operation Blue Harbor.") == [
        "Blue Harbor"]


def test_the_larger_network_a_takedown_sat_in_is_no_network() -> None:
    doc = extract_facts(
        "Twitter said it removed 2,140 accounts tied to a state-backed operation in Peru.\n\n"
        "These accounts were the core of a much larger network of more than 61,000 accounts "
        "that posted spam on many topics.")
    assert len(doc.networks) == 1
    assert {f.value for f in doc.networks[0].facts if f.kind == "count"} == {2140}


def test_what_the_platform_also_did_back_then_is_no_network() -> None:
    doc = extract_facts(
        "Meta said it removed 89 Facebook accounts, 107 Pages and five Instagram accounts run "
        "from Peru.\n\n"
        "Over the next four months, Meta would go on to remove more than 570 Pages. They also "
        "closed at least 15 accounts on Instagram.")
    assert len(doc.networks) == 1
    assert {f.value for f in doc.networks[0].facts if f.key == "instagram_accounts"} == {5}


def test_also_after_the_current_takedown_stays_its_own() -> None:
    doc = extract_facts(
        "Meta said it removed 89 Facebook accounts and 107 Pages run from Peru.\n\n"
        "It also removed 40 Facebook accounts run from Chile.")
    assert len(doc.networks) == 2


def test_the_platforms_other_takedowns_give_the_network_no_origin() -> None:
    doc = extract_facts(
        "Twitter said it removed 310 accounts run from Peru.\n\n"
        "Twitter's other suspensions in the region have tended to focus on accounts linked to "
        "the Chilean government.")
    assert _countries(doc, "origin") == [{"PE"}]


def test_a_comparison_in_spanish_or_french_gives_no_origin() -> None:
    for text in ("Meta eliminó 310 cuentas operadas desde Perú.\n\nSegún un analista, los "
                 "mensajes se parecen mucho a una conocida operación chilena.",
                 "Meta a supprimé 310 comptes gérés depuis le Pérou.\n\nSelon un chercheur, les "
                 "messages ressemblent beaucoup à une campagne chilienne."):
        assert _countries(extract_facts(text), "origin") == [{"PE"}], text


def test_a_persons_legal_record_gives_no_places() -> None:
    roles = _roles("The accounts were linked to a Chilean businessman, Tomás Vera, who has been "
                   "charged in Peru over a campaign targeting the 2021 Bolivian election.")
    assert roles.get("CL") == "origin"
    assert roles.get("PE") != "origin" and roles.get("BO") != "target"


def test_a_relative_clause_about_the_network_keeps_its_target() -> None:
    assert _roles("The accounts, which targeted Peru, were removed.") == {"PE": "target"}


def test_two_countries_joined_before_relations_are_a_topic() -> None:
    roles = _roles("The accounts posed as Americans to influence US politics and Peru-Chile "
                   "relations.")
    assert roles.get("PE") == "topic" and roles.get("CL") == "topic"
    assert _roles("The accounts focused on the Russia-Ukraine war.") == {"RU": "topic",
                                                                          "UA": "topic"}


def test_a_hyphenated_origin_is_not_a_pair() -> None:
    assert _roles("The campaign targeted Chile-based journalists.").get("CL") != "topic"
    assert _roles("Meta removed a Peru-based network.") == {"PE": "origin"}


def test_an_invaded_country_or_the_invader_is_a_topic() -> None:
    assert _roles("The network targeted users in Germany with content on the invasion of "
                  "Ukraine.") == {"DE": "target", "UA": "topic"}
    assert _roles("The operation targeted Ukraine after the full-scale invasion by "
                  "Russia.") == {"UA": "target", "RU": "topic"}


def test_who_tells_the_story_is_no_origin() -> None:
    assert _roles("The accounts targeted users in Canada, according to the UK government.") == {
        "CA": "target"}
    assert "GB" not in _roles("British officials said the accounts were run from Iran.")
    assert _roles("British officials said the accounts were run from Iran.").get("IR") == "origin"


def test_the_platforms_own_country_is_no_origin() -> None:
    assert _roles("Meta, the U.S.-based tech giant, removed 50 accounts from Iran.") == {
        "IR": "origin"}
    assert "US" not in _roles("The American company said it removed 50 accounts linked to Iran.")


def test_a_company_that_ran_the_network_keeps_its_origin() -> None:
    assert _roles("The accounts were run by the Israeli company Archimedes Group.") == {
        "IL": "origin"}
    assert _roles("The accounts were run by the Israeli company, which denied it.") == {
        "IL": "origin"}


def test_campaigns_listed_by_where_they_aimed_are_aimed_there() -> None:
    doc = extract_facts(
        "TikTok said it removed a network of 16 accounts operated from Peru that targeted users "
        "in Ecuador.\n\n"
        "The report also describes influence campaigns in Chile, Bolivia and Uruguay, among "
        "others, that tried to sway politics.")
    by = sorted((sorted(o), sorted(t)) for o, t in zip(
        _countries(doc, "origin"), _countries(doc, "target"), strict=True))
    assert by == [([], ["BO"]), ([], ["CL"]), ([], ["UY"]), (["PE"], ["EC"])]


def test_counted_networks_listed_by_country_are_from_there() -> None:
    doc = extract_facts("Meta removed 3 networks engaged in foreign interference in Chile, "
                        "Bolivia and Uruguay.")
    assert sorted(map(sorted, _countries(doc, "origin"))) == [["BO"], ["CL"], ["UY"]]


def test_a_countrys_intelligence_as_a_source_is_no_origin() -> None:
    assert "US" not in _roles("The removal follows U.S. intelligence agencies' findings that "
                              "Russia sought to sway the vote.")
    assert "US" not in _roles("The takedown came after a US intelligence assessment that Iran "
                              "ran the accounts.")


def test_accounts_linked_to_a_countrys_intelligence_keep_the_origin() -> None:
    assert _roles("The accounts were linked to Iranian intelligence officials.") == {
        "IR": "origin"}
    assert _roles("Iranian intelligence services ran the accounts.") == {"IR": "origin"}


def test_similar_patterns_in_an_earlier_report_are_no_networks() -> None:
    doc = extract_facts(
        "Google said it terminated 400 YouTube channels linked to Peru in the quarter.\n\n"
        "Coverage of the previous bulletin showed similar patterns of state-backed influence "
        "operations, particularly from Chile and Bolivia.")
    assert _countries(doc, "origin") == [{"PE"}]


_BOUND_THEN_EXACT = (
    "Over 1,000 accounts located in Peru were part of a state-backed campaign, Twitter said.\n\n"
    "Twitter also said it removed 764 accounts located in Peru during the protests.\n\n"
    "Additionally, we have removed 1,196 accounts located in Peru which appear to be engaged in "
    "a state-backed influence campaign.")


def test_a_round_lower_bound_then_the_exact_figure_are_one_network() -> None:
    doc = extract_facts(_BOUND_THEN_EXACT)
    assert sorted(c.get("twitter_accounts", 0) for c in (
        {f.key: f.value for f in n.facts if f.kind == "count"} for n in doc.networks)) == [764, 1196]


def test_a_figure_far_above_the_bound_is_another_network() -> None:
    doc = extract_facts(_BOUND_THEN_EXACT.replace("1,196", "1,900"))
    assert len(doc.networks) == 3


def test_operations_named_as_examples_are_no_networks() -> None:
    doc = extract_facts(
        "Meta said it took down 310 accounts of a Peruvian network.\n\n"
        "Researchers compare it with other campaigns such as Spamouflage or Ghostwriter.")
    assert len(doc.networks) == 1


def test_a_place_after_the_legal_aside_has_ended_keeps_its_role() -> None:
    roles = _roles("The accounts, linked to Tomás Vera, who was charged last year, targeted "
                   "Bolivia.")
    assert roles.get("BO") == "target"
