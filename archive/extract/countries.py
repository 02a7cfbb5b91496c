"""Countries and regions in a sentence, each with a role: origin, target, sponsor,
impersonated or topic. Resolves ambiguous names (Georgia, Congo) from context.

Works sentence by sentence on gazetteer mentions; never expands a region into countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from archive.extract.caseless import Caseless
from archive.extract.gazetteer import Mention
from archive.extract.languages import is_language_use
from archive.extract.layout import LABEL_LINE
from archive.extract.networks import PAST_TAKEDOWN

# Cue phrases to the LEFT of a mention; the nearest one in the clause decides the role.
_LEFT_CUES: list[tuple[str, str]] = [
    # ("linked to people in Peru" first: not the "people in X" an operation targets)
    ("origin", r"(?:link\w*|tied|connected|associated|traced(?: back)?) (?:to|with) (?:\w+ )?"
               r"(?:people|individuals|persons|users|actors|operators|entities) (?:based )?(?:in|from)|"
               r"originat\w*(?: (?:in|from))?|based (?:in|out of)|operat\w* (?:out of|from)|"
               r"(?:run|ran|managed|controlled|coordinated|operated) (?:out of|from)|"
               r"(?:run|operated|managed|controlled|created|used|staffed) by (?:\w+ ){0,3}?"
               r"(?:in|from)|(?:launched|conducted|orchestrated|mounted|carried out|run|operated) by|"
               r"com(?:es|ing|e) from|came from|located in|living in|emanat\w* from|"
               r"stemm\w* from|traced (?:back )?to|link(?:ed|s)? (?:\w+ ){0,3}?to|ties to|tied to|"
               r"connected (?:to|with)|linked with|tied with|connections? to|associated with|affiliated with|attribut\w* "
               r"(?:\w+ ){0,3}?to|individuals (?:in|from)|(?:persons|operators|actors|"
               r"employees|staff|freelancers|contractors|nationals) (?:based )?"
               r"(?:in|from)|(?:network|operation|campaign|activity|accounts|pages|cluster|IO|"
               r"group|set|persona|troll|bot)s?,? (?:\w+ )?from|from within|"
               r"(?:its|their|had its) origins? in|origins? in|"
               # "a campaign in Chile that used 200 accounts": where the unit was
               r"(?:a|an|another|one) (?:[\w-]+ )?(?:network|operation|campaign|cluster) in|"
               # "a marketing company in Santiago", "a PR firm in Tel Aviv": the operators'
               r"(?:firm|company|agency|consultancy|contractor|startup|business)(?: based)? in|"
               r"(?:first|second|third|fourth|fifth|other|another|latter|former),? (?:one,? )?from|"
               r"(?:one|another|the other|a third),? (?:from|in|based in)|"
               r"(?:una|uno|otra|otro|la otra|el otro) (?:de|desde|en|con sede en)|"
               r"(?:une autre|un autre|l['’]autre|l['’]une|l['’]un) (?:de|d['’]|du|des|en|au|aux|basée? en)|"
               r"(?:cuentas|páginas|perfiles) (?:[\w-]+ ){0,2}?en|(?:accounts|pages|channels|profiles) in (?:\w+ )?(?:countries|nations):?|"
               # "The largest, from China, included 7,700 accounts": an aside naming the origin
               r",\sfrom|"
               # "The largest, in Peru, involved 300 accounts": an aside naming the unit's place
               r"^\W*(?:the (?:largest|smallest|biggest|first|second|third|fourth|last|other|"
               r"latter|former)|one|another|a (?:second|third|fourth|separate)),\sin|"
               r"originad[ao]s? (?:en|de|desde)|procedentes? de|con sede en|desde(?! hace)|de origen|"
               r"se origin\w+ en|origin[óa]\w* en|s'origin\w+ (?:en|au|de)|originaires? d[e']|"
               r"vinculad[ao]s? (?:a|al|con)|"
               r"origin\w+ (?:de|d'|du|des)|en provenance (?:de|d'|du)|basée?s? (?:en|au|aux|à)|"
               r"depuis|liée?s? (?:à|au|aux)|associée?s? (?:à|au|aux)|en liens? avec|"
               r"(?:asociad|relacionad)[ao]s? (?:a|al|con)|(?:information|influence) operations? from|"
               r"tying (?:\w+ ){0,4}?to|con origen en|"
               r"из|с территории|связан\w* (?:с|со)|имеющ\w+ отношение к|стоял\w*|стоит за|"
               r"(?:аккаунт\w*|учетн\w+ запис\w*|страниц\w*) (?:\w+ )?пользовател\w* из|"
               r"созда\w+ (?:в|во)|зарегистрирован\w* (?:в|во)|(?:created|registered|set up) in|"
               r"находил\w+ (?:в|во)|находящ\w+ (?:в|во)|располага\w+ (?:в|во)|"
               r"cread[ao]s? en|créée?s? (?:en|au)|"
               r"стоят за|detrás de (?:\w+ )?(?:estaba|estaría|está)|derrière (?:\w+ )?(?:se trouv\w+)|базирующ\w+ в|возникл\w+ в|происход\w+ из|"
               r"registrad[ao]s? en|pour le compte (?:de|du)|radicad[ao]s? en|"
               r"(?:сеть|сети|сетей)(?: аккаунтов)? в|(?:работал|действовал|"
               r"базировал|управлял)\w* (?:в|из)|исходивш\w+ из|"
               r"(?:red|redes|entramado|réseaux?) (?:(?!se |centr|enfoc|dirig|concentr|apunt|vis|cibl)\w+ ){0,2}?"
               r"(?:en|au|aux)|"
               # "76 chaînes YouTube au Brésil", "30 YouTube channels in Russia"
               r"(?:channels|chaînes|canales) (?:YouTube |de YouTube )?(?:in|au|aux|en)|"
               r"(?:cuentas|páginas|perfiles|red|redes|comptes|réseaux?) (?:\w+ )?(?:de|desde|d')|"
               # "three CIB networks — in Serbia, Cuba and Bolivia", "Cinq réseaux (d’Albanie, ..."
               r"(?:networks?|operations?|campaigns?|clusters|redes|réseaux|operaciones|opérations)"
               r"\s*[—–(]\s*(?:in|from|based in|en|de|desde|d'|du|des|au|aux|из|в)?|"
               # "a network of accounts in Vietnam", "15 accounts in Bangladesh": where they are
               r"(?:networks?|clusters?) (?:of (?:\w+ ){0,2}?(?:accounts|pages|profiles) )?in|"
               # "has taken down 1,019 accounts in Ecuador", "also removed accounts in A, B and C"
               # (not "removed 67,013 fake accounts in Ireland": a market's spam figure)
               r"(?:removed|suspended|took down|taken down|banned|deleted|terminated|disabled|"
               r"closed) (?:(?!fake\b)[^.;:\s]+ ){0,14}?(?:accounts|Pages|Groups|channels)(?: on "
               r"(?:Facebook|Instagram|Twitter|YouTube))? in|"
               r"launched (?:out of|from)|"
               r"(?:accounts|chats?) (?:of|from|belonging to|used by) (?:\w+ )?(?:users|individuals|people|"
               r"actors|operators) (?:from|in|based in|located in)|"
               r"(?:created|run|operated|managed|controlled|orchestrated|directed|led) by(?: the)?|"
               r"(?:cread|gestionad|operad|manejad|dirigid|administrad)[ao]s? por(?: el| la)?|"
               r"(?:créé|géré|opéré|dirigé|administré)e?s? par(?: le| la| l')?|"
               # "accounts were shut down in Serbia", "comptes supprimés en Tunisie": removed there
               r"(?:were|was) (?:removed|suspended|shut down|taken down|banned|deleted|terminated|disabled) in|"
               r"(?:supprimé|suspendu|désactivé|effectué)e?s? (?:en|au|aux)|"
               r"(?:eliminad|suprimid|suspendid|cerrad|dad)[ao]s?(?: de baja)? en|"
               r"(?:born|nées?|nés?|nacid[ao]s?) (?:\w+ )?(?:in|en|au|aux)|"
               r"(?:leur|son|sa|su|sus) origine? (?:en|au|aux|dans)|"
               # "influence related to countries such as Russia, Turkey, ...", "operations had
               # to do with different nations like China", "including ones from Bangladesh"
               r"(?:linked|tied|related|connected|attributed|associated) (?:to|with) (?:other )?"
               r"(?:countries|nations|states)(?: such as| including| like|, including)?:?|"
               r"(?:had to do with|involving|involved) (?:\w+ )?(?:countries|nations)"
               r"(?: such as| including| like)|(?:including )?ones (?:from|based in|originating in)|"
               # "3,000 accounts in all, most of them in the Philippines"
               r"(?:most|many|some|all|the (?:vast )?majority|half) of (?:them|these|which) (?:were )?"
               r"(?:in|from|based in|located in|run from)|"
               # "... 1,000 accounts in Iran and 200 in Russia": a bare figure's place
               r"(?<![\w.,])(?!(?:19|20)\d\d\b)\d[\d,.]*\d (?:more )?(?:in|from|en|de|desde|из|в)|"
               r"(?<![\w.,])[1-9] (?:more )?(?:in|from|en|de|desde)|"
               # "2232 канала, связанных с Китаем, 36 — с Россией"
               r"(?<![\w.,])\d[\d,. ]*\s*[—–]\s*(?:с|со|из|в|to|from|de|à|a)"),
    ("target", r"target\w*|aim\w* at|aimed|aiming|focus\w* (?:\w+ ){0,2}?on|directed at|"
               # "attempted an information operation in X": where it was run at (the longer
               # cue wins over "an operation in", an origin)
               r"(?:attempted|conducted|launched|mounted|waged|ran|carried out) (?:a|an) "
               r"(?:[\w-]+ )?(?:operation|campaign) in|"
               r"locali[sz]ed for|tailored (?:for|to)|concentrat\w+ (?:\w+ ){0,2}?on|specific to|"
               r"concentrat\w+ (?:their|its) (?:\w+ ){0,4}?(?:above all |mainly |mostly )?in|"
               r"se concentr\w+ (?:\w+ ){0,2}?sur|se (?:con)?centr\w+ (?:\w+ ){0,2}?en|centrad[ao]s? en|"
               r"singl\w* out|zero\w* in on|went after|go after|going after|sought to (?:reach|sway|"
               r"influence)|tried to (?:reach|sway|influence)|courted|catered to|addressed|"
               # "drove this operation across primarily Mali, Burkina Faso ...": where it worked
               r"(?:operation|activity|campaign)s? across(?: primarily| mainly| mostly)?|"
               r"audiences? (?:in|across|throughout|from)|(?:users|people|voters|citizens|"
               r"readers|residents|communities|population|public) (?:in|of|across)|"
               r"intended for|meant for|geared toward|(?:interfer\w*|meddl\w*) (?:\w+ )?in|"
               r"elections? in|destabili[sz]\w*|directed toward|"
               # "whose primary audience was in Egypt", "a campaign against Ukraine",
               # "spreading disinformation in Sudan"
               r"audiences? (?:was|were|is|are) (?:\w+ )?(?:in|based in|located in)|"
               r"(?:directed|aimed|campaigns?|operations?|propaganda|narratives?|content|posts?|"
               r"messaging|messages) against|"
               r"spread\w* (?:\w+ ){0,2}?in|(?:disinformation|propaganda|narratives) in|"
               r"(?:público|audiencia|public|аудитори\w*) (?:objetivo |cible |целев\w+ )?"
               r"(?:estaba|era|está|était|est|находил\w+|был\w*) (?:\w+ )?(?:en|au|aux|в)|"
               r"распростран\w+ (?:\w+ ){0,2}?в|дезинформаци\w* в|"
               # "sow political discord in X", "disrupt the months-long protests in X"
               r"(?:sow|disrupt|undermin|manipulat|polariz|polaris|divid)\w* "
               r"(?:(?!originat|based|operat|run\b|ran\b|from|linked|tied|located)\w+ ){0,4}?in|"
               r"elecciones (?:\w+ ){0,2}?en|élections (?:\w+ ){0,2}?(?:en|au|aux)|выбор\w* (?:\w+ ){0,2}?в|"
               r"to influence|influenc\w* (?:\w+ )?in|reach (?:audiences|people) in|"
               r"(?:countries|nations|places|audiences) (?:most |primarily |mainly )?"
               r"(?:affected|targeted|hit) (?:were|was|included|are)|"
               r"dirigid[ao]s? (?:principalmente |sobre todo |especialmente |sobre todo )?"
               r"(?:a|al|contra|hacia)|contra|enfocad[ao]s? en|apuntaba a|"
               r"cibl\w+|visant|visai\w+|visée?s?|dirigée?s? (?:contre|vers)|à destination (?:de|du|des)|"
               r"axée?s? (?:sur|principalement sur)|centrée?s? sur|tournée?s? vers|"
               r"se dirig\w+ a|dirigía\w* a|ten[íi]a\w* como objetivo(?: a)?|"
               r"(?:votantes|usuarios|ciudadanos|audiencias|électeurs|utilisateurs|citoyens) (?:de|en|du|des)|"
               r"(?:пользовател|аудитори|жител|граждан|избирател)\w* из|"
               r"sembrar (?:\w+ ){0,2}en|influir en|semer (?:\w+ ){0,2}(?:en|au)|"
               r"influencer|influenciar|visant à influencer|destinad[ao]s? a influir en|"
               r"повлиять на|влиять на|влияни\w+ на|вмешательств\w+ в|дестабилизир\w+ (?:\w+ )?в|"
               r"охватывал\w*|охватыва\w+|"
               r"концентрир\w+ на|фокусир\w+ на|нацелен\w* на|направлен\w*,?(?: \w+,?){0,3}? (?:на|против)|"
               r"(?:кампани\w*|операци\w*|дезинформаци\w*|пропаганд\w*|действ\w*|сет[ьи]|"
               r"информационн\w+ \w+) (?:\w+ ){0,2}?против|"
               r"(?:пользовател|аудитори|жител|граждан|избирател)\w* (?:в|во)|"
               r"(?:жител|граждан|пользовател|аудитори)\w*|целев\w+ (?:групп|аудитори)\w*(?: \w+)?|"
               r"рассчитан\w* на|s'adress\w+ (?:à|au|aux)|dirigid[ao]s? al público de|"
               r"сосредоточен\w*"
               r"(?: в первую очередь)? на|ориентирован\w* на|аудитори\w+ (?:в|из)"),
    ("sponsor", r"в интересах|по заказу|от имени|en nombre de|por encargo de|au nom de|"
                r"pour le compte de|sponsored by|funded by|financed by|paid (?:for )?by|backed by|"
                r"on behalf of|at the behest of|at the direction of|directed by|"
                r"commissioned by"),
    ("impersonated", r"выдава\w+ себя (?:\w+ ){0,3}?за|притворя\w+|"
                     r"se faisant passer pour|se fai\w+ passer pour|haciéndose pasar por|"
                     r"se hac\w+ pasar por|pos(?:ed|ing|e) as|pretend\w* to be|impersonat\w*|masquerad\w* as|"
                     r"claim\w* to be|purport\w* to be|disguised as|"
                     r"portray\w* (?:themselves|itself|himself|herself) as|spoof\w*|"
                     r"present\w* (?:themselves|itself) as|pass\w* (?:themselves|itself) off as|"
                     r"posing|fake (?:news )?outlets? (?:from|in)"),
    ("topic", r"about|regarding|concerning|criticiz\w*|criticis\w*|critical of|prais\w*|"
              r"support (?:for|of)|supportive of|narratives?|tensions? between|relations? "
              r"(?:with|between)|war in|conflict in|stance on|coverage of|touched on|"
              r"denigrat\w*|attack\w*|accus\w*|highlight\w*|promot\w*|situation in|"
              # "content on the invasion of Ukraine", "after the invasion by Russia"
              r"invasion (?:of|by)|annexation of|occupation of|aggression (?:against|by)|"
              r"war (?:on|against|with|between)|conflict (?:with|between)|"
              r"invasi[oó]n (?:\w+ )?(?:de|a|por)|l['’]invasion (?:\w+ )?(?:de|d['’]|par)|"
              r"anexi[oó]n de|l['’]annexion de|вторжени\w+ (?:\w+ )?(?:в|на)|аннекси\w+|"
              r"news (?:about|from|in)|commentary on|opposition to|policies|relationship"),
]
# A quote mark inside a cue does not break it ("«пытались влиять» на США").
_CUE_RE = [(role, Caseless(r"\b(?:" + pat.replace(" ", r"[\s«»\"“”„]+") + r")[\s«»\"“”„]*(?:\s|$)"))
           for role, pat in _LEFT_CUES]
_BOUNDARY = Caseless(
    r";|(?<![A-Z])\.\s+(?=[A-Z])|(?<!countries )(?<!nations )(?:—|\s–\s)(?!\s*(?:in|from|en|de|d'|du|des|au|aux|с|со|из|в)\s)|\bwhile\b|\bbut\b|\bwhereas\b|,\s*which\b|\bwhich\b|\bwhose\b|\bcuy[oa]s?\b|\bdont\b|,\s*with\b|"
    r"\b(?:that|who)(?=\s+(?:\w+\s+)?(?:ran|posted|shared|spread|published|promoted|pushed|"
    r"amplified|praised|criticized|criticised|attacked)\b)|"
    r"\band (?:was|were|is|has|had|it|its|they|we|the network|then)\b|"
    # ", and accounts operating from ...": a second unit's clause
    r",\s+and\s+(?=(?:\w+\s+){0,2}(?:accounts|networks?|operations?|campaigns?|Pages|channels)\b)")
_LIST_GAP = Caseless(r"^(?:[\s,:()—–]|\b(?:and|or|as well as|including|such as|especially|particularly|"
    r"primarily|mainly|mostly|largely|notably|predominantly|chiefly|the|in|across|"
    r"throughout|of|multiple|several|numerous|various|countries|nations|states|audiences|"
    r"users|people|approximately|about|like|also|both|to a lesser extent|other|neighbouring|"
    r"neighboring|at least|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"separate|distinct|different|following|such|world|globe|region|regions|continent|around|"
    r"global|globally|worldwide|specifically|namely|many|number|a number|a range|range|"
    r"mostly in|parts|part|especially in|broadly|more broadly|also on|on|и|y|et|e|ou|o|а также|"
    r"pero también(?: a| en)?|mais aussi(?: en| au| à)?|así como|ainsi que|"
    r"le|la|les|l|el|los|las|du|des|de|al|au|aux|principalement|notamment|surtout|"
    r"a lesser extent|dans une moindre mesure|en menor medida|sur|dans|en|à|ou|"
    r"partly|in part|partially|en partie|en parte|parcialmente|отчасти|частично|на)\b|"
    r"\([A-Z]{2,6}\))*$")
# "China accounted for the largest share ..., followed by Russia with 1,500 and Ghana with 40":
# with no cue before it, a country a figure is given for is where that figure came from
_FIGURE_AFTER = re.compile(
    r"^ (?:accounted|was responsible|were responsible) for\b|"
    r"^ with \d[\d,.]*(?:\s+(?:channels|accounts|Pages|profiles))?(?=\s*[,.;]|\s+and\b|\s*$)")
_ORIGIN_AFTER = Caseless(r"^ (?:(?:also|également|aussi|también) )?(?:used|utilisait|utilisaient|a utilisé|utilizó|usó|"
    r"utilizaba|использовал\w*) (?:(?:également|aussi|también|also) )?(?:\w+ )?\d|"
    r"^(?: and [A-Z][\w-]+ (?:governments|militaries|authorities|intelligence services)\b|"
    r" (?:governments|militaries)\b|"
    r"[-‐‑ ](?:based|linked|run|origin|affiliated|connected|operated|headquartered)\b|"
    r"'s? (?:government|military|army|intelligence|state media|security services|ministry)|"
    r" (?:(?:(?:disinformation|influence|propaganda|covert|troll|bot|state-backed|"
    r"state-linked|state-sponsored|inauthentic|coordinated|malicious|information|online|"
    r"hacking|hacker|cyber|espionage|spam|fake|disinfo|threat|government-linked|military-linked|"
    r"persona|content|AI|cross-platform|sprawling|prolific|large|small|new|фейков\w+|"
    r"пропагандистск\w+|дезинформационн\w+|скоординированн\w+) ){1,2}"
    r"(?:network|operation|campaign|group|actors?|cluster|collective|effort)s?\b|"
    r"(?:groups?|IOs?|clusters?|sets?)\b|"
    r"(?:(?!социальн)[а-яё]+(?:ая|ый|ий|ое|ые|ие|ой|ую|ых|их)\s+){1,2}(?:\([^)]{1,30}\)\s+)?"
    r"(?:сет[ьиейям]\w*|кампани\w*|операци\w*)|происхождени\w*|"
    r"(?:сет[ьиейям]\w*|кампани\w*|операци\w*|аккаунт\w*|спецслужб\w*|правительств\w*|"
    r"власт\w*|пропаганд\w*|военн\w+|разведк\w*|хакер\w*|групп\w*|тролл\w*|бот\w*|"
    r"учетн\w+ запис\w*|учётн\w+ запис\w*|профил\w*)|"
    r"networks?|operations?|campaigns?|actors?|operators?|individuals|people|entities|company|"
    r"(?:fake |inauthentic |bogus )?accounts|"
    r"companies|firm|marketing firm|PR firm|government|military(?! fan| enthusiast| supporter)|army|"
    r"(?:(?:commercial|private|political|marketing|PR|consulting|public relations|tech|technology|"
    r"media|digital|advertising|communications) ){1,2}(?:company|companies|firms?|agency)|"
    r"state media|state|"
    r"intelligence|troll|trolls|nationals|agency|influence operation|"
    r"threat actors?|IO|CIB|operatives|security services|hackers?|hacking groups?|spies|"
    r"agents|propagandists|bloggers|consultants|contractors|operators)\b)")
_SPONSOR_AFTER = Caseless(r"^[-‐‑ ](?:backed|sponsored|funded|financed|directed)\b")
_TARGET_AFTER = Caseless(
    r"^ (?:аудитори\w*|пользовател\w*|избирател\w*|граждан\w*|читател\w*|общественност\w*)|"
    r"^'?s? ?(?:[-‐‑ ]speaking )?(?:audiences?|users|voters|citizens|people|public|"
    r"population|electorate|residents|readers|diaspora|communities|speakers|"
    r"internet users|social media users)\b|"
    # "les Etats-Unis étaient la cible de ce réseau", "Ukraine was the main target"
    r"^,? (?:(?:était|étaient|est|sont|fut|was|were|is|are|has been|have been|era|eran|fue|"
    r"fueron|es|son|был\w*|стал\w*) )(?:(?:la|les|le|the|el|los|las|one of the) )?"
    r"(?:(?:principale?s?|main|primary|chief|principal(?:es)?|главн\w+|основн\w+) )?"
    r"(?:cibles?|targets?|blancos?|objetivos?|мишень\w*|цель\w*)\b")
_TOPIC_WORDS = Caseless(
    r"\b(?:about|criticism|critical|praise|prais\w*|narratives?|tensions?|conflict|war|"
    r"relations|policies|policy|news|stance|coverage|denigrat\w*|accus\w*|highlight\w*|"
    r"promot\w*|pro-\w+|anti-\w+|situation|topics?|themes?|commentary|discuss\w*|"
    r"politics|election\w*|support(?:ive)? (?:for|of)|interests|content)\b")
_GEORGIA_US = re.compile(
    r"\b(?:Atlanta|Savannah|Fulton County|Peach State|Kemp|Raffensperger|runoffs?|Ossoff|"
    r"Warnock|U\.?S\.? state|state of Georgia|Georgia's (?:secretary|governor|senate)|"
    r"secretary of state|county|counties|swing states?|battleground|Arizona|Pennsylvania|"
    r"Michigan|Wisconsin|North Carolina|Florida|Texas)\b"
)
_GEORGIA_GE = re.compile(
    r"\b(?:Tbilisi|Georgian Dream|Ivanishvili|Saakashvili|Kobakhidze|Zurabishvili|Abkhazia|"
    r"South Ossetia|Caucasus|Batumi|Kutaisi|Black Sea|Kremlin|EU candidate|Armenia|"
    r"Azerbaijan|post-Soviet|Georgian government|Georgian language|lari)\b"
)
_CONGO_CG = re.compile(r"\b(?:Brazzaville|Sassou|Nguesso|Pointe-Noire|Republic of (?:the )?Congo)\b")
# Posing, not hedging: "appears to be regular shifts ... in Azerbaijan" states no disguise.
_POSING_BEFORE = Caseless(
    r"\b(?:(?:claim\w*|purport\w*|pretend\w*)\s+to\s+be|"
    r"se (?:présent|fais)\w+ (?:comme|passer pour)|se hac\w+ pasar por|"
    r"(?:pos(?:ed|ing)|masquerad\w*|disguised|presented (?:themselves|itself)|passed (?:themselves|"
    r"itself) off)\s+as|(?:designed|made|built|created)\s+to\s+"
    r"(?:look|appear|seem)\s+(?:like|as if)|to\s+look\s+like)\b[^.;]{0,40}$")
DOMESTIC = Caseless(
    r"\bdomestic(?:ally)?[- ](?:audiences?|users|population|public|"
    # ("domestic politics", "domestic political influence": a topic, not whom it addressed)
    r"political (?:opponents|rivals|critics|opposition|audiences|actors|figures|debate)|"
    r"targets?|focused|influence operation|operation|network|campaign|activity|discourse|"
    r"conversations?|voters|citizens|opponents|critics)|\btarget\w* (?:\w+ )?domestic\b|"
    r"\bfocused (?:\w+ )?on (?:its own|domestic|local) (?:audiences|citizens|population)|"
    r"\bits own (?:citizens|population)\b|\boriginat\w* in and target\w*|"
    r"\btarget\w* (?:\w+ )?local (?:audiences|users|populations)\b|"
    r"\btarget\w* (?:\w+ ){0,2}in their own countr(?:y|ies)\b|\baudiencias nacionales\b|"
    r"\bpublics? (?:intérieurs?|nationa(?:l|ux))\b|\baudiences? (?:nationales?|locales?)\b|"
    r"\bpúblicos? (?:nacional(?:es)?|local(?:es)?|internos?)\b|\bвнутренн\w+ аудитори\w+")


@dataclass(slots=True)
class PlaceHit:
    kind: str  # country | region
    key: str
    role: str
    start: int
    end: int
    detail: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _georgia_votes(context: str) -> tuple[int, int]:
    """Cues for the US state against the country, counted once per document (a str caches
    its hash, so the lookup costs nothing after the first)."""
    return len(_GEORGIA_US.findall(context)), len(_GEORGIA_GE.findall(context))


@lru_cache(maxsize=4)
def _congo_brazzaville(context: str) -> bool:
    return bool(_CONGO_CG.search(context))


def resolve_code(m: Mention, context: str) -> tuple[str, dict[str, Any]] | None:
    """The ISO code a country mention names, using *context* for ambiguous names."""
    entries = m.of_kind("country")
    if not entries:
        return None
    entry = entries[0]
    if entry.sub != "ambiguous":
        return entry.value, {}
    low = m.surface.lower()
    if low.startswith("georgia"):
        us, ge = _georgia_votes(context)
        if us > ge:
            return "US", {"us_state": "Georgia"}
        return "GE", {}
    if low.startswith("congo"):
        return ("CG", {}) if _congo_brazzaville(context) else ("CD", {})
    return entry.value, {}


def _left_role(s: str, local: int, mentions_local: list[tuple[int, int]]) -> str | None:
    s = s.replace("’", "'")  # "originaires d’Iran" reads as "d'Iran"; one char for one
    clause_start = 0
    for brk in _BOUNDARY.finditer(s, 0, local):
        clause_start = brk.end()
    best: tuple[int, int, str] | None = None
    for role, rx in _CUE_RE:
        for c in rx.finditer(s, clause_start, local):
            # The cue nearest the mention wins; at the same end the longer cue ("users from"
            # over "from"), and at the same span the origin.
            if (best is None or c.end() > best[1] or c.end() == best[1] and (
                    c.start() < best[0] or c.start() == best[0] and role == "origin")):
                best = (c.start(), c.end(), role)
    if best is None:
        return None
    if best[2] in ("origin", "sponsor") and _POSING_BEFORE.search(s[clause_start : best[0]]):
        if _LOCALS.search(s[clause_start : local]):
            return "target"  # "posed as local entities from Senegal": the people addressed
        return "impersonated"  # "claimed to be run by Taiwanese volunteers"
    if best[2] == "impersonated" and _LOCALS.search(s[best[1] : local]):
        return "target"  # "posing as locals in Nigeria"
    if best[2] == "origin" and _NEGATED.search(s[max(clause_start, best[0] - 30) : best[0]]):
        return None  # "las cuentas ni siquiera eran manejadas desde México": not from there
    before = [(a, b) for a, b in mentions_local if best[1] <= a and b <= local]
    if before and _ITEM_JOIN.fullmatch(s[before[-1][1] : local]):
        # "linked to governments in Peru, Chile and Kenya": the last item of a list the cue
        # governs takes the role its first item has, however long the list
        return _left_role(s, before[-1][0], mentions_local)
    gap_chars = list(s[best[1] : local])
    for a, b in mentions_local:
        if best[1] <= a and b <= local:
            for i in range(a - best[1], b - best[1]):
                gap_chars[i] = " "
    gap = "".join(gap_chars)
    if _NEW_VERB.search(gap):
        return None  # "which originated in A, primarily singled out B": a new clause began
    if "(" in gap and ")" not in gap:
        return None  # "пользователей Facebook (запрещённая в России соцсеть)": a parenthesis
    if _ABOUT_IN_GAP.search(gap) and not _LIST_GAP.match(gap):
        return None  # "dirigida desde Rusia sobre la guerra en Ucrania": Ukraine is the topic
    if best[2] == "target" and _SUBJECTS_IN_GAP.search(gap):
        return "topic"  # "focused on topics such as the Gaza conflict": what it spoke of
    if best[2] == "target" and _ATTENTION_BEFORE.search(s[max(clause_start, best[0] - 40) : best[0]]):
        return None  # "much of the team's attention has focused on China": the watchers' focus
    if len(gap.strip()) <= 45 or _LIST_GAP.match(gap):
        return best[2]
    return None


_LOCALS = Caseless(r"\b(?:locals?|local (?:\w+ )?(?:entities|residents|citizens|people|users|"
                   r"news|outlets|media|organi[sz]ations|activists|journalists)|"
                   r"entités locales|locaux|locales|местн\w+)\b")


_ITEM_JOIN = Caseless(r"(?:\s*\(\s*\d[\d,. ]*\))?\)?\s*(?:,\s*(?:and\s+|y\s+|et\s+|и\s+|or\s+)?|\s+\(|\s+(?:and|or|y|et|и|ou|o|e)\s+|"
                      r"\s*/\s*)"
                      # ("linked to China and 1,500 to Russia": the next item's own figure)
                      r"(?:(?:about\s+|around\s+|some\s+)?\d[\d,.]*\s+(?:to|from|in|with)\s+)?"
                      r"(?:the\s+|la\s+|le\s+|el\s+|l['’]\s*|d['’]\s*|du\s+|des\s+|de\s+(?:la\s+|l['’]\s*)?)?")
_ABOUT_IN_GAP = Caseless(
    r"\b(?:about|regarding|concerning|over|war|conflict|sobre|acerca|guerra|conflicto|sur|"
    r"guerre|à propos|о|об|войн\w*)\b")


_SUBJECTS_IN_GAP = Caseless(
    r"\b(?:topics?|issues?|themes?|subjects?|narratives?|matters|temas?|sujets?|thèmes?|"
    r"questions|cuestiones|asuntos|тем[аыу]?|тематик\w*|вопрос\w*)\b")
# "attention", "scrutiny", "coverage" before "focused on": who watched, not whom it targeted
_ATTENTION_BEFORE = Caseless(r"\b(?:attention|scrutiny|spotlight|media coverage|atención|"
                             r"внимани\w*)\b"
                             r"(?:\s+[\w'’-]+){0,4}\s*$")


_NEGATED = Caseless(r"\b(?:not|never|n't|no|ni|nunca|jamás|tampoco|pas|jamais|не|ни)\b"
                    r"(?!\s+(?:only|solo|sólo|seulement|только)\b)[^,;]*$")


# A comma, then a finite verb: the cue's clause has ended ("..., primarily singled out X").
_NEW_VERB = re.compile(
    r",\s+(?:(?:primarily|mainly|mostly|largely|also|then|later|and)\s+)?"
    r"(?!including\b|such\b|especially\b|notably\b|mainly\b|primarily\b)"
    r"[a-z]+(?:ed|ted)\s+(?!by\b)")


def find_places(s: str, offset: int, mentions: list[Mention], context: str) -> list[PlaceHit]:
    """Country and region facts stated in sentence *s* (starting at *offset* in the text)."""
    places = [m for m in mentions if m.of_kind("country") or m.of_kind("region")]
    if not places:
        return []
    local_spans = [(m.start - offset, m.end - offset) for m in places]
    hits: list[PlaceHit] = []
    pending: list[tuple[Mention, str, str, dict[str, Any]]] = []
    for m in places:
        a, b = m.start - offset, m.end - offset
        if m.of_kind("language") and is_language_use(s, a, b):
            continue
        after = s[b : b + 40]
        if re.match(r"^ (?:individuals|nationals|people) (?:located|based|living) in", after):
            continue  # "Azerbaijani individuals located in Iran": the place that follows counts
        region = m.of_kind("region")
        is_demonym = any(e.sub == "demonym" for e in m.of_kind("country"))
        detail: dict[str, Any]
        if region:
            key, detail = region[0].value, {}
            kind = "region"
        else:
            resolved = resolve_code(m, context)
            if resolved is None:
                continue
            (key, detail), kind = resolved, "country"
        detail = {**detail, "as_written": m.surface}
        role = _role(s, a, b, after, local_spans)
        label = LABEL_LINE.match(s)
        if role in (None, "topic") and kind == "country" and label and b <= label.end(1) and re.search(
                r"\d", s[b:]):
            role = "origin"  # "- Iran: 10 accounts targeting Israel", "Iraq, Iran: We removed"
        if role in (None, "topic") and kind == "country" and _LOCATIVE_LEAD.match(s[:a]) and (
                re.match(r"\s*,", after) and PAST_TAKEDOWN.search(s) or _FIGURE_OF_ASSETS.match(after)):
            # "In Indonesia, the company removed 207 Pages ...", "In Serbia, 8,558 accounts
            # boosted the ruling party": from there
            role = "origin"
        if role in (None, "topic") and kind == "country" and _WHERE_FIGURE.match(context, m.end):
            role = "origin"  # (the clause after it may be cut off as a unit of its own)
        if role is None and kind == "country" and _FIGURE_TO.match(s[:a]) and _LINKED_BEFORE.search(
                context, max(0, offset - 120), offset):
            role = "origin"  # "... 6,100 were linked to China" then "and 1,500 to Russia"
        if role == "topic" and is_demonym and _DEMONYM_JOIN_AHEAD.match(after):
            role = None  # "Armenian and Russian accounts": the noun's role, decided below
        prev = hits[-1] if hits else None
        if (role is None and prev is not None and prev.role in ("origin", "target")
                and prev.end <= m.start and _ITEM_JOIN.fullmatch(
                    s[prev.end - offset : a].replace("’", "'"))):
            # "(d'Albanie, d'Iran, d'Espagne et d'Égypte)": an item of a list takes the role
            # of the item before it when nothing of its own says otherwise
            role = prev.role
        if role:
            detail["confidence"] = role_confidence(s, a, b, role, m.surface)
            hits.append(PlaceHit(kind, key, role, m.start, m.end, detail))
        elif is_demonym:
            pending.append((m, kind, key, detail))
    _share_list_role(s, offset, hits, pending, {
        m.start for m in places if any(e.sub == "demonym" for e in m.of_kind("country"))})
    both = re.search(r"\boriginat\w* in and target\w*", s, re.I)
    if both:  # "one network originated in and targeted audiences in Myanmar": from there too
        for h in list(hits):
            if h.role == "target" and h.start - offset >= both.start():
                hits.append(PlaceHit(h.kind, h.key, "origin", h.start, h.end, dict(h.detail)))
    return hits


_LOCATIVE_LEAD = re.compile(r"^\W*(?:(?:Meanwhile|Separately|And|Also|Asimismo|Además|Ainsi),?\s+)?"
                            r"(?:In|En|Au|Aux|В|Во|(?:In|En|Dans) (?:the|el|le) (?:case|caso|cas) (?:of|de|du))\s+"
                            r"(?:the\s+|la\s+|le\s+|el\s+|l['’]\s*)?$")
_FIGURE_OF_ASSETS = Caseless(
    r",\s*(?:(?:about|around|some|nearly|almost|more than|over|roughly)\s+)?\d[\d,.]*\s+"
    r"(?:(?!fake\b)[\w-]+\s+){0,2}?(?:accounts|Pages|Groups|channels|profiles|assets)\b|"
    # "В Перу 1800 аккаунтов продвигали ...", "En Perú, 1.800 cuentas ..."
    r",?\s*(?:(?:около|более|почти|unas|unos|más de|cerca de|environ|plus de|près de)\s+)?"
    r"\d[\d,.\u00a0 ]*\s+(?:[\w-]+\s+){0,2}?(?:аккаунт\w*|учетн\w+ запис\w*|учётн\w+ запис\w*|"
    r"страниц\w*|канал\w*|cuentas|páginas|canales|perfiles|comptes|pages|chaînes|profils)\b")
_DEMONYM_JOIN_AHEAD = re.compile(r"^(?:\s*,\s*|\s+(?:and|и|y|et|or|или)\s+)\w")
_DEMONYM_JOIN = re.compile(r"^(?:\s*,\s*(?:and\s+|и\s+|y\s+|et\s+)?|\s+(?:and|и|y|et|or|или)\s+)$")


def _share_list_role(s: str, offset: int, hits: list[PlaceHit],
                     pending: list[tuple[Mention, str, str, dict[str, Any]]],
                     demonyms: set[int]) -> None:
    """"российские, иранские и вьетнамские учетные записи", "Russian, Iranian and Chinese
    networks": demonyms listed before the noun share the origin its last one has."""
    for m, kind, key, detail in sorted(pending, key=lambda p: -p[0].start):
        nxt = next((h for h in sorted(hits, key=lambda h: h.start) if h.start >= m.end), None)
        if (nxt is None or nxt.role != "origin" or nxt.start not in demonyms
                or not _DEMONYM_JOIN.match(s[m.end - offset : nxt.start - offset])):
            continue
        hits.append(PlaceHit(kind, key, "origin", m.start, m.end,
                             {**detail, "confidence": nxt.detail.get("confidence", 0.8)}))


