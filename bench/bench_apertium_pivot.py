"""Benchmark: which pivot for Romance <-> Romance pairs with Apertium, English or Spanish?

ca<->gl is the only installed pair reachable both ways (``ca>en>gl`` and ``ca>es>gl``), and no
Catalan or Galician human text is at hand, so two proxies on newstest2013 are reported, each
biased in a known direction, plus the quality of single legs against human references:

* **gl reference from Spanish**: Catalan input = ``spa-cat`` of the human Spanish, scored
  against ``es-gl`` of the human Spanish (favours the es route, which shares a leg with the
  reference);
* **round trip to English**: Catalan input = ``eng-cat`` of the human English, the Galician
  output translated back with ``gl-en`` and scored against the human English (favours the en
  route, which passes through English);
* **legs**: chrF of direct legs against human references (Romance<->Romance vs via English).

Usage: python bench/bench_apertium_pivot.py [--sentences 1000]
Writes bench/results/apertium_pivot.json and .md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF

ROOT = Path(__file__).resolve().parents[1]
NEWSTEST = ROOT.parent / "shared" / "data" / "newstest2013"
RESULTS = ROOT / "bench" / "results"


def apertium(lines: list[str], *modes: str) -> list[str]:
    """``apertium -u`` modes piped over whole text, one output line per input line."""
    cmd = " | ".join(f"apertium -u {m}" for m in modes)
    done = subprocess.run(["bash", "-c", cmd], input="\n".join(lines) + "\n", capture_output=True,
                          text=True, check=True)
    return done.stdout.split("\n")[: len(lines)]


def score(hyps: list[str], refs: list[str]) -> dict[str, float]:
    return {"chrF": round(CHRF().corpus_score(hyps, [refs]).score, 2),
            "BLEU": round(BLEU().corpus_score(hyps, [refs]).score, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=1000)
    args = parser.parse_args()
    read = lambda ext: (NEWSTEST / f"newstest2013.{ext}").read_text(encoding="utf-8").split("\n")[: args.sentences]  # noqa: E731
    en, es, fr = read("eng"), read("spa"), read("fra")

    ca_from_es, gl_from_es = apertium(es, "spa-cat"), apertium(es, "es-gl")
    ca_from_en = apertium(en, "eng-cat")
    proxies = {
        "ca->gl, gl reference from Spanish (favours es)": {
            pivot: score(apertium(ca_from_es, f"cat-{p1}", f"{p2}-gl"), gl_from_es)
            for pivot, p1, p2 in (("en", "eng", "en"), ("es", "spa", "es"))},
        "ca->gl->en round trip vs human English (favours en)": {
            pivot: score(apertium(ca_from_en, f"cat-{p1}", f"{p2}-gl", "gl-en"), en)
            for pivot, p1, p2 in (("en", "eng", "en"), ("es", "spa", "es"))},
    }
    legs = {"fr->es": score(apertium(fr, "fr-es"), es), "es->fr": score(apertium(es, "es-fr"), fr),
            "en->es": score(apertium(en, "eng-spa"), es), "es->en": score(apertium(es, "spa-eng"), en)}
    result = {"sentences": len(en), "proxies": proxies, "legs": legs}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "apertium_pivot.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    lines = [f"## Apertium pivots for Romance pairs ({len(en)} newstest2013 sentences)", "",
             "| proxy | via en chrF / BLEU | via es chrF / BLEU |", "|---|---:|---:|"]
    for name, row in proxies.items():
        lines.append(f"| {name} | {row['en']['chrF']} / {row['en']['BLEU']} | {row['es']['chrF']} / {row['es']['BLEU']} |")
    lines += ["", "| direct leg vs human reference | chrF | BLEU |", "|---|---:|---:|"]
    lines += [f"| {leg} | {row['chrF']} | {row['BLEU']} |" for leg, row in legs.items()]
    md = "\n".join(lines) + "\n"
    (RESULTS / "apertium_pivot.md").write_text(md)
    print(md)


if __name__ == "__main__":
    main()
