"""Every knob of the sentence aligner, in one frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from alignkit.errors import InputError


@dataclass(frozen=True)
class AlignOptions:
    """Which cost signals are on, how they are weighed, and how wide the search is.

    A bead of ``a`` source and ``b`` target sentences (``a, b >= 1``) costs::

        sum over overlap signals s:  share_s * unmatched_s / (2 * mean_mass_s)
        + length_weight * delta**2 / 2                          Gale-Church, in characters
        + merge_penalty * (a + b - 2)                           two_two_penalty for 2:2
        + split_cost per side whose last line ends in a non-breaking prefix ("Mr.")
        + embeddings_weight * vecalign's cosine cost             with an embedder (align/embeddings.py)

    where ``unmatched_s`` is the idf-weighted feature mass of the bead without a partner on the
    other side and ``share_s = weight_s / sum of active weights``. With ``calibrate`` the second
    pass replaces ``share_s / (2 * mean_mass_s)`` and ``length_weight`` by weights fitted on the
    first pass's path (:mod:`alignkit.align.calibrate`). A skipped sentence
    (``1:0`` / ``0:1``) costs ``skip_cost`` plus its whole scaled mass. The defaults were tuned on the
    Text+Berg dev set only, except ``mt_weight``, ``mt_length_weight``, ``mt_weak_cost`` and
    ``weak_threshold``, tuned on the en-es dev split
    of newstest2013 (lines 0-1499; see docs/align.md).

    Attributes:
        length: use the Gale-Church length signal.
        lexical: use model-free anchors (numbers, punctuation, names, identical words, cognates).
        mt: use the MT signal when a translator is given to :func:`align_sentences`.
        dictionary: use the bilingual dictionary signal when a dictionary is given.
        embeddings: use the sentence-embedding signal when an embedder is given to
            :func:`align_sentences` (vecalign's normalised cosine cost, :mod:`alignkit.align.embeddings`).
        learn: align twice; the second pass adds a dictionary learned from the first pass's
            1:1 beads (IBM Model 1) and bead-type priors estimated from its beads.
        length_weight: weight of the length cost.
        mt_length_weight: weight of the length cost instead of ``length_weight`` when the MT
            signal is active.
        lexical_weight: weight of the lexical similarity.
        mt_weight: weight of the MT similarity.
        dictionary_weight: weight of the dictionary similarity.
        embeddings_weight: cost of an unrelated 1:1 bead under the embedding signal (added to the
            bead's other costs; a translation costs a fraction of it). Not tuned: no embedding model here.
        skip_cost: cost of leaving one sentence unaligned.
        turn_cost: cost of a bead whose first sentence opens a dialogue turn (starts with a quote
            or a dash) on one side only; in novels turns match turns. Its value is picked by
            leaving one dev set out (see docs/align.md).
        split_cost: cost of ending a bead right after a line that ends in one of the language's
            Moses non-breaking prefixes (``Mr.``, ``Sra.``): a sentence splitter cut that line off
            from the next, and the two belong to one bead.
        merge_penalty: cost per extra sentence in a bead (``1:2`` pays once, ``2:3`` three times).
        two_two_penalty: cost of a ``2:2`` bead (two sentences re-split at another point), in
            place of ``2 * merge_penalty``.
        weak_cost: extra cost of a bead whose matched share of feature mass is 0, falling
            linearly to nothing at ``weak_threshold`` (so weak pairings become skips).
        mt_weak_cost: ``weak_cost`` when the MT signal is active.
        weak_threshold: matched share (``1 - unmatched / mass``) from which a bead pays no
            ``weak_cost``.
        skip_length: share of the Gale-Church length cost a skipped sentence pays (its length
            against nothing): 1 is the length model's own cost, 0 (default) makes skips length-blind;
            on the dev sets 0, 0.3 and 1 were within 0.01 mean strict F1, 0 best (docs/align.md).
        prior_scale: cost units per nat of the second pass's bead-type priors: a shape costs
            ``prior_scale * (log p(1:1) - log p(shape))``. 0.16 makes the first pass's fixed
            penalties the prior's base distribution (``merge_penalty`` 0.5 ~ ``p(1:2) / p(1:1)`` 0.04).
        prior_strength: pseudo-beads of that base distribution added to the first pass's counts.
        calibrate: fit the second pass's signal and length weights (in nats, times ``prior_scale``)
            by maximum likelihood of the first pass's segmentation of small windows against
            every other way to cover them, so a signal that separates nothing gets weight ~0.
        calibrate_l2: ridge penalty per window of that fit.
        calibrate_min: fewest windows to fit on; with fewer the hand weights stay.
        length_variance: Gale-Church variance per character (their ``s^2``).
        max_side: most sentences on one side of a bead (4 allows ``1:4`` and ``4:1``).
        max_bead: most sentences in a bead, both sides together (5 allows ``2:3``).
        buffer: half-width of the search band around the projected coarse path, in sentences.
        refine_buffer: the second pass searches only the finest level, this many sentences
            either side of the first pass's path (0: it repeats the whole coarse-to-fine search).
        coarse_size: the coarsest level is searched exhaustively once it has at most
            ``coarse_size**2`` cells.
        max_df: features in more than this share of the sentences are ignored (stop words).
        repeat_window: a feature occurrence is ignored when the same side has the feature in
            another sentence less than this many sentences away (1 keeps all).
    """

    length: bool = True
    lexical: bool = True
    mt: bool = False
    dictionary: bool = True
    learn: bool = True
    embeddings: bool = True
    length_weight: float = 0.2
    mt_length_weight: float = 0.3
    lexical_weight: float = 1.0
    mt_weight: float = 4.0
    dictionary_weight: float = 1.0
    embeddings_weight: float = 1.0
    skip_cost: float = 0.5
    split_cost: float = 0.2
    turn_cost: float = 0.2
    merge_penalty: float = 0.5
    two_two_penalty: float = 0.7
    weak_cost: float = 0.0
    mt_weak_cost: float = 0.3
    weak_threshold: float = 0.4
    length_variance: float = 6.8
    skip_length: float = 0.0
    prior_scale: float = 0.16
    prior_strength: float = 50.0
    calibrate: bool = True
    calibrate_l2: float = 0.0001
    calibrate_min: int = 50
    max_side: int = 4
    max_bead: int = 5
    buffer: int = 8
    refine_buffer: int = 8
    coarse_size: int = 400
    max_df: float = 0.1
    repeat_window: int = 3

    def __post_init__(self) -> None:
        problems = []
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float) and value < 0:
                problems.append(f"{f.name} must be >= 0 (got {value})")
        if self.max_side < 1:
            problems.append(f"max_side must be >= 1 (got {self.max_side})")
        if self.max_bead < 2:
            problems.append(f"max_bead must be >= 2 (got {self.max_bead})")
        if self.repeat_window < 1:
            problems.append(f"repeat_window must be >= 1 (got {self.repeat_window})")
        if self.refine_buffer < 0:
            problems.append(f"refine_buffer must be >= 0 (got {self.refine_buffer})")
        if self.buffer < 1:
            problems.append(f"buffer must be >= 1 (got {self.buffer})")
        if self.coarse_size < 8:
            problems.append(f"coarse_size must be >= 8 (got {self.coarse_size})")
        if not 0 < self.max_df <= 1:
            problems.append(f"max_df must be in (0, 1] (got {self.max_df})")
        if problems:
            raise InputError("invalid align options: " + "; ".join(problems))

    def bead_types(self) -> tuple[tuple[int, int], ...]:
        """The allowed ``(a, b)`` bead shapes with ``a, b >= 1``, in a fixed order (1:1 first)."""
        shapes = [
            (a, b)
            for total in range(2, self.max_bead + 1)
            for a in range(1, min(total - 1, self.max_side) + 1)
            for b in [total - a]
            if 1 <= b <= self.max_side
        ]
        return tuple(shapes)

    def describe(self) -> dict[str, Any]:
        """JSON-serialisable view for run metadata."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
