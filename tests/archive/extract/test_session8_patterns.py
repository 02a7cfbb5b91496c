"""Session 8 rules (the texts are ours): a second figure of a kind already counted tells
another network, verb or not; an item of a French list with elided articles takes the
role of the item before it; "a further N were ..." counts what the sentence counted; and
languages named in brackets after the content, or with "storylines", are the network's."""

from __future__ import annotations

from archive.extract import extract_facts
from archive.extract.countries import find_places
from archive.extract.counts import find_counts
from archive.extract.gazetteer import scan
from archive.extract.languages import find_languages
from tests.archive.extract.conftest import counts_per_network as _counts
from tests.archive.extract.conftest import keys


def test_each_new_figure_of_accounts_is_its_own_network() -> None:
    doc = extract_facts(
        "Twitter a supprimé 1.204 comptes du réseau péruvien Norte.\n\n"
        "De plus, Twitter a mis hors ligne 610 comptes qui vantaient le gouvernement "
        "chilien. Selon Twitter, la Bolivie utilisait aussi 402 comptes factices contre "
        "l'opposition.")
    values = sorted(c.get("twitter_accounts", 0) for c in _counts(doc))
    assert values == [402, 610, 1204]


def test_a_share_of_the_figure_before_is_not_another_network() -> None:
    doc = extract_facts(
        "Twitter removed 1,204 accounts that originated in Peru.\n\n"
        "Of these, 310 accounts posted about the mining strike.")
    assert _counts(doc) == [{"twitter_accounts": 1204}]


def test_the_same_accounts_told_again_are_not_another_network() -> None:
    doc = extract_facts(
        "Twitter removed 1,204 accounts that originated in Peru.\n\n"
        "Between May and July these accounts had gathered 2,500 followers, and 90 accounts "
        "were still posting.")
    assert len(doc.networks) == 1


def test_a_french_list_with_elided_articles_shares_its_role() -> None:
    s = "Cinq réseaux (d’Albanie, d’Iran, d’Espagne, d’Argentine et d’Égypte) ont été supprimés."
    roles = {p.key: p.role for p in find_places(s, 0, scan(s), s)}
    assert roles == {"AL": "origin", "IR": "origin", "ES": "origin", "AR": "origin",
                     "EG": "origin"}


def test_a_country_after_a_list_item_with_a_role_of_its_own_keeps_it() -> None:
    s = "The accounts originated in Peru, and targeted audiences in Chile."
    roles = {p.key: p.role for p in find_places(s, 0, scan(s), s)}
    assert roles == {"PE": "origin", "CL": "target"}


def test_a_further_bare_figure_counts_the_same_kind() -> None:
    s = ("Twitter said 2,100 accounts amplified the ministry, while a further 140 were "
         "connected to a regional agency.")
    found = sorted((c.key, c.value) for c in find_counts(s) if c.kind == "count")
    assert found == [("twitter_accounts", 140), ("twitter_accounts", 2100)]


def test_a_further_figure_of_people_is_no_count() -> None:
    s = "Twitter removed 2,100 accounts, and a further 140 people were questioned."
    found = sorted((c.key, c.value) for c in find_counts(s) if c.kind == "count")
    assert found == [("twitter_accounts", 2100)]


def _langs(s: str) -> list[str]:
    return [h.code for h in find_languages(s, 0, scan(s))]


def test_languages_in_brackets_after_the_content() -> None:
    assert _langs("Content praising the army of Peru (English, Czech and Spanish).") == [
        "en", "cs", "es"]


def test_countries_in_brackets_are_no_languages() -> None:
    assert _langs("Content praising the army (Peru, Chile).") == []


def test_storylines_in_a_language() -> None:
    assert _langs("Some of the storylines were in English, the company said.") == ["en"]


def test_a_network_takes_the_bracketed_languages() -> None:
    doc = extract_facts("Google terminated 12 YouTube channels linked to Peru. The channels "
                        "shared content about the mining strike (Spanish, English).")
    assert keys(doc.networks[0], "language") == {"es", "en"}


