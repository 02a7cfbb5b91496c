"""Shapes met in genuine reports this session (the texts are ours): where accounts were,
lists of units without a colon, totals after a list, audiences in French and Spanish,
targets stated after the country, names joined by "et" or "y"."""

from __future__ import annotations

from archive.extract import extract_facts
from tests.archive.extract.conftest import counts, keys


def _origins(doc: object) -> list[list[str]]:
    return sorted(sorted(keys(n, "country", "origin")) for n in doc.networks)  # type: ignore[attr-defined]


def test_accounts_taken_down_in_a_country_come_from_there() -> None:
    doc = extract_facts("Twitter has taken down 1,300 accounts in Ecuador that praised the "
                        "governing party.")
    assert _origins(doc) == [["EC"]]
    listed = extract_facts("The platform said it also removed accounts in Chile, Peru and "
                           "Kenya for platform manipulation.")
    assert _origins(listed) == [["CL"], ["KE"], ["PE"]]


def test_a_market_figure_of_fake_accounts_names_no_origin() -> None:
    doc = extract_facts("Between March and June the platform removed 54,000 fake accounts in "
                        "Portugal.")
    assert all(not keys(n, "country", "origin") for n in doc.networks)


def test_assets_listed_then_the_countries_they_were_in() -> None:
    doc = extract_facts("We removed 410 Facebook accounts, 12 Pages and 9 Instagram accounts in "
                        "Jordan and Lebanon that targeted audiences in Jordan.")
    (net,) = doc.networks
    assert keys(net, "country", "origin") == {"JO", "LB"}
    assert keys(net, "country", "target") == {"JO"}
    assert counts(net)["facebook_accounts"] == 410


def test_items_after_a_takedown_sentence_without_a_colon_are_units() -> None:
    doc = extract_facts(
        "Twitter removed accounts from several countries.\n\n"
        "- Nepal: 30 accounts targeting India.\n"
        "- Kenya and Uganda: 52 accounts targeting Tanzania.\n")
    got = sorted((sorted(keys(n, "country", "origin")), counts(n).get("twitter_accounts"))
                 for n in doc.networks)
    assert got == [(["KE", "UG"], 52), (["NP"], 30)]


def test_a_label_naming_two_countries_gives_both_origins() -> None:
    doc = extract_facts("Jordan, Lebanon: We removed 40 Facebook accounts that targeted "
                        "audiences in Jordan.")
    assert _origins(doc) == [["JO", "LB"]]


def test_a_figure_after_a_list_of_units_is_their_total() -> None:
    doc = extract_facts(
        "Trois réseaux (d'Albanie, d'Espagne et d'Égypte) ont été supprimés. Au cours du mois, "
        "nous avons supprimé 900 comptes Facebook.")
    assert _origins(doc) == [["AL"], ["EG"], ["ES"]]
    assert not any(counts(n) for n in doc.networks)


def test_in_total_is_the_figure_of_the_one_network_a_text_tells() -> None:
    doc = extract_facts("In total, Facebook took down 51 Facebook accounts and 14 Pages tied to "
                        "a marketing firm in Nigeria.")
    (net,) = doc.networks
    assert counts(net) == {"facebook_accounts": 51, "facebook_pages": 14}
    two = extract_facts(
        "Facebook took down 20 accounts from Chile. It also took down 12 accounts from Peru.\n\n"
        "In total, it removed 32 accounts.")
    assert sorted(counts(n).get("facebook_accounts", 0) for n in two.networks) == [12, 20]


def test_followers_in_french_and_spanish_are_an_audience() -> None:
    fr = extract_facts("Facebook a supprimé 35 comptes et 14 pages liés au Brésil. Environ 800 000 "
                       "comptes suivaient une ou plusieurs de ces pages, et 300 comptes avaient "
                       "rejoint ce groupe.")
    (net,) = fr.networks
    assert counts(net) == {"facebook_accounts": 35, "facebook_pages": 14,
                           "facebook_page_followers": 800000, "facebook_group_members": 300}
    es = extract_facts("Meta eliminó 20 cuentas vinculadas a Perú. Unas 5 000 cuentas seguían "
                       "una o más de estas páginas.")
    assert counts(es.networks[0]) == {"facebook_accounts": 20, "facebook_page_followers": 5000}


