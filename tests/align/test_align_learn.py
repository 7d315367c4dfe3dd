"""The second pass: a lexicon learned from the first pass's 1:1 beads (IBM Model 1), bead priors, and degenerate inputs."""

from __future__ import annotations

import math
import random

from alignkit.align import AlignOptions, align_sentences, score_alignments
from alignkit.align.learn import bead_priors, learn_lexicon, one_to_ones
from alignkit.types import Alignment, Bead

_LETTERS = "bcdfgklmnprstvz"


def _vocab(rng: random.Random, size: int) -> list[str]:
    return ["".join(rng.choice(_LETTERS) + rng.choice("aeiou") for _ in range(3)) for _ in range(size)]


def _synthetic(seed: int = 3, n: int = 300) -> tuple[list[str], list[str], Alignment]:
    """Two 'languages' with disjoint vocabularies (a fixed word mapping, no shared words,
    numbers or punctuation); every target sentence carries up to five words of noise seen
    nowhere else, so lengths mislead and anchors find nothing; every sixth bead is a 2:1 merge."""
    rng = random.Random(seed)
    src_words = _vocab(rng, 400)
    tgt_words = [w[::-1] + "x" * rng.randrange(0, 6) for w in _vocab(rng, 400)]
    src, tgt, beads = [], [], []
    for k in range(n):
        picks = [rng.randrange(len(src_words)) for _ in range(rng.randrange(3, 9))]
        noise = ["q" + "".join(rng.choice("aeiou") for _ in range(rng.randrange(3, 9))) for _ in range(rng.randrange(6))]
        sent_s, sent_t = " ".join(src_words[p] for p in picks), " ".join([tgt_words[p] for p in picks] + noise)
        if k % 6 == 5:
            words = sent_s.split()
            half = len(words) // 2
            beads.append(Bead((len(src), len(src) + 1), (len(tgt),)))
            src += [" ".join(words[:half]), " ".join(words[half:])]
        else:
            beads.append(Bead((len(src),), (len(tgt),)))
            src.append(sent_s)
        tgt.append(sent_t)
    return src, tgt, Alignment(tuple(beads))


def test_learned_lexicon_fixes_what_length_gets_wrong() -> None:
    src, tgt, gold = _synthetic()
    one = align_sentences(src, tgt, src_lang="en", tgt_lang="es", options=AlignOptions(learn=False))
    two = align_sentences(src, tgt, src_lang="en", tgt_lang="es")
    f1_one = score_alignments([gold], [one]).f1_strict
    f1_two = score_alignments([gold], [two]).f1_strict
    assert f1_two >= f1_one + 0.05, (f1_one, f1_two)
    assert f1_two >= 0.9


def test_learn_lexicon_finds_the_word_mapping() -> None:
    rng = random.Random(1)
    words = sorted(set(_vocab(rng, 200)))
    src_stems = [rng.sample(words, 4) for _ in range(1000)]  # each word in ~20 beads, 2% of them
    tgt_stems = [[w[::-1] for w in ws] + ["frequent"] for ws in src_stems]
    beads = [Bead((k,), (k,)) for k in range(len(src_stems))]
    lex = learn_lexicon([(src_stems, tgt_stems, beads)], "en", "es")
    assert all(lex.entries[w][0] == w[::-1] for w in words)
    assert not any("frequent" in v for v in lex.entries.values())  # in every bead: a function word


def test_the_lexicon_is_learned_from_every_one_to_one_bead() -> None:
    beads = [Bead((0,), (0,), 0.1), Bead((1,), (1,), 0.1), Bead((2,), (2,), 0.9), Bead((3,), (3, 4), 0.1),
             Bead((4,), (5,), 0.1), Bead((), (6,), 0.5), Bead((5,), (7,), 0.1)]
    assert [b.src for b in one_to_ones(beads)] == [(0,), (1,), (2,), (4,), (5,)]


def test_model1_explains_a_cooccurring_word_away() -> None:
    """'aaa' always comes with 'xxx', and with 'yyy' only when 'bbb' is there too: Dice pairs
    'aaa' with 'yyy' as well (0.67), Model 1 gives 'yyy' to 'bbb'."""
    src = [["aaa", "bbb"]] * 10 + [["aaa"]] * 10 + [[f"f{k}"] for k in range(400)]
    tgt = [["xxx", "yyy"]] * 10 + [["xxx"]] * 10 + [[f"g{k}"] for k in range(400)]
    beads = [Bead((k,), (k,)) for k in range(len(src))]
    lex = learn_lexicon([(src, tgt, beads)], "en", "es")
    assert lex.entries["aaa"] == ("xxx",)
    assert lex.entries["bbb"][0] == "yyy"


