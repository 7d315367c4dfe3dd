"""Sentence alignment benchmark: alignkit (signals on/off) vs hunalign, quality, time and memory.

Run from the repository root (needs ../shared and, for hunalign, `npm install` in bench/):

    python bench/bench_align.py            # everything (a few minutes; hunalign's scores are cached)
    python bench/bench_align.py --quick    # skip the 100k x 100k scaling run
    python bench/bench_align.py --mt       # also the MT column (Apertium pairs: en-es, es-it)

Prints one table of strict/lax F1 per dev set and signal combination beside hunalign, then the
pooled-model comparison and the scaling rows, and writes bench/results/align.json and align.md.
hunalign's scores are kept in bench/results/hunalign_cache.json under a digest of its inputs.
"""

from __future__ import annotations

import argparse
import hashlib
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

from bench_align_data import Doc, books_dev, large, textberg_dev  # noqa: E402

from alignkit.align import AlignOptions, DocumentPair, align_corpus, align_sentences, score_alignments  # noqa: E402
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


def _cached_hunalign(docs: list[Doc], lex: Lexicon | None, cache: dict) -> dict | None:
    """hunalign's scores, reused when its exact inputs (texts and dictionary lines) were scored before.

    hunalign is deterministic and minutes slow on the novels; the key is a digest of all it reads.
    """
    digest = hashlib.sha256()
    for s, t, g in docs:
        digest.update("\n".join(s).encode() + b"\0" + "\n".join(t).encode() + b"\0")
        if lex is not None:
            digest.update(hunalign_dictionary(lex, s, t).encode())
    key = digest.hexdigest()
    if key not in cache:
        got = run_hunalign(docs, lex)
        if got is None:
            return None
        cache[key] = got
    return cache[key]


#: The signal combinations of the table, each adding one signal to the one before.
COLUMNS = ("length only", "+ anchors", "+ dictionary", "+ learned pass (default)", "+ MT")


def _configs(base: AlignOptions, lex: Lexicon | None, translator) -> dict:  # type: ignore[no-untyped-def]
    one = replace(base, learn=False)
    out = {
        "length only": (replace(one, lexical=False, dictionary=False), None, None),
        "+ anchors": (one, None, None),
        "+ dictionary": (one, None, lex),
        "+ learned pass (default)": (base, None, lex),
    }
    if translator is not None:
        out["+ MT"] = (replace(base, mt=True), translator, lex)
    return out


