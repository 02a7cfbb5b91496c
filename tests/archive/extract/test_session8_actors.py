"""Session 8 actor rules (the texts are ours): well-known parties, firms and state media
named in takedowns are known to the gazetteer under every spelling the press uses; a name
that contains a country word does not take the country from the text."""

from __future__ import annotations

from archive.extract import extract_facts
from archive.extract.actors import (
    actor_country,
    canonical_actor,
    find_actors,
    state_actor_country,
)
from archive.extract.gazetteer import scan
from tests.archive.extract.conftest import keys, only_network


def _actors(s: str) -> set[tuple[str, str]]:
    return {(h.name, h.role) for h in find_actors(s, 0, scan(s))}


def test_a_party_is_known_by_its_translation_and_its_acronym() -> None:
    assert ("AK Party", "attributed") in _actors(
        "The company said the Pages were run by staff of the AK Parti youth wing.")
    assert ("Sandinista National Liberation Front", "attributed") in _actors(
        "Meta dijo que las cuentas estaban vinculadas al FSLN y a la Universidad Central.")
    assert ("Partido Popular", "attributed") in _actors(
        "Twitter suspended 80 accounts operated by the Popular Party in Valencia.")


def test_state_media_companies_are_known_by_their_corporate_names() -> None:
    found = _actors("The video site removed channels linked to Rossiya Segodnya and TV Novosti.")
    assert {("Rossiya Segodnya", "attributed"), ("TV-Novosti", "attributed")} <= found


def test_a_media_name_that_is_also_a_phrase_leaves_the_country_to_the_text() -> None:
    # ("Россия сегодня" is also "Russia today": written so, it stays the country)
    s = "Россия сегодня ответила на удаление аккаунтов."
    assert any(m.of_kind("country") for m in scan(s))
    assert not any(m.of_kind("actor") for m in scan(s))


def test_a_french_or_spanish_title_with_a_demonym_before_the_name() -> None:
    assert ("Ana Gómez Ruiz", "beneficiary") in _actors(
        "Les comptes publiaient des messages favorables au président chilien Ana Gómez Ruiz.")
    assert ("Pedro Alvarado Soto", "beneficiary") in _actors(
        "Las páginas difundían contenido positivo del presidente del país, Pedro Alvarado Soto.")
    assert ("Lucía Paredes Vera", "beneficiary") in _actors(
        "Las cuentas actuaban en favor de la senadora Lucía Paredes Vera.")


def test_a_lower_case_word_after_a_title_that_is_no_demonym_is_no_title() -> None:
    # ("president and chief executive ..." names the speaker's office, not whom they praised)
    assert not any(role == "beneficiary" for _, role in _actors(
        "The posts praised the president and Chief Executive Tomas Varga of the firm."))


def test_burnishing_a_reputation_is_promoting() -> None:
    assert ("Mateo Ilic", "beneficiary") in _actors(
        "The fake accounts sought to burnish the image of President Mateo Ilic abroad.")


def test_a_french_or_spanish_relative_clause_ends_the_attribution() -> None:
    found = _actors("Meta eliminó cuentas vinculadas a un grupo anónimo que atacaba a la "
                    "periodista Marta Olsen Vidal.")
    assert not any(name.startswith("Marta") for name, _ in found)
    found = _actors("Les comptes étaient liés à la désinformation qui visait le député Paul Arno.")
    assert not any(name.startswith("Paul") for name, _ in found)


def test_denials_in_spanish_french_and_russian() -> None:
    assert ("Carla Mendes", "denied") in _actors(
        "Carla Mendes, portavoz del partido, negó cualquier vínculo con las cuentas.")
    assert ("Luc Marin", "denied") in _actors("Luc Marin a démenti toute implication.")
    assert ("Yevgeny Prigozhin", "denied") in _actors("Пригожин отрицает связь с аккаунтами.")


