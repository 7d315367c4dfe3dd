"""Benchmark: what each Apertium repair does to quality, and the artefacts it removes.

Three tables, all from one run:

1. Raw ``apertium -u`` (whole file; two processes piped for a pivot) vs alignkit (repairs on)
   on newstest2013 (``--sentences`` lines from ``--start``): chrF and BLEU for en->es and
   en->es->fr, the directions that have references.
2. Per repair (ablation): chrF/BLEU with all repairs minus that one, on the same lines. The
   outputs are translated once without repairs (with the engine's unknown-word lists) and
   the repairs are applied afterwards; for the pivot, to the final output only (the engine
   also repairs the first leg, so table 1 is the exact figure).
3. Artefact counts, raw vs alignkit, in all six directions (es, ca, gl direct; pt, it, fr
   through es) on the seed document and on newstest2013: capitals copied onto articles
   ("DE LA OTAN"), a possessive read as "is" ("DE LA OTAN es,"), a spurious capital on the
   second word ("Hola Mundo"), "Share" as a noun, and, from alignkit's unknown-word marks,
   English words left untranslated and Spanish words leaking through the pivot.
4. Unknown words (reference-free, all six directions, seed and newstest2013): the words left
   untranslated in alignkit's output with the dictionary fill off (``dictionaries=false``) and
   on, split into source-language (English) words and pivot-language (Spanish) leaks; a
   lower-case unknown word found in the English segment counts as English, else as Spanish; one
   inside a name of the source ("Usti nad Labem") is counted apart, as ``name_particle``.

Usage: python bench/bench_apertium_repairs.py [--start 1] [--sentences 3000] [--targets ca,es]
[--list-left 40] (``--targets`` limits the run to some directions and then writes no results file;
``--list-left N`` prints the N commonest English words left, with the dictionaries, per direction)
Writes bench/results/apertium_repairs.json and bench/results/apertium_repairs.md (lines from 1),
or bench/results/apertium_repairs_lines<first>-<last>.{json,md} for another range (lines
1001-3000 are the held-out check of repairs developed on lines 1-1000).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF

from alignkit.segment import segment_text
from alignkit.translate import get_engine, open_translator
from alignkit.translate import lexical
from alignkit.translate import repair as R
from alignkit.translate.apertium import package_versions

ROOT = Path(__file__).resolve().parents[1]
NEWSTEST = ROOT.parent / "shared" / "data" / "newstest2013"
RESULTS = ROOT / "bench" / "results"
SEED = ROOT / "seeds" / "putin-war-israel-2025.en.txt"
MODES = {"es": ["eng-spa"], "ca": ["eng-cat"], "gl": ["en-gl"], "pt": ["eng-spa", "es-pt"],
         "it": ["eng-spa", "spa-ita"], "fr": ["eng-spa", "es-fr"]}
REFERENCES = {"es": "spa", "fr": "fra"}

_CAPS_ARTICLE = re.compile(r"\b(?:DE|DEL|LA|LOS|EL|DA|DO|DELLA|DI|DU|DES|L'|D')\s*(?=[A-ZÀ-Ý]{2,}\b)")
_IS_BEFORE_PUNCT = re.compile(r"\w\s+(?:es|és|é|è|il est|est)(?=\s*[,.;:!?])")
_POSSESSIVE_ALONE = re.compile(r"\w['’]s(?=\s*[,.;:!?])")
_SECOND = re.compile(r"\W*\w+\W+(\w+)")
_SHARE_NOUNS = re.compile(r"^(?:Acción|Participació|Participación|Acção|Azione|Action)\b")


def artefacts(sources: list[str], outputs: list[str]) -> dict[str, int]:
    """Counts of the artefacts the repairs target (segments showing each)."""
    counts = {"caps_article": 0, "possessive_as_is": 0, "second_word_capital": 0, "share_as_noun": 0}
    for src, out in zip(sources, outputs):
        counts["caps_article"] += bool(_CAPS_ARTICLE.search(out)) and not re.search(r"\b[A-Z]{2,}\s+[A-Z]{2,}\b", src)
        counts["possessive_as_is"] += bool(_POSSESSIVE_ALONE.search(src) and _IS_BEFORE_PUNCT.search(out)
                                           and not re.search(r"\bis(?=\s*[,.;:!?])", src))
        s2, o2 = _SECOND.match(src), _SECOND.match(out)
        counts["second_word_capital"] += bool(s2 and o2 and s2.group(1)[:1].islower() and o2.group(1)[:1].isupper()
                                              and not o2.group(1).isupper())
        counts["share_as_noun"] += bool(src.lstrip().startswith("Share") and _SHARE_NOUNS.match(out.lstrip()))
    return counts


def raw_apertium(lines: list[str], modes: list[str]) -> list[str]:
    """Whole-file ``apertium -u``, one output line per input line."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as fh:
        fh.write("\n".join(line.replace("\n", " ") for line in lines) + "\n")
    cmd = " | ".join(f"apertium -u {m}" for m in modes)
    with open(fh.name, "rb") as inp:
        done = subprocess.run(["bash", "-c", cmd], stdin=inp, capture_output=True, check=True)
    Path(fh.name).unlink()
    return [line.strip() for line in done.stdout.decode("utf-8").split("\n")[: len(lines)]]


