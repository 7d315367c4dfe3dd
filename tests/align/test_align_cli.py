"""`alignkit align` and `alignkit eval-align` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import main
from alignkit.formats import read_rows
from alignkit.formats.ladder import parse_ladder
from tests.conftest import needs_apertium_pair

SRC = ["Maria bought 3 apples in Lisbon.", "It rained.", "Then she went home, tired, at 9 o'clock.", "Paulo called."]
TGT = ["Maria compró 3 manzanas en Lisboa.", "Llovió.", "Luego volvió a casa,", "cansada, a las 9.", "Paulo llamó."]


def _files(tmp_path: Path) -> tuple[str, str]:
    s, t = tmp_path / "doc.en", tmp_path / "doc.es"
    s.write_text("\n".join(SRC) + "\n", encoding="utf-8")
    t.write_text("\n".join(TGT) + "\n", encoding="utf-8")
    return str(s), str(t)


def test_align_writes_a_ladder_to_stdout(tmp_path: Path) -> None:
    s, t = _files(tmp_path)
    res = CliRunner().invoke(main, ["align", s, t, "--src-lang", "en", "--tgt-lang", "es", "--no-mt"])
    assert res.exit_code == 0, res.output
    beads = parse_ladder(res.stdout).beads
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,))]


def test_align_tsv_and_jsonl_outputs(tmp_path: Path) -> None:
    s, t = _files(tmp_path)
    out = tmp_path / "pairs.jsonl"
    res = CliRunner().invoke(main, ["align", s, t, "--src-lang", "en", "--tgt-lang", "es", "--no-mt",
                                    "--format", "jsonl", "--out", str(out)])
    assert res.exit_code == 0, res.output
    rows = read_rows(out)
    assert rows[2].texts == {"en": SRC[2], "es": TGT[2] + " " + TGT[3]}
    assert rows[2].meta["src_ids"] == [2] and rows[2].meta["tgt_ids"] == [2, 3]
    tsv = tmp_path / "pairs.tsv"
    assert CliRunner().invoke(main, ["align", s, t, "--src-lang", "en", "--tgt-lang", "es", "--no-mt",
                                     "--format", "tsv", "--out", str(tsv)]).exit_code == 0
    assert tsv.read_text(encoding="utf-8").splitlines()[0] == f"{SRC[0]}\t{TGT[0]}"


def test_align_errors_are_one_line(tmp_path: Path) -> None:
    s, _ = _files(tmp_path)
    res = CliRunner().invoke(main, ["align", s, str(tmp_path / "missing"), "--src-lang", "en", "--tgt-lang", "es"])
    assert res.exit_code == 2 and "no such file" in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(main, ["align", s, s, "--src-lang", "en", "--tgt-lang", "es", "--format", "moses"])
    assert res.exit_code == 2 and "--out PREFIX" in res.output
    bad = tmp_path / "bad.dict"
    bad.write_text("no separator here\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["align", s, s, "--src-lang", "en", "--tgt-lang", "es", "--dict", str(bad)])
    assert res.exit_code == 2 and "lines not" in res.output


def test_eval_align_table_and_json(tmp_path: Path) -> None:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.write_text("[0]:[0]\n[1]:[1, 2]\n[]:[3]\n", encoding="utf-8")
    pred.write_text("[0]:[0]:0.1\n[1]:[1]:0.2\n[]:[2]:0.5\n[]:[3]:0.5\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["eval-align", "--gold", str(gold), str(pred), "--json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.stdout)
    assert scores["f1_strict"] == 0.5 and scores["recall_lax"] == 1.0 and scores["documents"] == 1
    res = CliRunner().invoke(main, ["eval-align", "--gold", str(gold), str(gold), "--gold", str(gold), str(pred)])
    assert res.exit_code == 0 and "| F1        |" in res.stdout
    pred.write_text("nonsense\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["eval-align", "--gold", str(gold), str(pred)])
    assert res.exit_code == 2 and "pred:1" in res.output


def test_mt_signal_uses_a_pivot_route_like_translate() -> None:
    """en->pt has no direct Apertium pair; the MT signal goes through Spanish, as `alignkit translate` does."""
    needs_apertium_pair("eng-spa")
    needs_apertium_pair("es-pt")
    from alignkit.cli.align import _translator

    translator = _translator("apertium", "en", "pt", True)
    try:
        assert translator.route == ("en", "es", "pt")
    finally:
        translator.close()


def test_mt_without_any_route_is_a_one_line_error(tmp_path: Path) -> None:
    needs_apertium_pair("eng-spa")
    s, t = _files(tmp_path)
    res = CliRunner().invoke(main, ["align", s, t, "--src-lang", "de", "--tgt-lang", "fi", "--mt"])
    assert res.exit_code == 3 and "Traceback" not in res.output, res.output
    assert len(res.output.strip().splitlines()) == 1
    assert CliRunner().invoke(main, ["align", s, t, "--src-lang", "de", "--tgt-lang", "fi"]).exit_code == 0


def _pairs_list(tmp_path: Path) -> Path:
    s, t = _files(tmp_path)
    other_s, other_t = tmp_path / "two.en", tmp_path / "two.es"
    other_s.write_text("Paulo called 2 times.\nIt rained.\n", encoding="utf-8")
    other_t.write_text("Paulo llamó 2 veces.\nLlovió.\n", encoding="utf-8")
    listing = tmp_path / "pairs.tsv"
    listing.write_text(f"# two pairs\n{s}\t{t}\n\n{other_s}\t{other_t}\n", encoding="utf-8")
    return listing


def test_align_pairs_from_writes_one_ladder_per_pair(tmp_path: Path) -> None:
    listing, out = _pairs_list(tmp_path), tmp_path / "out"
    res = CliRunner().invoke(main, ["align", "--pairs-from", str(listing), "--from", "en", "--to", "es",
                                    "--no-dict", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["doc.en.ladder", "two.en.ladder"]
    beads = parse_ladder((out / "doc.en.ladder").read_text(encoding="utf-8")).beads
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,))]
    assert len(parse_ladder((out / "two.en.ladder").read_text(encoding="utf-8")).beads) == 2


@pytest.mark.parametrize(
    ("extra", "listing", "message"),
    [
        ([], "a.en\n", "expected 'SRC<TAB>TGT'"),
        ([], "# nothing\n", "no 'SRC<TAB>TGT' lines"),
        (["--no-out"], "a.en\ta.es\n", "needs --out DIR"),
        (["doc.en", "doc.es"], "a.en\ta.es\n", "not both"),
    ],
    ids=["one-column", "empty-list", "no-out", "with-src-tgt"],
)
def test_align_pairs_from_bad_input_is_one_line(tmp_path: Path, extra: list[str], listing: str, message: str) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text(listing, encoding="utf-8")
    out = [] if "--no-out" in extra else ["--out", str(tmp_path / "out")]
    args = [a for a in extra if a != "--no-out"]
    res = CliRunner().invoke(main, ["align", *args, "--pairs-from", str(path), "--from", "en", "--to", "es", *out])
    assert res.exit_code != 0
    assert message in res.output
    assert "Traceback" not in res.output


def test_align_without_inputs_says_what_to_give() -> None:
    res = CliRunner().invoke(main, ["align", "--from", "en", "--to", "es"])
    assert res.exit_code != 0
    assert "give SRC and TGT" in res.output
