"""Golden data: the English Golden Rules (../shared) and the seed's reviewed segmentation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alignkit.segment import segment_text
from tests.conftest import SEED, SHARED, shared_path

GOLDEN_RULES = SHARED / "data" / "golden-rules" / "english_golden_rules.json"
SEED_GOLDEN = Path(__file__).with_name("golden") / "seed.en.jsonl"


def _golden_rule_cases() -> list[object]:
    if not GOLDEN_RULES.exists():
        return [pytest.param(None, id="golden-rules-absent")]
    cases = json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))["cases"]
    return [pytest.param(c, id=f"{c['id']:02d}-{c['rule']}") for c in cases]


@pytest.mark.parametrize("case", _golden_rule_cases())
def test_english_golden_rule(case: dict[str, object] | None) -> None:
    if case is None:
        shared_path("data", "golden-rules", "english_golden_rules.json")  # skips with the reason
    assert isinstance(case, dict)
    got = [s.text.strip() for s in segment_text(str(case["input"]), "en")]
    assert got == case["expected"]


def test_golden_rules_file_has_48_cases() -> None:
    path = shared_path("data", "golden-rules", "english_golden_rules.json")
    assert len(json.loads(path.read_text(encoding="utf-8"))["cases"]) == 48


def test_seed_matches_reviewed_golden_file(seed_text: str) -> None:
    expected = [json.loads(line) for line in SEED_GOLDEN.read_text(encoding="utf-8").splitlines()]
    got = segment_text(seed_text, "en", "seed")
    assert [(s.id, s.index, s.para, s.sent, s.start, s.end, s.text) for s in got] == [
        (e["id"], e["index"], e["para"], e["sent"], e["start"], e["end"], e["text"]) for e in expected
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "What does Putin want to stop the war?",
        "By: Ricardo Israel - 01/12/2025",
        "Share: \u00a0\u00a0\u00a0\u00a0Share in whatsapp",
        "@israelzipper",
        "«The opinions published herein are the sole responsibility of its author».",
        'He also has favorite generals like Gerasimov, whose writings offer a better understanding of the '
        "successes and failures of both massive invasions and hybrid warfare, such as the annexation of "
        'Crimea by the so-called "men in green."',
        "However, the truth is that we are not facing a Yalta-style negotiation, and contrary to what Putin "
        "might think, there is no possibility of a new negotiation like the Détente of the 1970s.",
    ],
    ids=["title", "byline", "share", "handle", "guillemets", "quote-period", "1970s"],
)
def test_seed_lines_are_whole_sentences(seed_text: str, sentence: str) -> None:
    texts = [s.text for s in segment_text(seed_text, "en")]
    assert sentence in texts


def test_seed_em_dashes_and_28_point_do_not_split(seed_text: str) -> None:
    texts = [s.text for s in segment_text(seed_text, "en")]
    assert any("fashion—something that also appears in Gorbachev's memoirs." in t for t in texts)
    assert any(t.startswith("Or why, even today,") and "28-point proposal" in t for t in texts)


def test_seed_file_is_the_shared_seed() -> None:
    shared = shared_path("seeds", "000_b5e225f21e79d401.txt")
    assert SEED.read_text(encoding="utf-8").strip() == shared.read_text(encoding="utf-8").strip()