def _nets(doc: object) -> list[tuple[frozenset[str], dict[str, float]]]:
    return sorted(((frozenset(keys(n, "country", "origin")),
                    {f.key: f.value for f in n.facts if f.kind == "count"})
                   for n in doc.networks), key=str)  # type: ignore[attr-defined]


def test_a_lead_figure_without_its_noun_counts_what_the_sentence_before_counted() -> None:
    doc = extract_facts(
        "X said it suspended more than 5,000 accounts linked to state-backed efforts. Around "
        "3,900 were tied to a campaign in Peru promoting the ruling party, while 800 accounts "
        "were traced to Chile. A further 310 were operated from Bolivia.")
    assert _nets(doc) == sorted([(frozenset({"PE"}), {"twitter_accounts": 3900}),
                                 (frozenset({"CL"}), {"twitter_accounts": 800}),
                                 (frozenset({"BO"}), {"twitter_accounts": 310})], key=str)


def test_operations_named_in_one_sentence_take_the_origin_of_their_own_item() -> None:
    doc = extract_facts(
        "OpenAI said it had disrupted five covert influence operations that used its models. "
        'They included a Peruvian network dubbed "Sol Rojo" that wrote comments in Spanish, an '
        'operation from Chile known as "Andes Echo", and three campaigns from Bolivia, Ecuador '
        "and Colombia that posted articles on fake news sites.")
    by_name = {n.operation_name: keys(n, "country", "origin") for n in doc.networks
               if n.operation_name}
    assert by_name == {"Sol Rojo": {"PE"}, "Andes Echo": {"CL"}}
    unnamed = [keys(n, "country", "origin") for n in doc.networks if not n.operation_name]
    assert sorted(map(sorted, unnamed)) == [["BO"], ["CO"], ["EC"]]


def test_two_origins_in_one_item_give_its_operation_none() -> None:
    doc = extract_facts(
        'Meta removed two operations: a network from Peru and Chile dubbed "Sol Rojo", and '
        'an operation from Bolivia known as "Andes Echo".')
    by_name = {n.operation_name: keys(n, "country", "origin") for n in doc.networks}
    assert by_name.get("Andes Echo") == {"BO"}
    assert by_name.get("Sol Rojo", set()) <= {"PE", "CL"} and by_name.get("Sol Rojo") != {"PE"}


def test_the_leads_list_of_places_is_not_one_networks() -> None:
    doc = extract_facts(
        "Meta said on Thursday it had removed three covert influence operations in the past "
        "quarter, in Peru, Chile and Bolivia, that used fake accounts to sway local politics.\n\n"
        "The largest, in Peru, involved 300 Facebook accounts, 40 Pages and 12 Instagram "
        "accounts.\n\n"
        "The Chilean network was smaller: 45 Facebook accounts and 9 Pages posing as students.\n\n"
        "In Bolivia, Meta took down 20 accounts that praised the government.")
    assert [keys(n, "country", "origin") for n in doc.networks] == [{"PE"}, {"CL"}, {"BO"}]
    assert not keys(doc.networks[0], "country", "target")


def test_a_total_smaller_than_another_networks_figure_is_its_own() -> None:
    doc = extract_facts(
        "Facebook removed pages and groups linked to two opposition parties in Peru.\n\n"
        "In total, 54 accounts, 14 Pages and two Groups were removed, as well as 21 Instagram "
        "accounts.\n\n"
        "Facebook also removed 80 accounts and 39 Pages of a Chilean media group.")
    assert sorted(c.get("facebook_accounts", 0) for c in _counts(doc)) == [54, 80]


def test_a_firm_called_by_name_is_an_actor_not_an_operation() -> None:
    doc = extract_facts(
        "Meta removed 85 Facebook accounts from Peru. Meta attributed the network to a "
        "political consultancy called Andina Media.")
    assert all(n.operation_name != "Andina Media" for n in doc.networks)
    assert not any(f.kind == "operation" for n in doc.networks for f in n.facts)


def test_a_movement_called_by_name_stays_an_operation() -> None:
    doc = extract_facts(
        "Meta removed 85 Facebook accounts from Peru linked to a conspiracy movement called "
        "Sol_Rojo.")
    assert any(f.kind == "operation" and f.key == "Sol_Rojo" for n in doc.networks
               for f in n.facts)