_TARGET_VERB_AFTER = Caseless(r"\b(?:target\w*|aimed at|focused on|ciblai\w*|visai\w*|"
                              r"dirig\w* a|nacelen\w*)\b")
# "... including Peru, where 1,800 accounts promoted the president": that country's figure
_WHERE_FIGURE = Caseless(
    r",\s*where\s+(?:(?:about|around|some|nearly|almost|more than|over|roughly)\s+)?\d[\d,.]*\s+"
    r"(?:[\w-]+\s+){0,2}?(?:accounts|Pages|Groups|channels|profiles)\b")
_FIGURE_TO = Caseless(r"^\W*(?:and\s+|y\s+|et\s+)?(?:(?:about|around|some|nearly)\s+)?\d[\d,.]*\s+"
                      r"(?:to|with|a|à)\s+(?:the\s+)?$")
_LINKED_BEFORE = Caseless(r"\b(?:linked|tied|connected|traced|attributed|associated|vinculad\w*|"
                          r"liée?s?)\s+(?:to|with|a|à|al|au)\b[^.;]{0,80}$")
# What the network's sites or accounts imitated: "websites that mimicked ... the Italian
# agency ANSA", "sitios web que imitaban ... el diario inglés The Guardian"
_IMITATED = Caseless(
    r"\b(?:imitat\w*|imitab\w*|imitai\w*|imitant|imitando|mimick\w*|mimics|mimic|spoof\w*|"
    r"impersonat\w*|suplant\w*|usurp\w*|имитир\w*|подделыва\w*|копир\w*)\b[^.;]{0,140}$")
