"""``align_sentences``: coarse-to-fine search over the combined cost.

The documents are repeatedly halved (pairs of adjacent sentences become one unit, their
lengths and features summed) until the grid has at most ``coarse_size**2`` cells; that level is searched
exhaustively, and each finer level only inside a band around the coarser path. Each level is
linear in the documents' length, and there are ``log2(n / coarse_size)`` of them.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from alignkit.align.arrays import occurrences, ranges
from alignkit.align.band import Band
from alignkit.align.calibrate import Windows, calibrate, training_windows, unit_scales
from alignkit.align.costs import (
    BandOverlap,
    Level,
    band_overlap,
    chunk_costs,
    length_cost,
    make_level,
    rescale,
)
from alignkit.align.dp import banded_dp
from alignkit.align.embeddings import BlockVectors, Embedder, LevelVectors
from alignkit.align.features import (
    OverlapData,
    build_overlap,
    char_lengths,
    opens_turn,
    intern_anchors,
    length_ratio,
    split_after,
)
from alignkit.align.learn import bead_priors, learn_lexicon, one_to_ones
from alignkit.align.lexicon import Lexicon, from_mapping, merge
from alignkit.align.options import AlignOptions
from alignkit.align.stem import StemmedTexts, Stemmer, stem_texts, stemmer
from alignkit.errors import InputError
from alignkit.translate.base import Translator
from alignkit.types import Alignment, Bead

log = logging.getLogger(__name__)

#: A bilingual dictionary: lower-cased source word -> target words.
Dictionary = Mapping[str, Sequence[str]]
#: Translations per source stem a gloss uses (entries list the common senses first).
GLOSS_TARGETS = 4
#: Bead shape -> cost of using it (``(1, 0)`` and ``(0, 1)`` are the skips).
Penalties = Mapping[tuple[int, int], float]


@dataclass(frozen=True)
class DocumentPair:
    """Two documents to align, as sentences, with optional points the alignment must pass through.

    Attributes:
        src, tgt: the sentences of each side.
        hard_boundaries: ``(i, j)`` points nothing aligns across (e.g. matched paragraph starts).
    """

    src: Sequence[str]
    tgt: Sequence[str]
    hard_boundaries: Sequence[tuple[int, int]] | None = None


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    src_lang: str,
    tgt_lang: str,
    options: AlignOptions = AlignOptions(),
    translator: Translator | None = None,
    hard_boundaries: Sequence[tuple[int, int]] | None = None,
    dictionary: Lexicon | Dictionary | None = None,
    embedder: Embedder | None = None,
) -> Alignment:
    """Align two documents given as sentences; every sentence ends up in exactly one bead.

    With ``options.learn`` the documents are aligned twice: the first pass's 1:1
    beads teach a word-translation lexicon (IBM Model 1) and the bead-type priors the second pass uses
    (see :mod:`alignkit.align.learn`). Empty (blank) sentences are set aside as ``1:0`` /
    ``0:1`` beads and never enter the search.

    Args:
        src: source sentences.
        tgt: target sentences.
        src_lang: source language (ISO 639-1); only checked against the translator.
        tgt_lang: target language.
        options: signals, weights and search settings.
        translator: a ``src_lang -> tgt_lang`` translator for the MT signal (used when
            ``options.mt``); the source sentences are translated once.
        hard_boundaries: ``(i, j)`` points the alignment must pass through (e.g. paragraph
            starts known to correspond): nothing aligns across them.
        dictionary: a bilingual dictionary for the dictionary signal (when ``options.dictionary``):
            a stemmed :class:`~alignkit.align.lexicon.Lexicon` or a plain word mapping (stemmed here).
        embedder: a sentence embedding model for the embedding signal (when ``options.embeddings``);
            every block of up to ``options.max_side`` sentences is embedded once.

    Returns:
        The beads in order, each with its cost (lower is better).

    Raises:
        InputError: boundaries out of range or not monotonic, or a translator for another pair.
    """
    (alignment,) = align_corpus(
        [DocumentPair(src, tgt, hard_boundaries)],
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        options=options,
        translator=translator,
        dictionary=dictionary,
        embedder=embedder,
    )
    return alignment


def align_corpus(
    pairs: Sequence[DocumentPair],
    *,
    src_lang: str,
    tgt_lang: str,
    options: AlignOptions = AlignOptions(),
    translator: Translator | None = None,
    dictionary: Lexicon | Dictionary | None = None,
    embedder: Embedder | None = None,
) -> list[Alignment]:
    """Align many document pairs of one language pair, learning one association model from all of them.

    Like :func:`align_sentences` for each pair, except that with ``options.learn`` the word
    associations of the second pass are estimated from the 1:1 beads of *every*
    pair's first pass (a short document alone has too few to learn from), while the bead-type
    priors stay per document pair (one book merges freely, another is translated line by line).
    Every pair's signals are kept between the passes, so memory grows with the whole corpus.

    Args:
        pairs: the document pairs.
        src_lang, tgt_lang: the language pair (ISO 639-1).
        options, translator, dictionary, embedder: as for :func:`align_sentences`.

    Returns:
        One alignment per pair, in order.

    Raises:
        InputError: a pair's boundaries out of range or not monotonic, or a translator for another pair.
    """
    if translator is not None and options.mt and (translator.src, translator.tgt) != (src_lang, tgt_lang):
        raise InputError(
            f"translator is {translator.src}->{translator.tgt}, documents are {src_lang}->{tgt_lang}"
        )
    for pair in pairs:
        _check_boundaries(pair.hard_boundaries or (), len(pair.src), len(pair.tgt))
    lexicon = _lexicon(dictionary, src_lang, tgt_lang) if options.dictionary else None
    stem = lexicon is not None or options.learn
    # both languages' lists on both sides: a translation keeps the original's titles ("Mr." in French)
    prefixes = _prefixes(src_lang) | _prefixes(tgt_lang) if options.split_cost > 0 else frozenset()
    docs = [
        _Doc.of(pair, translator if options.mt else None, stemmer(src_lang) if stem else None,
                stemmer(tgt_lang) if stem else None, prefixes)
        for pair in pairs
    ]
    if embedder is not None and options.embeddings:
        docs = [
            replace(doc, vectors=BlockVectors.encode(embedder, doc.src, doc.tgt, options.max_side))
            if doc.src and doc.tgt else doc
            for doc in docs
        ]
    first = [doc.align(lexicon, None, options) for doc in docs]
    beads = first
    if options.learn and stem and any(len(b) > 1 for b in first):
        learned = learn_lexicon(
            [(doc.src_stems or [], doc.tgt_stems or [], one_to_ones(b)) for doc, b in zip(docs, first)],
            src_lang,
            tgt_lang,
        )
        log.info("learned %d stem translations from the first pass of %d document pairs", len(learned), len(docs))
        # the documents' own translations first: the gloss reads only an entry's first
        # GLOSS_TARGETS senses, and behind a dictionary's four senses a learned one went unused
        second = merge([learned, lexicon]) if lexicon is not None else learned
        beads = [
            doc.align(second if len(second) else lexicon, _priors(b, options), options,
                      b if options.refine_buffer else None, b) if len(b) > 1 else b
            for doc, b in zip(docs, first)
        ]
    return [Alignment(tuple(doc.restore(b))) for doc, b in zip(docs, beads)]


def _prefixes(lang: str) -> frozenset[str]:
    """The language's Moses non-breaking prefixes (``mr``, ``sra``), empty when unknown."""
    from alignkit.segment.moses import moses_prefixes

    return moses_prefixes(lang).general