def test_a_presidential_official_denying_answers_for_the_state() -> None:
    doc = extract_facts(
        "Twitter removed 1,150 accounts that originated in Turkey and amplified the ruling "
        "party. Ali Demir, the presidential communications director, denied the claims.")
    assert "Ali Demir" in keys(only_network(doc), "actor", "denied")


def test_a_known_name_the_network_praised_after_its_attribution_is_no_attribution() -> None:
    found = _actors("The campaign was linked to the Internet Research Agency and posted "
                    "videos supportive of the Wagner Group in Mali.")
    assert ("Internet Research Agency", "attributed") in found
    assert ("Wagner Group", "attributed") not in found
    assert ("Wagner Group", "beneficiary") in found


def test_a_known_name_in_the_same_attribution_clause_stays_attributed() -> None:
    found = _actors("The Pages were linked to individuals in Russia and to the Wagner Group.")
    assert ("Wagner Group", "attributed") in found


def test_the_ties_of_an_organisation_named_in_passing_are_not_the_networks() -> None:
    found = _actors("Meta tied the operation to Smaat, a marketing company with close links "
                    "to the Egyptian government.")
    assert ("Smaat", "attributed") in found
    assert not any("government" in name for name, _ in found)
    found = _actors("The 300 accounts were run by student groups connected to the Cuban "
                    "government.")
    assert not any("government" in name for name, _ in found)


def test_accounts_with_ties_to_a_government_are_attributed_to_it() -> None:
    found = _actors("Twitter removed 300 accounts with ties to the Cuban government.")
    assert ("Cuban government", "attributed") in found


def test_the_only_network_takes_the_actors_of_a_sentence_it_did_not_take() -> None:
    doc = extract_facts(
        "YouTube said it closed several channels tied to Russian media outlets, which it "
        "accused of covert influence campaigns aimed at American voters.\n\n"
        "The video service said on Monday it had closed the channels associated with the "
        "companies Rossiya Segodnya and TV Novosti for breaking its rules.")
    assert {"Rossiya Segodnya", "TV-Novosti"} <= keys(only_network(doc), "actor", "attributed")


def test_the_only_network_takes_no_actor_of_a_sentence_about_another_origin() -> None:
    doc = extract_facts(
        "YouTube said it closed several channels tied to Russian media outlets, which it "
        "accused of covert influence campaigns aimed at American voters.\n\n"
        "The video service said on Monday it had also closed channels that originated in "
        "Iran and were associated with the companies Rossiya Segodnya and TV Novosti.")
    assert not keys(only_network(doc), "actor", "attributed")


def test_a_government_named_by_its_countrys_name_is_the_demonym_government() -> None:
    assert ("Saudi government", "attributed") in _actors(
        "Twitter suspended 40 accounts tied to the Saudi Arabia government.")
    assert canonical_actor("United Kingdom government") == "British government"


def test_a_party_government_is_not_renamed() -> None:
    assert canonical_actor("Georgian Dream government") == "Georgian Dream government"


_LEAD_OF_ONE = (
    "Two weeks ago, {who} published findings on a suspected influence operation "
    "originating in Iran and tied to several lookalike news domains.\n\n"
    "Once we heard of it, we started to look for those domains on Reddit.\n\n"
    "To date, we have removed 210 accounts we believe to be connected to this influence "
    "group, which originated in Iran.\n\n"
    "This group focused on subjects important to Iran.")


def test_the_research_group_of_the_lead_is_the_only_networks() -> None:
    doc = extract_facts(_LEAD_OF_ONE.format(who="Mandiant"))
    assert keys(only_network(doc), "actor", "researcher") == {"Mandiant"}


def test_of_two_research_groups_in_the_lead_neither_is_given() -> None:
    doc = extract_facts(_LEAD_OF_ONE.format(who="Mandiant and Graphika"))
    assert not keys(only_network(doc), "actor", "researcher")