def test_followers_on_two_platforms_keep_their_own_platform() -> None:
    doc = extract_facts("Facebook removed 25 accounts linked to Iran; they had gained around "
                        "41,000 followers on Facebook and 3,000 on Instagram.")
    aud = {f.key: f.value for f in doc.networks[0].facts if f.kind == "audience"}
    assert aud.get("facebook_page_followers") == 41000
    assert aud.get("instagram_followers") != 41000


def test_a_country_that_was_the_target_said_after_it() -> None:
    doc = extract_facts("Le réseau social a supprimé 16 comptes liés à la Chine. Selon lui, le "
                        "Japon était la cible de ce réseau.")
    (net,) = doc.networks
    assert keys(net, "country", "target") == {"JP"}
    en = extract_facts("Meta removed 30 accounts linked to Iran; Israel was the main target.")
    assert keys(en.networks[0], "country", "target") == {"IL"}


def test_the_firms_a_network_is_tied_to_are_two_names_and_their_country() -> None:
    doc = extract_facts("Facebook a supprimé 20 comptes liés à l’activité de Blue Harbor et "
                        "Cedar Point, deux entreprises marocaines.")
    (net,) = doc.networks
    assert {f.key for f in net.facts if f.kind == "actor"} == {"Blue Harbor", "Cedar Point"}
    assert keys(net, "country", "origin") == {"MA"}


def test_where_a_network_is_said_in_other_words() -> None:
    for text, want in [
        ("Facebook said it had removed 40 accounts launched out of Serbia.", {"RS"}),
        ("Meta removed 12 accounts created by Iran to pose as journalists.", {"IR"}),
        ("Facebook a supprimé 18 comptes ayant leur origine au Cameroun.", {"CM"}),
        ("Cette activité est née en Tunisie ; Facebook a supprimé 30 comptes.", {"TN"}),
        ("OpenAI removed accounts of users from North Korea.", {"KP"}),
        ("Meta took down three CIB networks — in Serbia, Cuba and Bolivia — targeting "
         "people in their own countries.", None),
    ]:
        doc = extract_facts(text)
        if want is None:
            assert _origins(doc) == [["BO"], ["CU"], ["RS"]], text
        else:
            assert set().union(*(keys(n, "country", "origin") for n in doc.networks)) == want, text


def test_a_takedown_of_hackers_from_a_country_is_a_network() -> None:
    doc = extract_facts("OpenAI said it also banned Iranian hackers who used its models to "
                        "write phishing emails.")
    assert _origins(doc) == [["IR"]]


def test_a_typographic_apostrophe_keeps_the_cue() -> None:
    doc = extract_facts("Twitter a suspendu 90 comptes. Les derniers comptes sont censés être "
                        "originaires d’Iran.")
    assert set().union(*(keys(n, "country", "origin") for n in doc.networks)) == {"IR"}


def test_parts_told_later_that_add_up_to_the_lead_figure_are_the_counts() -> None:
    doc = extract_facts("Facebook removed 58 accounts linked to Iran.\n\n"
                        "In all, Facebook removed 40 accounts, 11 Pages and 7 Groups.")
    (net,) = doc.networks
    assert {k: v for k, v in counts(net).items() if k != "combined_assets"} == {
        "facebook_accounts": 40, "facebook_pages": 11, "facebook_groups": 7}
    assert counts(net).get("combined_assets") in (None, 58)


def test_a_figure_network_takes_the_origin_its_own_paragraph_gives() -> None:
    doc = extract_facts(
        "Facebook removed networks linked to Peru, Chile, Kenya and Nepal.\n\n"
        "It was the case of the accounts from Chile, which it removed in May.\n\n"
        "In June it removed 90 accounts and 12 Pages. Their activity had originated in Peru.")
    with_counts = [n for n in doc.networks if counts(n)]
    assert [keys(n, "country", "origin") for n in with_counts] == [{"PE"}]


