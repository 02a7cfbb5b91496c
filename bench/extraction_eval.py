"""Score archive.extract against the hand-labelled corpus in tests/data/extraction.

Prints precision, recall and F1 per field. Networks are aligned to the truth per
document (greedy, by shared counts, places and actors) before fields are compared.
Usage: .venv/bin/python bench/extraction_eval.py [--samples] [--json] [--verbose] [--show FILE...]

--samples scores the held-out sample corpus in resources/samples/ instead: each file is
read through the real importers (archive.parsing.parse_bytes) and compared with
resources/sample_notes/EXPECTED.json (counts and audience figures together under
"counts"; dates are not labelled there and are not scored; platforms only where listed).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.extract import EXTRACTOR_VERSION, extract_facts  # noqa: E402
from archive.facts import DocumentFacts, NetworkFacts  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from realdocs_eval import norm_actor  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "extraction"
SAMPLES = ROOT / "resources" / "samples"
SAMPLE_TRUTH = ROOT / "resources" / "sample_notes" / "EXPECTED.json"
FIELDS = ("counts", "counts_origin", "origin", "target", "actors", "languages", "dates",
          "platforms", "ad_spend", "networks")

Item = tuple[Any, ...]


def _norm(name: str) -> str:
    """One spelling per actor, as the genuine-corpus bench reads them: the gazetteer's name for
    any of its aliases ("AK Parti" is "AK Party"), accents, case and a bracketed acronym
    aside."""
    return norm_actor(name)


def predicted(net: NetworkFacts) -> dict[str, set[Item]]:
    out: dict[str, set[Item]] = {f: set() for f in FIELDS if f != "networks"}
    for f in net.facts:
        if f.kind in ("count", "audience"):
            out["counts"].add((f.key, float(f.value)))
        elif f.kind in ("country", "region") and f.role in ("origin", "target"):
            out[f.role].add((f.key,))
        elif f.kind == "actor":
            out["actors"].add((_norm(f.key), f.role))
        elif f.kind == "language":
            out["languages"].add((f.key,))
        elif f.kind == "date":
            out["dates"].add((f.key, str(f.value)))
        elif f.kind == "platform":
            out["platforms"].add((f.key,))
        elif f.kind == "ad_spend":
            out["ad_spend"].add((f.key, float(f.value)))
    out["counts_origin"] = _tie(out["counts"], out["origin"])
    return out


def expected(net: dict[str, Any]) -> dict[str, set[Item]]:
    out: dict[str, set[Item]] = {
        "counts": {(k, float(v)) for k, v in net["counts"].items()},
        "origin": {(c,) for c in net["origin"]},
        "target": {(c,) for c in net["target"]},
        "actors": {(_norm(a["name"]), a["role"]) for a in net["actors"]},
        "languages": {(c,) for c in net["languages"]},
        "dates": {(k, str(v)) for k, v in net["dates"].items()},
        "platforms": {(p,) for p in net["platforms"]},
        "ad_spend": {(k, float(v)) for k, v in net["ad_spend"].items()},
    }
    out["counts_origin"] = _tie(out["counts"], out["origin"])
    return out


def _tie(counts: set[Item], origins: set[Item]) -> set[Item]:
    keys = [o[0] for o in origins] or [None]
    return {(*c, o) for c in counts for o in keys}


def _score(a: dict[str, set[Item]], b: dict[str, set[Item]]) -> float:
    return (2 * len(a["counts"] & b["counts"]) + len(a["origin"] & b["origin"])
            + len(a["target"] & b["target"]) + len(a["actors"] & b["actors"])
            + 0.5 * len(a["languages"] & b["languages"]))


def align(pred: list[dict[str, set[Item]]], truth: list[dict[str, set[Item]]]
          ) -> list[tuple[int | None, int | None]]:
    pairs = sorted(((_score(p, t), i, j) for i, p in enumerate(pred) for j, t in enumerate(truth)),
                   reverse=True)
    used_p: set[int] = set()
    used_t: set[int] = set()
    out: list[tuple[int | None, int | None]] = []
    for score, i, j in pairs:
        if score <= 0 or i in used_p or j in used_t:
            continue
        used_p.add(i)
        used_t.add(j)
        out.append((i, j))
    out += [(i, None) for i in range(len(pred)) if i not in used_p]
    out += [(None, j) for j in range(len(truth)) if j not in used_t]
    return out


def _empty() -> dict[str, set[Item]]:
    return {f: set() for f in FIELDS if f != "networks"}


def evaluate(paths: Iterable[Path], verbose: bool = False) -> dict[str, dict[str, float]]:
    docs = []
    for path in paths:
        truth_doc = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
        doc = extract_facts(path.read_text(encoding="utf-8"), filename=path.name)
        docs.append((path.name, doc, [expected(n) for n in truth_doc["networks"]]))
    return score(docs, verbose)


def _parse_sample(path: Path) -> Any:
    from archive.limits import DEFAULT_LIMITS
    from archive.parsing import parse_bytes
    from archive.records import SourceFile

    return parse_bytes(SourceFile(path.name, path.read_bytes()), DEFAULT_LIMITS)


def _extract_sample(path: Path) -> DocumentFacts:
    raw = _parse_sample(path)
    return extract_facts(raw.text, title=raw.title, publisher=raw.publisher,
                         published=raw.published, filename=path.name, media_type=raw.media_type)


def expected_sample(net: dict[str, Any]) -> dict[str, set[Item]]:
    """EXPECTED.json's shape -> the shape `expected` builds from a .truth.json network."""
    spend = net.get("ad_spend") or {}
    return expected({
        "counts": {**net.get("counts", {}), **net.get("audience", {})},
        "origin": net.get("origin", []),
        "target": net.get("target", []),
        "actors": net.get("actors", []),
        "languages": net.get("languages", []),
        "dates": {},
        "platforms": net.get("platforms") or [],
        "ad_spend": {spend["currency"]: spend["value"]} if spend else {},
    }) | ({} if "platforms" in net else {"platforms": None})  # type: ignore[dict-item]