def test_more_known_actors_of_takedowns_and_their_spellings() -> None:
    assert ("Fazze", "attributed") in _actors(
        "Meta linked the network to Fazze, a marketing firm registered in London.")
    assert ("Internet Research Agency", "attributed") in _actors(
        "Les comptes étaient liés à l'Agence de recherche sur Internet.")
    assert ("Union of Young Communists", "attributed") in _actors(
        "Las cuentas eran operadas por la Unión de Jóvenes Comunistas.")


def test_a_known_name_holding_a_country_is_written_without_it() -> None:
    # ("... Organization of Iran" would swallow the country of the sentence)
    s = "Accounts run by the People's Mojahedin Organization of Iran were removed."
    assert any(m.of_kind("country") for m in scan(s))


def test_an_apposition_is_a_name_not_the_clause_after_a_comma() -> None:
    assert ("Spectrum Media", "attributed") in _actors(
        "The Pages were run by a local advertising agency, Spectrum Media.")
    found = _actors("Some posts were linked to an account with a short handle, while others "
                    "tried to tag former Foreign Minister Dana Holt.")
    assert not any("Holt" in name for name, _ in found)


def test_who_ran_the_network_is_not_also_its_beneficiary() -> None:
    net = only_network(extract_facts(
        "Twitter suspended 900 accounts operated by the Royal Thai Army. The accounts "
        "posted content praising the Royal Thai Army and attacking opposition politicians."))
    assert keys(net, "actor", "attributed") == {"Royal Thai Army"}
    assert not keys(net, "actor", "beneficiary")


def test_the_supporters_of_a_person_are_not_the_person() -> None:
    found = _actors("The company said the second network was linked to Marek Oltan loyalists.")
    assert ("Marek Oltan", "attributed") not in found
    assert ("Marek Oltan", "attributed") in _actors(
        "The company said the second network was linked to Marek Oltan.")


def test_the_american_military_is_the_united_states_military() -> None:
    assert ("United States military", "attributed") in _actors(
        "Meta said the accounts were run by the American military.")


def test_state_bodies_named_in_russian_word_order_and_armed_forces() -> None:
    assert ("Russian military intelligence (GRU)", "attributed") in _actors(
        "Компания считает, что страницы связаны с российскими службами военной разведки.")
    assert ("Iranian government", "attributed") in _actors(
        "Twitter удалил аккаунты, связанные с иранским правительством.")
    assert ("United States military", "attributed") in _actors(
        "Расследование нашло связи с людьми, связанными с вооружёнными силами США.")
    assert ("Venezuelan military", "attributed") in _actors(
        "Las cuentas estaban vinculadas a las fuerzas armadas de Venezuela.")


def test_a_russian_demonym_without_a_state_body_is_no_actor() -> None:
    assert not _actors("Страницы были связаны с российскими блогерами.")


def test_a_state_body_the_gazetteer_knows_takes_its_name() -> None:
    assert canonical_actor("American military") == "United States military"
    assert canonical_actor("Some Unknown Group") == "Some Unknown Group"


def test_a_denial_by_the_body_named_again_after_an_opening_phrase() -> None:
    net = only_network(extract_facts(
        "Twitter removed 900 accounts operated by the Royal Thai Army. On Monday morning, "
        "the army's press office denied that it ran any accounts."))
    assert keys(net, "actor", "denied") == {"Royal Thai Army"}


def test_quick_to_dismiss_is_a_denial() -> None:
    net = only_network(extract_facts(
        "Meta removed 120 accounts operated by the Islamic Movement in Nigeria. The group's "
        "spokesman was quick to dismiss the findings."))
    assert "Islamic Movement in Nigeria" in keys(net, "actor", "denied")


def test_a_known_name_promoted_in_spanish_french_or_russian_is_a_beneficiary() -> None:
    assert ("Alianza PAIS", "beneficiary") in _actors(
        "Las páginas difundían mensajes a favor de Alianza PAIS antes de la votación.")
    assert ("Yevgeny Prigozhin", "beneficiary") in _actors(
        "Аккаунты публиковали посты в поддержку Пригожина и его компаний.")
    assert ("Wagner Group", "beneficiary") in _actors(
        "Les pages publiaient des contenus favorables au groupe Wagner en Afrique.")