def _lexicon(dictionary: Lexicon | Dictionary | None, src_lang: str, tgt_lang: str) -> Lexicon | None:
    if dictionary is None or isinstance(dictionary, Lexicon):
        return dictionary
    return from_mapping(dictionary, src_lang, tgt_lang)


def _priors(beads: Sequence[Bead], options: AlignOptions) -> dict[tuple[int, int], float]:
    """Pass-two bead costs: ``prior_scale * (log p(1:1) - log p(shape))`` from the first pass's shapes.

    The smoothing base is the distribution the first pass's fixed penalties imply
    (``p(shape) ~ exp(-penalty / prior_scale)``), so with no evidence the costs are unchanged.
    """
    fixed = _fixed_penalties(options)
    kappa = max(options.prior_scale, 1e-9)
    weights = {s: math.exp(-p / kappa) for s, p in fixed.items()}
    total = sum(weights.values())
    base = {s: w / total for s, w in weights.items()}
    nll = bead_priors(beads, list(fixed), base, options.prior_strength)
    return {s: max(kappa * (nll[s] - nll[(1, 1)]), 0.0) for s in fixed}


def _fixed_penalties(options: AlignOptions) -> dict[tuple[int, int], float]:
    """The first pass's bead costs: ``skip_cost`` per skip, ``merge_penalty`` per extra sentence."""
    out = {(1, 0): options.skip_cost, (0, 1): options.skip_cost}
    for a, b in options.bead_types():
        out[(a, b)] = options.two_two_penalty if (a, b) == (2, 2) else options.merge_penalty * (a + b - 2)
    return out