def test_spanish_centrarse_en_is_a_target() -> None:
    for s in ("La operación chilena tenía 31 cuentas de Facebook y se centraba en Argentina.",
              "La red se centró en Argentina.", "Era una red centrada en Argentina."):
        roles = {(p.key, p.role) for p in find_places(s, 0, scan(s), s)}
        assert ("AR", "target") in roles and ("AR", "origin") not in roles, s


def test_a_spanish_network_in_a_country_is_from_there() -> None:
    s = "Meta eliminó una red falsa en Argentina."
    assert {(p.key, p.role) for p in find_places(s, 0, scan(s), s)} == {("AR", "origin")}


def _langs_by_origin(doc: object) -> dict[frozenset[str], set[str]]:
    return {frozenset(keys(n, "country", "origin")): keys(n, "language")
            for n in doc.networks}  # type: ignore[attr-defined]


def test_the_languages_of_a_units_own_sentence_stay_with_it() -> None:
    doc = extract_facts(
        "OpenAI said it banned a cluster of ChatGPT accounts operated from Peru that wrote posts "
        "against the opposition. The company also took down accounts linked to a Chilean "
        "marketing firm that wrote fake reviews in English and Spanish.")
    assert _langs_by_origin(doc) == {frozenset({"PE"}): set(), frozenset({"CL"}): {"en", "es"}}


def test_a_paragraph_on_the_other_networks_accounts_gives_it_their_languages() -> None:
    doc = extract_facts(
        "Facebook removed two networks, one in Peru and one in Chile.\n\n"
        "The Peruvian network had 40 Facebook accounts and praised the mayor of Lima.\n\n"
        "The Chilean network of 25 Facebook accounts was linked to a marketing firm.\n\n"
        "Facebook said the accounts in Peru, with posts in Spanish and Quechua, attacked "
        "Chilean officials.")
    langs = _langs_by_origin(doc)
    assert langs[frozenset({"PE"})] == {"es", "qu"} and not langs[frozenset({"CL"})]


def _places(doc: object) -> list[tuple[set[str], set[str]]]:
    return [(keys(n, "country", "origin"), keys(n, "country", "target"))
            for n in doc.networks]  # type: ignore[attr-defined]


def test_spanish_ordinals_open_one_unit_each() -> None:
    doc = extract_facts(
        "Facebook anunció que eliminó tres redes de comportamiento inauténtico coordinado. "
        "La primera, originada en Perú, tenía como objetivo a Colombia. La segunda operaba "
        "desde Chile y se dirigía a Argentina. La tercera, con sede en Bolivia, apuntaba a "
        "audiencias nacionales.")
    assert _places(doc) == [({"PE"}, {"CO"}), ({"CL"}, {"AR"}), ({"BO"}, {"BO"})]


def test_french_ordinals_open_one_unit_each() -> None:
    doc = extract_facts(
        "Meta a supprimé deux réseaux. Le premier, basé au Pérou, visait la Colombie. "
        "Le second, basé au Chili, visait l'Argentine.")
    assert _places(doc) == [({"PE"}, {"CO"}), ({"CL"}, {"AR"})]


def test_and_another_operating_from_is_a_second_unit() -> None:
    doc = extract_facts(
        "TikTok said it removed a covert influence network operating from Peru that targeted "
        "Chilean audiences, and another operating from Chile that targeted Argentina.")
    assert _places(doc) == [({"PE"}, {"CL"}), ({"CL"}, {"AR"})]


def test_a_similar_network_removed_years_ago_lends_no_origin() -> None:
    doc = extract_facts(
        "Meta said on Tuesday it had removed about 1,300 accounts in total across two networks "
        "in Latin America. The largest network, from Peru, had 900 accounts. In 2019, Facebook "
        "removed a similar network in Uruguay. Meta also took action against a campaign in "
        "Chile that used 200 accounts, the report said.")
    assert _places(doc) == [({"PE"}, set()), ({"CL"}, set())]


def test_an_operation_attempted_in_a_country_targets_it() -> None:
    s = "It removed 16 accounts that attempted an information operation in Peru."
    assert {(p.key, p.role) for p in find_places(s, 0, scan(s), s)} == {("PE", "target")}


