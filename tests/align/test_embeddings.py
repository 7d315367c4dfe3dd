"""The sentence-embedding signal: its cost function with fake embedders (numpy only), the aligner
following it, errors, and ``align --embeddings DIR`` end to end with a tiny random model built here.

The tiny model tests need sentence-transformers (and torch); they skip without them.
"""

from __future__ import annotations

import importlib.util
import json
import math
import string
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from alignkit.align import AlignOptions, align_sentences
from alignkit.align.embeddings import SKIP_SHARE, BlockVectors, load_embedder
from alignkit.align.segments import align_segments
from alignkit.cli import main
from alignkit.errors import ModelError
from alignkit.formats.ladder import parse_ladder
from alignkit.segment import segment_text

HAS_ST = importlib.util.find_spec("sentence_transformers") is not None
needs_st = pytest.mark.skipif(
    not HAS_ST, reason="needs sentence-transformers: pip install torch==2.13.0 'alignkit[embeddings]'"
)


class ConceptEmbedder:
    """Each word stands for a concept; a text embeds to the sum of its concepts' one-hot vectors.

    A source sentence and its translation share concepts, so their blocks embed alike; a joined
    block embeds to the sum of its sentences, as a real model roughly does.
    """

    def __init__(self, concept_of: dict[str, int], dim: int) -> None:
        self.concept_of, self.dim = concept_of, dim
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                out[row, self.concept_of[word.strip(".").lower()]] += 1.0  # as written in running text too
        return out


def _word(rng: np.random.Generator, size: int) -> str:
    return "".join(rng.choice(list(string.ascii_lowercase), size=size))


def _concept_docs(src_ids: Sequence[int], tgt_ids: Sequence[int], seed: int = 0):  # type: ignore[no-untyped-def]
    """Sentences of about 40 letters, no digits or shared words, so length and anchors cannot tell them apart."""
    rng = np.random.default_rng(seed)
    concept_of: dict[str, int] = {}

    def sentence(concept: int, side: str) -> str:
        words = [f"{side}{_word(rng, 5)}" for _ in range(6)]
        for w in words:
            concept_of[w] = concept
        return " ".join(words)

    src = [sentence(c, "q") for c in src_ids]
    tgt = [sentence(c, "z") for c in tgt_ids]
    return src, tgt, ConceptEmbedder(concept_of, max([*src_ids, *tgt_ids]) + 1)