def _compact_boundaries(
    points: Sequence[tuple[int, int]], keep_s: Sequence[int], keep_t: Sequence[int], n: int, m: int
) -> list[tuple[int, int]]:
    """Hard boundaries renumbered for the documents without their empty sentences."""
    if not points:
        return _check_boundaries((), len(keep_s), len(keep_t))
    rank_s = np.searchsorted(np.asarray(keep_s, dtype=np.int64), np.arange(n + 1))
    rank_t = np.searchsorted(np.asarray(keep_t, dtype=np.int64), np.arange(m + 1))
    moved = [(int(rank_s[i]), int(rank_t[j])) for i, j in points]
    return _check_boundaries(moved, len(keep_s), len(keep_t))


def _restore_empty(
    beads: Sequence[Bead], keep_s: Sequence[int], keep_t: Sequence[int], n: int, m: int
) -> list[Bead]:
    """Beads in the original numbering, with every empty sentence put back in its place.

    An empty sentence between two sentences of one bead joins that bead; any other becomes a
    ``1:0`` / ``0:1`` bead of cost 0.
    """
    if len(keep_s) == n and len(keep_t) == m:
        return list(beads)
    empty_s = sorted(set(range(n)) - set(keep_s))
    empty_t = sorted(set(range(m)) - set(keep_t))
    out: list[Bead] = []
    es = et = 0
    for b in beads:
        src_ids = [keep_s[i] for i in b.src]
        tgt_ids = [keep_t[j] for j in b.tgt]
        while es < len(empty_s) and src_ids and empty_s[es] < src_ids[0]:
            out.append(Bead((empty_s[es],), (), 0.0))
            es += 1
        while et < len(empty_t) and tgt_ids and empty_t[et] < tgt_ids[0]:
            out.append(Bead((), (empty_t[et],), 0.0))
            et += 1
        if src_ids and src_ids[-1] - src_ids[0] >= len(src_ids):
            src_ids = list(range(src_ids[0], src_ids[-1] + 1))
            es += sum(1 for i in empty_s[es:] if i < src_ids[-1])
        if tgt_ids and tgt_ids[-1] - tgt_ids[0] >= len(tgt_ids):
            tgt_ids = list(range(tgt_ids[0], tgt_ids[-1] + 1))
            et += sum(1 for j in empty_t[et:] if j < tgt_ids[-1])
        out.append(Bead(tuple(src_ids), tuple(tgt_ids), b.cost))
    out.extend(Bead((i,), (), 0.0) for i in empty_s[es:])
    out.extend(Bead((), (j,), 0.0) for j in empty_t[et:])
    return out