def test_bead_priors_follow_the_counts_smoothed_towards_the_base() -> None:
    shapes = [(1, 1), (1, 2), (1, 0)]
    base = {(1, 1): 0.8, (1, 2): 0.1, (1, 0): 0.1}
    beads = [Bead((i,), (i,)) for i in range(90)] + [Bead((90,), (90, 91))] * 10
    nll = bead_priors(beads, shapes, base, strength=10)
    assert math.isclose(nll[(1, 1)], -math.log(98 / 110))
    assert math.isclose(nll[(1, 0)], -math.log(1 / 110))
    assert nll[(1, 0)] > nll[(1, 2)] > nll[(1, 1)]


def _check_cover(alignment: Alignment, n: int, m: int) -> None:
    src = [i for b in alignment.beads for i in b.src]
    tgt = [j for b in alignment.beads for j in b.tgt]
    assert src == list(range(n)) and tgt == list(range(m))


def test_degenerate_inputs() -> None:
    text = [f"Sentence number {k} says something about item {k * 7}." for k in range(200)]
    empty = [""] * 100_000
    out = align_sentences(empty, text, src_lang="en", tgt_lang="en")
    _check_cover(out, len(empty), len(text))
    assert all(not b.src or not b.tgt for b in out.beads)  # nothing to pair an empty line with
    blanks_between = [t for k in text for t in (k, "", " ")]
    out = align_sentences(blanks_between, text, src_lang="en", tgt_lang="en")
    _check_cover(out, len(blanks_between), len(text))
    assert sum(len(b.src) == 1 and len(b.tgt) == 1 for b in out.beads) >= 195  # blanks set aside, text aligned
    huge = [" ".join(text) * 5]
    out = align_sentences(huge, text, src_lang="en", tgt_lang="en")
    _check_cover(out, 1, len(text))
    same = ["The same line."] * 3000
    out = align_sentences(same, same, src_lang="en", tgt_lang="en")
    assert [(b.src, b.tgt) for b in out.beads] == [((k,), (k,)) for k in range(3000)]
    assert align_sentences([], text, src_lang="en", tgt_lang="en").beads[0] == Bead((), (0,), 0.5)


def _pieces(src: list[str], tgt: list[str], gold: Alignment, size: int) -> list[tuple[list[str], list[str], Alignment]]:
    """The synthetic pair cut into documents of ``size`` beads, each renumbered from 0."""
    out = []
    for k in range(0, len(gold.beads), size):
        part = gold.beads[k : k + size]
        i0, j0 = part[0].src[0], part[0].tgt[0]
        i1, j1 = part[-1].src[-1] + 1, part[-1].tgt[-1] + 1
        beads = tuple(Bead(tuple(i - i0 for i in b.src), tuple(j - j0 for j in b.tgt)) for b in part)
        out.append((src[i0:i1], tgt[j0:j1], Alignment(beads)))
    return out


def test_a_model_pooled_over_short_documents_beats_one_per_document() -> None:
    from alignkit.align import DocumentPair, align_corpus

    src, tgt, gold = _synthetic(n=420)
    pieces = _pieces(src, tgt, gold, 30)  # 30 beads each: too few to learn a word mapping alone
    golds = [g for *_, g in pieces]
    alone = [align_sentences(s, t, src_lang="en", tgt_lang="es") for s, t, _ in pieces]
    pooled = align_corpus([DocumentPair(s, t) for s, t, _ in pieces], src_lang="en", tgt_lang="es")
    f1_alone = score_alignments(golds, alone).f1_strict
    f1_pooled = score_alignments(golds, pooled).f1_strict
    assert f1_pooled >= f1_alone + 0.03, (f1_alone, f1_pooled)  # .938 -> .995 today (Model 1; Dice: .981)


def test_the_banded_second_pass_finds_what_the_full_second_pass_finds() -> None:
    src, tgt, gold = _synthetic(n=600)
    banded = align_sentences(src, tgt, src_lang="en", tgt_lang="es")
    full = align_sentences(src, tgt, src_lang="en", tgt_lang="es", options=AlignOptions(refine_buffer=0))
    assert banded == full
    assert score_alignments([gold], [banded]).f1_strict >= 0.95


def test_learned_translations_come_before_the_dictionarys_senses() -> None:
    """The gloss reads an entry's first senses only: a stem the dictionary gives four other senses
    must still be glossed with the translation the documents teach."""
    src, tgt, gold = _synthetic()
    learned_first = align_sentences(src, tgt, src_lang="en", tgt_lang="es")
    rng = random.Random(5)
    words = sorted({w for line in src for w in line.split()})
    tgt_words = sorted({w for line in tgt for w in line.split()})
    # a dictionary that knows every source word, with four wrong senses each (words of the target)
    noise = {w: rng.sample(tgt_words, 4) for w in words}
    with_dict = align_sentences(src, tgt, src_lang="en", tgt_lang="es", dictionary=noise)
    f1_plain = score_alignments([gold], [learned_first]).f1_strict
    f1_dict = score_alignments([gold], [with_dict]).f1_strict
    assert f1_dict >= f1_plain - 0.02, (f1_plain, f1_dict)