_OBSERVER_AFTER = Caseless(
    r"^[-‐ ]based (?:(?:[\w-]+ )?(?:researchers?|analysts?|experts?|journalists?|reporters?|"
    r"think[- ]tanks?|non-?profits?|NGOs?|watchdogs?|fact-?checkers?|institutes?|universit\w+|"
    r"(?:cyber)?security (?:firm|company|researchers?)|research (?:group|firm|lab|organi[sz]ation)s?|"
    r"labs?|newspapers?|news (?:sites?|outlets?|agenc\w+)|monitoring groups?))\b")
_INFRA_AFTER = Caseless(r"^[-‐ ]based (?:proxy|proxies|IPs?|VPNs?|servers?|infrastructure|hosting|phone numbers?)")


# The demonym right after the noun it qualifies: "la red venezolana", "un réseau russe".
_NOUN_BEFORE_DEMONYM = Caseless(
    r"\b(?:red|redes|réseaux?|campañas?|campagnes?|operaci[oó]n(?:es)?|opérations?|cuentas|"
    r"comptes|grupos?|groupes?|cl[uú]ster|entramado|entreprises?|sociétés?|empresas?|firmas?|"
    r"agences?|agencias?|"
    r"(?:empresa|firma|agencia|compañía|société|agence|entreprise) de (?:marketing|relaciones "
    r"públicas|publicidad|comunicación|consultoría|relations publiques|communication|conseil)"
    r"(?: \w+){0,2}|"
    # "personas vinculadas al Gobierno chino": a state the network is tied to
    r"(?:vinculad|ligad|relacionad|conectad|asociad|li[ée]|associ[ée]|connect[ée])\w* "
    r"(?:a|al|à|au|con|avec)\s+(?:l[ae]\s+|el\s+|l['’]\s*)?(?:gobierno|gouvernement|r[ée]gimen?|"
    r"ej[ée]rcito|armée|militares|militaires|servicios secretos|services secrets))"
    r"\s+(?:[\w'’-]+\s+){0,3}?$")