def _pairs(alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:  # type: ignore[no-untyped-def]
    return [(b.src, b.tgt) for b in alignment.beads]


def _covers_once(alignment, n: int, m: int) -> None:  # type: ignore[no-untyped-def]
    src = [i for b in alignment.beads for i in b.src]
    tgt = [j for b in alignment.beads for j in b.tgt]
    assert src == list(range(n)) and tgt == list(range(m))


# --- the cost function -----------------------------------------------------------------------

def _level(n: int = 40):  # type: ignore[no-untyped-def]
    """Block vectors of two documents that translate each other sentence by sentence."""
    src, tgt, emb = _concept_docs(range(n), range(n))
    return BlockVectors.encode(emb, src, tgt, max_side=4).level(0, weight=1.0)


def _cost(level, i: int, j: int, a: int, b: int) -> float:  # type: ignore[no-untyped-def]
    return float(level.costs(np.array([i]), np.array([j]), [(a, b)])[0, 0])


def test_a_translation_costs_nothing_and_an_unrelated_pair_its_normalised_distance() -> None:
    level = _level()
    assert _cost(level, 5, 5, 1, 1) == pytest.approx(0.0, abs=1e-6)
    assert _cost(level, 7, 7, 2, 2) == pytest.approx(0.0, abs=1e-6)  # sentences 5-6 joined on both sides
    # one-hot concepts: cos = 0 for unrelated sentences, and the random-partner distance is
    # 1 - x . mean(other side's blocks), computed here from the definition
    tgt_blocks = [np.eye(40)[j - k : j].sum(axis=0) for k in range(1, 5) for j in range(k, 41)]
    mean = np.mean([v / np.linalg.norm(v) for v in tgt_blocks], axis=0)
    norm = 1.0 - mean[5]  # x = e_5; by symmetry the target sentence's norm is the same
    assert _cost(level, 6, 20, 1, 1) == pytest.approx(1.0 / norm, rel=1e-5)
    assert 0.9 < _cost(level, 6, 20, 1, 1) < 1.1  # an unrelated 1:1 bead costs about the weight


def test_many_to_many_beads_pay_for_the_sentences_they_join() -> None:
    level = _level()
    # source 5-6 against target 5: cos = 1/sqrt(2); the cost is scaled by a * b = 2
    cost = _cost(level, 7, 6, 2, 1)
    assert cost == pytest.approx(2 * (1 - 1 / math.sqrt(2)) / _norm_pair(level, 7, 6, 2, 1), rel=1e-5)
    assert cost > _cost(level, 6, 6, 1, 1) + _cost(level, 7, 6, 1, 0)  # the 1:1 and a skip are cheaper


def _norm_pair(level, i: int, j: int, a: int, b: int) -> float:  # type: ignore[no-untyped-def]
    x = level.table[level.src[a - 1, i]]
    y = level.table[level.tgt[b - 1, j]]
    return ((1 - x @ level.tgt_mean) + (1 - y @ level.src_mean)) / 2


def test_a_skip_costs_half_an_unrelated_pair_and_scales_with_the_weight() -> None:
    src, tgt, emb = _concept_docs(range(10), range(10))
    vectors = BlockVectors.encode(emb, src, tgt, max_side=4)
    level = vectors.level(0, weight=2.0)
    assert _cost(level, 3, 2, 1, 0) == pytest.approx(SKIP_SHARE * 2.0)
    assert _cost(level, 3, 2, 2, 0) == pytest.approx(2 * SKIP_SHARE * 2.0)
    assert level.insert_prefix() == pytest.approx(SKIP_SHARE * 2.0 * np.arange(11))
    # a coarse unit holds 2**shift sentences, and skipping it skips them all
    assert vectors.level(2, weight=2.0).skip_cost() == pytest.approx(4 * SKIP_SHARE * 2.0)


def test_blocks_starting_before_a_part_or_the_document_are_not_used() -> None:
    src, tgt, emb = _concept_docs(range(12), range(12))
    part = BlockVectors.encode(emb, src, tgt, max_side=4).part(4, 12, 4, 12)
    assert part.src.shape == (4, 9)
    assert (part.src[1, :2] == -1).all() and part.src[1, 2] >= 0
    level = part.level(0, weight=1.0)
    assert level.costs(np.array([1]), np.array([1]), [(2, 1)])[0, 0] == 0.0  # starts at -1: left to the caller's inf


def test_each_distinct_block_text_is_embedded_once() -> None:
    src = ["qaa qab", "qac", "qaa qab", "qac", "qad"]
    tgt = ["zaa", "zab", "zaa"]
    concept = {w: k for k, w in enumerate(["qaa", "qab", "qac", "qad", "zaa", "zab"])}
    emb = ConceptEmbedder(concept, len(concept))
    vectors = BlockVectors.encode(emb, src, tgt, max_side=3)
    (texts,) = emb.calls  # one call for both documents and every block size
    expected = {" ".join(doc[i - k : i]) for doc in (src, tgt) for k in (1, 2, 3) for i in range(k, len(doc) + 1)}
    assert sorted(texts) == sorted(expected) and len(texts) == len(set(texts))
    assert len(vectors.table) == len(expected)
    assert vectors.src[0, 1] == vectors.src[0, 3]  # the repeated sentence shares its row


@pytest.mark.parametrize(
    "output",
    [np.zeros((2, 4)), np.full((13, 4), np.nan), np.zeros(13), [[0.0], [0.0, 1.0]]],
    ids=["too-few-rows", "nan", "one-dimensional", "ragged"],
)
def test_an_embedder_returning_the_wrong_array_is_a_model_error(output: np.ndarray) -> None:
    class Broken:
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            return output

    with pytest.raises(ModelError, match="embedding model returned"):  # never a numpy traceback
        BlockVectors.encode(Broken(), ["a", "b", "c"], ["x", "y", "z"], max_side=2)


# --- the aligner following the signal ----------------------------------------------------------

# A sentence dropped from each side at different places: every sentence is about 40 letters, so
# length alone pairs them up 1:1 and shifts everything in between.
GOLD_SRC = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
GOLD_TGT = [0, 1, 3, 4, 5, 6, 99, 7, 8, 9, 10, 11]
TRUTH = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), (4,)), ((6,), (5,)),
         ((), (6,)), ((7,), (7,)), ((8,), (8,)), ((9,), (9,)), ((10,), (10,)), ((11,), (11,))]