def test_who_gave_the_operation_its_label_is_a_researcher() -> None:
    found = _actors("The banned accounts were tied to a group Microsoft Threat Intelligence "
                    "tracks as Storm-9999.")
    assert ("Microsoft Threat Intelligence", "researcher") in found
    assert ("Microsoft Threat Intelligence", "attributed") not in found


def test_relatives_named_by_a_first_name_alone_are_not_actors() -> None:
    found = _actors("Meta linked the Pages to aides of the senator and to his sons Marco and Tulio.")
    assert not any(name in ("Marco", "Tulio") for name, _ in found)
    assert ("Tulio Andrade", "attributed") in _actors(
        "Meta linked the Pages to his son Tulio Andrade.")


def test_a_territorys_demonym_alone_is_no_actor() -> None:
    assert not _actors("The Pages were run by Kashmiri activists.")
    assert not _actors("The accounts were linked to the Abkhazian de facto authorities.")


def test_a_network_keeps_no_state_actor_of_another_country() -> None:
    doc = extract_facts(
        "Twitter removed two networks: 4,100 accounts that originated in Egypt and 2,000 "
        "accounts that originated in Armenia. Both networks were run by the Armenian "
        "government.")
    got = {next(iter(keys(n, "country", "origin"))): keys(n, "actor", "attributed")
           for n in doc.networks}
    assert got == {"EG": set(), "AM": {"Armenian government"}}


def test_the_state_actor_of_the_networks_own_origin_stays() -> None:
    assert state_actor_country("Iranian government") == "IR"
    assert state_actor_country("Georgian Dream") is None
    doc = extract_facts("Twitter removed 4,100 accounts that originated in Iran, which were "
                        "linked to the Iranian government.")
    assert keys(only_network(doc), "actor", "attributed") == {"Iranian government"}


def test_a_state_actor_goes_to_the_one_network_of_its_country() -> None:
    doc = extract_facts(
        "Twitter has removed accounts linked to the Armenian government and to the Egyptian "
        "government.\n\n"
        "In Egypt, 4,100 accounts were removed for spam.\n\n"
        "In Armenia, 2,000 accounts were removed for fake engagement.")
    got = {next(iter(keys(n, "country", "origin"))): keys(n, "actor", "attributed")
           for n in doc.networks}
    assert "Armenian government" in got["AM"]
    assert "Armenian government" not in got["EG"]


def test_a_known_body_of_another_country_is_not_the_networks() -> None:
    assert actor_country("Royal Thai Army") == "TH"
    assert actor_country("Internet Research Agency") is None
    doc = extract_facts(
        "Twitter removed two networks: 526 accounts that originated in Cuba and 926 accounts "
        "that originated in Thailand. Both networks were run by the Royal Thai Army.")
    got = {next(iter(keys(n, "country", "origin"))): keys(n, "actor", "attributed")
           for n in doc.networks}
    assert got == {"CU": set(), "TH": {"Royal Thai Army"}}


def test_a_research_group_whose_earlier_study_is_compared_is_not_credited() -> None:
    found = _actors("Some channels posted content similar to the findings in a recent "
                    "Graphika report on spam networks.")
    assert ("Graphika", "researcher") not in found
    assert ("Graphika", "researcher") in _actors("Graphika analysed the channels before removal.")


def test_the_holder_named_after_an_office_of_a_place_is_the_actor() -> None:
    assert ("Rosa Celis Mena", "attributed") in _actors(
        "Las cuentas estaban ligadas al alcalde de Tepic y aspirante a diputado, "
        "Rosa Celis Mena (PRI).")
    found = _actors("The Pages were linked to the governor of the province.")
    assert not found