def translate(lines: list[str], tgt: str, repair: bool, dictionaries: bool = True
              ) -> list[tuple[str, tuple[str, ...]]]:
    engine = get_engine("apertium", {"repair": str(repair), "dictionaries": str(dictionaries)})
    with open_translator(engine, "en", tgt) as translator:
        return [(o.text, o.unknown) for o in translator.translate(lines)]


def left_words(sources: list[str], outputs: list[tuple[str, tuple[str, ...]]]) -> dict[str, list[str]]:
    """Lower-case unknown words left in the output: English (in the source segment), lower-case words
    of the source's names (``R.name_particle``: "Usti nad Labem", counted apart, as the capitalised
    names are not counted) and the rest (pivot leaks)."""
    out: dict[str, list[str]] = {"english_left": [], "name_particle": [], "pivot_leak": []}
    for src, (_, unknown) in zip(sources, outputs):
        words = set(re.findall(r"\w+", src.lower()))
        for w in unknown:
            if w[:1].islower() and len(w) > 1:
                kind = "pivot_leak" if w.lower() not in words else \
                    "name_particle" if R.name_particle(w, src) else "english_left"
                out[kind].append(w)
    return out


def untranslated(sources: list[str], outputs: list[tuple[str, tuple[str, ...]]]) -> dict[str, int]:
    """How many :func:`left_words` of each kind."""
    return {k: len(v) for k, v in left_words(sources, outputs).items()}


def metric_pair(hyps: list[str], refs: list[str]) -> dict[str, float]:
    return {"chrF": round(CHRF().corpus_score(hyps, [refs]).score, 2),
            "BLEU": round(BLEU().corpus_score(hyps, [refs]).score, 2)}


