"""Shapes of AI-company reports and their retellings (the texts are ours): "others were
linked to ..." after a count, an election named by its country, case studies whose heading
lines give the origin, the name and the targets."""

from __future__ import annotations

from archive.extract import extract_facts
from tests.archive.extract.conftest import keys


def _origins(doc: object) -> list[list[str]]:
    return sorted(sorted(keys(n, "country", "origin")) for n in doc.networks)  # type: ignore[attr-defined]


def test_the_others_after_a_count_are_one_unit_per_country() -> None:
    doc = extract_facts(
        "The lab said it had disrupted nine operations that abused its chatbot this spring. "
        "Three of them probably came from Laos, it said.\n\n"
        "Others were linked to Peru, Chile and Nepal.")
    assert _origins(doc) == [["CL"], ["NP"], ["PE"]]


def test_others_without_a_count_before_them_are_not_units() -> None:
    doc = extract_facts("The lab banned accounts run from Laos. Others were linked to Peru "
                        "and Chile, researchers claimed.")
    assert _origins(doc) == [["LA"]]


def test_an_election_named_by_its_country_is_the_target() -> None:
    doc = extract_facts("The company banned accounts of one operation run from Peru that "
                        "targeted voters in Chile's election.")
    (net,) = doc.networks
    assert keys(net, "country", "origin") == {"PE"}
    assert keys(net, "country", "target") == {"CL"}
    ahead = extract_facts("The company banned accounts of a network from Peru that posted "
                          "memes ahead of Chile's referendum.")
    assert keys(ahead.networks[0], "country", "target") == {"CL"}


def test_a_country_president_named_by_possessive_stays_a_topic() -> None:
    doc = extract_facts("The company banned accounts of a network from Peru that mocked "
                        "Chile's president.")
    (net,) = doc.networks
    assert keys(net, "country", "target") == set()


def test_case_headings_give_origin_and_name() -> None:
    doc = extract_facts(
        "Stopping abuse of our models\n\n"
        'Covert IO: Operation "Paper Lantern"\n'
        "Likely Laos origin\n\n"
        "We banned accounts that wrote comments about dams and posted them to forums.\n\n"
        'Covert IO: "Salt Road"\n'
        "Peru origin\n\n"
        "We banned a handful of accounts that generated articles for a website.\n\n"
        "Task scam\n"
        "Likely Nepal origin\n\n"
        "We banned accounts that translated messages for a recruitment scam.\n")
    got = [(sorted(keys(n, "country", "origin")), n.operation_name) for n in doc.networks]
    assert got == [(["LA"], "Paper Lantern"), (["PE"], "Salt Road"), (["NP"], None)]


def test_labelled_case_lines_give_origin_targets_and_name() -> None:
    doc = extract_facts(
        "Quarterly note\n\n"
        "Operation name: Grey Kettle\n"
        "Origin: Peru\n"
        "Targets: Chile, Bolivia\n\n"
        "Summary: We banned a cluster of accounts that wrote posts about mining.\n\n"
        "Operation name: Blue Ferry\n"
        "Origin: Nepal\n\n"
        "Summary: A marketing firm used the models to write comments for a news site.\n")
    got = [(sorted(keys(n, "country", "origin")), sorted(keys(n, "country", "target")),
            n.operation_name) for n in doc.networks]
    assert got == [(["PE"], ["BO", "CL"], "Grey Kettle"), (["NP"], [], "Blue Ferry")]


def test_one_case_heading_alone_makes_no_list() -> None:
    doc = extract_facts("Notes from the field\n\nLikely Peru origin\n\n"
                        "Researchers described posts about mining.\n")
    assert doc.networks == []


def test_one_country_per_sentence_after_a_lead_naming_several() -> None:
    from tests.archive.extract.conftest import counts

    doc = extract_facts(
        "Twitter said it suspended networks of accounts in Peru, Nepal and Chile.\n\n"
        "In Peru, 276 accounts praised the mayor. The Nepal network, with 71 accounts, "
        "targeted India. In Chile, 8,558 accounts boosted a senator.")
    got = sorted((sorted(keys(n, "country", "origin")), counts(n).get("twitter_accounts"))
                 for n in doc.networks)
    assert got == [(["CL"], 8558), (["NP"], 71), (["PE"], 276)]