_AUDIENCE_BEFORE_DEMONYM = Caseless(
    r"\b(?:public|audiences?|utilisateurs|électeurs|citoyens|público|audiencias?|usuarios|"
    r"votantes|ciudadanos|lectores|élections|elecciones|(?:\w+ )?élections \w+s|"
    r"elecciones \w+s)\s+$")


_ACCUSED_OF_BEING = Caseless(r"\b(?:accus\w*|call\w*|label\w*|brand\w*|denounc\w*|tarred)\b"
                             r"[^.;]{0,50}\b(?:of being|as)\s+(?:\w+\s+)?$")


_CLAUSE_BREAK = re.compile(r",\s+(?:and|while|but|whereas)\s+|;\s+")
# "users in Cambodia ran ...": people in a place as the subject of what the operation did
_SUBJECT_PEOPLE = Caseless(r"(?:^|[,:;]\s*|\b(?:In (?:one|another|a third) case,?|"
                           r"In another,)\s*)(?:the\s+)?(?:users|people|individuals|actors|"
                           r"operators)\s+(?:based\s+|located\s+)?in\s+(?:the\s+)?$")
_ACTING_AFTER = Caseless(r"^\s+(?:ran|used|posted|operated|created|managed|wrote|generated|"
                         r"set up|built|published|shared|tried|sought)\b")