def ablation(src: list[str], plain: list[tuple[str, tuple[str, ...]]], tgt: str,
             refs: list[str]) -> dict[str, dict[str, float]]:
    # The final leg's lookups (es->fr with the English fallback for a pivot), as the engine does.
    words = lexical.open_lookup("en" if tgt == "es" else "es", tgt)
    found = words.translate(w for s, (_, u) in zip(src, plain) for w in u if R.fillable(w, s))
    fill = R.fill_unknown_words(found)
    fill.__name__ = "fill_unknown_words (dictionaries)"
    every = (fill, *R.REPAIRS)

    def apply(repairs: tuple[Callable[..., str], ...]) -> list[str]:
        return [R.repair(t, source=s, lang=tgt, unknown=u, repairs=repairs) for s, (t, u) in zip(src, plain)]

    out = {"no repairs": metric_pair([t for t, _ in plain], refs), "all repairs": metric_pair(apply(every), refs)}
    for fix in every:
        out[f"without {fix.__name__}"] = metric_pair(apply(tuple(f for f in every if f is not fix)), refs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--start", type=int, default=1, help="first newstest2013 line (1-based)")
    ap.add_argument("--sentences", type=int, default=3000)
    ap.add_argument("--targets", default=",".join(MODES), help="comma-separated target languages")
    ap.add_argument("--list-left", type=int, default=0, metavar="N",
                    help="print the N commonest English words left on newstest2013, per target")
    args = ap.parse_args()
    targets = args.targets.split(",")
    if unknown_targets := [t for t in targets if t not in MODES]:
        ap.error(f"unknown target(s) {', '.join(unknown_targets)}; choose from {', '.join(MODES)}")
    first = max(args.start, 1) - 1
    span = slice(first, first + args.sentences)
    news = (NEWSTEST / "newstest2013.eng").read_text(encoding="utf-8").split("\n")[span]
    seed = [s.text for s in segment_text(SEED.read_text(encoding="utf-8"), "en")]
    texts = {"seed": seed, "newstest2013": news}
    result: dict[str, object] = {"quality": {}, "ablation": {}, "artefacts": {}, "leaks": {}}
    for tgt, modes in MODES.items():
        if tgt not in targets:
            continue
        for name, lines in texts.items():
            raw = raw_apertium(lines, modes)
            full = translate(lines, tgt, True)
            nodict = translate(lines, tgt, True, dictionaries=False)
            ours = [t for t, _ in full]
            result["artefacts"].setdefault(name, {})[tgt] = {  # type: ignore[union-attr]
                "raw": artefacts(lines, raw), "alignkit": artefacts(lines, ours)}
            result["leaks"].setdefault(name, {})[tgt] = {  # type: ignore[union-attr]
                "without dictionaries": untranslated(lines, nodict), "alignkit": untranslated(lines, full)}
            if args.list_left and name == "newstest2013":
                left = Counter(w.lower() for w in left_words(lines, full)["english_left"])
                print(f"en->{tgt} English left ({sum(left.values())}):",
                      " ".join(f"{w}:{c}" for w, c in left.most_common(args.list_left)), flush=True)
            if name == "newstest2013" and tgt in REFERENCES:
                refs = (NEWSTEST / f"newstest2013.{REFERENCES[tgt]}").read_text(encoding="utf-8").split("\n")[span]
                result["quality"][tgt] = {"raw apertium -u": metric_pair(raw, refs),  # type: ignore[index]
                                          "alignkit without dictionaries": metric_pair([t for t, _ in nodict], refs),
                                          "alignkit": metric_pair(ours, refs)}
                result["ablation"][tgt] = ablation(lines, translate(lines, tgt, False), tgt, refs)  # type: ignore[index]
    result["versions"] = package_versions(("apertium", "apertium-eng-spa", "apertium-eng-cat", "apertium-en-gl",
                                           "apertium-es-pt", "apertium-spa-ita", "apertium-fr-es",
                                           "apertium-spa-cat", "apertium-fra-cat", "apertium-por-cat",
                                           "apertium-cat-ita"))
    result["repairs_version"] = R.REPAIRS_VERSION
    result["lines"] = [first + 1, first + len(news)]
    start = f"--start {args.start} " if first else ""
    only = f" --targets {args.targets}" if len(targets) < len(MODES) else ""
    result["command"] = f"python bench/bench_apertium_repairs.py {start}--sentences {args.sentences}{only}"
    if only:
        print(render(result, args.sentences))  # a partial run overwrites no results file
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "apertium_repairs" + (f"_lines{first + 1}-{first + len(news)}" if first else "")
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    md = render(result, args.sentences)
    (RESULTS / f"{name}.md").write_text(md, encoding="utf-8")
    print(md)


def render(r: dict, n: int) -> str:  # type: ignore[type-arg]
    a, b = r["lines"]
    lines = [f"## Apertium repairs: raw `apertium -u` vs alignkit (newstest2013, lines {a}-{b}, {n} sentences)", "",
             "| direction | raw chrF | alignkit chrF | Δ chrF | raw BLEU | alignkit BLEU | Δ BLEU "
             "| chrF without dictionaries |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for tgt, q in r["quality"].items():
        a, b, c = q["raw apertium -u"], q["alignkit"], q["alignkit without dictionaries"]
        route = "en->es" if tgt == "es" else f"en->es->{tgt}"
        lines.append(f"| {route} | {a['chrF']} | {b['chrF']} | {b['chrF'] - a['chrF']:+.2f} | {a['BLEU']} "
                     f"| {b['BLEU']} | {b['BLEU'] - a['BLEU']:+.2f} | {c['chrF']} |")
    lines += ["", "Per repair (all repairs minus one, applied to the unrepaired output; Δ = all - without):", "",
              "| repair | " + " | ".join(f"en->{t} Δ chrF / Δ BLEU" for t in r["ablation"]) + " |",
              "|---|" + "---:|" * len(r["ablation"])]
    names = [k for k in next(iter(r["ablation"].values()), {}) if k.startswith("without ")]
    for k in ["no repairs", *names] if r["ablation"] else []:
        cells = []
        for abl in r["ablation"].values():
            full, other = abl["all repairs"], abl[k]
            cells.append(f"{full['chrF'] - other['chrF']:+.3f} / {full['BLEU'] - other['BLEU']:+.3f}")
        label = "all repairs (vs none)" if k == "no repairs" else k.removeprefix("without ")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for name, per in r["artefacts"].items():
        lines += ["", f"Artefacts on {name} (segments showing each, raw -> alignkit):", "",
                  "| artefact | " + " | ".join(per) + " |", "|---|" + "---:|" * len(per)]
        for key in next(iter(per.values()))["raw"]:
            lines.append(f"| {key} | " + " | ".join(f"{v['raw'][key]} -> {v['alignkit'][key]}" for v in per.values())
                         + " |")
        leak = r["leaks"][name]
        for key in ("english_left", "name_particle", "pivot_leak"):
            lines.append(f"| {key} (unknown tokens, without dictionaries -> with) | " + " | ".join(
                f"{leak[t]['without dictionaries'].get(key, '-')} -> {leak[t]['alignkit'].get(key, '-')}" for t in per) + " |")
    lines += ["", f"Repairs version {r['repairs_version']}. Versions: {r['versions']}.", f"Command: `{r['command']}`", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