def test_the_aligner_follows_the_embeddings_where_length_alone_is_wrong() -> None:
    src, tgt, emb = _concept_docs(GOLD_SRC, GOLD_TGT)
    options = AlignOptions(learn=False)
    without = align_sentences(src, tgt, src_lang="en", tgt_lang="fr", options=options)
    assert _pairs(without) != TRUTH  # the case is one the other signals get wrong
    with_emb = align_sentences(src, tgt, src_lang="en", tgt_lang="fr", options=options, embedder=emb)
    assert _pairs(with_emb) == TRUTH
    assert all(b.cost < 0.5 for b in with_emb.beads if b.src and b.tgt)  # translations are cheap


def test_a_one_to_two_split_is_found_from_the_embeddings() -> None:
    # target sentence 3 is source 3 + 4 in one sentence, but it is no longer than its neighbours
    src, tgt, emb = _concept_docs([0, 1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 3, 5, 6, 7])
    emb.concept_of.update({w: 4 for w in tgt[3].split()[3:]})  # its second half is concept 4
    options = AlignOptions(learn=False)
    assert ((3, 4), (3,)) not in _pairs(align_sentences(src, tgt, src_lang="en", tgt_lang="fr", options=options))
    got = align_sentences(src, tgt, src_lang="en", tgt_lang="fr", options=options, embedder=emb)
    assert ((3, 4), (3,)) in _pairs(got)
    _covers_once(got, len(src), len(tgt))


def test_with_two_passes_and_hard_boundaries_the_embeddings_still_decide() -> None:
    src, tgt, emb = _concept_docs(GOLD_SRC, GOLD_TGT)
    got = align_sentences(src, tgt, src_lang="en", tgt_lang="fr", embedder=emb, hard_boundaries=[(7, 7)])
    assert _pairs(got) == TRUTH


def test_segmented_documents_use_the_embeddings_for_their_sentences() -> None:
    src, tgt, emb = _concept_docs(GOLD_SRC, GOLD_TGT)
    src_segs = segment_text(" ".join(s.capitalize() + "." for s in src), "en", doc="src")
    tgt_segs = segment_text(" ".join(t.capitalize() + "." for t in tgt), "fr", doc="tgt")
    assert (len(src_segs), len(tgt_segs)) == (len(src), len(tgt))
    got = align_segments(src_segs, tgt_segs, src_lang="en", tgt_lang="fr", embedder=emb)
    assert _pairs(got) == TRUTH


def test_embeddings_off_in_the_options_ignores_the_embedder() -> None:
    src, tgt, emb = _concept_docs(GOLD_SRC, GOLD_TGT)
    off = AlignOptions(embeddings=False)
    plain = align_sentences(src, tgt, src_lang="en", tgt_lang="fr", options=off)
    assert align_sentences(src, tgt, src_lang="en", tgt_lang="fr", options=off, embedder=emb) == plain
    assert emb.calls == []


def test_long_documents_use_the_embeddings_at_the_coarse_levels_too() -> None:
    # 1,200 sentences: the search starts on a coarse level whose vectors are down-sampled ones
    rng = np.random.default_rng(1)
    keep = sorted(rng.choice(1200, size=1150, replace=False).tolist())
    src, tgt, emb = _concept_docs(list(range(1200)), keep)
    got = align_sentences(src, tgt, src_lang="en", tgt_lang="fr",
                          options=AlignOptions(learn=False, coarse_size=40), embedder=emb)
    ones = [(b.src[0], keep[b.tgt[0]]) for b in got.beads if len(b.src) == 1 and len(b.tgt) == 1]
    assert len(ones) == 1150 and all(i == c for i, c in ones)
    _covers_once(got, 1200, 1150)