def test_figures_told_country_by_country_in_one_sentence() -> None:
    doc = extract_facts("Google terminated 1,204 YouTube channels linked to China, 48 linked to "
                        "Russia, 17 tied to Azerbaijan and 6 connected to Iran in the quarter.")
    got = sorted((next(iter(keys(n, "country", "origin"))), counts(n)["youtube_channels"])
                 for n in doc.networks)
    assert got == [("AZ", 17), ("CN", 1204), ("IR", 6), ("RU", 48)]


def test_a_figure_whose_noun_is_in_the_sentence_before() -> None:
    doc = extract_facts("Google said it terminated more than 2,000 YouTube channels. Most of "
                        "them, 1,700, were linked to China. Another 250 channels were tied to "
                        "Russia, while 30 were linked to Iran.")
    got = sorted((next(iter(keys(n, "country", "origin")), None),
                  counts(n).get("youtube_channels")) for n in doc.networks)
    assert ("CN", 1700) in got and ("RU", 250) in got and ("IR", 30) in got


def test_countries_with_their_figure_in_brackets_or_after_with() -> None:
    doc = extract_facts("The company blocked channels tied to campaigns from China (1,204), "
                        "Russia (48) and Iran (6).")
    got = sorted((next(iter(keys(n, "country", "origin"))), counts(n).get("youtube_channels"))
                 for n in doc.networks)
    assert got == [("CN", 1204), ("IR", 6), ("RU", 48)]
    share = extract_facts("Google removed 9,000 YouTube channels. China accounted for the "
                          "largest share with 6,100 channels, followed by Russia with 1,500 and "
                          "Ghana with 40.")
    by = {next(iter(keys(n, "country", "origin")), None): counts(n).get("youtube_channels")
          for n in share.networks}
    assert by.get("RU") == 1500 and by.get("GH") == 40


def test_list_items_whose_verb_is_in_the_items() -> None:
    doc = extract_facts("Highlights of the bulletin:\n"
                        "- China: 1,204 YouTube channels terminated\n"
                        "- Russia: 48 YouTube channels and 3 Blogger blogs\n"
                        "- Ghana: 12 YouTube channels\n")
    got = sorted((next(iter(keys(n, "country", "origin"))), counts(n).get("youtube_channels"))
                 for n in doc.networks)
    assert got == [("CN", 1204), ("GH", 12), ("RU", 48)]


def test_a_part_of_the_first_figure_is_not_cut_off_as_a_network() -> None:
    doc = extract_facts("During July, TAG terminated 2,900 YouTube channels linked to Russia, "
                        "with the largest single action removing 310 channels connected to a "
                        "consulting firm.")
    assert len(doc.networks) == 1


def test_adsense_accounts_in_french() -> None:
    doc = extract_facts("Google a supprimé 12 chaînes YouTube et 3 comptes AdSense liés à la "
                        "Russie.")
    assert counts(doc.networks[0]) == {"youtube_channels": 12, "adsense_accounts": 3}


def test_units_counted_by_country_including_one_run_by_a_firm() -> None:
    doc = extract_facts("OpenAI said it disrupted four covert operations: two from Russia, one "
                        "from Iran and one run by a Turkish marketing company.")
    assert _origins(doc) == [["IR"], ["RU"], ["RU"], ["TR"]]


def test_units_opened_by_one_another_a_third_beside_named_ones() -> None:
    doc = extract_facts(
        "OpenAI banned accounts linked to two operations. One, which it dubbed \u201cGrey "
        "Lantern\u201d, was likely run from China. Another, from Iran, posted about shipping in "
        "the Gulf.")
    assert _origins(doc) == [["CN"], ["IR"]]
    assert [n.operation_name for n in doc.networks if keys(n, "country", "origin") == {"CN"}] == [
        "Grey Lantern"]


def test_each_country_with_its_figure_in_brackets_after_a_colon() -> None:
    doc = extract_facts("Twitter said it removed 1,212 accounts tied to state-backed operations "
                        "in four countries: Peru (300), Nepal (612), Ghana (200) and Chile (100).")
    got = sorted((next(iter(keys(n, "country", "origin"))), counts(n).get("twitter_accounts"))
                 for n in doc.networks)
    assert got == [("CL", 100), ("GH", 200), ("NP", 612), ("PE", 300)]