def test_a_campaign_in_a_country_is_from_there() -> None:
    s = "Meta also took action against a campaign in Chile that used 200 accounts."
    assert {(p.key, p.role) for p in find_places(s, 0, scan(s), s)} == {("CL", "origin")}


def test_a_firm_in_a_capital_gives_the_origin() -> None:
    for s, code in (("The accounts were run by a PR firm in Tel Aviv.", "IL"),
                    ("Meta linked the network to a marketing company based in Lagos.", "NG"),
                    ("The operation was run from Caracas.", "VE")):
        assert {(p.key, p.role) for p in find_places(s, 0, scan(s), s)} == {(code, "origin")}, s


def test_a_capital_praised_is_no_origin() -> None:
    s = "The accounts praised Riyadh and criticised its rivals."
    assert all(p.role != "origin" for p in find_places(s, 0, scan(s), s))


def _roles(s: str) -> set[tuple[str, str]]:
    return {(p.key, p.role) for p in find_places(s, 0, scan(s), s)}


def test_where_an_observer_is_based_is_no_origin() -> None:
    assert _roles("A Chile-based researcher who studied the network said it was small.") == set()
    assert _roles("A Chile-based marketing firm ran the network.") == {("CL", "origin")}


def test_a_target_told_after_a_pose_is_a_target() -> None:
    assert _roles("The operators, posing as Chileans, targeted Peru.") == {
        ("CL", "impersonated"), ("PE", "target")}


def test_people_in_a_country_the_network_is_linked_to_are_its_origin() -> None:
    assert _roles("The network, linked to people in Peru, also targeted users in Chile.") == {
        ("PE", "origin"), ("CL", "target")}
    assert _roles("It targeted people in Chile.") == {("CL", "target")}


def test_a_quarters_tally_of_fake_accounts_and_a_count_of_networks_are_no_figures() -> None:
    doc = extract_facts(
        "TikTok said it removed 1.2 million fake accounts in the second quarter. Separately, it "
        "took down a covert network of 310 accounts run from Peru that targeted Chile, bringing "
        "the total number of covert networks removed this year to 15.")
    assert _counts(doc) == [{"tiktok_accounts": 310}]
    assert _places(doc) == [({"PE"}, {"CL"})]


def test_pages_followed_by_accounts_are_an_audience() -> None:
    for s, key in (("The Pages were followed by about 1.2 million accounts.", "facebook_page_followers"),
                   ("The Groups were joined by 3,400 accounts.", "facebook_group_members"),
                   ("The channels were followed by 120,000 users.", "youtube_subscribers")):
        hits = [(c.kind, c.key) for c in find_counts(s, "facebook")]
        assert hits == [("audience", key)], s
    assert [(c.kind, c.key) for c in find_counts("The Pages were run by 30 accounts.", "facebook")
            ] == [("count", "facebook_accounts")]


def test_units_counted_by_country_are_as_many_networks() -> None:
    doc = extract_facts(
        "Meta said it had removed three covert influence campaigns, two of them based in Peru "
        "and one in Chile, that used fake accounts.")
    assert sorted(map(sorted, (keys(n, "country", "origin") for n in doc.networks))) == [
        ["CL"], ["PE"], ["PE"]]


def test_counts_by_country_that_do_not_add_up_give_no_units() -> None:
    doc = extract_facts(
        "Meta said it had removed four covert influence campaigns, two of them based in Peru "
        "and one in Chile.")
    assert len(doc.networks) <= 1


def test_a_counted_unit_told_again_by_name_is_one_network() -> None:
    doc = extract_facts(
        "Meta said it had removed three covert influence campaigns, two of them based in Peru "
        "and one in Chile.\n\n"
        "The Chilean campaign, known as Andes Echo, created websites that mimicked news "
        "outlets.")
    origins = sorted((n.operation_name or "", sorted(keys(n, "country", "origin")))
                     for n in doc.networks)
    assert origins == [("", ["PE"]), ("", ["PE"]), ("Andes Echo", ["CL"])]


def _summary(doc: object) -> list[tuple[str, set[str], set[str], set[str]]]:
    return [(n.operation_name or "", keys(n, "country", "origin"), keys(n, "country", "target"),
             keys(n, "language")) for n in doc.networks]  # type: ignore[attr-defined]