@dataclass(frozen=True)
class _Doc:
    """One document pair ready for the search: its sentences, cut points and stems."""

    src: Sequence[str]
    tgt: Sequence[str]
    mt_text: Sequence[str] | None
    cuts: Sequence[tuple[int, int]]
    src_stems: StemmedTexts | None
    tgt_stems: StemmedTexts | None
    #: per sentence: it ends in a non-breaking prefix, cut off from the next one (see split_after)
    src_cut: np.ndarray
    tgt_cut: np.ndarray
    #: original positions of the sentences kept, and the original sizes
    keep_s: Sequence[int]
    keep_t: Sequence[int]
    n: int
    m: int
    #: per sentence: its length in characters, and whether it opens a dialogue turn (both passes use them)
    src_chars: np.ndarray
    tgt_chars: np.ndarray
    src_turn: np.ndarray
    tgt_turn: np.ndarray
    #: lexical and MT signals per part, computed once for both passes
    base: dict[tuple[int, int], list[tuple[OverlapData, float]]] = field(default_factory=dict)
    #: the embedding signal's block vectors, when there is an embedder
    vectors: BlockVectors | None = None

    @classmethod
    def of(
        cls,
        pair: DocumentPair,
        translator: Translator | None,
        stem_src: Stemmer | None,
        stem_tgt: Stemmer | None,
        prefixes: frozenset[str],
    ) -> _Doc:
        """The pair without its empty sentences (set aside, see :meth:`restore`), translated and stemmed."""
        n, m = len(pair.src), len(pair.tgt)
        keep_s = [i for i, t in enumerate(pair.src) if t.strip()]
        keep_t = [j for j, t in enumerate(pair.tgt) if t.strip()]
        src, tgt = [pair.src[i] for i in keep_s], [pair.tgt[j] for j in keep_t]
        mt_text = [out.text for out in translator.translate(src)] if translator is not None and src else None
        cuts = _compact_boundaries(pair.hard_boundaries or (), keep_s, keep_t, n, m)
        src_stems = stem_texts(src, stem_src) if stem_src is not None else None
        tgt_stems = stem_texts(tgt, stem_tgt) if stem_tgt is not None else None
        src_cut, tgt_cut = split_after(src, prefixes), split_after(tgt, prefixes)
        return cls(src, tgt, mt_text, cuts, src_stems, tgt_stems, src_cut, tgt_cut, keep_s, keep_t, n, m,
                   char_lengths(src), char_lengths(tgt), opens_turn(src), opens_turn(tgt))

    def restore(self, beads: Sequence[Bead]) -> list[Bead]:
        """Beads in the original numbering, the empty sentences put back."""
        return _restore_empty(beads, self.keep_s, self.keep_t, self.n, self.m)

    def align(
        self,
        lexicon: Lexicon | None,
        penalties: Penalties | None,
        options: AlignOptions,
        guide: Sequence[Bead] | None = None,
        teacher: Sequence[Bead] | None = None,
    ) -> list[Bead]:
        """One pass over every part between hard boundaries.

        With ``guide`` (a previous pass's beads) each part is searched only at the finest level,
        within ``options.refine_buffer`` sentences of the guide's path. With ``teacher`` (the
        first pass's beads) and ``options.calibrate`` the cost weights are fitted on its path.
        """
        beads: list[Bead] = []
        points = _points(guide) if guide is not None else None
        examples = training_windows(teacher) if teacher is not None and options.calibrate else None
        for (i0, j0), (i1, j1) in zip(self.cuts, self.cuts[1:]):
            src, tgt = self.src[i0:i1], self.tgt[j0:j1]
            if (i0, j0) not in self.base and src and tgt:
                mt = self.mt_text[i0:i1] if self.mt_text is not None else None
                self.base[(i0, j0)] = _base_signals(src, tgt, mt, options)
            # the gloss's own arrays are dropped once its signal is built (they are as big as it)
            gloss = _gloss_signal(_Gloss.make(lexicon, self.src_stems, self.tgt_stems, i0, i1, j0, j1), options)
            around = [(i - i0, j - j0) for i, j in points if i0 <= i <= i1 and j0 <= j <= j1] if points else None
            glue = (self.src_cut[i0:i1], self.tgt_cut[j0:j1])
            vectors = self.vectors.part(i0, i1, j0, j1) if self.vectors is not None else None
            windows = None
            if examples is not None:  # those starting in this part, renumbered (calibrate drops any that cross its end)
                windows = {
                    right: [(i - i0, j - j0) for i, j in starts if i0 <= i < i1 and j0 <= j < j1]
                    for right, starts in examples.items()
                }
            part = _align_part(
                src, tgt, self.base.get((i0, j0), []) + gloss, penalties, options, around, glue, vectors, windows,
                ((self.src_chars[i0:i1], self.tgt_chars[j0:j1]), (self.src_turn[i0:i1], self.tgt_turn[j0:j1])),
            )
            if i0 or j0:
                part = [Bead(tuple(s + i0 for s in b.src), tuple(t + j0 for t in b.tgt), b.cost) for b in part]
            beads.extend(part)
        return beads