def test_empty_sentences_are_set_aside_before_embedding() -> None:
    src, tgt, emb = _concept_docs([0, 1, 2], [0, 1, 2])
    got = align_sentences([src[0], "", src[1], src[2]], tgt, src_lang="en", tgt_lang="fr", embedder=emb)
    assert all("" not in t.split(" ") for t in emb.calls[0])
    _covers_once(got, 4, 3)


class HashEmbedder:
    """Any text gets a fixed pseudo-random vector (zero for some): embeddings with no structure at all."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.stack([np.random.default_rng(zlib.crc32(t.encode())).normal(size=8) for t in texts])
        out[[len(t) % 5 == 0 for t in texts]] = 0.0  # a zero vector must not divide by zero
        return out


_words = st.sampled_from(["the", "cat", "Maria", "42", "!", "casa", "gato", "Berlin", ""])
_doc = st.lists(st.lists(_words, max_size=6).map(" ".join), max_size=25)


@settings(max_examples=40, deadline=None)
@given(_doc, _doc, st.sampled_from([8, 400]), st.lists(st.tuples(st.integers(0, 25), st.integers(0, 25)), max_size=2))
def test_with_any_embeddings_the_alignment_covers_every_sentence_once(
    src: list[str], tgt: list[str], coarse: int, points: list[tuple[int, int]]
) -> None:
    bounds = sorted({(min(i, len(src)), min(j, len(tgt))) for i, j in points})
    if any(b[1] > a[1] for a, b in zip(bounds[1:], bounds)):
        bounds = bounds[:1]  # crossing boundaries are an input error, tested elsewhere
    options = AlignOptions(coarse_size=coarse)
    got = align_sentences(src, tgt, src_lang="en", tgt_lang="fr", options=options, embedder=HashEmbedder(),
                          hard_boundaries=bounds)
    _covers_once(got, len(src), len(tgt))
    assert all(math.isfinite(b.cost) for b in got.beads)
    again = align_sentences(src, tgt, src_lang="en", tgt_lang="fr", options=options, embedder=HashEmbedder(),
                            hard_boundaries=bounds)
    assert again == got  # deterministic


# --- loading a model: errors (no torch needed) -------------------------------------------------

def test_loading_a_missing_or_foreign_directory_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such directory"):
        load_embedder(tmp_path / "absent")
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="not a sentence-transformers model"):
        load_embedder(tmp_path)
    (tmp_path / "modules.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="unreadable modules.json"):
        load_embedder(tmp_path)


def test_without_the_extra_the_error_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails as if not installed
    with pytest.raises(ModelError, match=r"alignkit\[embeddings\]"):
        load_embedder(tmp_path)


def test_a_model_failing_while_encoding_is_a_model_error() -> None:
    from alignkit.align.embeddings import SentenceTransformerEmbedder

    class OutOfMemory:
        def encode(self, texts: list[str], **kwargs: object) -> np.ndarray:
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB\nmore detail")

    with pytest.raises(ModelError, match=r"^embedding model m failed: RuntimeError: CUDA out of memory[^\n]*$"):
        SentenceTransformerEmbedder(OutOfMemory(), "m").encode(["a"])


def _docs(tmp_path: Path, src: Sequence[str], tgt: Sequence[str]) -> tuple[str, str]:
    s, t = tmp_path / "doc.en", tmp_path / "doc.fr"
    s.write_text("\n".join(src) + "\n", encoding="utf-8")
    t.write_text("\n".join(tgt) + "\n", encoding="utf-8")
    return str(s), str(t)


@pytest.mark.parametrize("make", ["absent", "empty-dir", "a-file"], ids=str)
def test_cli_bad_embeddings_dir_is_one_line_and_exit_4(tmp_path: Path, make: str) -> None:
    s, t = _docs(tmp_path, ["One.", "Two."], ["Un.", "Deux."])
    model = tmp_path / "model"
    if make == "empty-dir":
        model.mkdir()
    elif make == "a-file":
        model.write_text("x", encoding="utf-8")
    res = CliRunner().invoke(main, ["align", s, t, "--from", "en", "--to", "fr", "--embeddings", str(model)])
    assert res.exit_code == 4, res.output
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("alignkit: error: embedding model")
    assert res.stdout == ""


# --- a real (tiny, random) sentence-transformers model -----------------------------------------

EN = ["The old man walked to the harbour at dawn.", "He had not caught a fish for many days.",
      "The boy helped him carry the lines.", "They sat together and ate in silence.",
      "Later the wind came from the east.", "The sea was dark and the sky was grey.",
      "He slept and dreamed of the lions on the beach.", "In the morning he went out alone."]
FR = ["Le vieil homme marcha jusqu'au port à l'aube.", "Il n'avait pas pris de poisson depuis des jours.",
      "Le garçon l'aida à porter les lignes.", "Ils s'assirent ensemble et mangèrent en silence.",
      "Plus tard le vent vint de l'est.", "La mer était sombre et le ciel gris.",
      "Il dormit et rêva des lions sur la plage.", "Au matin il sortit seul."]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised one-layer BERT, mean-pooled, saved as a sentence-transformers model (offline, seconds)."""
    if not HAS_ST:
        pytest.skip("needs sentence-transformers: pip install torch==2.13.0 'alignkit[embeddings]'")
    from tests.align.tiny_st import build

    return build(tmp_path_factory.mktemp("tiny-st") / "st", EN + FR)