def evaluate_samples(verbose: bool = False) -> tuple[int, dict[str, dict[str, float]]]:
    truth_all = json.loads(SAMPLE_TRUTH.read_text(encoding="utf-8"))["files"]
    docs = []
    for name in sorted(truth_all):
        try:
            doc = _extract_sample(SAMPLES / name)
        except Exception as exc:  # the archive keeps the document with no facts; so do we
            print(f"{name}: extraction failed ({type(exc).__name__}: {exc})", file=sys.stderr)
            doc = DocumentFacts()
        docs.append((name, doc, [expected_sample(n) for n in truth_all[name]["networks"]]))
    return len(docs), score(docs, verbose, skip=("dates",))


def score(docs: Iterable[tuple[str, DocumentFacts, list[dict[str, Any]]]], verbose: bool = False,
          skip: tuple[str, ...] = ()) -> dict[str, dict[str, float]]:
    """Tally tp/fp/fn per field; a truth field set to None is not labelled and not scored."""
    tally = {f: [0, 0, 0] for f in FIELDS if f not in skip}
    for name, doc, truth in docs:
        pred = [predicted(n) for n in doc.networks]
        tp_n = min(len(pred), len(truth))
        tally["networks"][0] += tp_n
        tally["networks"][1] += len(pred) - tp_n
        tally["networks"][2] += len(truth) - tp_n
        for i, j in align(pred, truth):
            p = pred[i] if i is not None else _empty()
            t = truth[j] if j is not None else _empty()
            for f in p:
                if f in skip or t.get(f) is None:
                    continue
                tally[f][0] += len(p[f] & t[f])
                tally[f][1] += len(p[f] - t[f])
                tally[f][2] += len(t[f] - p[f])
                if verbose and (p[f] - t[f] or t[f] - p[f]):
                    print(f"{name} net{j}: {f} extra={sorted(map(str, p[f] - t[f]))} "
                          f"missing={sorted(map(str, t[f] - p[f]))}")
        if verbose and len(pred) != len(truth):
            print(f"{name}: networks predicted {len(pred)} expected {len(truth)}")
    result: dict[str, dict[str, float]] = {}
    for f, (tp, fp, fn) in tally.items():
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        result[f] = {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
                     "tp": tp, "fp": fp, "fn": fn}
    return result


def show(path: Path, via_importer: bool = False) -> None:
    if via_importer or path.suffix.lower() not in (".txt",):
        doc = _extract_sample(path)
    else:
        doc = extract_facts(path.read_text(encoding="utf-8"), filename=path.name)
    print(f"== {path.name}: {doc.source_type} {doc.publisher} {doc.published} {doc.language}")
    for n in doc.networks:
        print(f"  -- {n.label} ({n.enforcement})")
        for f in n.facts:
            quote = f.evidence.quote[:70] if f.evidence else ""
            print(f"     {f.kind:9} {f.key:26} {f.value!s:10} {f.role or f.qualifier or ''}  | {quote}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--samples", action="store_true",
                    help="score resources/samples/ (via the importers) against EXPECTED.json")
    ap.add_argument("--show", nargs="*", type=Path)
    args = ap.parse_args()
    if args.show:
        for p in args.show:
            show(p, via_importer=args.samples)
        return 0
    if args.samples:
        n_docs, result = evaluate_samples(args.verbose)
        corpus = "held-out samples"
    else:
        paths = sorted(CORPUS.glob("*.txt"))
        n_docs, result = len(paths), evaluate(paths, args.verbose)
        corpus = "own corpus"
    if args.json:
        print(json.dumps({"extractor_version": EXTRACTOR_VERSION, "corpus": corpus,
                          "documents": n_docs, "fields": result}))
        return 0
    print(f"extractor {EXTRACTOR_VERSION} on {n_docs} documents ({corpus})")
    print(f"{'field':15} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for f, r in result.items():
        print(f"{f:15} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
              f"{r['tp']:5} {r['fp']:5} {r['fn']:5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