_ELECTION_WORDS = frozenset({"election", "elections", "electorate", "voters", "vote", "referendum",
                             "polls", "presidential", "parliamentary", "general"})
_AHEAD_OF = Caseless(r"\b(?:ahead of|before|in the run-up to|in the lead-up to|during)\s+$")


# Two countries joined by a hyphen before a word for what is between them
_PAIR_NOUNS = (r"(?i:relations|relationship|ties|tensions|trade|conflict|war|rivalry|dispute|"
               r"summit|talks|border|deal|agreement|cooperation|alliance|partnership)\b")
_PAIR_NOUN = re.compile(r"^\s+" + _PAIR_NOUNS)
_PAIR_AFTER = re.compile(r"^[-–/][A-Z][\w.]*(?:[-–/][A-Z][\w.]*)?\s+" + _PAIR_NOUNS)
_PAIR_BEFORE = re.compile(r"\b[A-Z][\w.]*[-–/]$")
# A country's intelligence as the source of a finding, not the network's sponsor
_INTEL_SOURCE = Caseless(
    r"^\s+(?:military\s+)?intelligence\s+(?:(?:assessments?|reports?|findings|officials|community|"
    r"sources|chiefs?)\b|(?:agencies|agency|services)(?:['’]s?\s+(?:findings|assessments?|reports?|"
    r"conclusions)|,?\s+(?:which\s+|who\s+)?(?:have\s+|had\s+)?(?:said|say|says|warned|concluded|"
    r"found|assessed|alleged))\b)")