@dataclass(frozen=True)
class _Gloss:
    """The dictionary signal's occurrences for one part: glossed source stems, target stems.

    Built straight into integer arrays (``(feature ids, positions)`` as :func:`intern` returns):
    sets of strings per sentence cost hundreds of MiB on 100,000-sentence documents. A feature is
    a target stem of the part, numbered in order of first appearance in the part.
    """

    src: tuple[np.ndarray, np.ndarray]
    tgt: tuple[np.ndarray, np.ndarray]
    nfeat: int
    n: int
    m: int

    @classmethod
    def make(
        cls,
        lexicon: Lexicon | None,
        src_stems: StemmedTexts | None,
        tgt_stems: StemmedTexts | None,
        i0: int,
        i1: int,
        j0: int,
        j1: int,
    ) -> _Gloss | None:
        if lexicon is None or src_stems is None or tgt_stems is None:
            return None
        seg, tpos = _part(tgt_stems, j0, j1)
        local, nfeat = _first_appearance(seg, len(tgt_stems.vocab))
        tgt = occurrences(tpos, local[seg])
        # per source stem of the part, the features of its translations (a translation the target never uses matches nothing)
        seg, spos = _part(src_stems, i0, i1)
        present = np.flatnonzero(np.bincount(seg, minlength=len(src_stems.vocab)))
        tgt_ids = {w: k for k, w in enumerate(tgt_stems.vocab)}
        entries, vocab = lexicon.entries, src_stems.vocab
        glosses = np.zeros(len(vocab), dtype=np.int64)
        values: list[int] = []
        for w in present.tolist():
            got = [int(local[tgt_ids[t]]) for t in entries.get(vocab[w], ())[:GLOSS_TARGETS] if t in tgt_ids]
            got = [f for f in got if f >= 0]
            glosses[w] = len(got)
            values.extend(got)
        starts = np.zeros(len(vocab), dtype=np.int64)
        starts[present] = np.cumsum(glosses[present]) - glosses[present]
        flat = np.asarray(values, dtype=np.int64)
        feats, pos = [], []
        words = src_stems.off[i0 : i1 + 1] - src_stems.off[i0]
        for k in range(0, i1 - i0, _GLOSS_BLOCK):  # in slices of whole sentences: a word has up to GLOSS_TARGETS glosses
            a, b = int(words[k]), int(words[min(k + _GLOSS_BLOCK, i1 - i0)])
            ws, ps = seg[a:b], spos[a:b]
            count = glosses[ws]
            at = np.repeat(np.arange(len(ws)), count)
            f, p = occurrences(ps[at], flat[ranges(starts[ws], count)])
            feats.append(f)
            pos.append(p)
        src = (np.concatenate(feats), np.concatenate(pos)) if feats else occurrences(spos[:0], spos[:0])
        return cls(src, tgt, nfeat, i1 - i0, j1 - j0)