def test_a_disclosed_figure_is_the_removed_figure_but_not_the_archive_total() -> None:
    from tests.archive.extract.conftest import counts

    doc = extract_facts("Twitter disclosed 4,169 accounts that originated in Laos.")
    (net,) = doc.networks
    assert counts(net) == {"twitter_accounts": 4169} and keys(net, "country", "origin") == {"LA"}
    total = extract_facts("Twitter disclosed 32,242 accounts in its archive of state-linked "
                          "operations. It removed 40 accounts run from Laos.")
    (one,) = total.networks  # (the archive's total is no network of its own)
    assert keys(one, "country", "origin") == {"LA"}


def test_a_unit_introduced_with_its_origin_is_a_network_far_from_the_takedown_verb() -> None:
    doc = extract_facts(
        "An update on a research report and our site\n\n"
        "Last week, a research firm announced the discovery of a suspected influence operation "
        "originating in Laos and linked to several websites. When we learned of it, we began "
        "looking for the sites here. We also spoke with other companies. The work goes on.\n\n"
        "  • To date, we have found 40 accounts we believe to be connected to this group.\n"
        "  • The group focused on dams and on the river.\n"
        "  • None of these accounts placed any ads.\n"
        "  • A third of them were banned before this investigation began.\n")
    assert _origins(doc) == [["LA"]]


def test_a_unit_told_as_history_is_no_network() -> None:
    doc = extract_facts(
        "An update on our site\n\nSince 2019 a research firm has tracked a suspected influence "
        "operation originating in Laos. We spoke with other companies. The work goes on.\n\n"
        "  • A third of the accounts were banned before this investigation began.\n")
    assert _origins(doc) == []


def test_a_network_compared_with_gives_no_places() -> None:
    doc = extract_facts("Meta removed 40 Facebook accounts run from Peru. The accounts were "
                        "similar to a network from Laos that the company took down before.")
    assert _origins(doc) == [["PE"]]


def _actors(doc: object) -> list[list[tuple[str, str]]]:
    return [sorted((f.key, f.role) for f in n.facts if f.kind == "actor")
            for n in doc.networks]  # type: ignore[attr-defined]


def test_a_descriptor_before_an_actors_name_is_not_part_of_it() -> None:
    doc = extract_facts("TikTok said it removed 40 profiles associated with the Peruvian media "
                        "companies Vesna Media and Polar News.")
    assert _actors(doc) == [[("Polar News", "attributed"), ("Vesna Media", "attributed")]]
    paper = extract_facts("Meta removed 40 Facebook accounts with deep links to Chilean newspaper "
                          "Al Marsad.")
    assert _actors(paper) == [[("Al Marsad", "attributed")]]


def test_the_mayor_of_a_town_is_no_actor_but_the_firm_after_as_well_as_is() -> None:
    doc = extract_facts("Meta removed 40 Facebook accounts linked to the mayor of Puerto Azul "
                        "as well as to the public relations firm Sombra Azul.")
    assert _actors(doc) == [[("Sombra Azul", "attributed")]]


def test_a_retelling_of_a_quarterly_report_keeps_each_networks_targets() -> None:
    doc = extract_facts(
        "Meta said on Wednesday it had removed five covert influence operations in the first "
        "quarter, originating in Peru, Laos, Nepal, Chile and Bolivia.\n\n"
        "The largest, from Laos, included 80 Facebook accounts and 26 Pages and targeted "
        "domestic audiences. A network in Peru, with 29 Facebook accounts, posed as journalists "
        "to reach people in Ecuador.\n\n"
        "The company also removed 12 accounts from Nepal that targeted India, and a Chilean "
        "network focused on Argentina.")
    got = {next(iter(keys(n, "country", "origin"))): sorted(keys(n, "country", "target"))
           for n in doc.networks}
    assert got == {"LA": ["LA"], "PE": ["EC"], "NP": ["IN"], "CL": ["AR"], "BO": []}


def test_figures_in_brackets_with_their_unit_are_items() -> None:
    from tests.archive.extract.conftest import counts

    doc = extract_facts("Google said it terminated 90 YouTube channels in the quarter. Sets were "
                        "linked to Peru (45 channels), Laos (12 channels) and Nepal (3 channels).")
    got = sorted((sorted(keys(n, "country", "origin")), counts(n).get("youtube_channels"))
                 for n in doc.networks if keys(n, "country", "origin"))
    assert got == [(["LA"], 12), (["NP"], 3), (["PE"], 45)]