# The platform described by its country: "the U.S.-based tech giant", "the American company
# said"; not "the Israeli company Archimedes Group", which ran the network
_THE_PLATFORM_AFTER = Caseless(
    r"^(?:[-‐‑ ]based)?\s+(?:(?:tech|technology|social[- ]media|internet|Silicon Valley)\s+)?"
    r"(?:giant|behemoth|platform|social network|conglomerate)\b|"
    r"^(?:[-‐‑ ]based)?\s+(?:(?:tech|technology|social[- ]media|internet)\s+)?(?:company|firm|"
    r"corporation)(?:\s+(?:said|says|announced|added|removed|took|has|had|is|was|also)\b|\s*[,.;])")
# Who tells the story is no place of the network: "according to the UK government", "the US
# State Department said", "selon le gouvernement français"
_SOURCE_BEFORE = Caseless(
    r"\b(?:according to|citing|cited by|said by|según|de acuerdo con|selon|d['’]après|"
    r"по данным|по словам|по мнению|согласно)\s+(?:the\s+|la\s+|el\s+|le\s+|les\s+|los\s+|"
    r"l['’]\s*)?$")
_SPEAKER_AFTER = Caseless(
    r"^(?:'s)?\s+(?:(?:[\w-]+\s+){0,2}?(?:government|officials?|authorities|ministry|department|"
    r"State Department|intelligence (?:agencies|services|officials|community)|agencies|"
    r"lawmakers|prosecutors|regulators?|embassy|spokes(?:man|woman|person))\s+)"
    r"(?:has |have |had )?(?:said|says|say|announced|alleged|claimed|stated|warned|accused|"
    r"reported|confirmed|told)\b")