def test_a_bare_figure_and_its_place_after_another() -> None:
    doc = extract_facts("Facebook removed 900 accounts and Pages in Iran and 150 in Iraq.")
    got = sorted((next(iter(keys(n, "country", "origin"))), counts(n).get("combined_assets"))
                 for n in doc.networks)
    assert got == [("IQ", 150), ("IR", 900)]


def test_a_separate_or_second_network_from_the_same_country() -> None:
    doc = extract_facts("Meta removed a network of 40 accounts in Kenya. It also removed a "
                        "separate network in Kenya that targeted Uganda.")
    assert _origins(doc) == [["KE"], ["KE"]]
    assert [keys(n, "country", "target") for n in doc.networks] == [set(), {"UG"}]
    pair = extract_facts("TikTok said it removed a network operating from Iran that targeted "
                         "Iraq, and a second Iranian network aimed at Bahrain.")
    assert [(keys(n, "country", "origin"), keys(n, "country", "target"))
            for n in pair.networks] == [({"IR"}, {"IQ"}), ({"IR"}, {"BH"})]


def test_targets_told_later_by_the_units_people() -> None:
    doc = extract_facts("The company took down networks in Vietnam, Peru and Georgia. The "
                        "Vietnamese network targeted Laos and Cambodia; the Peruvian one focused "
                        "on audiences in Bolivia; the Georgian operation targeted Armenia.")
    got = {next(iter(keys(n, "country", "origin"))): keys(n, "country", "target")
           for n in doc.networks}
    assert got == {"VN": {"LA", "KH"}, "PE": {"BO"}, "GE": {"AM"}}


def test_country_by_country_figures_in_spanish_french_and_russian() -> None:
    for text in ["Google eliminó 1.204 canales de YouTube vinculados a China, 48 vinculados a "
                 "Rusia y 17 vinculados a Ghana.",
                 "Google a supprimé 1 204 chaînes YouTube liées à la Chine, 48 liées à la Russie "
                 "et 17 liées au Ghana.",
                 "Google удалил 1204 YouTube-канала, связанных с Китаем, 48 — с Россией и 17 — с "
                 "Ганой."]:
        doc = extract_facts(text)
        got = sorted((next(iter(keys(n, "country", "origin")), None),
                      counts(n).get("youtube_channels")) for n in doc.networks)
        assert got == [("CN", 1204), ("GH", 17), ("RU", 48)], text


def test_one_another_and_a_third_each_with_its_target() -> None:
    for text in ["Meta eliminó tres redes: una en Perú dirigida a Chile, otra en Kenia dirigida a "
                 "Uganda y una tercera en Nepal dirigida a India.",
                 "Meta a démantelé trois réseaux : l'un au Pérou visant le Chili, un autre au "
                 "Kenya visant l'Ouganda et un troisième au Népal visant l'Inde.",
                 "Meta took down three networks: one in Peru targeting Chile, one in Kenya "
                 "targeting Uganda, and a third in Nepal targeting India."]:
        doc = extract_facts(text)
        got = sorted((next(iter(keys(n, "country", "origin"))), sorted(keys(n, "country", "target")))
                     for n in doc.networks)
        assert got == [("KE", ["UG"]), ("NP", ["IN"]), ("PE", ["CL"])], text


def test_a_bracketed_list_with_dotted_thousands() -> None:
    doc = extract_facts("Twitter suspendió cuentas en tres países: Perú (1.276), Chile (48) y "
                        "Kenia (2.300).")
    got = sorted((next(iter(keys(n, "country", "origin"))), counts(n).get("twitter_accounts"))
                 for n in doc.networks)
    assert got == [("CL", 48), ("KE", 2300), ("PE", 1276)]


def test_in_the_first_in_the_second_with_their_figures() -> None:
    doc = extract_facts("Twitter removed two networks. In the first, from Peru, 60 accounts "
                        "targeted Chile. In the second, from Kenya, 15 accounts targeted Uganda.")
    got = sorted((next(iter(keys(n, "country", "origin"))), counts(n).get("twitter_accounts"))
                 for n in doc.networks)
    assert got == [("KE", 15), ("PE", 60)]