def test_figures_of_two_kinds_each_with_its_origin_are_two_units() -> None:
    from tests.archive.extract.conftest import counts

    doc = extract_facts("Google said that among the takedowns were 14 YouTube channels connected "
                        "to a Peruvian campaign that posted about mining, and 2 Blogger blogs run "
                        "from Laos that supported the ruling party.")
    got = sorted((sorted(keys(n, "country", "origin")), counts(n)) for n in doc.networks)
    assert got == [(["LA"], {"blogger_blogs": 2}), (["PE"], {"youtube_channels": 14})]
    one = extract_facts("Google terminated 6 YouTube channels and 2 ad accounts linked to Laos.")
    assert len(one.networks) == 1


def test_the_bulk_and_the_others_after_a_takedown_are_units() -> None:
    doc = extract_facts("The company removed nearly 5,000 YouTube channels in the quarter. The "
                        "bulk were tied to Peru, while others were traced to Laos and Nepal.")
    assert _origins(doc) == [["LA"], ["NP"], ["PE"]]


def test_figures_in_addition_to_an_earlier_announced_takedown_are_not_a_network() -> None:
    from tests.archive.extract.conftest import counts

    doc = extract_facts("Twitter removed 259 accounts run by a party in Peru. These deletions "
                        "are in addition to more than 200,000 Laotian accounts whose suspension "
                        "the company already announced in August.")
    assert [(sorted(keys(n, "country", "origin")), counts(n)) for n in doc.networks] == [
        (["PE"], {"twitter_accounts": 259})]


def test_two_sets_of_accounts_each_from_a_place_are_two_units() -> None:
    doc = extract_facts("The lab said it had banned accounts from Laos that posed as job seekers, "
                        "and accounts operating from Peru that posted comments praising the mayor.")
    assert _origins(doc) == [["LA"], ["PE"]]


def test_people_in_a_place_who_ran_the_operation_are_its_origin() -> None:
    doc = extract_facts("The lab banned several accounts this quarter. In one case, accounts "
                        "linked to the Laotian government drafted plans for a monitoring tool. In "
                        "another, users in Nepal ran a task scam that targeted people in Peru.")
    got = sorted((sorted(keys(n, "country", "origin")), sorted(keys(n, "country", "target")))
                 for n in doc.networks)
    assert got == [(["LA"], []), (["NP"], ["PE"])]


def test_a_second_network_in_french_and_spanish_is_its_own() -> None:
    fr = extract_facts("Meta a supprimé 40 comptes Facebook et 12 pages liés à un réseau basé au "
                       "Pérou qui ciblait l'Équateur. Un second réseau, originaire du Laos, visait "
                       "la Thaïlande.")
    es = extract_facts("Meta eliminó 40 cuentas de Facebook vinculadas a una red de Perú. Otra "
                       "red, con sede en Laos, tenía como objetivo a Tailandia.")
    for doc in (fr, es):
        got = sorted((sorted(keys(n, "country", "origin")), sorted(keys(n, "country", "target")))
                     for n in doc.networks)
        assert [o for o, _t in got] == [["LA"], ["PE"]] and got[0][1] == ["TH"]


def test_a_part_named_after_a_count_of_units_keeps_its_figure() -> None:
    from tests.archive.extract.conftest import counts

    doc = extract_facts("TikTok said it removed 15 influence operations in the quarter, including "
                        "a network of 52 accounts operated from Peru and another of 16 accounts "
                        "based in Laos that targeted Thailand.")
    got = sorted((sorted(keys(n, "country", "origin")), counts(n)) for n in doc.networks)
    assert got == [(["LA"], {"tiktok_accounts": 16}), (["PE"], {"tiktok_accounts": 52})]


def test_the_one_in_a_country_gets_its_own_target() -> None:
    doc = extract_facts("Meta said it took down networks in Peru, Laos and Nepal. The Peruvian "
                        "network, which had 41 Facebook accounts, targeted Ecuador, while the one "
                        "in Laos focused on Thailand.")
    got = {next(iter(keys(n, "country", "origin"))): sorted(keys(n, "country", "target"))
           for n in doc.networks}
    assert got == {"PE": ["EC"], "LA": ["TH"], "NP": []}