@needs_st
def test_cli_aligns_with_a_local_model_end_to_end(tmp_path: Path, tiny_model: Path) -> None:
    s, t = _docs(tmp_path, EN, FR)
    args = ["align", s, t, "--from", "en", "--to", "fr", "--no-learn", "--no-dict"]
    first = CliRunner().invoke(main, [*args, "--embeddings", str(tiny_model)])
    assert first.exit_code == 0, first.output
    assert f"using embeddings from {tiny_model}" in first.stderr
    assert "Loading" not in first.stderr and "Traceback" not in first.stderr  # no progress bars, no warnings dump
    with_emb = parse_ladder(first.stdout)
    _covers_once(with_emb, len(EN), len(FR))
    again = CliRunner().invoke(main, [*args, "--embeddings", str(tiny_model)])
    assert again.stdout == first.stdout  # deterministic
    plain = parse_ladder(CliRunner().invoke(main, args).stdout)
    # the signal adds a non-negative cost to every bead, so the best path costs more with it
    assert sum(b.cost for b in with_emb.beads) > sum(b.cost for b in plain.beads) + 1e-3


@needs_st
def test_the_loaded_model_feeds_the_aligner_like_any_embedder(tiny_model: Path) -> None:
    embedder = load_embedder(tiny_model, device="cpu")
    vecs = embedder.encode(EN[:3])
    assert vecs.shape == (3, 32) and vecs.dtype == np.float32
    # only the embedding signal and the bead penalties: identical documents align on the diagonal
    # (a block costs 0 against itself) even though the model is random
    options = AlignOptions(length=False, lexical=False, dictionary=False, learn=False)
    doc = EN + FR
    got = align_sentences(doc, doc, src_lang="en", tgt_lang="fr", options=options, embedder=embedder)
    assert _pairs(got) == [((i,), (i,)) for i in range(len(doc))]
    assert all(b.cost == pytest.approx(0.0, abs=1e-4) for b in got.beads)
    # and a sentence missing from the target becomes a skip, not a shift
    got = align_sentences(doc, doc[:5] + doc[6:], src_lang="en", tgt_lang="fr", options=options, embedder=embedder)
    assert ((5,), ()) in _pairs(got)
    assert sum(1 for b in got.beads if len(b.src) == 1 and len(b.tgt) == 1) == len(doc) - 1


@needs_st
def test_a_model_directory_with_broken_weights_is_a_model_error(tmp_path: Path, tiny_model: Path) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(tiny_model, broken)
    (broken / "model.safetensors").write_bytes(b"not safetensors")
    modules = json.loads((broken / "modules.json").read_text(encoding="utf-8"))
    assert modules  # the copy is a sentence-transformers layout
    with pytest.raises(ModelError, match="cannot load the model"):
        load_embedder(broken, device="cpu")
