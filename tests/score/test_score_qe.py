"""Reference-free estimation on constructed cases, summaries, thresholds and filtering."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignkit.errors import InputError
from alignkit.score import (
    FLAG_THRESHOLDS,
    QEOptions,
    Thresholds,
    estimate,
    filter_rows,
    problems,
    summarize,
)
from alignkit.score.qe import length_model
from alignkit.translate.base import Translator
from alignkit.types import EngineOutput, Row, Translation

EN = [f"The minister said on day {i} that the new law would be voted next week in parliament." for i in range(30)]
ES = [f"El ministro dijo el día {i} que la nueva ley se votaría la semana próxima en el parlamento." for i in range(30)]


def tr(texts, lang="es", unknown=None):
    return [Translation(i, lang, t, "test", ("en", lang), tuple((unknown or {}).get(i, ()))) for i, t in enumerate(texts)]


def test_clean_translations_pass_every_check():
    scores = estimate(EN, tr(ES), "en", "es")
    assert all(problems(s) == () for s in scores)
    assert all(s["lang_ok"] == 1.0 and s["lang_prob"] > 0.9 for s in scores)


@pytest.mark.parametrize("broken, reason", [
    (EN[3], "copy"),
    ("Le ministre a déclaré que la nouvelle loi serait votée la semaine prochaine au parlement.", "wrong_lang"),
    ("El ministro dijo.", "length"),
    (ES[3] + " " + ES[4] + " " + ES[5], "length"),
], ids=["copy", "french", "truncated", "merged"])
def test_each_corruption_is_caught_for_its_reason(broken, reason):
    texts = list(ES)
    texts[3] = broken
    scores = estimate(EN, tr(texts), "en", "es")
    assert reason in problems(scores[3])
    assert all(problems(s) == () for k, s in enumerate(scores) if k != 3)


def test_unknown_rate_counts_engine_unknowns_and_marks():
    texts = list(ES)
    texts[1] = "El *Zorblax dijo"  # a marked Apertium output
    scores = estimate(EN, tr(texts, unknown={0: ("minister", "parliament")}), "en", "es")
    n_words = 17
    assert scores[0]["unknown"] == 2 and scores[0]["unknown_rate"] == pytest.approx(2 / n_words, abs=1e-3)
    assert scores[1]["unknown"] == 1
    assert scores[2]["unknown"] == 0


def test_short_names_are_not_copies_nor_judged_for_language():
    scores = estimate(["Ricardo Israel", "@israelzipper"], tr(["Ricardo Israel", "@israelzipper"]), "en", "es")
    assert [s["copy"] for s in scores] == [0.0, 0.0]
    assert all("lang_ok" not in s for s in scores)


def test_length_model_ignores_a_minority_of_broken_rows():
    pairs = [(100, 120)] * 40 + [(100, 5)] * 15
    c, s2 = length_model(pairs)
    assert c == pytest.approx(1.2)
    assert length_model(pairs[:5]) == (QEOptions().default_ratio, QEOptions().default_variance)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 400), st.integers(1, 400)), min_size=20, max_size=60))
def test_length_model_is_positive_and_bounded(pairs):
    c, s2 = length_model(pairs)
    assert min(t / s for s, t in pairs) <= c <= max(t / s for s, t in pairs)
    assert s2 >= QEOptions().min_variance


class Echo(Translator):
    """A back-translator that returns a fixed English text per input (a real Translator subclass)."""

    engine = "echo"

    def __init__(self, answers):
        super().__init__("es", "en")
        self.answers = answers

    def _translate_batch(self, texts):
        return [EngineOutput(self.answers[t]) for t in texts]


def test_roundtrip_chrf_uses_the_backtranslator():
    answers = {ES[0]: EN[0], ES[1]: "Completely unrelated words about football."}
    scores = estimate(EN[:2], tr(ES[:2]), "en", "es", backtranslator=Echo(answers))
    assert scores[0]["roundtrip_chrf"] == pytest.approx(100.0)
    assert scores[1]["roundtrip_chrf"] < 30
    assert "roundtrip" in problems(scores[1]) and "roundtrip" not in problems(scores[0])


def test_mismatched_inputs_raise():
    with pytest.raises(InputError):
        estimate(EN, tr(ES[:-1]), "en", "es")


def test_summarize_counts_and_means():
    per = [{"unknown": 0, "unknown_rate": 0.0, "length_z": 0.5, "copy": 0.0, "lang_ok": 1.0},
           {"unknown": 2, "unknown_rate": 0.4, "length_z": -4.0, "copy": 1.0, "lang_ok": 0.0}]
    s = summarize(per)
    assert s["segments"] == 2 and s["unknown_rate"] == pytest.approx(0.2)
    assert s["abs_length_z"] == pytest.approx(2.25)
    assert (s["with_unknown"], s["copies"], s["wrong_lang"], s["length_outliers"], s["high_unknown"]) == (1, 1, 1, 1, 1)
    assert s["flagged"] == 1


def test_problems_respects_disabled_checks():
    bad = {"copy": 1.0, "lang_ok": 0.0, "length_z": 9.0, "unknown_rate": 0.9, "roundtrip_chrf": 1.0}
    assert problems(bad, Thresholds()) == ()
    assert problems(bad, FLAG_THRESHOLDS) == ("wrong_lang", "copy", "unknown", "length", "roundtrip")
    assert problems({**bad, "confidence": -9.0}, Thresholds(min_confidence=-1)) == ("confidence",)
    assert problems({"length_z": 2.9}, Thresholds(max_length_z=3)) == ()


def test_filter_rows_keeps_order_and_counts_reasons():
    rows = [Row({"en": e, "es": s}) for e, s in zip(EN[:3], ES[:3])]
    scores = {"es": [{"copy": 0.0}, {"copy": 1.0, "length_z": 5.0}, {"copy": 0.0}]}
    result = filter_rows(rows, scores, Thresholds(max_length_z=3, drop_copies=True))
    assert result.kept == (rows[0], rows[2])
    assert result.dropped == ((1, ("copy:es", "length:es")),)
    assert result.counts == {"copy": 1, "length": 1}
    with pytest.raises(InputError, match="at least one threshold"):
        filter_rows(rows, scores, Thresholds())


def test_empty_rows_have_no_length_ratio_and_do_not_drag_the_mean() -> None:
    sources = ["The war goes on.", "", "Peace talks failed."]
    scores = estimate(sources, tr(["La guerra sigue.", "", "Las conversaciones fracasaron."]), "en", "es")
    assert "length_ratio" not in scores[1]
    assert all("length_ratio" in s for s in (scores[0], scores[2]))
    assert summarize(scores)["length_ratio"] == pytest.approx(
        (scores[0]["length_ratio"] + scores[2]["length_ratio"]) / 2, abs=1e-4)


def test_confidence_is_scored_summarised_and_thresholded() -> None:
    sources = ["The war goes on.", "Peace talks failed."]
    trs = [Translation(0, "es", "La guerra sigue.", "ct2", ("en", "es"), confidence=-0.2),
           Translation(1, "es", "Paz paz paz.", "ct2", ("en", "es"), confidence=-2.5)]
    scores = estimate(sources, trs, "en", "es")
    assert [s["confidence"] for s in scores] == [-0.2, -2.5]
    assert "confidence" not in estimate(sources, tr(["La guerra sigue.", "Fracasaron."]), "en", "es")[0]
    low = Thresholds(min_confidence=-1.0)
    assert [problems(s, low) for s in scores] == [(), ("confidence",)]
    assert problems({"copy": 0.0}, low) == ()  # no confidence (Apertium): never fails
    summary = summarize(scores, thresholds=low)
    assert summary["confidence"] == pytest.approx(-1.35) and summary["low_confidence"] == 1
    from alignkit.score.tables import quality_table

    table = quality_table({"es": summary}).splitlines()
    assert "conf" in table[0].split() and "-1.350" in table[2].split()
    assert "conf" not in quality_table({"es": summarize(estimate(sources, tr(["a b", "c d"]), "en", "es"))})