#: Source sentences :meth:`_Gloss.make` expands into glosses at a time (bounds its temporaries).
_GLOSS_BLOCK = 20_000


def _part(stemmed: StemmedTexts, k0: int, k1: int) -> tuple[np.ndarray, np.ndarray]:
    """Stem ids of texts ``k0 .. k1 - 1`` (int64) and each one's text, numbered from 0."""
    seg = stemmed.ids[stemmed.off[k0] : stemmed.off[k1]].astype(np.int64)
    return seg, np.repeat(np.arange(k1 - k0, dtype=np.int64), np.diff(stemmed.off[k0 : k1 + 1]))


def _first_appearance(seg: np.ndarray, size: int) -> tuple[np.ndarray, int]:
    """Per id below ``size``, its rank by first occurrence in ``seg`` (-1 if absent), and how many occur."""
    order = np.argsort(seg, kind="stable")
    ranked = seg[order]
    first = np.ones(len(ranked), dtype=bool)
    np.not_equal(ranked[1:], ranked[:-1], out=first[1:])
    ids, at = ranked[first], order[first]
    local = np.full(size, -1, dtype=np.int64)
    local[ids[np.argsort(at)]] = np.arange(len(ids))
    return local, len(ids)


def _check_boundaries(points: Sequence[tuple[int, int]], n: int, m: int) -> list[tuple[int, int]]:
    cuts = [(0, 0)]
    for i, j in sorted(set((int(i), int(j)) for i, j in points)):
        if not (0 <= i <= n and 0 <= j <= m):
            raise InputError(f"hard boundary ({i}, {j}) is outside the documents ({n} x {m} sentences)")
        if j < cuts[-1][1]:
            raise InputError(f"hard boundaries cross: ({i}, {j}) after {cuts[-1]}")
        if (i, j) != cuts[-1]:
            cuts.append((i, j))
    if cuts[-1] != (n, m):
        cuts.append((n, m))
    return cuts



def _align_part(
    src: Sequence[str],
    tgt: Sequence[str],
    signals: list[tuple[OverlapData, float]],
    penalties: Penalties | None,
    options: AlignOptions,
    guide: Sequence[tuple[int, int]] | None = None,
    glue: tuple[np.ndarray, np.ndarray] | None = None,
    vectors: BlockVectors | None = None,
    windows: Windows | None = None,
    known: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None,
) -> list[Bead]:
    """Align one part; ``known`` is its sentences' ``(char_lengths, opens_turn)`` per side when already computed."""
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), (), options.skip_cost) for i in range(n)] + [
            Bead((), (j,), options.skip_cost) for j in range(m)
        ]
    if any(data.name == "mt" for data, _ in signals):
        # MT similarity is a sharper signal than lexical anchors, so length matters less (tuned on en-es dev)
        options = replace(options, length_weight=options.mt_length_weight, weak_cost=options.mt_weak_cost)
    costs = dict(penalties) if penalties is not None else _fixed_penalties(options)
    (src_len, tgt_len), (src_turn, tgt_turn) = known or (
        (char_lengths(src), char_lengths(tgt)), (opens_turn(src), opens_turn(tgt))
    )
    ratio = length_ratio(src_len, tgt_len)
    top = 0
    # halve until the exhaustive search fits coarse_size**2 cells; counting cells rather than
    # sides keeps a short document against a long one exact instead of blurring the short one
    while ((n >> top) + 1) * ((m >> top) + 1) > options.coarse_size**2:
        top += 1
    path: list[tuple[int, int]] = []
    if guide:  # a second pass: only the finest level, around the first pass's path
        top, path = -1, list(guide)
    for shift in range(max(top, 0), -1, -1):
        level = make_level(src_len, tgt_len, ratio, signals, shift, options.max_df)
        if shift == top:
            band = Band.full(level.n, level.m)
        elif top < 0:
            band = Band.around_path(path, level.n, level.m, 1, options.refine_buffer)
        else:
            band = Band.around_path(path, level.n, level.m, 2, options.buffer)
        shapes = _shapes(options, coarse=shift > 0)
        max_a, max_b = max(a for a, _ in shapes), max(b for _, b in shapes)
        overlaps = [band_overlap(s, band, max_a, max_b) for s in level.signals]
        if shift == 0 and windows is not None:
            level, options = _calibrated(level, band, overlaps, windows, costs, options)
        level = _with_glue(_with_skip_length(level, options), glue, shift, options)
        if shift == 0 and options.turn_cost > 0:
            level = replace(level, src_turn=options.turn_cost * src_turn, tgt_turn=options.turn_cost * tgt_turn)
        extra = vectors.level(shift, options.embeddings_weight) if vectors is not None else None
        path, total = _search(level, band, overlaps, shapes, costs, options, extra)
        del overlaps  # before the next level's are built: two levels' overlaps at once held ~40 MiB more
        log.debug("level %d: %d x %d units, %d cells", shift, level.n, level.m, band.cells)
    return _beads(path, total, band)


