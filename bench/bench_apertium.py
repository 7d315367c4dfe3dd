"""Benchmark: alignkit's Apertium path vs raw ``apertium -u`` — throughput and quality.

Throughput: the first N newstest2013 English sentences (default 3,000) translated en->es by
(a) one whole-file ``apertium -u eng-spa`` process (the fastest way to run Apertium on a
file) and (b) alignkit's engine (a fresh translator each run, so process start-up counts,
repairs on), plus (c) alignkit without repairs. Contenders run interleaved, ``--repeats``
times; the medians are compared as a ratio, so machine load hits every contender alike.
One segment per round trip (how ``apertium -z`` style use would work) is timed on a subset.

Quality: chrF and BLEU (sacrebleu's Python API, with signatures) against the newstest2013
references for en->es and en->es->fr (pivot), raw ``apertium -u`` (whole file, two processes
piped for the pivot) vs alignkit without and with repairs. Also how many lines alignkit's
marked-and-stripped text shares with the unmarked (``-n``) pipeline on the same segments.

Order dependence: each of the six targets (es, ca, gl direct; pt, it, fr through es) translated
in order and in reverse order, with and without the tagger primer (``prime``), on the seed
document and on the first 300 newstest2013 sentences (the primer words came from lines
1001-3000): how many segments get a different translation.

Usage: python bench/bench_apertium.py [--sentences 3000] [--repeats 3] [--single 100]
Writes bench/results/apertium.json and bench/results/apertium.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF

from alignkit.segment import segment_text
from alignkit.translate import get_engine, open_translator
from alignkit.translate.apertium import decode_marked, decode_plain, package_versions
from alignkit.translate.apertium_pipe import Pipeline

ROOT = Path(__file__).resolve().parents[1]
NEWSTEST = ROOT.parent / "shared" / "data" / "newstest2013"
RESULTS = ROOT / "bench" / "results"
SEED = ROOT / "seeds" / "putin-war-israel-2025.en.txt"
TARGETS = ("es", "ca", "gl", "pt", "it", "fr")


def raw_apertium(path: Path, modes: list[str]) -> list[str]:
    """Whole-file ``apertium -u`` (modes piped for a pivot): one output line per input line."""
    cmd = " | ".join(f"apertium -u {m}" for m in modes)
    with path.open("rb") as fh:
        done = subprocess.run(["bash", "-c", cmd], stdin=fh, capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\n")[: len(path.read_text().split("\n")) - 1]


def alignkit(lines: list[str], tgt: str, repair: bool, prime: bool = True) -> list[str]:
    engine = get_engine("apertium", {"repair": str(repair), "prime": str(prime)})
    with open_translator(engine, "en", tgt) as translator:
        return [o.text for o in translator.translate(lines)]


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def throughput(path: Path, lines: list[str], repeats: int) -> dict[str, object]:
    times: dict[str, list[float]] = {"raw apertium -u (whole file)": [], "alignkit (repairs)": [],
                                     "alignkit (no repairs)": [], "alignkit (repairs, unprimed)": []}
    for _ in range(repeats):
        times["raw apertium -u (whole file)"].append(timed(raw_apertium, path, ["eng-spa"])[0])
        times["alignkit (repairs)"].append(timed(alignkit, lines, "es", True)[0])
        times["alignkit (no repairs)"].append(timed(alignkit, lines, "es", False)[0])
        times["alignkit (repairs, unprimed)"].append(timed(alignkit, lines, "es", True, False)[0])
    med = {k: statistics.median(v) for k, v in times.items()}
    raw = med["raw apertium -u (whole file)"]
    return {name: {"seconds": round(t, 3), "sentences_per_s": round(len(lines) / t, 1),
                   "ratio_vs_raw": round(raw / t, 3), "runs": [round(x, 3) for x in times[name]]}
            for name, t in med.items()}


def single_round_trips(lines: list[str]) -> dict[str, float]:
    """Seconds per segment when each segment is its own call (no batching)."""
    with get_engine("apertium").open("en", "es") as translator:
        translator.translate(["Warm up."])
        start = time.perf_counter()
        for line in lines:
            translator.translate([line])
        per = (time.perf_counter() - start) / len(lines)
    return {"segments": len(lines), "ms_per_segment": round(per * 1000, 2)}


def order_dependence(texts: dict[str, list[str]]) -> dict[str, dict[str, dict[str, int]]]:
    """Segments whose translation differs between forward and reverse order, per text/target/setting."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for label, segs in texts.items():
        for tgt in TARGETS:
            row = out.setdefault(label, {}).setdefault(tgt, {"segments": len(segs)})
            for prime in (False, True):
                forward = alignkit(segs, tgt, True, prime)
                backward = alignkit(segs[::-1], tgt, True, prime)[::-1]
                row["primed" if prime else "unprimed"] = sum(a != b for a, b in zip(forward, backward))
    return out


