"""The library behind ``alignkit score``/``filter``: column choice, plain-text pairing, stored checks,
signatures, reference-free quality, the score report and corpus filtering."""

from __future__ import annotations

import pytest

from alignkit.errors import InputError, UnknownNameError
from alignkit.formats import write_rows
from alignkit.score import Thresholds
from alignkit.score.corpus import back_opener, row_checks, summarize_rows
from alignkit.score.filtering import filter_input
from alignkit.score.inputs import Loaded, load, paired_rows, target_column
from alignkit.score.quality import quality
from alignkit.score.run import ScoreRequest, score_input
from alignkit.score.signature import row_signatures
from alignkit.types import Row

EN = [f"The minister said on day {i} that the new law would be voted next week in parliament." for i in range(30)]
ES = [f"El ministro dijo el día {i} que la nueva ley se votaría la semana próxima en el parlamento." for i in range(30)]
CA = [f"El ministre va dir el dia {i} que la nova llei es votaria la setmana vinent al parlament." for i in range(30)]


def corpus(*cols: str) -> Loaded:
    texts = {"en": EN, "es": ES, "ca": CA}
    rows = tuple(Row({c: texts[c][i] for c in cols}) for i in range(30))
    return Loaded("corpus", rows, "tsv", cols)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "hyp.es").write_text("\n".join(s.replace("próxima", "que viene") for s in ES) + "\n", "utf-8")
    (tmp_path / "ref.es").write_text("\n".join(ES) + "\n", encoding="utf-8")
    (tmp_path / "src.en").write_text("\n".join(EN) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("cols, lang, expected", [
    (("en", "es"), None, "es"),
    (("en", "es", "ca"), "ca", "ca"),
    (("en", "es"), "en", "en"),
], ids=["only-target", "asked", "source-column-asked"])
def test_target_column_choice(cols, lang, expected):
    assert target_column(corpus(*cols), lang, "c") == expected


@pytest.mark.parametrize("cols, lang, message", [
    (("en", "es", "ca"), None, "c has several target languages (es, ca); choose one with --lang"),
    (("en", "es"), "de", "c has no 'de' column (it has en, es)"),
], ids=["several", "missing"])
def test_target_column_errors_name_the_columns(cols, lang, message):
    with pytest.raises(InputError) as err:
        target_column(corpus(*cols), lang, "c")
    assert str(err.value) == message


def test_target_column_of_plain_text_is_its_only_column():
    assert target_column(Loaded("lines", (Row({"es": "x"}),), None, ("es",)), None, "hyp.es") == "es"


def test_paired_rows_take_languages_from_names(files):
    rows, src = paired_rows(load(files / "hyp.es"), files / "src.en")
    assert src == "en" and len(rows) == 30
    assert rows[3].texts == {"en": EN[3], "es": ES[3].replace("próxima", "que viene")}


def test_paired_rows_errors(files):
    (files / "hyp").write_text("\n".join(ES) + "\n", encoding="utf-8")
    (files / "short.en").write_text("one\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot tell the languages"):
        paired_rows(load(files / "hyp"), files / "src.en")
    with pytest.raises(InputError, match="has 1 lines but the hypothesis has 30"):
        paired_rows(load(files / "hyp.es"), files / "short.en")
    rows, src = paired_rows(load(files / "hyp", lang="es"), files / "src.en", "en")
    assert src == "en" and set(rows[0].texts) == {"en", "es"}


def _checked(i: int, found: str | None, lang: str = "es") -> Row:
    term = {"term": "Kyiv", "expected": ["Kiev"], "found": found}
    return Row({"en": EN[i], lang: ES[i]}, meta={"index": i, "mt": {lang: {"terms": [term]}}})


def test_row_checks_and_term_accuracy_from_stored_checks():
    rows = [_checked(0, "Kiev"), _checked(1, None), _checked(2, "Kiev"), Row({"en": EN[3], "es": ES[3]})]
    checks = row_checks(rows)
    assert [(c.index, c.lang, c.found) for c in checks] == [(0, "es", "Kiev"), (1, "es", None), (2, "es", "Kiev")]
    per_seg = {"es": tuple({"length_ratio": 1.0} for _ in rows)}
    summary = summarize_rows(rows, per_seg)["es"]
    assert (summary["term_accuracy"], summary["term_checks"]) == (pytest.approx(0.6667), 3)
    assert "term_accuracy" not in summarize_rows([Row({"en": "a", "es": "b"})], {"es": ({},)})["es"]


def test_checks_of_an_unscored_column_are_ignored():
    assert set(summarize_rows([_checked(0, "Kiev", lang="ca")], {"es": ({},)})) == {"es"}


def test_row_signatures_use_the_engine_and_route_stored_in_rows():
    rows = [Row({"en": "a", "es": "b"}, meta={"mt": {"es": {"engine": "apertium", "route": ["en", "es"]}}})]
    sigs = row_signatures({"segmenter": "rules"}, rows, ["es", "ca"])
    assert sigs["es"].startswith("engine:apertium|model:-|route:en-es|glossary:-|segmenter:rules|")
    assert sigs["ca"].startswith("engine:-|model:-|route:-|glossary:-|segmenter:rules|")


def test_quality_of_plain_text_with_its_source(files):
    q = quality(load(files / "hyp.es"), src_lines=files / "src.en")
    assert q.summaries["es"]["segments"] == 30 and len(q.segments["es"]) == 30
    assert q.signatures == {}  # nothing says what produced plain text
    with pytest.raises(InputError, match="needs its source"):
        quality(load(files / "hyp.es"))


def test_quality_of_a_corpus_finds_the_copy_and_signs_each_language():
    loaded = corpus("en", "es", "ca")
    rows = list(loaded.rows)
    rows[4] = Row({"en": EN[4], "es": EN[4], "ca": CA[4]})
    q = quality(Loaded("corpus", tuple(rows), "tsv", ("en", "es", "ca")))
    assert (q.summaries["es"]["copies"], q.summaries["ca"]["copies"]) == (1, 0)
    assert set(q.signatures) == {"es", "ca"}


def test_score_input_reference_compare_and_quality(files):
    req = ScoreRequest(ref=files / "ref.es", src=files / "src.en", compare_to=files / "ref.es",
                       metrics="chrf", segments=True)
    report = score_input(files / "hyp.es", req)
    assert report.reference and report.reference.lang == "es"
    assert report.reference.signature.startswith("engine:-|")
    assert report.comparison and report.comparison.results["chrf"].system > report.comparison.results["chrf"].baseline
    data = report.to_dict()
    assert list(data) == ["hypothesis", "lang", "reference", "signature", "compare", "quality", "quality_segments"]
    assert len(data["reference"]["chrf"]["segments"]) == 30
    text = report.to_text()
    assert text.index("sacrebleu signature") < text.index("paired bootstrap") < text.index("segs")


def test_score_input_without_segments_keeps_them_out(files):
    data = score_input(files / "hyp.es", ScoreRequest(ref=files / "ref.es", metrics="bleu")).to_dict()
    assert list(data) == ["hypothesis", "lang", "reference", "signature"]
    assert "segments" not in data["reference"]["bleu"]


@pytest.mark.parametrize("req, message", [
    (ScoreRequest(compare_to="x"), "--compare needs --ref"),
    (ScoreRequest(), "plain text needs --ref REF"),
    (ScoreRequest(ref="r", metrics="meteor"), "unknown metric"),
], ids=["compare-no-ref", "no-mode", "bad-metric"])
def test_score_input_rejects_bad_requests(files, req, message):
    with pytest.raises((InputError, UnknownNameError), match=message):
        score_input(files / "hyp.es", req)


def _noisy_corpus(path):
    rows = [Row({"en": e, "es": s}) for e, s in zip(EN, ES)]
    rows[2] = Row({"en": EN[2], "es": EN[2]})
    rows[7] = Row({"en": EN[7], "es": "El ministro."})
    write_rows(rows, path, "tsv", ["en", "es"])


def test_filter_input_splits_rows_in_order(tmp_path):
    _noisy_corpus(tmp_path / "c.en-es.tsv")
    run = filter_input(tmp_path / "c.en-es.tsv", Thresholds(max_length_z=3, drop_copies=True), engine="nope")
    assert (run.fmt, run.langs, len(run.rows)) == ("tsv", ("en", "es"), 30)
    assert [r.texts["es"] for r in run.dropped_rows] == [EN[2], "El ministro."]
    assert len(run.result.kept) + len(run.dropped_rows) == 30 and run.result.counts == {"copy": 1, "length": 1}


def test_filter_input_checks_thresholds_and_engine_first(tmp_path):
    with pytest.raises(InputError, match="at least one threshold"):
        filter_input(tmp_path / "missing.tsv", Thresholds())
    _noisy_corpus(tmp_path / "c.en-es.tsv")
    with pytest.raises(UnknownNameError, match="unknown engine 'nope'"):
        filter_input(tmp_path / "c.en-es.tsv", Thresholds(min_roundtrip_chrf=30), engine="nope")


def test_back_opener():
    assert back_opener(None) is None
    with pytest.raises(UnknownNameError):
        back_opener("nope")
