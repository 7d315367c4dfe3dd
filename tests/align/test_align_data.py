"""The aligner on real data: Text+Berg dev (../shared) and the seed with a paragraph deleted."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import pytest

from alignkit.align import AlignOptions, align_sentences, score_alignments
from alignkit.align.segments import align_segments
from alignkit.errors import AlignkitError
from alignkit.formats.ladder import parse_ladder
from alignkit.segment import segment_text
from alignkit.translate.base import Translator
from alignkit.types import Alignment, Bead, EngineOutput
from tests.conftest import SEED, shared_path


def test_textberg_dev_length_and_lexical() -> None:
    """Regression guard on the tuning set, no dictionary (one pass 0.850 / 0.970; two passes with the fitted
    cost 0.829 / 0.982, with the hand weights 0.836 / 0.977; docs/align.md)."""
    d = shared_path("data", "textberg-dev")
    src = d.joinpath("dev.de").read_text(encoding="utf-8").splitlines()
    tgt = d.joinpath("dev.fr").read_text(encoding="utf-8").splitlines()
    gold = parse_ladder(d.joinpath("dev.defr").read_text(encoding="utf-8"))
    one_pass = AlignOptions(learn=False)
    scores = score_alignments([gold], [align_sentences(src, tgt, src_lang="de", tgt_lang="fr", options=one_pass)])
    assert scores.f1_strict >= 0.84
    assert scores.f1_lax >= 0.95
    two = score_alignments([gold], [align_sentences(src, tgt, src_lang="de", tgt_lang="fr")])
    assert two.f1_strict >= 0.825 and two.f1_lax >= 0.97
    length_only = align_sentences(src, tgt, src_lang="de", tgt_lang="fr", options=AlignOptions(lexical=False, learn=False))
    assert score_alignments([gold], [length_only]).f1_strict < scores.f1_strict


class _ApertiumCLI(Translator):
    engine = "apertium"

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        out = subprocess.run(["apertium", "-u", "eng-spa"], input="\n".join(" ".join(t.split()) for t in texts) + "\n",
                             capture_output=True, text=True, check=True).stdout.split("\n")
        return [EngineOutput(o) for o in out[: len(texts)]]


def _en_es() -> Translator:
    try:
        from alignkit.translate.registry import get_engine

        return get_engine("apertium").open("en", "es")
    except (ImportError, AlignkitError):
        if shutil.which("apertium") is None:
            pytest.skip("needs Apertium with eng-spa: apt-get install apertium apertium-eng-spa")
        probe = subprocess.run(["apertium", "-u", "eng-spa"], input="house\n", capture_output=True, text=True)
        if probe.returncode != 0 or not probe.stdout.strip():
            pytest.skip("needs the Apertium mode eng-spa")
        return _ApertiumCLI("en", "es")


@pytest.fixture(scope="module")
def seed_pair():
    """Seed sentences, their Apertium translations with one paragraph deleted, and the gold."""
    segments = segment_text(SEED.read_text(encoding="utf-8"), "en", doc="seed")
    translator = _en_es()
    spanish = [o.text for o in translator.translate([s.text for s in segments])]
    sizes: dict[int, int] = {}
    for s in segments:
        sizes[s.para] = sizes.get(s.para, 0) + 1
    # the middle paragraph among those with at least three sentences: a real gap, not a heading
    big = [p for p, k in sorted(sizes.items()) if k >= 3]
    dropped = big[len(big) // 2]
    kept = [(s, es) for s, es in zip(segments, spanish) if s.para != dropped]
    tgt_segments = tuple(replace(s, doc="es", index=k, text=es) for k, (s, es) in enumerate(kept))
    beads, j = [], 0
    for s in segments:
        if s.para == dropped:
            beads.append(Bead((s.index,), ()))
        else:
            beads.append(Bead((s.index,), (j,)))
            j += 1
    return segments, tgt_segments, Alignment(tuple(beads)), translator, sizes[dropped]


def test_seed_with_a_deleted_paragraph_recovers_without_mt(seed_pair) -> None:
    src, tgt, gold, _, dropped = seed_pair
    pred = align_sentences([s.text for s in src], [t.text for t in tgt], src_lang="en", tgt_lang="es")
    scores = score_alignments([gold], [pred])
    assert scores.f1_strict >= 0.95
    deletions = [b for b in pred.beads if b.kind == "1:0"]
    assert len(deletions) >= dropped - 1  # the gap is found (at most one sentence absorbed at its edge)


def test_seed_with_a_deleted_paragraph_recovers_exactly_with_mt(seed_pair) -> None:
    src, tgt, gold, translator, _ = seed_pair
    pred = align_sentences(
        [s.text for s in src], [t.text for t in tgt], src_lang="en", tgt_lang="es", translator=translator
    )
    assert [(b.src, b.tgt) for b in pred.beads] == [(b.src, b.tgt) for b in gold.beads]


def test_seed_with_paragraph_boundaries(seed_pair) -> None:
    src, tgt, gold, _, _ = seed_pair
    pred = align_segments(src, tgt, src_lang="en", tgt_lang="es")
    assert score_alignments([gold], [pred]).f1_strict >= 0.95


def _bench_data():
    import importlib.util
    from pathlib import Path

    shared_path("data", "newstest2013")
    path = Path(__file__).resolve().parents[2] / "bench" / "bench_align_data.py"
    spec = importlib.util.spec_from_file_location("bench_align_data", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_synthetic_dev_and_test_share_no_source_line() -> None:
    """The MT weights are tuned on dev; the reported test must not contain any of its lines."""
    data = _bench_data()
    dev, test = data.synthetic_enes("dev"), data.synthetic_enes("test")
    src, _ = data.newstest("eng", "spa")
    dev_lines = set(src[slice(*data.SPLITS["dev"])])
    test_lines = set(src[slice(*data.SPLITS["test"])])
    assert not dev_lines & test_lines - {""}
    for docs, own in ((dev, dev_lines), (test, test_lines)):
        for s, t, gold in docs:
            # every source sentence is an original line, a join of lines, or a piece of one; check the pieces
            words = {w for line in s for w in line.split()}
            assert words <= {w for line in own for w in line.split()}
            assert [i for b in gold.beads for i in b.src] == list(range(len(s)))
            assert [j for b in gold.beads for j in b.tgt] == list(range(len(t)))


def test_synthetic_gold_beads_cover_whole_original_lines() -> None:
    """Each gold bead is a run of whole original lines on both sides (merges really are merges)."""
    data = _bench_data()
    src, tgt = data.newstest("eng", "spa")
    s, t, gold = data.perturb(src[:400], tgt[:400], seed=5)
    norm = lambda xs: " ".join(" ".join(xs).split())  # noqa: E731
    k, shapes = 0, set()
    for bead in gold.beads:
        shapes.add((len(bead.src), len(bead.tgt)))
        if not bead.tgt:
            assert norm(s[i] for i in bead.src) == norm(src[k : k + 1])
            k += 1
        elif not bead.src:
            assert norm(t[j] for j in bead.tgt) == norm(tgt[k : k + 1])
            k += 1
        else:
            r = next(r for r in range(1, 5) if norm(src[k : k + r]) == norm(s[i] for i in bead.src))
            assert norm(t[j] for j in bead.tgt) == norm(tgt[k : k + r])
            k += r
    assert k == 400
    assert {(1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2)} <= shapes