def test_a_named_operation_from_elsewhere_is_not_the_figures_network() -> None:
    for text in (
        "Meta a annoncé avoir supprimé un réseau de 510 comptes Facebook lié à une société "
        "basée à Lima, qui visait les internautes chiliens.\n\n"
        "De son côté, OpenAI a indiqué avoir bloqué des comptes d'une opération bolivienne, "
        "baptisée « Mala Letra », qui rédigeait des commentaires en espagnol visant l'Équateur.",
        "Meta informó que eliminó una red de 510 cuentas de Facebook vinculada a una empresa con "
        "sede en Lima, dirigida a usuarios de Chile.\n\n"
        "Por su parte, OpenAI dijo que había bloqueado cuentas de una operación boliviana, "
        "apodada \"Mala Letra\", que escribía comentarios en español dirigidos a Ecuador."):
        assert _summary(extract_facts(text)) == [
            ("", {"PE"}, {"CL"}, set()), ("Mala Letra", {"BO"}, {"EC"}, {"es"})], text[:40]


def test_an_operation_introduced_from_elsewhere_without_a_name_is_another_network() -> None:
    doc = extract_facts(
        "Meta said it removed a network of 510 Facebook accounts linked to a marketing firm in "
        "Lima, which targeted users in Chile.\n\n"
        "OpenAI, for its part, said it had blocked accounts belonging to a Bolivian operation "
        "that wrote comments in Spanish aimed at Ecuador.")
    assert _summary(doc) == [("", {"PE"}, {"CL"}, set()), ("", {"BO"}, {"EC"}, {"es"})]


def test_case_study_headings_that_name_the_origin_after_a_colon() -> None:
    doc = extract_facts(
        "Disrupting malicious uses of AI\n\n"
        "Sol Poniente: likely Peru origin\n\n"
        "We banned ChatGPT accounts that generated comments in Spanish about Chile.\n\n"
        "Cuatro Vientos: Bolivia\n\n"
        "We disrupted a commercial marketing operation that used our models to write "
        "comments about Ecuador.\n\n"
        "Mar Profundo: Colombia\n\n"
        "We banned accounts that generated divisive content aimed at US audiences.")
    by_op = {f.key: keys(n, "country", "origin") for n in doc.networks for f in n.facts
             if f.kind == "operation"}
    assert by_op == {"Sol Poniente": {"PE"}, "Cuatro Vientos": {"BO"}, "Mar Profundo": {"CO"}}


def test_one_each_from_a_list_counts_one_unit_per_country() -> None:
    doc = extract_facts("Meta said it removed six networks: two from Peru, and one each from "
                        "Chile, Bolivia, Ecuador and Colombia.")
    assert sorted(map(sorted, (keys(n, "country", "origin") for n in doc.networks))) == [
        ["BO"], ["CL"], ["CO"], ["EC"], ["PE"], ["PE"]]


def test_a_newsletters_section_headings_are_no_operations() -> None:
    doc = extract_facts(
        "This week in platform integrity\n\n"
        "TAKEDOWNS\n\n"
        "* Meta removed 120 Facebook accounts and 30 Pages linked to a PR firm in Peru that "
        "targeted Chile.\n"
        "* TikTok took down 14 covert networks in Q2; the largest, run from Bolivia, had 3,400 "
        "accounts.\n\n"
        "RESEARCH\n\n"
        "* A new study from a university lab found 2,000 bot accounts amplifying Colombian "
        "politicians.")
    names = {f.key for n in doc.networks for f in n.facts if f.kind == "operation"}
    assert not names & {"TAKEDOWNS", "RESEARCH"}
    assert [keys(n, "country", "origin") for n in doc.networks] == [{"PE"}, {"BO"}]


def test_a_takedown_recalled_by_when_it_happened_lends_nothing() -> None:
    doc = extract_facts(
        "Facebook said on Tuesday it removed a network of accounts in Peru that targeted "
        "Chile. The company took down 40 Facebook accounts and 12 Pages.\n\n"
        "Facebook also removed 200 accounts in Bolivia linked to the ruling party.\n\n"
        "The takedowns come as pressure grows. Last month, Facebook removed a network in "
        "Ecuador.")
    assert [keys(n, "country", "origin") for n in doc.networks] == [{"PE"}, {"BO"}]