def test_the_largest_of_the_counted_units_keeps_its_figures_but_a_period_is_no_unit() -> None:
    from tests.archive.extract.conftest import counts

    doc = extract_facts("Of the three networks Meta removed, the largest was based in Laos, with "
                        "80 Facebook accounts and 26 Pages. The others were run from Peru and Nepal.")
    got = {next(iter(keys(n, "country", "origin"))): counts(n) for n in doc.networks}
    assert got == {"LA": {"facebook_accounts": 80, "facebook_pages": 26}, "PE": {}, "NP": {}}
    period = extract_facts("In the first four months of the year, TikTok disrupted 15 influence "
                           "operations and removed 3,001 associated accounts. One network, run "
                           "from Peru, had 16 accounts.")
    assert all(counts(n).get("tiktok_accounts") != 3001 for n in period.networks)


def test_a_second_network_in_russian_is_its_own() -> None:
    doc = extract_facts("Компания Meta удалила 41 аккаунт в Facebook и 15 страниц, связанных с "
                        "сетью из Перу, которая была нацелена на пользователей из Эквадора. Вторая "
                        "сеть, из Лаоса, была нацелена на Таиланд.")
    got = sorted((sorted(keys(n, "country", "origin")), sorted(keys(n, "country", "target")))
                 for n in doc.networks)
    assert got == [(["LA"], ["TH"]), (["PE"], ["EC"])]


def _languages(doc: object) -> list[list[str]]:
    return [sorted(f.key for f in n.facts if f.kind == "language") for n in doc.networks]  # type: ignore[attr-defined]


def test_two_languages_sharing_one_hyphen_are_both_the_networks() -> None:
    doc = extract_facts("Google terminated 5 YouTube channels linked to Peru. The channels "
                        "uploaded Spanish- and English-language videos critical of the mayor.")
    assert _languages(doc) == [["en", "es"]]


def test_a_language_as_a_subject_is_not_what_the_network_posted() -> None:
    doc = extract_facts("Meta removed 40 Facebook accounts run from Peru. They posted about the "
                        "requirement for Spanish- or English-language education.")
    assert _languages(doc) == [[]]


def test_lao_is_a_language_and_a_people() -> None:
    doc = extract_facts("Meta removed 40 Facebook accounts linked to the Lao government. The "
                        "accounts posted in Lao and Thai.")
    assert _origins(doc) == [["LA"]] and _languages(doc) == [["lo", "th"]]


def test_accounts_spread_across_two_platforms_are_one_combined_figure() -> None:
    from tests.archive.extract.conftest import counts

    doc = extract_facts("Meta removed over 1,600 accounts spread across Facebook and Instagram "
                        "that were run from Peru.")
    assert [counts(n) for n in doc.networks] == [{"combined_assets": 1600}]


def test_labelled_report_blocks_give_origin_audience_and_figures() -> None:
    from tests.archive.extract.conftest import counts

    doc = extract_facts(
        "TikTok: covert influence operations we disrupted in May\n\n"
        "Operated from: Peru\nTarget audience: Ecuador\nNumber of accounts in network: 41\n"
        "Number of followers: 110,000\n"
        "Description: We assess that this network operated from Peru and posed as journalists.\n\n"
        "Operated from: Laos\nTarget audience: Thailand\nNumber of accounts in network: 16\n"
        "Number of followers: 2,300\n"
        "Description: This network posted videos about dams.\n")
    got = [(sorted(keys(n, "country", "origin")), sorted(keys(n, "country", "target")), counts(n))
           for n in doc.networks]
    assert got == [(["PE"], ["EC"], {"tiktok_accounts": 41, "total_followers": 110000}),
                   (["LA"], ["TH"], {"tiktok_accounts": 16, "total_followers": 2300})]


def test_national_audiences_in_french_and_an_operation_across_countries_are_targets() -> None:
    fr = extract_facts("Meta a supprimé neuf autres réseaux (du Pérou, du Laos et du Népal) qui "
                       "visaient des publics nationaux.")
    got = sorted((sorted(keys(n, "country", "origin")), sorted(keys(n, "country", "target")))
                 for n in fr.networks)
    assert got == [(["LA"], ["LA"]), (["NP"], ["NP"]), (["PE"], ["PE"])]
    across = extract_facts("Meta removed 40 Facebook accounts run from Peru. These individuals "
                           "drove this operation across primarily Chile, Bolivia and Ecuador.")
    assert [sorted(keys(n, "country", "target")) for n in across.networks] == [["BO", "CL", "EC"]]
