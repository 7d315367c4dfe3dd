"""Sentence alignment benchmark: alignkit (signals on/off) vs hunalign, quality, time and memory.

Run from the repository root (needs ../shared and, for hunalign, `npm install` in bench/):

    python bench/bench_align.py            # everything (a few minutes)
    python bench/bench_align.py --quick    # skip the 100k x 100k scaling run

Prints markdown tables and writes bench/results/align.json and bench/results/align.md. Times are
wall-clock on the same machine in the same run; compare them as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_align_data import Doc, books_dev, large, synthetic_enes, textberg_dev  # noqa: E402

from alignkit.align import AlignOptions, align_sentences, score_alignments  # noqa: E402
from alignkit.align.lexicon import Lexicon  # noqa: E402
from alignkit.align.resources import NoDictionaryError, build, load_cached  # noqa: E402
from alignkit.align.stem import stemmer, words  # noqa: E402
from alignkit.translate.registry import get_engine  # noqa: E402
from alignkit.types import Alignment, Bead  # noqa: E402

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"


def run_alignkit(docs: list[Doc], lang: tuple[str, str], options: AlignOptions, translator=None,
                 dictionary: Lexicon | None = None) -> dict:
    t0 = time.perf_counter()
    preds = [
        align_sentences(s, t, src_lang=lang[0], tgt_lang=lang[1], options=options, translator=translator,
                        dictionary=dictionary)
        for s, t, _ in docs
    ]
    seconds = time.perf_counter() - t0
    scores = score_alignments([g for *_, g in docs], preds)
    return {"seconds": round(seconds, 3), **{k: round(v, 4) for k, v in scores.as_dict().items()}}


def _rungs_to_alignment(rungs: list[list[float]], n: int, m: int) -> Alignment:
    points = [(int(i), int(j)) for i, j, _ in rungs]
    if not points or points[0] != (0, 0):
        points.insert(0, (0, 0))
    if points[-1] != (n, m):
        points.append((n, m))
    return Alignment(
        tuple(Bead(tuple(range(i0, i1)), tuple(range(j0, j1))) for (i0, j0), (i1, j1) in zip(points, points[1:]))
    )


def hunalign_dictionary(lex: Lexicon, src: list[str], tgt: list[str]) -> str:
    """The stemmed lexicon as hunalign ``target @ source`` lines over the documents' own word forms.

    hunalign matches words as written, so every source word whose stem has an entry is paired
    with every target word of the document whose stem is one of the entry's translations.
    """
    stem_s, stem_t = stemmer(lex.src), stemmer(lex.tgt)
    by_stem: dict[str, set[str]] = {}
    for line in tgt:
        for w in words(line):
            by_stem.setdefault(stem_t(w), set()).add(w)
    lines = set()
    for w in {w for line in src for w in words(line)}:
        for t in lex.entries.get(stem_s(w), ())[:4]:
            lines.update(f"{tw} @ {w}" for tw in by_stem.get(t, ()))
    return "\n".join(sorted(lines)) + "\n"


def run_hunalign_doc(src: list[str], tgt: list[str], timeout: float = 600,
                     dictionary: str | None = None) -> tuple[Alignment, float, float, int]:
    """Align with hunalign (wasm): (alignment, wall seconds, internal seconds, peak RSS KiB)."""
    with tempfile.TemporaryDirectory() as tmp:
        sp, tp, dp = Path(tmp, "src"), Path(tmp, "tgt"), Path(tmp, "dict")
        sp.write_text("\n".join(src) + "\n", encoding="utf-8")
        tp.write_text("\n".join(tgt) + "\n", encoding="utf-8")
        dp.write_text(dictionary or "", encoding="utf-8")
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            ["node", str(BENCH / "hunalign_run.mjs"), str(sp), str(tp)] + ([str(dp)] if dictionary else []),
            cwd=BENCH, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        out, _ = proc.communicate(timeout=timeout)
        _, status, usage = os.wait4(proc.pid, 0) if proc.returncode is None else (0, 0, None)
        wall = time.perf_counter() - t0
        peak = usage.ru_maxrss if usage else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        result = json.loads(out)
    return _rungs_to_alignment(result["rungs"], len(src), len(tgt)), wall, result["seconds"], peak


def run_hunalign(docs: list[Doc], lex: Lexicon | None = None) -> dict | None:
    if not (BENCH / "node_modules" / "@bitextual" / "hunalign").exists() or shutil.which("node") is None:
        return None
    preds, wall = [], 0.0
    for s, t, _ in docs:
        al, seconds, _, _ = run_hunalign_doc(s, t, dictionary=hunalign_dictionary(lex, s, t) if lex else None)
        preds.append(al)
        wall += seconds
    scores = score_alignments([g for *_, g in docs], preds)
    return {"seconds": round(wall, 3), **{k: round(v, 4) for k, v in scores.as_dict().items()}}


def ablation(docs: list[Doc], lang: tuple[str, str], configs: dict[str, tuple[AlignOptions, object]]) -> dict:
    return {name: run_alignkit(docs, lang, opts, tr) for name, (opts, tr) in configs.items()}


def scale_child(n: int) -> None:
    """Child process: align an n x n pair, print seconds, peak RSS and F1 as JSON."""
    s, t, g = large(n)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    al = align_sentences(s, t, src_lang="en", tgt_lang="es")
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    f1 = score_alignments([g], [al]).f1_strict
    print(json.dumps({"n": len(s), "m": len(t), "seconds": round(seconds, 2), "peak_mib": peak // 1024,
                      "before_align_mib": base // 1024, "f1_strict": round(f1, 4)}))


def scaling(n: int, with_hunalign: bool) -> dict:
    out = subprocess.run([sys.executable, __file__, "--scale-child", str(n)], capture_output=True, text=True, check=True)
    row = {"alignkit": json.loads(out.stdout)}
    if with_hunalign and run_hunalign([]) is not None:
        s, t, g = large(n)
        try:
            al, wall, _, peak = run_hunalign_doc(s, t, timeout=900)
            row["hunalign"] = {"seconds": round(wall, 2), "peak_mib": peak // 1024,
                               "f1_strict": round(score_alignments([g], [al]).f1_strict, 4)}
        except (subprocess.SubprocessError, json.JSONDecodeError, OSError) as err:
            row["hunalign"] = {"error": type(err).__name__}
    return row


def _table(title: str, rows: dict) -> str:
    lines = [f"### {title}", "", "| system | strict F1 | lax F1 | strict P | strict R | seconds |", "|---|---|---|---|---|---|"]
    for name, r in rows.items():
        if r is None:
            continue
        lines.append(f"| {name} | {r['f1_strict']:.4f} | {r['f1_lax']:.4f} | {r['precision_strict']:.4f} | "
                     f"{r['recall_strict']:.4f} | {r['seconds']:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100k x 100k run")
    parser.add_argument("--hunalign-max", type=int, default=100000,
                        help="run hunalign in the scaling rows only up to this size (it did not finish 100k)")
    parser.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--mt", action="store_true", help="also measure the MT signal on the dev books Apertium can translate")
    parser.add_argument("--only", help="only the dev sets whose name contains this")
    parser.add_argument("--dev-only", action="store_true", help="stop after the dev sets (no synthetic, no scaling)")
    args = parser.parse_args()
    if args.scale_child:
        scale_child(args.scale_child)
        return
    base = AlignOptions()
    results: dict = {"options": base.describe()}
    md = ["## Sentence alignment benchmark", ""]

    dev_sets = [("textberg-dev", "de", "fr", textberg_dev())] + books_dev()
    if args.only:
        dev_sets = [d for d in dev_sets if args.only in d[0]]
    one = replace(base, learn=False)
    for name, src, tgt, doc in dev_sets:
        try:
            t0 = time.perf_counter()
            lex = load_cached(src, tgt) or build(src, tgt)  # `alignkit dict build` caches it
            dict_seconds = time.perf_counter() - t0
        except NoDictionaryError:
            lex, dict_seconds = None, 0.0
        docs = [doc]
        configs = {
            "alignkit: length only": (replace(one, lexical=False), None, None),
            "alignkit: length + lexical (one pass, old default)": (one, None, None),
            "alignkit: length + lexical + dictionary (one pass)": (one, None, lex),
            "alignkit: length + lexical + learned (two passes)": (base, None, None),
            "alignkit: length + lexical + dictionary + learned (default)": (base, None, lex),
        }
        if args.mt and (src, tgt) in (("en", "es"), ("es", "it")):
            tr = get_engine("apertium").open(src, tgt)
            configs["alignkit: default + MT (Apertium)"] = (replace(base, mt=True), tr, lex)
        rows = {k: run_alignkit(docs, (src, tgt), o, tr, d) for k, (o, tr, d) in configs.items()}
        rows["hunalign (wasm, no dictionary)"] = run_hunalign(docs)
        if lex is not None:
            rows["hunalign (wasm, same dictionary)"] = run_hunalign(docs, lex)
        results[name] = {"dictionary": lex.describe() if lex else None, "dict_build_seconds": round(dict_seconds, 1),
                         **rows}
        print(_table(f"{name} ({src}-{tgt}, {len(doc[0])} x {len(doc[1])})", rows), flush=True)
        md.append(_table(f"{name} ({src}-{tgt}, {len(doc[0])} x {len(doc[1])} sentences; dictionary: "
                         f"{lex.describe() if lex else 'none'})", rows))
    if args.dev_only:
        _write(results, md)
        return

    translator = get_engine("apertium").open("en", "es")
    for split, lines in (("dev", "0-1499, tuning set for the MT weights"), ("test", "1500-2999, reported")):
        enes = synthetic_enes(split)
        t0 = time.perf_counter()
        translator.translate([s for d in enes for s in d[0]])  # warm-up, and the cost of translating
        mt_seconds = time.perf_counter() - t0
        rows = ablation(enes, ("en", "es"), {
            "alignkit: length only": (replace(one, lexical=False), None),
            "alignkit: length + lexical (one pass)": (one, None),
            "alignkit: length + lexical + learned (default)": (base, None),
            "alignkit: MT only": (replace(base, mt=True, length=False, lexical=False), translator),
            "alignkit: length + MT": (replace(base, mt=True, lexical=False), translator),
            "alignkit: length + lexical + learned + MT": (replace(base, mt=True), translator),
        })
        rows["hunalign (wasm, no dictionary)"] = run_hunalign(enes)
        results[f"newstest2013_synthetic_enes_{split}"] = {"apertium_seconds": round(mt_seconds, 2), **rows}
        md.append(_table(
            f"Synthetic en-es {split} (newstest2013 lines {lines}; 5 docs, seed 13; "
            f"MT rows include Apertium, {mt_seconds:.1f} s alone)", rows))

    scale = {"10000": scaling(10000, args.hunalign_max >= 10000)}
    if not args.quick:
        scale["100000"] = scaling(100000, args.hunalign_max >= 100000)
    results["scaling"] = scale
    md += ["### Scaling (defaults: length + lexical + learned, no dictionary; synthetic en-es, one document)", "",
           "| sentences | system | seconds | peak RSS MiB | strict F1 |", "|---|---|---|---|---|"]
    for size, row in scale.items():
        for system, r in row.items():
            if "error" in r:
                md.append(f"| {size} | {system} | failed ({r['error']}) | | |")
            else:
                md.append(f"| {r.get('n', size)} x {r.get('m', size)} | {system} | {r['seconds']:.1f} | {r['peak_mib']} | {r['f1_strict']:.4f} |")
    md.append("")
    _write(results, md)


def _write(results: dict, md: list[str]) -> None:
    text = "\n".join(md)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "align.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "align.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