def scores(hyps: list[str], refs: list[str]) -> dict[str, object]:
    chrf, bleu = CHRF(), BLEU()
    return {"chrF": round(chrf.corpus_score(hyps, [refs]).score, 2),
            "BLEU": round(bleu.corpus_score(hyps, [refs]).score, 2),
            "signatures": {"chrF": str(chrf.get_signature()), "BLEU": str(bleu.get_signature())}}


def marks_agreement(lines: list[str]) -> dict[str, int]:
    """Lines where stripping the marks of the -g pipeline gives the -n pipeline's text."""
    mode = get_engine("apertium").modes[("en", "es")].path
    usable = [line for line in lines if line.strip() and not set(line) & set("*#@")]
    marked, plain = Pipeline(mode, "-g", 200, 300), Pipeline(mode, "-n", 200, 300)
    try:
        same = sum(decode_marked(a).text == decode_plain(b)
                   for a, b in zip(marked.run(usable), plain.run(usable)))
    finally:
        marked.close()
        plain.close()
    return {"lines": len(usable), "identical": same}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--single", type=int, default=100, help="segments timed one call each")
    args = parser.parse_args()

    src = (NEWSTEST / "newstest2013.eng").read_text(encoding="utf-8").split("\n")[: args.sentences]
    refs = {lang: (NEWSTEST / f"newstest2013.{ext}").read_text(encoding="utf-8").split("\n")[: len(src)]
            for lang, ext in (("es", "spa"), ("fr", "fra"))}
    with tempfile.NamedTemporaryFile("w", suffix=".en", delete=False, encoding="utf-8") as fh:
        fh.write("\n".join(src) + "\n")
        path = Path(fh.name)

    speed = throughput(path, src, args.repeats)
    single = single_round_trips(src[: args.single])
    quality: dict[str, dict[str, object]] = {}
    for tgt, modes in (("es", ["eng-spa"]), ("fr", ["eng-spa", "es-fr"])):
        raw = raw_apertium(path, modes)
        plain, fixed = alignkit(src, tgt, False), alignkit(src, tgt, True)
        unprimed = alignkit(src, tgt, True, prime=False)
        quality[f"en->{'es->' if tgt == 'fr' else ''}{tgt}"] = {
            "raw apertium -u": scores(raw, refs[tgt]),
            "alignkit (no repairs)": scores(plain, refs[tgt]),
            "alignkit (repairs)": scores(fixed, refs[tgt]),
            "alignkit (repairs, unprimed)": scores(unprimed, refs[tgt]),
        }
    agreement = marks_agreement(src)
    path.unlink()
    seed = [seg.text for seg in segment_text(SEED.read_text(encoding="utf-8"), "en")]
    order = order_dependence({"seed": seed, "newstest2013[:300]": src[:300]})

    result = {"sentences": len(src), "repeats": args.repeats, "throughput": speed, "single_round_trip": single,
              "quality": quality, "marked_vs_unmarked": agreement, "order_dependence": order,
              "versions": package_versions(("apertium", "apertium-eng-spa", "apertium-fr-es", "lttoolbox")),
              "machine": {"python": platform.python_version(), "platform": platform.platform()}}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "apertium.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    md = render(result)
    (RESULTS / "apertium.md").write_text(md)
    print(md)


def render(result: dict) -> str:  # type: ignore[type-arg]
    lines = [f"## Apertium: alignkit vs raw `apertium -u` ({result['sentences']} newstest2013 sentences)", "",
             "| contender (en->es) | seconds (median) | sentences/s | throughput vs raw |", "|---|---:|---:|---:|"]
    for name, row in result["throughput"].items():
        lines.append(f"| {name} | {row['seconds']} | {row['sentences_per_s']} | {row['ratio_vs_raw']} |")
    single = result["single_round_trip"]
    lines += ["", f"One segment per call (no batching): {single['ms_per_segment']} ms per segment "
              f"({single['segments']} segments).", "",
              "| direction | system | chrF | BLEU |", "|---|---|---:|---:|"]
    for direction, systems in result["quality"].items():
        for name, row in systems.items():
            lines.append(f"| {direction} | {name} | {row['chrF']} | {row['BLEU']} |")
    agree = result["marked_vs_unmarked"]
    sig = next(iter(next(iter(result["quality"].values())).values()))["signatures"]
    lines += ["", ("Order dependence: segments translated differently in forward vs reverse order "
                   "(unprimed -> primed tagger):"), "", "| text | " + " | ".join(TARGETS) + " |",
              "|---|" + "---:|" * len(TARGETS)]
    for label, row in result["order_dependence"].items():
        cells = [f"{row[t]['unprimed']} -> {row[t]['primed']}" for t in TARGETS]
        lines.append(f"| {label} ({row[TARGETS[0]]['segments']} segments) | " + " | ".join(cells) + " |")
    lines += ["", f"Marked pass with marks stripped = unmarked pass on {agree['identical']}/{agree['lines']} lines.",
              f"Signatures: `{sig['chrF']}`, `{sig['BLEU']}`. Versions: {result['versions']}.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
