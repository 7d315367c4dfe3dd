"""CTranslate2's own confidence (``return_scores``), n-best lists and forced target prefixes.

The real tiny aren model (../shared) must give real Arabic names a higher confidence than the
same letters shuffled; random-weight models built here check the bookkeeping (chunks,
ranks, prefixes) where the numbers themselves mean nothing.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from typing import Any

import pytest

from alignkit.translate.base import translate_segments
from alignkit.translate.ct2 import CT2Engine, CT2Translator
from alignkit.types import Segment
from tests.conftest import shared_path

pytest.importorskip("ctranslate2")

NAMES = [line.strip() for line in (Path(__file__).parent / "data" / "arabic_names.txt").read_text(
    encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
EXACT = {"beam_size": 4, "compute_type": "float32"}  # int8 rounding differs between CPUs


def _load_builders() -> Any:
    path = Path(__file__).parents[1] / "models" / "ct2_builders.py"
    spec = importlib.util.spec_from_file_location("ct2_builders", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def aren(tmp_path_factory: pytest.TempPathFactory) -> CT2Translator:
    from alignkit.models.store import ModelStore

    home = tmp_path_factory.mktemp("aren-store")
    ModelStore(home).install(shared_path("models", "aren-transliteration"), name="aren", src="ar", tgt="en")
    return CT2Engine(model="aren", models_home=str(home), **EXACT).open("ar", "en")


@pytest.fixture(scope="module")
def random_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    b = _load_builders()
    root = tmp_path_factory.mktemp("ct2-random")
    return b.bilingual(root / "opus-mt-en-es", b.train_spm(root / "spm"))  # type: ignore[no-any-return]


def shuffled(word: str, rng: random.Random) -> str:
    """The letters of ``word`` in another order (the same letters, no longer a name)."""
    letters = list(word)
    for _ in range(20):
        rng.shuffle(letters)
        if "".join(letters) != word:
            break
    return "".join(letters)


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def test_confidence_separates_real_names_from_shuffled_letters(aren: CT2Translator) -> None:
    rng = random.Random(13)
    real = [" ".join(name) for name in NAMES]
    fake = [" ".join(shuffled(name, rng)) for name in NAMES]
    conf_real = [o.confidence for o in aren.translate(real)]
    conf_fake = [o.confidence for o in aren.translate(fake)]
    assert all(c is not None and c <= 0 for c in conf_real + conf_fake)
    # Measured 0.656 over 50 names (docs/translate.md); chance is 0.5.
    assert auc(conf_real, conf_fake) > 0.6  # type: ignore[arg-type]


def test_confidence_is_the_mean_log_probability_per_token(aren: CT2Translator) -> None:
    import ctranslate2

    raw = ctranslate2.Translator(str(shared_path("models", "aren-transliteration")), compute_type="float32")
    res = raw.translate_batch([["م", "ح", "م", "د"]], beam_size=4, length_penalty=0, return_scores=True)[0]
    total, length = res.scores[0], len(res.hypotheses[0]) + 1  # summed log-prob; + the end token
    assert aren.translate(["م ح م د"])[0].confidence == pytest.approx(total / length, abs=1e-4)


def test_nbest_ranks_and_target_prefix(aren: CT2Translator) -> None:
    [nbest] = aren.translate_nbest(["م ح م د"], 3)
    assert len(nbest) == 3 and len({h.text for h in nbest}) == 3
    assert nbest[0].text == aren.translate(["م ح م د"])[0].text
    assert [h.confidence for h in nbest] == sorted((h.confidence for h in nbest), reverse=True)  # type: ignore[arg-type]
    [forced] = aren.translate_nbest(["م ح م د ب ي ر و ت"], 2, ["m u h a m m a d"])
    assert all(h.text.startswith("m u h a m m a d") for h in forced)


def test_confidence_reaches_translations_and_is_token_weighted_over_chunks(random_model: Path) -> None:
    fast = {"beam_size": 1, "compute_type": "float32", "max_decoding_length": 8}
    whole = CT2Engine(model=str(random_model), **fast).open("en", "es")
    texts = ["Green river stone and old city road near the lake", "Old city road."]
    segs = [Segment("d", i, 0, i, t, 0, len(t)) for i, t in enumerate(texts)]
    trs = translate_segments(segs, whole)
    assert all(t.confidence is not None and t.confidence <= 0 for t in trs)
    chunked = CT2Engine(model=str(random_model), max_input_tokens=4, **fast).open("en", "es")
    long_out = chunked.translate(texts[:1])[0]
    pieces = chunked._loaded().codec.encode(texts[:1])[0]
    chunks, _ = chunked._chunk(chunked._loaded(), [pieces])
    parts = chunked._run(chunked._loaded(), chunks)
    lengths = [len(p[0][0]) + 1 for p in parts]
    expected = sum(p[0][1] * n for p, n in zip(parts, lengths)) / sum(lengths)
    assert len(chunks) > 1 and long_out.confidence == pytest.approx(expected, abs=1e-5)
