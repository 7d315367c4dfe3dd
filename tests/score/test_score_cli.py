"""``alignkit score`` and ``alignkit filter`` through click's CliRunner."""

from __future__ import annotations

import json

import pytest
import sacrebleu
from click.testing import CliRunner

from alignkit.cli import main
from alignkit.formats import read_rows, write_rows
from alignkit.types import Row

EN = [f"The minister said on day {i} that the new law would be voted next week in parliament." for i in range(30)]
ES = [f"El ministro dijo el día {i} que la nueva ley se votaría la semana próxima en el parlamento." for i in range(30)]


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def files(tmp_path):
    hyp = [s.replace("próxima", "que viene") for s in ES]
    (tmp_path / "hyp.es").write_text("\n".join(hyp) + "\n", encoding="utf-8")
    (tmp_path / "ref.es").write_text("\n".join(ES) + "\n", encoding="utf-8")
    (tmp_path / "src.en").write_text("\n".join(EN) + "\n", encoding="utf-8")
    return tmp_path, hyp


def test_score_plain_files_json_matches_sacrebleu(files):
    d, hyp = files
    res = invoke("score", d / "hyp.es", "--ref", d / "ref.es", "--json", "--metrics", "bleu,chrf")
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["reference"]["bleu"]["score"] == pytest.approx(sacrebleu.corpus_bleu(hyp, [ES]).score, abs=1e-4)
    assert out["reference"]["chrf"]["signature"].startswith("nrefs:1|")
    assert out["signature"].startswith("engine:-|model:-|route:-|")


def test_score_table_and_compare(files):
    d, _ = files
    res = invoke("score", d / "hyp.es", "--ref", d / "ref.es", "--compare", d / "ref.es", "--metrics", "chrf")
    assert res.exit_code == 0, res.output
    assert "chrf" in res.output and "sacrebleu signature" in res.output and "paired bootstrap" in res.output


def test_score_reference_free_plain(files):
    d, _ = files
    res = invoke("score", d / "hyp.es", "--src", d / "src.en", "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["quality"]["es"]["segments"] == 30


def test_score_corpus_file_reference_free(tmp_path):
    rows = [Row({"en": e, "es": s}) for e, s in zip(EN, ES)]
    rows[4] = Row({"en": EN[4], "es": EN[4]})
    write_rows(rows, tmp_path / "c.en-es.tsv", "tsv", ["en", "es"])
    res = invoke("score", tmp_path / "c.en-es.tsv", "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["quality"]["es"]["copies"] == 1


@pytest.mark.parametrize("args, message", [
    (["score", "missing.es", "--ref", "x"], "no such file"),
    (["score", "{d}/hyp.es"], "needs --ref"),
    (["score", "{d}/hyp.es", "--ref", "{d}/short.es"], "line-parallel"),
    (["score", "{d}/hyp.es", "--ref", "{d}/ref.es", "--metrics", "meteor"], "unknown metric"),
    (["score", "{d}/hyp.es", "--compare", "{d}/ref.es"], "--compare needs --ref"),
    (["filter", "{d}/c.en-es.tsv", "--out", "{d}/o.tsv"], "at least one threshold"),
], ids=["missing", "no-ref", "short-ref", "bad-metric", "compare-no-ref", "no-threshold"])
def test_bad_input_is_one_line_and_nonzero(files, args, message):
    d, _ = files
    (d / "short.es").write_text("one line\n", encoding="utf-8")
    write_rows([Row({"en": "a", "es": "b"})], d / "c.en-es.tsv", "tsv", ["en", "es"])
    res = invoke(*[a.format(d=d) for a in args])
    assert res.exit_code != 0
    assert message in res.output
    assert "Traceback" not in res.output


def test_filter_writes_same_format_and_counts(tmp_path):
    rows = [Row({"en": e, "es": s}) for e, s in zip(EN, ES)]
    rows[2] = Row({"en": EN[2], "es": EN[2]})
    rows[7] = Row({"en": EN[7], "es": "El ministro."})
    write_rows(rows, tmp_path / "c.en-es.tsv", "tsv", ["en", "es"])
    res = invoke("filter", tmp_path / "c.en-es.tsv", "--out", tmp_path / "clean.en-es.tsv", "--drop-copies",
                 "--max-length-z", "3", "--dropped", tmp_path / "bad.en-es.tsv")
    assert res.exit_code == 0, res.output
    assert "kept: 28" in res.output and "dropped: 2" in res.output and "copy" in res.output
    kept = read_rows(tmp_path / "clean.en-es.tsv")
    assert len(kept) == 28 and all(r.texts["es"] != r.texts["en"] for r in kept)
    assert [r.texts["es"] for r in read_rows(tmp_path / "bad.en-es.tsv")] == [EN[2], "El ministro."]


def test_filter_min_confidence_uses_the_scores_a_run_stored(tmp_path):
    conf = [-0.1, -3.0, -0.4]
    rows = [Row({"en": e, "es": s}, meta={"mt": {"es": {"scores": {"confidence": c}}}})
            for e, s, c in zip(EN[:3], ES[:3], conf)]
    write_rows(rows, tmp_path / "c.jsonl", "jsonl", ["en", "es"])
    res = invoke("filter", tmp_path / "c.jsonl", "--out", tmp_path / "clean.jsonl", "--min-confidence", "-1")
    assert res.exit_code == 0, res.output
    assert "kept: 2" in res.output and "confidence" in res.output
    assert [r.texts["es"] for r in read_rows(tmp_path / "clean.jsonl")] == [ES[0], ES[2]]