def _calibrated(
    level: Level,
    band: Band,
    overlaps: Sequence[BandOverlap],
    windows: Windows,
    penalties: Penalties,
    options: AlignOptions,
) -> tuple[Level, AlignOptions]:
    """The level and options with signal and length weights fitted on windows of the first pass's path.

    The fit (:mod:`alignkit.align.calibrate`) works in nats with the bead-type priors as fixed
    offsets; the priors here are ``prior_scale`` cost units per nat, so the weights are scaled alike.
    With too few windows the hand weights stay.
    """
    kappa = max(options.prior_scale, 1e-9)
    fitted_units = unit_scales(level)
    fitted = calibrate(
        level, overlaps, windows, {s: p / kappa for s, p in penalties.items()},
        variance=options.length_variance, skip_length=options.skip_length, length=options.length,
        l2=options.calibrate_l2, min_windows=options.calibrate_min, band=band,
        hand=[s.scale / u / kappa for s, u in zip(level.signals, fitted_units)]
        + [options.length_weight / kappa if options.length else 0.0],
    )
    if fitted is None:
        return level, options
    level = rescale(level, [kappa * w * u for w, u in zip(fitted.signals, fitted_units)])
    return level, replace(options, length_weight=kappa * fitted.length)


def _with_glue(
    level: Level, glue: tuple[np.ndarray, np.ndarray] | None, shift: int, options: AlignOptions
) -> Level:
    """Charge ``options.split_cost`` for a bead boundary right after a line cut at a non-breaking prefix.

    At a coarse level a unit boundary is the boundary after the unit's last sentence.
    """
    if glue is None or options.split_cost <= 0:
        return level

    def per_unit(cut: np.ndarray, units: int) -> np.ndarray:
        out = np.zeros(units + 1)
        last = np.minimum(np.arange(1, units + 1) << shift, len(cut)) - 1
        out[1:] = options.split_cost * cut[last]
        out[-1] = 0.0  # the end of the part is a boundary whatever its last line is
        return out

    return replace(level, src_glue=per_unit(glue[0], level.n), tgt_glue=per_unit(glue[1], level.m))


