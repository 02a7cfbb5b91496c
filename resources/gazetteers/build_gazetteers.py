"""Generate countries.json and languages.json from pycountry plus the hand-written TSVs.

Run from the repo root: `.venv/bin/python resources/gazetteers/build_gazetteers.py`.
The output is committed; the app never imports pycountry's translations at run time.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
LANGS = ("ru", "fr", "es")
# Hand-picked language-name extras that pycountry lacks or names differently.
LANGUAGE_EXTRAS = {
    "fa": ["Farsi", "Persian", "Dari"],
    "az": ["Azeri", "Azerbaijani"],
    "zh": ["Mandarin", "Cantonese", "Chinese"],
    "tl": ["Tagalog", "Filipino"],
    "el": ["Greek"],
    "ne": ["Nepali"],
    "lo": ["Lao", "Laotian"],
    "ms": ["Malay"],
    "sw": ["Swahili", "Kiswahili"],
    "ps": ["Pashto"],
    "ky": ["Kyrgyz"],
    "ht": ["Haitian Creole"],
    "es": ["Spanish", "Castilian"],
    "nl": ["Dutch", "Flemish"],
    "ro": ["Romanian", "Moldovan"],
    "sr": ["Serbian"],
    "hr": ["Croatian"],
    "bs": ["Bosnian"],
    "uk": ["Ukrainian"],
    "he": ["Hebrew"],
    "ar": ["Arabic"],
    "ur": ["Urdu"],
    "hi": ["Hindi"],
    "bn": ["Bengali", "Bangla"],
    "ff": ["Fula", "Fulani"],
    "ha": ["Hausa"],
    "am": ["Amharic"],
    "ka": ["Georgian"],
    "hy": ["Armenian"],
}
# Language names that are too ambiguous to match as languages in English prose.
LANGUAGE_STOP = {"Ido", "Ewe", "Ga", "Lao", "Yi", "Ii", "Kanuri", "Interlingua", "Volapük", "Avaric"}


def _clean(name: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", name).strip()


def _russian_forms(word: str) -> list[str]:
    """Crude case forms of a Russian country name (Россия -> России, Россию...)."""
    forms = {word}
    if " " in word:
        parts = word.split()
        # "Саудовская Аравия" -> "Саудовской Аравии", "Саудовскую Аравию", ...
        if len(parts) == 2 and parts[0].endswith("ая") and parts[1].endswith(("ия", "а")):
            adj, noun = parts[0][:-2], parts[1]
            stem = noun[:-1]
            inner = "и" if noun.endswith("ия") or stem[-1] in "гкхжчшщ" else "ы"
            forms |= {f"{adj}ой {stem}{inner}", f"{adj}ой {stem}е" if not noun.endswith("ия")
                      else f"{adj}ой {stem}и", f"{adj}ую {stem}у" if not noun.endswith("ия")
                      else f"{adj}ую {stem}ю", f"{adj}ой {stem}ой" if not noun.endswith("ия")
                      else f"{adj}ой {stem}ей"}
        return sorted(forms)
    if word.endswith("ия"):
        stem = word[:-1]
        forms |= {stem + "и", stem + "ю", stem + "ей"}
    elif word.endswith("а"):
        stem = word[:-1]
        forms |= {stem + "ы", stem + "и", stem + "е", stem + "у", stem + "ой"}
    elif re.search(r"[бвгджзклмнпрстфхцчшщ]$", word):
        forms |= {word + "а", word + "у", word + "е", word + "ом"}
    elif word.endswith(("й", "ь")):  # Китай -> Китая, Израиль -> Израиля
        stem = word[:-1]
        forms |= {stem + "я", stem + "ю", stem + "е", stem + "ем"}
    return sorted(forms)


def build_countries() -> dict[str, dict[str, object]]:
    translators = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in LANGS
    }
    out: dict[str, dict[str, object]] = {}
    for c in pycountry.countries:
        en = {_clean(c.name)}
        for attr in ("official_name", "common_name"):
            val = getattr(c, attr, None)
            if val:
                en.add(_clean(val))
        names: dict[str, list[str]] = {"en": sorted(en)}
        for lang, tr in translators.items():
            local = {_clean(tr.gettext(n)) for n in en} - en
            if lang == "ru":
                local = {f for n in local for f in _russian_forms(n)}
            names[lang] = sorted(local)
        out[c.alpha_2] = {
            "name": getattr(c, "common_name", None) or c.name,
            "names": names,
            "aliases": [],
            "cs_aliases": [],
            "demonyms": [],
            "ambiguous": [],
        }
    out["XK"] = {"name": "Kosovo", "names": {"en": ["Kosovo"], "ru": ["Косово"], "fr": []},
                 "aliases": [], "cs_aliases": [], "demonyms": [], "ambiguous": []}
    for line in (HERE / "country_local.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, names_text = line.split("\t")
        local_names = out[code]["names"]
        assert isinstance(local_names, dict)
        for name in names_text.split("|"):
            lang = "ru" if re.search("[а-яё]", name, re.I) else "fr"
            forms = _russian_forms(name) if lang == "ru" else [name]
            bucket = local_names.setdefault(lang, [])
            for form in forms:
                if form not in bucket and form not in local_names["en"]:
                    bucket.append(form)
    kinds = {"alias": "aliases", "cs_alias": "cs_aliases", "demonym": "demonyms",
             "ambiguous": "ambiguous"}
    for line in (HERE / "country_extra.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, kind, text = line.split("\t")
        entry = out[code]
        bucket = entry[kinds[kind]]
        assert isinstance(bucket, list)
        if text not in bucket:
            bucket.append(text)
    # Plural demonyms as peoples ("targeted Israelis", "aimed at Ethiopians").
    for entry in out.values():
        demonyms = entry["demonyms"]
        assert isinstance(demonyms, list)
        for d in list(demonyms):
            if re.fullmatch(r"[A-Z][a-z]+(?:an|i)", d) and d + "s" not in demonyms:
                demonyms.append(d + "s")
    # French and Spanish demonyms in every gender and number ("le gouvernement arménien" as
    # well as the listed "arméniens"): the forms of each family, from any one listed.
    for entry in out.values():
        demonyms = entry["demonyms"]
        assert isinstance(demonyms, list)
        for d in list(demonyms):
            for family in _DEMONYM_FAMILIES:
                stem = next((d[: -len(x)] for x in family if d.endswith(x) and len(d) > len(x) + 2
                             and d.islower() and d.isalpha()), None)
                if stem is not None:
                    demonyms.extend(stem + x for x in family if stem + x not in demonyms)
                    break
    # Ambiguous names must not also be listed as plain names (Georgia, Congo).
    amb: set[str] = set()
    for entry in out.values():
        amb.update(entry["ambiguous"])  # type: ignore[arg-type]
    for entry in out.values():
        names = entry["names"]
        assert isinstance(names, dict)
        names["en"] = [n for n in names["en"] if n not in amb]
    return out


# Longest endings first within each family; a word takes the first family it ends with.
_DEMONYM_FAMILIES = [
    ("iennes", "ienne", "iens", "ien"), ("éennes", "éenne", "éens", "éen"),
    ("aises", "aise", "ais"), ("oises", "oise", "ois"), ("aines", "aine", "ains", "ain"),
    ("andes", "ande", "ands", "and"),
    ("anos", "anas", "ano", "ana"), ("inos", "inas", "ino", "ina"),
    ("eños", "eñas", "eño", "eña"), ("íes", "í"),
]


def build_languages() -> dict[str, list[str]]:
    """Names per ISO 639-1 code; the first is the English name to show ("Romanian", not
    "Moldovan"), the rest sorted."""
    langs: dict[str, set[str]] = {}
    first: dict[str, str] = {}
    for lang in pycountry.languages:
        code = getattr(lang, "alpha_2", None)
        if not code:
            continue
        first[code] = _clean(lang.name.split(";")[0])
        for part in lang.name.split(";"):
            name = _clean(part)
            if name and name not in LANGUAGE_STOP and len(name) > 3:
                langs.setdefault(code, set()).add(name)
    for code, extra in LANGUAGE_EXTRAS.items():
        langs.setdefault(code, set()).update(extra)
    langs["el"].discard("Modern Greek")
    for line in (HERE / "language_local.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, names = line.split("\t")
        for name in names.split("|"):
            langs.setdefault(code, set()).update(_russian_adjective_forms(name))
    out: dict[str, list[str]] = {}
    for code, names in sorted(langs.items()):
        head = first.get(code) if first.get(code) in names else next(
            (n for n in LANGUAGE_EXTRAS.get(code, []) if n in names), None)
        out[code] = ([head] if head else []) + sorted(names - {head})
    return out


def _russian_adjective_forms(word: str) -> set[str]:
    """английский -> английском, английского, английском языке...; other words as they are."""
    if not re.search("[а-яё]", word) or not word.endswith(("ий", "ый")):
        return {word}
    stem = word[:-2]
    return {stem + e for e in ("ий", "ый", "ом", "ого", "ому", "им", "ая", "ой", "ую", "ие", "их",
                               "ими")}


def main() -> None:
    countries = build_countries()
    (HERE / "countries.json").write_text(
        json.dumps({"countries": countries}, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    (HERE / "languages.json").write_text(
        json.dumps({"languages": build_languages()}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    blockers = [
        ln.strip()
        for ln in (HERE / "country_blockers.tsv").read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    print(f"{len(countries)} countries, {len(blockers)} blockers")


if __name__ == "__main__":
    main()
