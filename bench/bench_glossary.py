"""Glossary enforcement benchmark: term accuracy and fluency, raw engine vs enforced, side by side.

1. Seed document (segmented with alignkit.segment), Apertium en->{es,ca,gl,pt,it,fr} (pt, it, fr
   through Spanish): WMT21 term exact-match accuracy without and with GlossaryTranslator.
2. newstest2013 en->es, the lines where the seed glossary matches a source term: chrF (sacrebleu)
   of both outputs against the reference, and the term accuracy on those lines.

Usage: python bench/bench_glossary.py   (writes bench/results/glossary.json and glossary.md)
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import sacrebleu

from alignkit.glossary import GlossaryTranslator, Matcher, load, term_accuracy, verify
from alignkit.segment import segment_text
from alignkit.translate.base import Translator, translate_segments
from alignkit.translate.route import PivotTranslator
from alignkit.types import EngineOutput, Segment

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LANGS = ("es", "ca", "gl", "pt", "it", "fr")
MODES = {("en", "es"): "eng-spa", ("en", "ca"): "eng-cat", ("en", "gl"): "en-gl",
         ("es", "pt"): "es-pt", ("es", "it"): "spa-ita", ("es", "fr"): "es-fr"}


class ApertiumPipe(Translator):
    """`apertium -u -f line MODE`, used only while alignkit.translate.apertium is absent."""

    engine = "apertium"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        run = subprocess.run(["apertium", "-u", "-f", "line", MODES[(self.src, self.tgt)]],
                             input="\n".join(t.replace("\n", " ") for t in texts) + "\n",
                             capture_output=True, text=True, check=True)
        return [EngineOutput(x) for x in run.stdout.rstrip("\n").split("\n")]


def open_apertium(src: str, tgt: str) -> tuple[Translator, str]:
    try:
        from alignkit.translate.apertium import ApertiumEngine
        from alignkit.translate.route import open_translator

        return open_translator(ApertiumEngine(), src, tgt), "alignkit.translate.apertium"
    except ImportError:
        if (src, tgt) in MODES:
            return ApertiumPipe(src, tgt), "apertium CLI pipe"
        return PivotTranslator(ApertiumPipe(src, "es"), ApertiumPipe("es", tgt)), "apertium CLI pipe"


def run_pair(segments: tuple[Segment, ...], glossary, tgt: str) -> dict:
    inner, how = open_apertium("en", tgt)
    t0 = time.perf_counter()
    raw = translate_segments(segments, inner)
    t1 = time.perf_counter()
    enforced = translate_segments(segments, GlossaryTranslator(inner, glossary))
    t2 = time.perf_counter()
    before, after = verify(segments, raw, glossary, "en"), verify(segments, enforced, glossary, "en")
    return {
        "lang": tgt, "route": "-".join(inner.route), "via": how, "occurrences": len(after),
        "raw_hits": sum(c.ok for c in before), "enforced_hits": sum(c.ok for c in after),
        "raw_accuracy": term_accuracy(before).get(tgt, float("nan")),
        "enforced_accuracy": term_accuracy(after).get(tgt, float("nan")),
        "segments_changed": sum(a.text != b.text for a, b in zip(raw, enforced)),
        "time_ratio": (t2 - t1) / (t1 - t0),
        "misses": [[c.index, c.term, list(c.expected), c.found] for c in after if not c.ok],
        "raw": [t.text for t in raw], "enforced": [t.text for t in enforced],
    }


def newstest(glossary) -> dict:
    src = (SHARED / "data/newstest2013/newstest2013.eng").read_text(encoding="utf-8").split("\n")
    ref = (SHARED / "data/newstest2013/newstest2013.spa").read_text(encoding="utf-8").split("\n")
    matcher = Matcher(glossary, "en")
    idx = [i for i, line in enumerate(src[:3000]) if line.strip() and matcher.find(line)]
    segs = tuple(Segment("nt", i, 0, i, src[i], 0, len(src[i])) for i in idx)
    res = run_pair(segs, glossary, "es")
    refs = [ref[i] for i in idx]
    chrf = sacrebleu.CHRF()
    chrf_raw = chrf.corpus_score(res["raw"], [refs])
    chrf_enf = chrf.corpus_score(res["enforced"], [refs])
    bleu_raw, bleu_enf = sacrebleu.corpus_bleu(res["raw"], [refs]), sacrebleu.corpus_bleu(res["enforced"], [refs])
    return {"lines": len(idx), "occurrences": res["occurrences"], "raw_accuracy": res["raw_accuracy"],
            "enforced_accuracy": res["enforced_accuracy"], "segments_changed": res["segments_changed"],
            "chrf_raw": chrf_raw.score, "chrf_enforced": chrf_enf.score, "chrf_delta": chrf_enf.score - chrf_raw.score,
            "bleu_raw": bleu_raw.score, "bleu_enforced": bleu_enf.score,
            "signature": str(chrf.get_signature()), "time_ratio": res["time_ratio"]}


def main() -> None:
    glossary = load(ROOT / "glossaries" / "seed.tsv")
    seed = (ROOT / "seeds" / "putin-war-israel-2025.en.txt").read_text(encoding="utf-8")
    segments = segment_text(seed, "en", "seed")
    pairs = [run_pair(segments, glossary, lang) for lang in LANGS]
    nt = newstest(glossary) if (SHARED / "data/newstest2013").exists() else None
    lines = ["| target | route | term occurrences | raw Apertium | + GlossaryTranslator | segments changed | time enforced/raw |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for p in pairs:
        lines.append(f"| {p['lang']} | {p['route']} | {p['occurrences']} | {p['raw_accuracy']:.1%} ({p['raw_hits']}) "
                     f"| {p['enforced_accuracy']:.1%} ({p['enforced_hits']}) | {p['segments_changed']} | {p['time_ratio']:.2f}x |")
    if nt:
        lines += ["", "| newstest2013 en->es (lines with a glossary term) | lines | term acc. raw | term acc. enforced "
                  "| chrF raw | chrF enforced | delta | BLEU raw | BLEU enforced |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
                  f"| Apertium eng-spa | {nt['lines']} | {nt['raw_accuracy']:.1%} | {nt['enforced_accuracy']:.1%} "
                  f"| {nt['chrf_raw']:.2f} | {nt['chrf_enforced']:.2f} | {nt['chrf_delta']:+.2f} "
                  f"| {nt['bleu_raw']:.2f} | {nt['bleu_enforced']:.2f} |"]
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    summary = {"glossary": glossary.digest(), "segments": len(segments), "via": pairs[0]["via"],
               "pairs": [{k: v for k, v in p.items() if k not in ("raw", "enforced")} for p in pairs],
               "newstest2013": nt, "python": sys.version.split()[0]}
    (out / "glossary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "glossary.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