def _with_skip_length(level: Level, options: AlignOptions) -> Level:
    """Charge skipped units their length cost too, as Gale-Church's 1:0 beads do.

    A deleted sentence of ``l`` characters is a bead whose other side has length 0, so it pays
    ``length_weight * delta**2 / 2`` like any bead (times ``skip_length``); without it, skipping a long sentence cost no
    more than skipping a short one and books without a single deletion got hundreds.
    """
    weight = options.length_weight * options.skip_length
    if not (options.length and weight > 0):
        return level
    zero_s, zero_t = np.zeros(level.n + 1), np.zeros(level.m + 1)
    src_part = length_cost(level.src_len, zero_t[:1], level.ratio, options.length_variance)
    tgt_part = length_cost(zero_s[:1], level.tgt_len, level.ratio, options.length_variance)
    return replace(
        level,
        src_skip=level.src_skip + weight * src_part,
        tgt_skip=level.tgt_skip + weight * tgt_part,
    )


def _base_signals(
    src: Sequence[str], tgt: Sequence[str], mt_text: Sequence[str] | None, options: AlignOptions
) -> list[tuple[OverlapData, float]]:
    """The lexical and MT signals (the same in both passes): (interned features, weight)."""
    wanted: list[tuple[str, Iterable[str], float]] = []
    if options.lexical and options.lexical_weight > 0:
        wanted.append(("lexical", src, options.lexical_weight))
    if mt_text is not None and options.mt_weight > 0:
        wanted.append(("mt", mt_text, options.mt_weight))
    if not wanted:
        return []
    ids: dict[str, int] = {}
    tgt_occ = intern_anchors(tgt, ids)
    out = []
    for name, views, weight in wanted:
        src_occ = intern_anchors(views, ids)
        data = build_overlap(
            name, src_occ, tgt_occ, len(src), len(tgt), len(ids), options.max_df, options.repeat_window
        )
        out.append((data, weight))
    return out


def _gloss_signal(gloss: _Gloss | None, options: AlignOptions) -> list[tuple[OverlapData, float]]:
    """The dictionary signal: glossed source stems against target stems."""
    if gloss is None or options.dictionary_weight <= 0:
        return []
    data = build_overlap(
        "dictionary", gloss.src, gloss.tgt, gloss.n, gloss.m, gloss.nfeat, options.max_df, options.repeat_window
    )
    return [(data, options.dictionary_weight)]


def _shapes(options: AlignOptions, *, coarse: bool) -> list[tuple[int, int]]:
    shapes = [s for s in options.bead_types() if not coarse or max(s) <= 2]
    return shapes + [(1, 0)]


def _search(
    level: Level, band: Band, overlaps: Sequence[BandOverlap], shapes: Sequence[tuple[int, int]],
    penalties: Penalties, options: AlignOptions, extra: LevelVectors | None = None,
) -> tuple[list[tuple[int, int]], np.ndarray]:
    def costs(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        out = chunk_costs(level, overlaps, rows, cols, shapes, penalties, options)
        return out if extra is None else out + extra.costs(rows, cols, shapes)  # the embedding signal

    insert_prefix = level.tgt_skip + penalties[(0, 1)] * np.arange(level.m + 1)
    if extra is not None:
        insert_prefix = insert_prefix + extra.insert_prefix()
    if level.tgt_glue is not None:
        insert_prefix = insert_prefix + np.cumsum(level.tgt_glue)
    return banded_dp(band, shapes, costs, insert_prefix)


def _points(beads: Sequence[Bead]) -> list[tuple[int, int]]:
    """The DP points ``(0, 0) .. (n, m)`` a bead sequence passes through."""
    points, i, j = [(0, 0)], 0, 0
    for b in beads:
        i, j = i + len(b.src), j + len(b.tgt)
        points.append((i, j))
    return points


def _beads(path: Sequence[tuple[int, int]], total: np.ndarray, band: Band) -> list[Bead]:
    points = np.asarray(path, dtype=np.int64)
    acc = total[band.off[points[:, 0]] + points[:, 1] - band.lo[points[:, 0]]]
    costs = np.round(np.diff(acc), 6).tolist()
    ii, jj = points[:, 0].tolist(), points[:, 1].tolist()
    return [
        Bead(tuple(range(ii[k], ii[k + 1])), tuple(range(jj[k], jj[k + 1])), costs[k]) for k in range(len(costs))
    ]