def test_a_report_announced_last_week_still_tells_this_takedown() -> None:
    doc = extract_facts(
        "Last week, a security firm published a report on an influence campaign. Today we "
        "removed 143 accounts linked to Iran that the report described.")
    assert [keys(n, "country", "origin") for n in doc.networks] == [{"IR"}]


def test_a_figureless_lead_network_is_not_the_next_paragraphs_network() -> None:
    doc = extract_facts(
        "Facebook said on Tuesday it removed a network of accounts in Peru that targeted "
        "Chile.\n\n"
        "Facebook also removed 200 accounts in Bolivia linked to the ruling party.")
    assert sorted((sorted(keys(n, "country", "origin")), c) for n, c in zip(
        doc.networks, (_one_count(n) for n in doc.networks))) == [
        (["BO"], 200), (["PE"], None)]


def _one_count(net: object) -> float | None:
    return next((f.value for f in net.facts if f.kind == "count"), None)  # type: ignore[attr-defined]


def test_a_locative_lead_before_a_figure_in_russian_and_spanish() -> None:
    assert _roles("В Перу 1800 аккаунтов продвигали президента.") == {("PE", "origin")}
    assert _roles("En Perú, 1.800 cuentas promovían al presidente.") == {("PE", "origin")}


def test_one_countrys_share_after_a_total_is_its_figure() -> None:
    doc = extract_facts(
        "Twitter said it removed more than 3,000 accounts linked to state-backed operations in "
        "six countries, including Peru, where 1,800 accounts promoted the president.")
    assert 1800 in {f.value for n in doc.networks for f in n.facts if f.kind == "count"}
    assert 3000 not in {f.value for n in doc.networks for f in n.facts if f.kind == "count"}
    assert any(keys(n, "country", "origin") == {"PE"} for n in doc.networks)


def test_an_earlier_takedown_told_in_spanish_or_russian_lends_no_origin() -> None:
    doc = extract_facts(
        "Facebook eliminó 120 cuentas vinculadas a funcionarios del gobierno peruano.\n\n"
        "Además, la compañía eliminó otra red de 30 cuentas en Bolivia.\n\n"
        "En 2019, Facebook ya había eliminado una red similar en Ecuador.")
    assert [keys(n, "country", "origin") for n in doc.networks] == [{"PE"}, {"BO"}]
    doc = extract_facts(
        "Meta удалила 40 аккаунтов в Facebook, которые управлялись из Перу.\n\n"
        "Ранее компания удалила сеть из Эквадора.")
    assert [keys(n, "country", "origin") for n in doc.networks] == [{"PE"}]


def test_ad_spend_in_spanish_french_and_russian() -> None:
    from archive.extract.counts import find_ad_spend
    for s, key, value in (("La red gastó unos 3.000 dólares en publicidad.", "USD", 3000),
                          ("Le réseau a dépensé environ 3 000 dollars en publicités.", "USD", 3000),
                          ("Сеть потратила около 3000 долларов на рекламу.", "USD", 3000),
                          ("Les comptes ont dépensé 1 500 euros en publicité.", "EUR", 1500)):
        assert [(h.key, h.value) for h in find_ad_spend(s)] == [(key, value)], s


def test_shares_told_with_of_which_are_networks_of_their_own() -> None:
    doc = extract_facts("Google terminated 8,000 YouTube channels in Q1, of which 6,100 were "
                        "linked to Peru and 1,500 to Chile.")
    assert sorted((sorted(keys(n, "country", "origin")), _one_count(n)) for n in doc.networks
                  ) == [(["CL"], 1500), (["PE"], 6100)]


def test_the_next_items_own_figure_keeps_the_lists_role() -> None:
    assert _roles("The channels were linked to Peru, 1,500 to Chile and 400 to Bolivia.") == {
        ("PE", "origin"), ("CL", "origin"), ("BO", "origin")}


