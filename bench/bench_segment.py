"""Benchmark: alignkit's ``rules`` segmenter vs pySBD vs a plain regex — accuracy and speed.

Accuracy: the 48 English Golden Rules (``../shared/data/golden-rules``; a case passes only
if the whitespace-stripped segments equal ``expected`` exactly) and agreement with the
reviewed segmentation of the seed (``tests/segment/golden/seed.en.jsonl``), and the
per-language case tables of ``tests/segment/cases`` (es, fr, it, de, pt, ca, gl) for alignkit
and pySBD side by side (pySBD has no pt, ca or gl: n/a).

Speed: a ~100k-sentence English text built from newstest2013 lines (shuffled with a fixed
seed, grouped into paragraphs of 1-8 lines, blank-line separated) plus the seed article
every 200 paragraphs. Every contender gets the same paragraphs (alignkit's blank-line
split), so only sentence splitting is compared. pySBD is too slow for the full text: it runs
on a subset (``--pysbd-sentences``), alignkit and the regex run on that same subset in the
same round-robin loop, and pySBD's full-text rate is extrapolated from its per-sentence rate.
Rates are medians of interleaved repeats, so machine load hits every contender alike.

Usage: python bench/bench_segment.py [--sentences 100000] [--pysbd-sentences 5000] [--repeats 3]
Writes bench/results/segment.json and bench/results/segment.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from alignkit.segment import paragraph_spans, segment_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWSTEST = SHARED / "data" / "newstest2013" / "newstest2013.eng"
GOLDEN_RULES = SHARED / "data" / "golden-rules" / "english_golden_rules.json"
SEED = ROOT / "seeds" / "putin-war-israel-2025.en.txt"
SEED_GOLDEN = ROOT / "tests" / "segment" / "golden" / "seed.en.jsonl"
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
from tests.segment.cases import LANGS, load  # noqa: E402  (the case tables live with the tests)

#: Languages pySBD 0.3.4 has rules for, of those with a case table.
PYSBD_LANGS = ("de", "es", "fr", "it")
_PLAIN = re.compile(r"(?<=[.!?])\s+")

Splitter = Callable[[str], list[str]]
WHOLE = "alignkit segment_text(whole document)"


def build_text(n_sentences: int, rng: random.Random) -> str:
    """Newstest2013 lines in shuffled paragraphs of 1-8 lines, with the seed every 200 paragraphs."""
    lines = [line.strip() for line in NEWSTEST.read_text(encoding="utf-8").splitlines() if line.strip()]
    seed = SEED.read_text(encoding="utf-8").strip()
    paras: list[str] = []
    count = 0
    while count < n_sentences:
        k = rng.randint(1, 8)
        paras.append(" ".join(rng.choice(lines) for _ in range(k)))
        count += k
        if len(paras) % 200 == 0:
            paras.append(seed)
    return "\n\n".join(paras) + "\n"


def contenders() -> dict[str, Splitter]:
    """Paragraph -> sentences for each contender."""
    import pysbd

    sbd = pysbd.Segmenter(language="en", clean=False)
    return {
        "alignkit rules": lambda p: [s.text for s in segment_text(p, "en")],
        "pySBD 0.3.4": lambda p: [s.strip() for s in sbd.segment(p) if s.strip()],
        "plain regex": lambda p: [s for s in _PLAIN.split(p) if s],
    }


def golden_rules(split: Splitter) -> tuple[int, list[int]]:
    """Golden Rules passed, and the ids of the failed cases."""
    cases = json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))["cases"]
    failed = [c["id"] for c in cases if [s.strip() for s in split(c["input"])] != c["expected"]]
    return len(cases) - len(failed), failed


def seed_agreement(split: Splitter) -> tuple[int, int]:
    """(sentences matching the reviewed seed golden file, golden sentence count)."""
    text = SEED.read_text(encoding="utf-8")
    gold = [json.loads(line)["text"] for line in SEED_GOLDEN.read_text(encoding="utf-8").splitlines()]
    got = [s for start, end in paragraph_spans(text) for s in split(text[start:end])]
    return len(set(got) & set(gold)), len(gold)


def case_tables() -> dict[str, dict[str, object]]:
    """Per language: cases, alignkit passes (and failed ids), pySBD passes (``None``: no rules)."""
    import pysbd

    out: dict[str, dict[str, object]] = {}
    for lang in LANGS:
        cases = load(lang)
        ours = [cid for cid, text, exp in cases if [s.text for s in segment_text(text, lang)] != exp]
        theirs = None
        if lang in PYSBD_LANGS:
            sbd = pysbd.Segmenter(language=lang, clean=False)
            theirs = sum([s.strip() for s in sbd.segment(text) if s.strip()] == exp for _, text, exp in cases)
        out[lang] = {"cases": len(cases), "alignkit": len(cases) - len(ours), "alignkit_failed": ours,
                     "pysbd": theirs}
    return out


def timed(split: Splitter, inputs: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = sum(len(split(p)) for p in inputs)
    return time.perf_counter() - t0, n


def race(entries: dict[str, tuple[Splitter, list[str]]], repeats: int) -> dict[str, dict[str, float]]:
    """Round-robin repeats over ``name -> (splitter, inputs)``; median seconds, own sentence counts."""
    times: dict[str, list[float]] = {name: [] for name in entries}
    counts: dict[str, int] = {}
    for _ in range(repeats):
        for name, (split, inputs) in entries.items():
            seconds, counts[name] = timed(split, inputs)
            times[name].append(seconds)
    return {
        name: {"seconds": statistics.median(ts), "sentences": counts[name],
               "sentences_per_s": counts[name] / statistics.median(ts)}
        for name, ts in times.items()
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--pysbd-sentences", type=int, default=5_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    text = build_text(args.sentences, random.Random(13))
    paras = [text[s:e] for s, e in paragraph_spans(text)]
    splitters = contenders()
    # The pySBD subset: leading paragraphs holding about --pysbd-sentences sentences.
    subset, seen = [], 0
    for p in paras:
        if seen >= args.pysbd_sentences:
            break
        subset.append(p)
        seen += len(splitters["alignkit rules"](p))

    whole: Splitter = lambda doc: [s.text for s in segment_text(doc, "en")]  # noqa: E731
    full = race({WHOLE: (whole, [text]), **{k: (v, paras) for k, v in splitters.items() if k != "pySBD 0.3.4"}},
                args.repeats)
    small = race({k: (v, subset) for k, v in splitters.items()}, args.repeats)
    accuracy = {name: golden_rules(split) for name, split in splitters.items()}
    seed = {name: seed_agreement(split) for name, split in splitters.items()}
    ak_full = full[WHOLE]["sentences_per_s"]
    ratio_small = small["alignkit rules"]["sentences_per_s"] / small["pySBD 0.3.4"]["sentences_per_s"]
    result = {
        "text": {"chars": len(text), "paragraphs": len(paras), "subset_paragraphs": len(subset),
                 "subset_chars": sum(map(len, subset))},
        "full_text": full,
        "subset": small,
        "golden_rules": {k: {"passed": v[0], "of": 48, "failed_ids": v[1]} for k, v in accuracy.items()},
        "seed_agreement": {k: {"matching": v[0], "of": v[1]} for k, v in seed.items()},
        "case_tables": case_tables(),
        "alignkit_vs_pysbd_same_subset": ratio_small,
        "alignkit_vs_plain_regex_full": full["alignkit rules"]["sentences_per_s"] / full["plain regex"]["sentences_per_s"],
        "alignkit_whole_document_sentences_per_s": ak_full,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "command": "python bench/bench_segment.py " + " ".join(
            f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items()),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "segment.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = render(result, args)
    (RESULTS / "segment.md").write_text(md, encoding="utf-8")
    print(md)


def render(r: dict, args: argparse.Namespace) -> str:  # type: ignore[type-arg]
    t = r["text"]
    lines = [
        f"Sentence segmentation — English, {r['full_text'][WHOLE]['sentences']:,} sentences "
        f"({t['chars']:,} chars, {t['paragraphs']:,} paragraphs), medians of {args.repeats} interleaved runs, "
        f"{r['machine']['cpus']} shared cores",
        "",
        "| contender | Golden Rules | seed vs reviewed | sent/s, full text | sent/s, pySBD subset | × pySBD (subset) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    base = r["subset"]["pySBD 0.3.4"]["sentences_per_s"]
    for name in ("alignkit rules", "pySBD 0.3.4", "plain regex"):
        g, s, sub = r["golden_rules"][name], r["seed_agreement"][name], r["subset"][name]["sentences_per_s"]
        full = r["full_text"].get(name)
        full_s = f"{full['sentences_per_s']:,.0f}" if full else f"({sub:,.0f} extrapolated)"
        lines.append(f"| {name} | {g['passed']}/48 | {s['matching']}/{s['of']} | {full_s} | {sub:,.0f} "
                     f"| {sub / base:.1f} |")
    w = r["full_text"][WHOLE]
    lines.append(f"| {WHOLE} | | | {w['sentences_per_s']:,.0f} | | |")
    lines += [
        "",
        f"- alignkit / pySBD on the same {t['subset_paragraphs']:,}-paragraph subset: "
        f"**{r['alignkit_vs_pysbd_same_subset']:.1f}x**",
        f"- alignkit / plain regex on the full text: **{r['alignkit_vs_plain_regex_full']:.2f}**",
        "- pySBD ran on the subset only; its full-text rate is its subset rate (per-sentence cost is flat).",
        "- Golden Rules failures: " + "; ".join(
            f"{k}: {v['failed_ids'] or 'none'}" for k, v in r["golden_rules"].items()),
        f"- Command: `{r['command']}`",
        "",
        "Per-language case tables (`tests/segment/cases`, cases passed):",
        "",
        "| language | cases | alignkit rules | pySBD 0.3.4 | alignkit failures |",
        "|---|---:|---:|---:|---|",
    ]
    for lang, c in r["case_tables"].items():
        theirs = "n/a" if c["pysbd"] is None else c["pysbd"]
        lines.append(f"| {lang} | {c['cases']} | {c['alignkit']} | {theirs} | {', '.join(c['alignkit_failed']) or '—'} |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