def test_the_other_one_had_a_bare_figure() -> None:
    doc = extract_facts("Facebook removed networks from Peru and Kenya. The Peruvian network "
                        "consisted of 310 accounts, while the Kenyan one had 90.")
    got = sorted((next(iter(keys(n, "country", "origin"))), counts(n).get("facebook_accounts"))
                 for n in doc.networks)
    assert got == [("KE", 90), ("PE", 310)]


def test_a_state_named_in_french_spanish_russian_or_a_possessive() -> None:
    for text, want in [
        ("Twitter a supprimé 35 comptes liés au gouvernement arménien.", "Armenian government"),
        ("Twitter eliminó 3.104 cuentas vinculadas al gobierno de Honduras.", "Honduran government"),
        ("Facebook удалил 50 аккаунтов, связанных с правительством Армении.", "Armenian government"),
        ("Facebook removed 52 accounts with ties to Russia's intelligence services.",
         "Russian intelligence services"),
    ]:
        doc = extract_facts(text)
        assert [(f.key, f.role) for n in doc.networks for f in n.facts if f.kind == "actor"] == [
            (want, "attributed")], text


def test_listed_figures_of_separate_campaigns_are_units() -> None:
    doc = extract_facts("TAG removed 900 YouTube channels in May linked to a Peruvian marketing "
                        "firm. The same month saw additional Peruvian operations resulting in 31, "
                        "12, and 5 channel terminations across separate campaigns.")
    got = sorted(counts(n).get("youtube_channels") for n in doc.networks)
    assert got == [5, 12, 31, 900]
    assert all(keys(n, "country", "origin") == {"PE"} for n in doc.networks)


def test_countries_such_as_after_a_takedown_and_no_platform_as_actor() -> None:
    doc = extract_facts("Google discontinued more than 4,000 YouTube channels linked to China, "
                        "an action that hit the revenue the owners made with AdSense. Channels in "
                        "other countries were also affected, related to countries such as Peru, "
                        "Kenya and Nepal.")
    assert _origins(doc) == [["CN"], ["KE"], ["NP"], ["PE"]]
    assert not any(f.kind == "actor" for n in doc.networks for f in n.facts)


def test_a_list_of_figures_each_with_its_people() -> None:
    doc = extract_facts("Twitter said it had removed 120 Peruvian and Chilean accounts, 45 Kenyan "
                        "accounts linked to a party, 300 Nepalese accounts and 9 Ghanaian accounts.")
    got = sorted((sorted(keys(n, "country", "origin")), counts(n).get("twitter_accounts"))
                 for n in doc.networks)
    assert got == [(["CL", "PE"], 120), (["GH"], 9), (["KE"], 45), (["NP"], 300)]


def test_the_same_figure_told_again_beside_other_countries_is_one_network() -> None:
    doc = extract_facts("Twitter removed 9 Ghanaian accounts and 45 Kenyan accounts.\n\n"
                        "The 9 accounts, like others in Nepal and Peru, had posted about the "
                        "election in Ghana.")
    nines = [n for n in doc.networks if counts(n).get("twitter_accounts") == 9]
    assert len(nines) == 1 and keys(nines[0], "country", "origin") == {"GH"}


def test_targets_said_as_an_audience_a_campaign_against_or_spreading_in() -> None:
    for text, want in [
        ("Meta removed 40 accounts from Russia whose primary audience was in Egypt.", {"EG"}),
        ("Meta removed 40 accounts from Russia that ran a campaign against Ukraine.", {"UA"}),
        ("Meta removed 40 accounts from Russia spreading disinformation in Sudan and Libya.",
         {"SD", "LY"}),
    ]:
        doc = extract_facts(text)
        (net,) = doc.networks
        assert keys(net, "country", "origin") == {"RU"}, text
        assert keys(net, "country", "target") == want, text


