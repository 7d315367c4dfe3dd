"""Parity with sacrebleu, signatures, registry errors, paired bootstrap."""

from __future__ import annotations

import pytest
import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER

from alignkit.errors import InputError, UnknownNameError
from alignkit.score import (
    compare,
    make_signature,
    metric_names,
    score,
    signature_from_meta,
)
from tests.conftest import shared_path

REFS = [
    "The cat sat on the mat.",
    "A quick brown fox jumps over the lazy dog.",
    "Prices rose by 3 percent in March.",
    "He said he would come back tomorrow.",
    "The committee approved the proposal on Tuesday.",
    "Nobody expected the results to be so good.",
    "She has lived in Madrid for ten years.",
    "The museum opens at nine in the morning.",
]
HYPS = [
    "The cat sat on a mat.",
    "A fast brown fox jumped over the lazy dog.",
    "Prices went up 3 percent in March.",
    "He said that he will come back tomorrow.",
    "The committee approved the plan on Tuesday.",
    "Nobody expected such good results.",
    "She lived in Madrid ten years.",
    "Museum opens at 9 in morning.",
]


def _shared_lines(name: str) -> list[str]:
    return shared_path("data", "newstest2013", name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("name, metric", [("bleu", BLEU()), ("chrf", CHRF()), ("chrf++", CHRF(word_order=2)),
                                          ("ter", TER())], ids=["bleu", "chrf", "chrf++", "ter"])
def test_corpus_scores_equal_sacrebleu(name, metric):
    got = score(HYPS, REFS, [name])[name]
    want = metric.corpus_score(HYPS, [REFS])
    assert got.score == pytest.approx(want.score, abs=1e-9)
    assert got.signature == str(metric.get_signature())
    assert "version:" + sacrebleu.__version__ in got.signature
    assert len(got.segments) == len(HYPS)


def test_sentence_scores_equal_sacrebleu():
    got = score(HYPS, REFS, ["bleu", "chrf"])
    for h, r, b, c in zip(HYPS, REFS, got["bleu"].segments, got["chrf"].segments):
        assert b == pytest.approx(BLEU(effective_order=True).sentence_score(h, [r]).score)
        assert c == pytest.approx(CHRF().sentence_score(h, [r]).score)


def test_newstest_parity_on_a_slice():
    ref = _shared_lines("newstest2013.spa")[:200]
    hyp = [" ".join(line.split()[::-1][:5]) + " " + line for line in ref]  # a damaged system
    assert score(hyp, ref, ["bleu"], segments=False)["bleu"].score == pytest.approx(
        sacrebleu.corpus_bleu(hyp, [ref]).score)


def test_unknown_metric_lists_valid_names():
    with pytest.raises(UnknownNameError, match="bleu, chrf, chrf\\+\\+, ter"):
        metric_names("bleu,meteor")


def test_mismatched_lengths_is_an_input_error():
    with pytest.raises(InputError, match="line-parallel"):
        score(HYPS[:-1], REFS)


def test_paired_bootstrap_prefers_the_better_system():
    bad = [" ".join(h.split()[:2]) for h in HYPS]
    result = compare(bad, REFS, REFS * 1, ["chrf"], n_samples=200)["chrf"]
    assert result.system == pytest.approx(100.0)
    assert result.baseline < 60
    assert result.p_value < 0.05
    assert "bs:200" in result.signature and "seed:" in result.signature


def test_alignkit_signature_fields():
    sig = make_signature(engine="apertium@3.8", route=("en", "es", "fr"), glossary="abcdef0123456789",
                         segmenter="rules")
    assert sig.startswith("engine:apertium@3.8|model:-|route:en-es-fr|glossary:abcdef012345|segmenter:rules|alignkit:")


def test_signature_from_run_meta():
    meta = {"segmenter": "rules", "glossary": "ff00aa11bb22cc33", "translators": {"fr": {
        "engine": "apertium", "route": ["en", "es", "fr"], "version": "3.8.3"}}}
    assert signature_from_meta(meta, "fr").startswith(
        "engine:apertium@3.8.3|model:-|route:en-es-fr|glossary:ff00aa11bb22|segmenter:rules|")