# A relative clause telling a person's or body's legal record ends what the sentence says
# of the network
_LEGAL_ASIDE = Caseless(
    r"(?:,\s*|\b)(?:who|which|qui|quien|quienes|que|который|которая|которое|которые)\s+"
    r"(?:[\w’']+\s+){0,3}?(?:indicted|charged|convicted|sanctioned|inculpée?s?|condamnée?s?|"
    r"sanctionnée?s?|acusad[ao]s? formalmente|imputad[ao]s?|sancionad[ao]s?|condenad[ao]s?|"
    r"обвин\w+|осужд\w+)\b[^.;,]*$")
# Who studies influence operations: a country qualifying such a body is the body's, not the
# network's ("a U.S. group specialised in counter-disinformation", "Israeli cybersecurity
# firm", "la firma de ciberseguridad estadounidense")
_RESEARCH_WORDS = Caseless(
    r"\b(?:research\w*|analytics|cyber[- ]?security|security (?:firm|company|researchers|"
    r"vendor)|threat[- ]intelligence|fact[- ]check\w*|think[- ]tanks?|watchdogs?|"
    r"(?:counter|anti)[-‐‑]?\s*disinformation|disinformation (?:researchers?|"
    r"research|monitoring|experts?|analysts?)|open[- ]source (?:intelligence|investigat\w+)|"
    r"investigative|digital rights|ciberseguridad|cybersécurité|investigaci[oó]n|recherche|"
    r"verificaci[oó]n|vérification|кибербезопасност\w*|исследовательск\w*)\b")
_BODY_AFTER = Caseless(
    r"^(?:[-‐‑ ]based)?\s+(?:[\w-]+\s+){0,3}?(?:group|firm|company|organi[sz]ation|lab|"
    r"laboratory|institute|cent(?:er|re)|nonprofit|non-profit|think[- ]tank|researchers?|NGO|"
    r"start-?up|project|team|watchdog|consultancy|outlet|analysts?|experts?)s?\b")
_BODY_BEFORE = Caseless(
    r"\b(?:firma|empresa|compañía|organizaci[oó]n|grupo|société|entreprise|firme|"
    r"organisation|groupe|laboratorio|laboratoire|instituto|institut|centro|centre|компани\w+|"
    r"организаци\w+)\s+(?:de\s+|d['’]\s*)?(?:[\w'’-]+\s+){0,2}?$")


