"""Reference scores on newstest2013 and the catch of `alignkit filter` on a corrupted newstest2013.

Run: python bench/bench_filter.py  (needs ../shared/data/newstest2013 and Apertium eng-spa, spa-eng, es-fr)

1. Reference scores: Apertium en->es (whole file) and en->es->fr, BLEU/chrF/chrF++/TER via
   alignkit.score.score (== sacrebleu), with signatures.
2. Filter: corrupt 20 % of the en-es reference rows with a fixed seed (swapped lines, truncated
   lines, wrong language = the French reference, untranslated copies), score every row
   reference-free (round trip through Apertium spa-eng), and report precision/recall of each
   threshold set against the recorded truth.

Writes bench/results/score.json and bench/results/score.md.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from alignkit.score import Thresholds, estimate, problems, score
from alignkit.translate.base import Translator
from alignkit.types import EngineOutput, Translation

ROOT = Path(__file__).resolve().parents[1]
NT = ROOT.parent / "shared" / "data" / "newstest2013"
SEED = 2013
KINDS = ("swap", "truncate", "wrong_lang", "copy")
PER_KIND = 150  # 600 of 3,000 rows corrupted (swaps touch two rows each: 75 pairs)


def apertium(modes: list[str], lines: list[str]) -> list[str]:
    """One whole-file `apertium -u` process per mode (the fast path; one line in, one line out)."""
    data = "\n".join(" ".join(x.split()) for x in lines) + "\n"
    for mode in modes:
        data = subprocess.run(["apertium", "-u", mode], input=data, capture_output=True, text=True,
                              check=True).stdout
    out = data.removesuffix("\n").split("\n")
    assert len(out) == len(lines), (modes, len(out), len(lines))
    return out


class WholeFileApertium(Translator):
    """A real Translator over whole-file Apertium, used as the round-trip back-translator."""

    engine = "apertium"

    def __init__(self, src: str, tgt: str, modes: list[str]) -> None:
        super().__init__(src, tgt)
        self.modes = modes

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        return [EngineOutput(t) for t in apertium(self.modes, texts)]


def read(name: str) -> list[str]:
    return (NT / name).read_text(encoding="utf-8").splitlines()


def corrupt(en: list[str], es: list[str], fr: list[str]) -> tuple[list[str], dict[int, str]]:
    """A noisy copy of ``es`` and the truth (row -> corruption kind), reproducible from SEED."""
    rng = random.Random(SEED)
    rows = rng.sample(range(len(es)), PER_KIND * len(KINDS))
    noisy, truth = list(es), {}
    swaps = rows[:PER_KIND]
    for a, b in zip(swaps[::2], swaps[1::2]):
        noisy[a], noisy[b] = es[b], es[a]
        truth[a] = truth[b] = "swap"
    for i in rows[PER_KIND:2 * PER_KIND]:
        words = es[i].split()
        noisy[i] = " ".join(words[:max(1, int(len(words) * rng.uniform(0.2, 0.5)))])
        truth[i] = "truncate"
    for i in rows[2 * PER_KIND:3 * PER_KIND]:
        noisy[i], truth[i] = fr[i], "wrong_lang"
    for i in rows[3 * PER_KIND:]:
        noisy[i], truth[i] = en[i], "copy"
    return noisy, truth


def reference_scores(en: list[str]) -> dict:
    out = {}
    for lang, modes, ref in (("es", ["eng-spa"], "newstest2013.spa"), ("fr", ["eng-spa", "es-fr"], "newstest2013.fra")):
        hyp = apertium(modes, en)
        res = score(hyp, read(ref), ["bleu", "chrf", "chrf++", "ter"], segments=False)
        out[f"en-{lang}"] = {"command": " | ".join(f"apertium -u {m}" for m in modes),
                             **{k: {"score": round(v.score, 2), "signature": v.signature} for k, v in res.items()}}
    return out


CONFIGS = {
    "--require-lang": Thresholds(require_lang=True),
    "--drop-copies": Thresholds(drop_copies=True),
    "--max-length-z 3": Thresholds(max_length_z=3.0),
    "--max-length-z 2.5": Thresholds(max_length_z=2.5),
    "--min-chrf-roundtrip 30": Thresholds(min_roundtrip_chrf=30.0),
    "--min-chrf-roundtrip 25": Thresholds(min_roundtrip_chrf=25.0),
    "--min-chrf-roundtrip 20": Thresholds(min_roundtrip_chrf=20.0),
    "lang+copies+z3": Thresholds(max_length_z=3.0, drop_copies=True, require_lang=True),
    "lang+copies+z3+rt30": Thresholds(min_roundtrip_chrf=30.0, max_length_z=3.0, drop_copies=True, require_lang=True),
    "lang+copies+z3+rt20": Thresholds(min_roundtrip_chrf=20.0, max_length_z=3.0, drop_copies=True, require_lang=True),
    "lang+copies+z2.5+rt25": Thresholds(min_roundtrip_chrf=25.0, max_length_z=2.5, drop_copies=True,
                                        require_lang=True),
}


def evaluate(scores: list[dict], truth: dict[int, str], th: Thresholds) -> dict:
    caught = {i for i, s in enumerate(scores) if problems(s, th)}
    bad = set(truth)
    tp = len(caught & bad)
    per_kind = {k: round(sum(1 for i in caught if truth.get(i) == k) / sum(1 for v in truth.values() if v == k), 3)
                for k in KINDS}
    return {"dropped": len(caught), "true_pos": tp, "precision": round(tp / len(caught), 3) if caught else 0.0,
            "recall": round(tp / len(bad), 3), "false_drops_of_clean": len(caught - bad), "recall_by_kind": per_kind}


def main() -> int:
    if not NT.exists():
        print(f"needs {NT}", file=sys.stderr)
        return 1
    en, es, fr = read("newstest2013.eng"), read("newstest2013.spa"), read("newstest2013.fra")
    ref = reference_scores(en)
    noisy, truth = corrupt(en, es, fr)
    translations = [Translation(i, "es", t, "reference", ("en", "es")) for i, t in enumerate(noisy)]
    scores = list(estimate(en, translations, "en", "es", backtranslator=WholeFileApertium("es", "en", ["spa-eng"])))
    results = {name: evaluate(scores, truth, th) for name, th in CONFIGS.items()}
    clean = list(estimate(en, [Translation(i, "es", t, "reference", ("en", "es")) for i, t in enumerate(es)],
                          "en", "es", backtranslator=WholeFileApertium("es", "en", ["spa-eng"])))
    clean_drops = {name: sum(1 for s in clean if problems(s, th)) for name, th in CONFIGS.items()}

    lines = ["## newstest2013 reference scores (Apertium, 3,000 sentences)", "",
             "| pair | command | BLEU | chrF | chrF++ | TER |", "|---|---|---|---|---|---|"]
    for pair, r in ref.items():
        lines.append(f"| {pair} | `{r['command']}` | {r['bleu']['score']} | {r['chrf']['score']} | "
                     f"{r['chrf++']['score']} | {r['ter']['score']} |")
    lines += ["", f"BLEU signature: `{ref['en-es']['bleu']['signature']}`",
              f"chrF signature: `{ref['en-es']['chrf']['signature']}`", "",
              f"## filter on corrupted newstest2013 en-es ({len(truth)} of {len(es)} rows corrupted, seed {SEED})", "",
              "| thresholds | dropped | precision | recall | swap | truncate | wrong lang | copy | drops on clean corpus |",
              "|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        k = r["recall_by_kind"]
        lines.append(f"| `{name}` | {r['dropped']} | {r['precision']:.3f} | {r['recall']:.3f} | {k['swap']:.2f} | "
                     f"{k['truncate']:.2f} | {k['wrong_lang']:.2f} | {k['copy']:.2f} | {clean_drops[name]} |")
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "score.json").write_text(json.dumps({
        "reference": ref, "filter": {"seed": SEED, "rows": len(es), "corrupted": len(truth),
                                     "per_kind": PER_KIND, "results": results, "drops_on_clean": clean_drops}},
        indent=2) + "\n", encoding="utf-8")
    (out / "score.md").write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