def test_lines_opening_on_a_country_label_are_items() -> None:
    doc = extract_facts("Twitter removed accounts tied to state-backed operations.\n\n"
                        "Peru: The network of 210 accounts amplified messages critical of Chile.\n"
                        "Kenya: 530 accounts praised the Kenyan leadership.\n")
    got = sorted((next(iter(keys(n, "country", "origin"))), counts(n).get("twitter_accounts"))
                 for n in doc.networks)
    assert got == [("KE", 530), ("PE", 210)]


def test_a_smaller_or_separate_network_from_another_country_is_its_own() -> None:
    for text, other in [
        ("Meta removed 500 accounts linked to Peru. A smaller operation originated in Nepal and "
         "targeted India.", "NP"),
        ("Meta removed 500 accounts linked to Peru. Separately, a network run from Ghana posed "
         "as activists.", "GH"),
    ]:
        doc = extract_facts(text)
        assert _origins(doc) == sorted([["PE"], [other]]), text


def test_operators_and_actors_from_two_countries_are_two_units() -> None:
    doc = extract_facts("OpenAI said it banned accounts used by several operations. Operators in "
                        "Nepal used ChatGPT to write comments. Actors based in Peru generated "
                        "articles about Chile.")
    assert _origins(doc) == [["NP"], ["PE"]]


def test_a_firms_people_and_a_reporting_period_that_is_no_history() -> None:
    doc = extract_facts("OpenAI disrupted an operation from Russia dubbed \u201cGrey Owl\u201d. It "
                        "also disrupted a Kenyan commercial company's campaign, \u201cBlue Reed\u201d.")
    assert {n.operation_name: frozenset(keys(n, "country", "origin")) for n in doc.networks} == {
        "Grey Owl": {"RU"}, "Blue Reed": {"KE"}}
    period = extract_facts("The report describes operations from Peru, Chile and Kenya that the "
                           "company disrupted in the past three months.")
    assert _origins(period) == [["CL"], ["KE"], ["PE"]]


def test_countries_covered_after_a_count_of_countries() -> None:
    doc = extract_facts("Twitter said it had suspended accounts in four countries. The "
                        "announcement covered Peru, Chile, Kenya and Nepal.")
    assert _origins(doc) == [["CL"], ["KE"], ["NP"], ["PE"]]


def test_of_the_total_a_share_with_its_country() -> None:
    doc = extract_facts("Of the 2,000 accounts Twitter removed, 640 were tied to Peru.")
    assert [(keys(n, "country", "origin"), counts(n)) for n in doc.networks] == [
        ({"PE"}, {"twitter_accounts": 640})]


def test_case_study_headings_name_the_operation_and_its_place() -> None:
    doc = extract_facts("OpenAI said it disrupted three operations that abused its models.\n\n"
                        "Grey Owl (Peru)\n\nThe operation generated comments about Chile.\n\n"
                        "Red Fern (Kenya)\n\nThis operation wrote posts supporting the government.\n")
    assert {n.operation_name: frozenset(keys(n, "country", "origin")) for n in doc.networks} == {
        "Grey Owl": {"PE"}, "Red Fern": {"KE"}}
    quoted = extract_facts("OpenAI banned accounts linked to several operations.\n\n"
                           "Nepal: \u201cPaper Kite\u201d\nThe network wrote about the election.\n\n"
                           "Peru: \u201cStone Bell\u201d\nAccounts generated articles about mining.\n")
    assert {n.operation_name: frozenset(keys(n, "country", "origin")) for n in quoted.networks} == {
        "Paper Kite": {"NP"}, "Stone Bell": {"PE"}}


def test_no_actor_from_an_operation_name_an_imitated_outlet_or_an_earlier_network() -> None:
    op = extract_facts("Google said Spamouflage has created more than 9,000 accounts, and it "
                       "terminated 900 YouTube channels linked to China.")
    assert not any(f.kind == "actor" and f.key.lower() == "spamouflage"
                   for n in op.networks for f in n.facts)
    outlets = extract_facts("Meta removed a network of 60 websites linked to Russia imitating "
                            "outlets such as The Times and Le Figaro.")
    assert not any(f.kind == "actor" for n in outlets.networks for f in n.facts)
    earlier = extract_facts("Twitter deleted 300 Russian accounts that seemed similar to the ones "
                            "previously traced to the Internet Research Agency.")
    assert not any(f.kind == "actor" and f.role == "attributed"
                   for n in earlier.networks for f in n.facts)


