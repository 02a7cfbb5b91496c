"""Deterministic generator of report-like takedown texts for benchmarks (not tests).

Each text reads like a short platform disclosure or news retelling: counts of removed
assets, origin and target countries, an attributed actor, languages, filler prose.
"""

from __future__ import annotations

import random
from pathlib import Path

COUNTRIES = [
    ("Azerbaijan", "Azerbaijani"), ("Russia", "Russian"), ("China", "Chinese"),
    ("Iran", "Iranian"), ("Israel", "Israeli"), ("Moldova", "Moldovan"),
    ("Nigeria", "Nigerian"), ("Georgia", "Georgian"), ("Pakistan", "Pakistani"),
    ("India", "Indian"), ("Poland", "Polish"), ("Vietnam", "Vietnamese"),
    ("Mexico", "Mexican"), ("Bangladesh", "Bangladeshi"), ("Brazil", "Brazilian"),
    ("Togo", "Togolese"), ("Ukraine", "Ukrainian"), ("Turkey", "Turkish"),
]
ACTORS = ["a marketing firm in {c}", "individuals associated with the ruling party",
          "a public relations company", "the Internet Research Agency",
          "people linked to the military", "a political consultancy"]
PLATFORM_LINES = [
    "{a} Facebook accounts", "{b} Pages", "{c} Groups", "{d} Instagram accounts",
]
FILLER = (
    "The operators created fictitious personas and posted about local politics, elections "
    "and regional security. They shared memes, cartoons and links to websites posing as "
    "independent news outlets. Much of the engagement came from the network itself. "
    "Researchers noted the accounts posted during office hours and reused profile photos. "
    "The campaign amplified criticism of opposition figures and praised government policy. "
    "Several Pages changed their names repeatedly and claimed to be run by local citizens. "
    "The content touched on energy prices, migration, corruption scandals and protests. "
    "Some posts were written in clumsy language that suggested machine translation. "
).split(". ")
WORDS = ("propaganda election telegram kremlin protest censorship sanctions diaspora "
         "ministry journalist blogger petition referendum pipeline vaccine border "
         "satellite militia parliament coalition hashtag bot troll network persona").split()


def make_text(i: int, rng: random.Random) -> str:
    origin, demonym = rng.choice(COUNTRIES)
    target, _ = rng.choice(COUNTRIES)
    year = rng.randint(2018, 2026)
    counts = {k: rng.randint(2, 900) for k in "abcd"}
    assets = ", ".join(p.format(**counts) for p in PLATFORM_LINES[: rng.randint(2, 4)])
    actor = rng.choice(ACTORS).format(c=origin)
    parts = [
        f"Takedown report {i}: {demonym} network targeting {target}",
        "",
        f"In {rng.choice(['March', 'June', 'September', 'December'])} {year} the platform "
        f"removed {assets} for coordinated inauthentic behavior. This network originated in "
        f"{origin} and targeted audiences in {target}.",
        f"Our investigation found links to {actor}.",
        f"The network posted primarily in {demonym.split()[0]} and English.",
    ]
    body = []
    for _ in range(rng.randint(6, 18)):
        sent = rng.choice(FILLER).strip()
        extra = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12)))
        body.append(f"{sent}, with talk of {extra}.")
    parts.append(" ".join(body))
    return "\n".join(parts) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 42) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"report_{i:05d}.txt"
        if not p.exists():
            p.write_text(make_text(i, rng), encoding="utf-8")
        else:
            make_text(i, rng)  # keep the random stream identical
        out.append(p)
    return out
