"""Where the aligner's strict errors come from, per dev set (error analysis, not a score).

Run from the repository root (needs ../shared):

    python bench/align_errors.py               # every dev set, default options, cached dictionaries
    python bench/align_errors.py --only EN-FR  # the dev sets whose name contains this

Per dev set it prints the bead shapes of the gold and of the prediction, how each gold bead
with two non-empty sides fared (hit; split by the prediction into finer beads; merged into a
coarser one; shifted, i.e. crossed by a predicted boundary), the predicted beads that miss,
by shape and kind, where the predicted skips come from, and how many gold beads share a
sentence with another gold bead: no partition of the sentences can hit those, so they bound
strict recall from above.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_align_data import books_dev, textberg_dev  # noqa: E402

from alignkit.align import align_sentences, score_alignments  # noqa: E402
from alignkit.align.resources import NoDictionaryError, build, load_cached  # noqa: E402
from alignkit.types import Alignment, Bead  # noqa: E402


def shape(b: Bead) -> str:
    return f"{len(b.src)}:{len(b.tgt)}"


def _owner(beads: tuple[Bead, ...]) -> tuple[dict[int, int], dict[int, int]]:
    src, tgt = {}, {}
    for k, b in enumerate(beads):
        src.update((i, k) for i in b.src)
        tgt.update((j, k) for j in b.tgt)
    return src, tgt


def _kind(bead: Bead, others: list[Bead]) -> str:
    """How ``bead`` relates to the beads of the other alignment that share a sentence with it."""
    s, t = set(bead.src), set(bead.tgt)
    if all(set(o.src) <= s and set(o.tgt) <= t for o in others):
        return "covers"  # the others are all inside it
    if len(others) == 1 and s <= set(others[0].src) and t <= set(others[0].tgt):
        return "inside"
    return "crossed"


def analyse(gold: Alignment, pred: Alignment) -> dict:
    """Counts of the error classes the module docstring names."""
    pred_set = {(b.src, b.tgt) for b in pred.beads}
    gold_set = {(b.src, b.tgt) for b in gold.beads}
    ps, pt = _owner(pred.beads)
    gs, gt = _owner(gold.beads)
    used_s, used_t = Counter(i for b in gold.beads for i in b.src), Counter(j for b in gold.beads for j in b.tgt)
    fate: Counter[str] = Counter()
    names = {"covers": "split finer by the prediction", "inside": "merged into a coarser bead", "crossed": "shifted"}
    for b in gold.beads:
        if not (b.src and b.tgt):
            continue
        if (b.src, b.tgt) in pred_set:
            fate["hit"] += 1
            continue
        ks = {ps.get(i) for i in b.src} | {pt.get(j) for j in b.tgt}
        fate[names[_kind(b, [pred.beads[k] for k in ks if k is not None])]] += 1
    wrong: Counter[tuple[str, str]] = Counter()
    skips: Counter[str] = Counter()
    pnames = {"covers": "merges gold beads", "inside": "part of a gold bead", "crossed": "shifted"}
    for k, b in enumerate(pred.beads):
        if (b.src, b.tgt) in gold_set:
            continue
        if not (b.src and b.tgt):
            x = (b.src or b.tgt)[0]
            g = gold.beads[(gs if b.src else gt)[x]] if x in (gs if b.src else gt) else None
            if g is None or not (g.src and g.tgt):
                skips["the gold skips it too"] += 1
            elif (used_s if b.src else used_t)[x] > 1:
                skips["its gold bead shares sentences"] += 1
            elif any(
                set(g.src) == set(n.src) | set(b.src) and set(g.tgt) == set(n.tgt) | set(b.tgt)
                for n in pred.beads[max(k - 1, 0) : k + 2]
                if n is not b
            ):
                skips["a neighbour plus the skip is the gold bead"] += 1
            else:
                skips["in a shifted stretch"] += 1
            continue
        ks = {gs.get(i) for i in b.src} | {gt.get(j) for j in b.tgt}
        wrong[(shape(b), pnames[_kind(b, [gold.beads[k] for k in ks if k is not None])])] += 1
    shared = sum(
        1 for b in gold.beads if any(used_s[i] > 1 for i in b.src) or any(used_t[j] > 1 for j in b.tgt)
    )
    return {"gold shapes": Counter(shape(b) for b in gold.beads), "predicted shapes": Counter(shape(b) for b in pred.beads),
            "gold beads": fate, "wrong predicted beads": wrong, "predicted skips": skips,
            "gold beads sharing a sentence": (shared, len(gold.beads))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only the dev sets whose name contains this")
    args = parser.parse_args()
    dev_sets = [("textberg-dev", "de", "fr", textberg_dev())] + books_dev()
    for name, src, tgt, (s, t, gold) in dev_sets:
        if args.only and args.only not in name:
            continue
        try:
            lex = load_cached(src, tgt) or build(src, tgt)  # as bench_align.py: the pair's dictionary
        except NoDictionaryError:
            lex = None
        pred = align_sentences(s, t, src_lang=src, tgt_lang=tgt, dictionary=lex)
        scores = score_alignments([gold], [pred])
        print(f"## {name} ({src}-{tgt}): strict {scores.f1_strict:.3f}, lax {scores.f1_lax:.3f}")
        for key, value in analyse(gold, pred).items():
            if isinstance(value, Counter):
                top = value.most_common(12)
                print(f"  {key}: " + ", ".join(f"{k if isinstance(k, str) else ' '.join(k)} {v}" for k, v in top))
            else:
                print(f"  {key}: {value[0]} of {value[1]} ({value[0] / max(value[1], 1):.1%})")


if __name__ == "__main__":
    main()