def test_an_origin_that_is_another_networks_own_leaves_the_summary() -> None:
    doc = extract_facts("Meta removed 300 accounts from Peru and Chile that posted about mining.\n\n"
                        "Separately, Meta removed 40 accounts linked to Chile.")
    assert sorted((sorted(keys(n, "country", "origin")), counts(n).get("facebook_accounts"))
                  for n in doc.networks) == [(["CL"], 40), (["PE"], 300)]


def test_shares_said_with_were_and_most_of_them_in() -> None:
    doc = extract_facts("Among the removed accounts, 120 were Instagram accounts and 80 were "
                        "Facebook accounts, all run from Bolivia.")
    assert counts(doc.networks[0]) == {"instagram_accounts": 120, "facebook_accounts": 80}
    most = extract_facts("The takedown covered 3,000 Facebook and Instagram accounts in all, most "
                         "of them in Peru.")
    assert keys(most.networks[0], "country", "origin") == {"PE"}


def test_an_operation_the_company_calls_by_a_name() -> None:
    doc = extract_facts("OpenAI said it disrupted several operations. The company also banned "
                        "accounts tied to a Peruvian operation it calls \u201cCopper Gate\u201d.")
    assert [(n.operation_name, keys(n, "country", "origin")) for n in doc.networks] == [
        ("Copper Gate", {"PE"})]


def test_two_networks_that_met_keep_their_own_origins() -> None:
    doc = extract_facts(
        "Today we removed two networks.\n\n"
        "--- Network 1: Peru ---\n\n"
        "We removed 40 Facebook accounts and 6 Pages. This network originated in Peru and "
        "targeted Bolivia. Some accounts accused other users of being Chilean trolls.\n\n"
        "--- Network 2: Chile ---\n\n"
        "We removed 30 Facebook accounts and 4 Pages. This network originated in Chile and "
        "targeted Bolivia.\n\n"
        "Fake accounts in the Peruvian network commented on posts by the Chilean one, and "
        "vice versa.")
    assert [(keys(n, "country", "origin"), counts(n).get("facebook_accounts"))
            for n in doc.networks] == [({"PE"}, 40), ({"CL"}, 30)]


def test_a_figure_over_the_last_months_is_a_running_total() -> None:
    doc = extract_facts("Google terminated 400 YouTube channels linked to Peru and 120 linked to "
                        "Chile. That's over 9,000 YouTube channels removed over the last seven "
                        "months.")
    assert sorted(counts(n).get("youtube_channels", 0) for n in doc.networks) == [120, 400]


def test_users_who_belonged_to_the_groups_are_an_audience() -> None:
    doc = extract_facts("Facebook removed 80 accounts linked to Peru; 70,000 accounts followed at "
                        "least one of the Pages, and 1.1 million users belonged to the Groups.")
    assert counts(doc.networks[0]) == {"facebook_accounts": 80, "facebook_page_followers": 70000,
                                       "facebook_group_members": 1100000}


def test_targets_said_in_spanish_and_russian() -> None:
    for text in ["Meta eliminó 40 cuentas de Perú cuyo público objetivo estaba en Chile.",
                 "Meta удалила 40 перуанских аккаунтов, распространявших дезинформацию в Чили."]:
        (net,) = extract_facts(text).networks
        assert (keys(net, "country", "origin"), keys(net, "country", "target")) == (
            {"PE"}, {"CL"}), text


def test_a_name_before_its_description_and_a_spanish_link() -> None:
    for text, want in [
        ("Twitter removed 900 accounts. Twitter said the accounts tied to the Lima Alliance "
         "political party posted content about the mayor.", "Lima Alliance"),
        ("Facebook eliminó 50 cuentas. Facebook vinculó la actividad con Cobre Digital, una "
         "empresa de marketing peruana.", "Cobre Digital"),
    ]:
        doc = extract_facts(text)
        assert [(f.key, f.role) for n in doc.networks for f in n.facts if f.kind == "actor"] == [
            (want, "attributed")], text