def test_french_demonyms_of_many_countries() -> None:
    assert _roles("Meta a supprimé 8 comptes liés au gouvernement uruguayen.") == {
        ("UY", "origin")}
    assert _roles("Un réseau sénégalais a été supprimé.") == {("SN", "origin")}
    assert _roles("Les comptes visaient le public ivoirien.") == {("CI", "target")}


def test_spanish_demonyms_and_imitated_outlets() -> None:
    assert _roles("Meta eliminó una red finlandesa de cuentas falsas.") == {("FI", "origin")}
    s = ("La red creó sitios web que imitaban medios reconocidos, incluidos el diario inglés "
         "The Guardian y la agencia italiana ANSA.")
    assert {r for _, r in _roles(s)} <= {"impersonated"} and _roles(s)
    assert _roles("Websites mimicked the Italian agency ANSA.") == {("IT", "impersonated")}


def test_a_share_told_by_its_noun_and_different_accounts_are_counts() -> None:
    found = [(c.key, c.value) for c in find_counts(
        "Twitter says 2,048 of the accounts amplified the ministry, while a further 112 were "
        "connected to a private company.", "twitter") if c.kind == "count"]
    assert found == [("twitter_accounts", 2048), ("twitter_accounts", 112)]
    assert [(c.key, c.value) for c in find_counts("Two of the accounts were verified.",
                                                 "twitter")] == []
    assert [(c.key, c.value) for c in find_counts(
        "Another operation included 20 different accounts and 18 Pages.", "facebook")] == [
        ("facebook_accounts", 20), ("facebook_pages", 18)]


def test_a_share_of_a_networks_accounts_is_not_its_figure() -> None:
    doc = extract_facts("Twitter removed 300 accounts linked to Peru. 40 of the accounts had "
                        "been created in 2019.")
    assert _counts(doc) == [{"twitter_accounts": 300}]


def test_dozens_and_tens_count_what_they_say_and_round_words_count_nothing() -> None:
    def got(s: str) -> list[tuple[str, float, str]]:
        return [(c.key, c.value, c.qualifier) for c in find_counts(s, "facebook")]
    assert got("Facebook удалил два десятка аккаунтов.") == [("facebook_accounts", 20, "about")]
    assert got("Facebook removed nearly two dozen Pages.") == [("facebook_pages", 24, "about")]
    assert got("Facebook a supprimé une douzaine de comptes.") == [
        ("facebook_accounts", 12, "about")]
    assert got("Twitter a supprimé une centaine de comptes.") == []
    assert got("Facebook удалил два аккаунта.") == [("facebook_accounts", 2, "exact")]


def test_both_networks_share_the_target_a_collective_sentence_gives() -> None:
    doc = extract_facts("Meta removed 30 accounts from Peru and 20 accounts from Bolivia. Both "
                        "networks targeted Chile.")
    assert _places(doc) == [({"PE"}, {"CL"}), ({"BO"}, {"CL"})]


def test_targets_told_respectively_go_one_to_each_unit() -> None:
    doc = extract_facts("Meta removed two networks from Peru and Bolivia, which targeted Chile "
                        "and Ecuador respectively.")
    assert _places(doc) == [({"PE"}, {"CL"}), ({"BO"}, {"EC"})]


def test_language_and_plus_words_between_a_figure_and_its_noun() -> None:
    assert [(c.key, c.value, c.qualifier) for c in find_counts(
        "Google removed 2,600-plus channels.", "youtube")] == [
        ("youtube_channels", 2600, "more_than")]
    assert [(c.key, c.value) for c in find_counts(
        "Meta removed 1,200 Russian-language accounts.", "facebook")] == [
        ("facebook_accounts", 1200)]


def test_both_networks_share_the_languages_a_collective_sentence_gives() -> None:
    doc = extract_facts("Meta removed 30 accounts from Peru.\n\nMeta also removed 20 accounts "
                        "from Bolivia.\n\nBoth networks posted in Spanish and English.")
    assert [keys(n, "language") for n in doc.networks] == [{"es", "en"}, {"es", "en"}]
    doc = extract_facts("Meta removed 30 accounts from Peru and 20 accounts from Bolivia. These "
                        "operations posted in Quechua.")
    assert {frozenset(keys(n, "language")) for n in doc.networks} != {frozenset({"qu"})}
