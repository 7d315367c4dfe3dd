"""Evaluation data for the aligner benchmarks: Text+Berg dev and a synthetic en-es test.

The synthetic test starts from line-parallel newstest2013 and, with a fixed seed, merges,
splits and drops lines on either side, recording the gold alignment as it goes.
"""

from __future__ import annotations

import random
from pathlib import Path

from alignkit.formats.ladder import parse_ladder
from alignkit.types import Alignment, Bead

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

Doc = tuple[list[str], list[str], Alignment]


def textberg_dev() -> Doc:
    """Text+Berg dev: German and French sentences with the gold ladder."""
    d = SHARED / "textberg-dev"
    return (
        d.joinpath("dev.de").read_text(encoding="utf-8").splitlines(),
        d.joinpath("dev.fr").read_text(encoding="utf-8").splitlines(),
        parse_ladder(d.joinpath("dev.defr").read_text(encoding="utf-8")),
    )


def books_dev() -> list[tuple[str, str, str, Doc]]:
    """OPUS Books dev novels: ``(name, src lang, tgt lang, (src, tgt, gold))`` per book."""
    out = []
    for d in sorted((SHARED / "books-dev").iterdir()):
        gold = next(d.glob("gold.*"))
        pair = gold.suffix[1:]
        src, tgt = pair[:2], pair[2:]
        out.append((d.name, src, tgt, (
            d.joinpath(f"{src}.txt").read_text(encoding="utf-8").splitlines(),
            d.joinpath(f"{tgt}.txt").read_text(encoding="utf-8").splitlines(),
            parse_ladder(gold.read_text(encoding="utf-8")),
        )))
    return out


def newstest(src: str = "eng", tgt: str = "spa") -> tuple[list[str], list[str]]:
    """Line-parallel newstest2013 sides."""
    d = SHARED / "newstest2013"
    return (
        d.joinpath(f"newstest2013.{src}").read_text(encoding="utf-8").splitlines(),
        d.joinpath(f"newstest2013.{tgt}").read_text(encoding="utf-8").splitlines(),
    )


def _split(line: str) -> tuple[str, str] | None:
    words = line.split()
    if len(words) < 6:
        return None
    k = len(words) // 2
    return " ".join(words[:k]), " ".join(words[k:])


def perturb(src: list[str], tgt: list[str], seed: int, rate: float = 0.25) -> Doc:
    """Make a non-1:1 document pair out of line-parallel text, recording the gold beads.

    With probability ``rate`` per line an edit happens: drop on one side (1:0, 0:1), merge 2-3
    lines on one side (2:1, 3:1, 1:2, 1:3), split a line on one side (1:2, 2:1), or re-split two
    lines at a different point on one side (2:2).
    """
    rng = random.Random(seed)
    out_s: list[str] = []
    out_t: list[str] = []
    beads: list[Bead] = []
    i = 0

    def emit(ss: list[str], tt: list[str]) -> None:
        beads.append(Bead(tuple(range(len(out_s), len(out_s) + len(ss))), tuple(range(len(out_t), len(out_t) + len(tt)))))
        out_s.extend(ss)
        out_t.extend(tt)

    while i < len(src):
        s, t = src[i], tgt[i]
        r = rng.random()
        if r >= rate:
            emit([s], [t])
            i += 1
            continue
        edit = rng.choice(["drop_s", "drop_t", "merge", "merge", "split", "split", "resplit"])
        side = rng.random() < 0.5
        if edit == "drop_s":
            emit([s], [])
        elif edit == "drop_t":
            emit([], [t])
        elif edit == "merge" and i + 2 < len(src):
            k = rng.choice([2, 3])
            many_s, many_t = src[i : i + k], tgt[i : i + k]
            emit(many_s, [" ".join(many_t)]) if side else emit([" ".join(many_s)], many_t)
            i += k
            continue
        elif edit == "split" and _split(t if side else s):
            emit([s], list(_split(t))) if side else emit(list(_split(s)), [t])
        elif edit == "resplit" and i + 1 < len(src) and _split(src[i + 1]) and _split(tgt[i + 1]):
            two_s, two_t = src[i : i + 2], tgt[i : i + 2]
            if side:
                a, b = _split(two_t[1])  # type: ignore[misc]
                emit(two_s, [two_t[0] + " " + a, b])
            else:
                a, b = _split(two_s[1])  # type: ignore[misc]
                emit([two_s[0] + " " + a, b], two_t)
            i += 2
            continue
        else:
            emit([s], [t])
        i += 1
    return out_s, out_t, Alignment(tuple(beads))


#: newstest2013 lines a split may draw from: dev and test never share a source line.
SPLITS = {"dev": (0, 1500), "test": (1500, 3000)}


def synthetic_enes(split: str = "test", docs: int = 5, seed: int = 13) -> list[Doc]:
    """newstest2013 en-es lines of one split cut into ``docs`` documents, each perturbed with its own seed.

    ``dev`` (lines 0-1499) is for tuning the MT signal, ``test`` (lines 1500-2999) only for reporting.
    """
    lo, hi = SPLITS[split]
    src, tgt = newstest("eng", "spa")
    src, tgt = src[lo:hi], tgt[lo:hi]
    size = len(src) // docs
    return [perturb(src[k * size : (k + 1) * size], tgt[k * size : (k + 1) * size], seed + lo + k) for k in range(docs)]


def large(n: int, seed: int = 7) -> Doc:
    """An ``n``-line en-es pair for scaling runs: newstest2013 lines drawn with replacement, perturbed."""
    src, tgt = newstest("eng", "spa")
    rng = random.Random(seed)
    picks = [rng.randrange(len(src)) for _ in range(n)]
    return perturb([src[p] for p in picks], [tgt[p] for p in picks], seed)