def _research_body(s: str, a: int, b: int) -> bool:
    """The country at s[a:b] qualifies a body that studies or fights influence operations."""
    tail = re.split(r"[,.;:()]", s[b : b + 90], maxsplit=1)[0]
    if _BODY_AFTER.match(tail) and _RESEARCH_WORDS.search(s[max(0, a - 30) : b] + tail):
        return True
    head = s[max(0, a - 50) : a]
    m = _BODY_BEFORE.search(head)
    return bool(m and s[a : a + 1].islower() and _RESEARCH_WORDS.search(m.group(0)))


def _role(s: str, a: int, b: int, after: str, spans: list[tuple[int, int]]) -> str | None:
    if _INFRA_AFTER.match(after):
        return None  # "Taiwan-based proxy IPs" hide an origin, they do not state one
    if _OBSERVER_AFTER.match(after):
        return None  # "a US-based researcher who studied the network": where the observer is
    if _PAIR_AFTER.match(after) or _PAIR_BEFORE.search(s[max(0, a - 30) : a]) and _PAIR_NOUN.match(
            after):
        return "topic"  # "US-China relations", "the Russia-Ukraine war": what was spoken of
    if (_THE_PLATFORM_AFTER.match(after) and re.search(r"\b(?:the|The)\s+$", s[max(0, a - 5) : a])
            and _left_role(s, a, spans) not in ("origin", "sponsor")):
        return None  # "Meta, the U.S.-based tech giant, ...", "The American company said"
    if _INTEL_SOURCE.match(after) and _left_role(s, a, spans) not in ("origin", "sponsor"):
        return None  # "U.S. intelligence agencies' findings that Russia ...": who found it
    if _SOURCE_BEFORE.search(s[max(0, a - 24) : a]) or _SPEAKER_AFTER.match(after):
        return None  # "according to the UK government", "US officials said": who tells it
    if _LEGAL_ASIDE.search(s[max(0, a - 160) : a]):
        return "topic"  # "Prigozhin, who has been indicted in the US over a campaign targeting
        # the 2016 election": a person's record, not this network's places
    if _research_body(s, a, b):
        return None  # "Valent Projects, a U.S. group of disinformation researchers": who
        # studied the network, not where it came from
    if _ACCUSED_OF_BEING.search(s[max(0, a - 80) : a]):
        return "topic"  # "accused other users of being Russian trolls": what they said
    if re.search(r"\b(?:pro|anti)[-‐‑]$", s[max(0, a - 6) : a], re.I):
        return "topic"  # "pro-Iranian accounts": whom they praise, not where they are from
    if s[a : a + 1].islower() and _AUDIENCE_BEFORE_DEMONYM.search(s[max(0, a - 30) : a]):
        return "target"  # "au public israélien", "a los usuarios mexicanos"
    if _IMITATED.search(s[max(0, a - 160) : a]):
        return "impersonated"  # "sitios que imitaban ... la agencia italiana ANSA"
    if (s[a : a + 1].islower() and _NOUN_BEFORE_DEMONYM.search(s[max(0, a - 50) : a])
            and not re.search(r"\b(?:(?:red|redes|réseaux?)\s+sociale?s?|plataforma|plateforme|"
                              r"empresa|compañía|société|entreprise|géant|(?:le|el) (?:groupe|grupo))"
                              r"\s+$", s[max(0, a - 30) : a],
                              re.I)
            and _left_role(s, a, spans) != "target"):
        return "origin"  # "opération secrète d'influence iranienne", "redes falsas rusas"
    window = s[max(0, a - 60) : a]
    # (a clause of its own stops the look back: "posed as job seekers, and accounts operating
    # from the Philippines")
    window = _CLAUSE_BREAK.split(window)[-1]
    posing = _POSING_BEFORE.search(window)
    if posing and _TARGET_VERB_AFTER.search(posing.group(0)):
        posing = None  # "The operators, posing as Chileans, targeted Peru": the target told after
    if _SUBJECT_PEOPLE.search(s[max(0, a - 40) : a]) and _ACTING_AFTER.match(after):
        return "origin"  # "In another, users in Cambodia ran a task scam": who did it
    if posing:
        # "posed as local news outlets from Ghana": the people addressed, not who was posed as
        return "target" if _LOCALS.search(posing.group(0)) else "impersonated"
    if _SPONSOR_AFTER.match(after):
        return "sponsor"
    if _ORIGIN_AFTER.match(after):
        # "critical of the Ukrainian government", "about India's military": talked about
        left = _left_role(s, a, spans)
        return "topic" if left == "topic" else "origin"
    if _TARGET_AFTER.match(after):
        return "target"
    left = _left_role(s, a, spans)
    possessive = re.match(r"^'s? (\w+)", after)
    if possessive and possessive.group(1).lower() in _ELECTION_WORDS and (
            left == "target" or _AHEAD_OF.search(s[max(0, a - 30) : a])):
        return "target"  # "targeted voters in Ghana's election", "ahead of Germany's election"
    if possessive and left in ("target", None):
        return "topic" if _TOPIC_WORDS.search(s) or left else None
    if left:
        return left
    if _FIGURE_AFTER.match(after):
        return "origin"
    return "topic" if _TOPIC_WORDS.search(s) else None


_STRONG_ORIGIN = Caseless(
    r"\b(?:originat\w*|based (?:in|out of)|operat\w* (?:out of|from)|(?:run|ran|managed|"
    r"controlled|coordinated|operated) (?:out of|from)|com(?:es|ing|e) from|came from|located in|"
    r"emanat\w* from|from|(?:its|their) origins? in|individuals (?:in|from))\b[^;]{0,60}$")
_WEAK_ORIGIN = Caseless(r"\b(?:link\w*|ties|tied|connect\w*|associated|affiliated|attribut\w*|traced)\b[^;]{0,60}$")
_STRONG_TARGET = Caseless(
    r"\b(?:target\w*|aim\w* at|focus\w* (?:\w+ ){0,2}?on|directed at|audiences? (?:in|across)|"
    r"(?:users|people|voters|citizens|residents|public) (?:in|of)|intended for|geared toward)\b"
    r"[^;]{0,80}$")


def role_confidence(s: str, a: int, b: int, role: str, surface: str) -> float:
    """How explicit the cue for *role* was: "originated in X" is surer than "linked to X",
    "targeting X" surer than "to influence X"; topics and posing are weak by nature."""
    left = s[max(0, a - 90) : a]
    right = s[b : b + 30]
    if role == "origin":
        if _STRONG_ORIGIN.search(left) and not _WEAK_ORIGIN.search(left[-25:]):
            return 0.95
        if re.match(r"^[-‐‑ ](?:based|run|operated|headquartered)\b", right):
            return 0.9
        if _ORIGIN_AFTER.match(right):
            return 0.85  # "a Russian network", "Iran's government"
        return 0.75  # "linked to X", "ties to X"
    if role == "target":
        if _STRONG_TARGET.search(left) or _TARGET_AFTER.match(right):
            return 0.9
        return 0.65
    if role == "sponsor":
        return 0.8
    if role == "impersonated":
        return 0.7
    return 0.6