def _pieces(doc: Doc, count: int) -> list[Doc]:
    """A document pair cut at gold bead boundaries into ``count`` pieces, each renumbered from 0."""
    s, t, gold = doc
    beads = gold.beads
    out = []
    for k in range(count):
        part = beads[k * len(beads) // count : (k + 1) * len(beads) // count]
        i0 = min((b.src[0] for b in part if b.src), default=0)
        j0 = min((b.tgt[0] for b in part if b.tgt), default=0)
        i1 = max((b.src[-1] + 1 for b in part if b.src), default=i0)
        j1 = max((b.tgt[-1] + 1 for b in part if b.tgt), default=j0)
        moved = tuple(Bead(tuple(i - i0 for i in b.src), tuple(j - j0 for j in b.tgt)) for b in part)
        out.append((s[i0:i1], t[j0:j1], Alignment(moved)))
    return out


def pooled(docs: list[Doc], lang: tuple[str, str], lex: Lexicon | None) -> dict:
    """Default options, each document alone vs one association model over all (``align_corpus``)."""
    golds = [g for *_, g in docs]
    alone = [align_sentences(s, t, src_lang=lang[0], tgt_lang=lang[1], dictionary=lex) for s, t, _ in docs]
    together = align_corpus([DocumentPair(s, t) for s, t, _ in docs], src_lang=lang[0], tgt_lang=lang[1],
                            dictionary=lex)
    a, b = score_alignments(golds, alone), score_alignments(golds, together)
    return {"alone": round(a.f1_strict, 4), "pooled": round(b.f1_strict, 4)}


def _signal_table(rows: dict, sizes: dict[str, int] | None = None) -> str:
    """The F1 table, a mean strict row, and (with ``sizes``: sentences per dev set, books only)
    the books' micro-average: strict F1 weighted by each book's source + target sentences."""
    systems = list(COLUMNS) + ["hunalign, no dictionary", "hunalign, same dictionary"]
    lines = ["| dev set | " + " | ".join(systems) + " |", "|---" * (len(systems) + 1) + "|"]
    sums: dict[str, list[float]] = {k: [] for k in systems}
    for name, row in rows.items():
        cells = []
        for k in systems:
            r = row.get(k)
            cells.append(f"{r['f1_strict']:.3f} / {r['f1_lax']:.3f}" if r else "—")
            if r:
                sums[k].append(r["f1_strict"])
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| mean strict | " + " | ".join(
        f"{sum(v) / len(v):.3f}" if len(v) == len(rows) else "—" for v in sums.values()) + " |")
    if sizes:
        cells = []
        for k in systems:
            got = [(rows[name][k]["f1_strict"], w) for name, w in sizes.items() if rows[name].get(k)]
            total = sum(w for _, w in got)
            cells.append(f"{sum(f * w for f, w in got) / total:.3f}" if len(got) == len(sizes) and total else "—")
        lines.append("| books, micro-average strict (sentence-weighted) | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100k x 100k run")
    parser.add_argument("--hunalign-max", type=int, default=10000,
                        help="run hunalign in the scaling rows only up to this size (it did not finish 100k)")
    parser.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--mt", action="store_true",
                        help="also the MT column, on the dev books Apertium translates (en-es, es-it): minutes each")
    parser.add_argument("--only", help="only the dev sets whose name contains this")
    parser.add_argument("--dev-only", action="store_true", help="stop after the dev sets (no pooling, no scaling)")
    args = parser.parse_args()
    if args.scale_child:
        scale_child(args.scale_child)
        return
    base = AlignOptions()
    results: dict = {"options": base.describe()}
    cache_path = RESULTS / "hunalign_cache.json"
    cache = json.loads(cache_path.read_text(encoding="utf-8")) if cache_path.exists() else {}
    dev_sets = [("textberg-dev", "de", "fr", textberg_dev())] + books_dev()
    if args.only:
        dev_sets = [d for d in dev_sets if args.only in d[0]]
    table: dict[str, dict] = {}
    labels: dict[str, tuple[str, Doc]] = {}
    lexicons: dict[tuple[str, str], Lexicon | None] = {}
    for name, src, tgt, doc in dev_sets:
        try:
            lex = lexicons.get((src, tgt)) or load_cached(src, tgt) or build(src, tgt)  # `alignkit dict build` caches it
        except NoDictionaryError:
            lex = None
        lexicons[(src, tgt)] = lex
        translator = None
        if args.mt and (src, tgt) in (("en", "es"), ("es", "it")):
            translator = get_engine("apertium").open(src, tgt)
        rows = {k: run_alignkit([doc], (src, tgt), o, tr, d) for k, (o, tr, d) in _configs(base, lex, translator).items()}
        rows["hunalign, no dictionary"] = _cached_hunalign([doc], None, cache)
        if lex is not None:
            rows["hunalign, same dictionary"] = _cached_hunalign([doc], lex, cache)
        label = f"{name} ({src}-{tgt}, {len(doc[0])} x {len(doc[1])})"
        table[label] = rows
        labels[label] = (name, doc)
        results[name] = {"dictionary": lex.describe() if lex else None, "sentences": len(doc[0]) + len(doc[1]), **rows}
        print(label, {k: v and v["f1_strict"] for k, v in rows.items()}, flush=True)
        RESULTS.mkdir(exist_ok=True)
        cache_path.write_text(json.dumps(cache, indent=1) + "\n", encoding="utf-8")
    md = ["## Sentence alignment benchmark", "",
          "Strict / lax F1 per dev set; each alignkit column adds one signal to the column before it "
          "(the first three are one pass, the fourth is the default: two passes). hunalign (wasm) gets "
          "`target @ source` lines of the same dictionary, expanded to the documents' word forms."
          + ("" if args.mt else " MT column not run (pass --mt: Apertium pairs only)."), "",
          _signal_table(table, {label: len(doc[0]) + len(doc[1]) for label, (name, doc) in labels.items()
                                if name != "textberg-dev"})]
    if not args.dev_only:
        pool_rows = {}
        for name, src, tgt, doc in dev_sets:
            if name == "textberg-dev":
                continue
            pool_rows[f"{name}, 20 pieces"] = pooled(_pieces(doc, 20), (src, tgt), lexicons[(src, tgt)])
        de_fr = [d for n, s, t, d in dev_sets if (s, t) == ("de", "fr")]
        if len(de_fr) == 2:
            pool_rows["textberg-dev + DE-FR Jane Eyre"] = pooled(de_fr, ("de", "fr"), lexicons[("de", "fr")])
        results["pooled"] = pool_rows
        md += ["### One association model over many documents (`align_corpus`), strict F1", "",
               "| documents | each alone | pooled |", "|---|---|---|"]
        md += [f"| {k} | {v['alone']:.4f} | {v['pooled']:.4f} |" for k, v in pool_rows.items()] + [""]
        scale = {"10000": scaling(10000, args.hunalign_max >= 10000)}
        if not args.quick:
            scale["100000"] = scaling(100000, args.hunalign_max >= 100000)
        results["scaling"] = scale
        md += ["### Scaling (defaults, no dictionary; synthetic en-es, one document; wall time in this run)", "",
               "| sentences | system | seconds | peak RSS MiB | strict F1 |", "|---|---|---|---|---|"]
        for size, row in scale.items():
            for system, r in row.items():
                if "error" in r:
                    md.append(f"| {size} | {system} | failed ({r['error']}) | | |")
                else:
                    md.append(f"| {r.get('n', size)} x {r.get('m', size)} | {system} | {r['seconds']:.1f} | "
                              f"{r['peak_mib']} | {r['f1_strict']:.4f} |")
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
