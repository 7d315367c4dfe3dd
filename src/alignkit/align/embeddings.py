"""The sentence-embedding signal: vecalign's normalised cosine cost over embedded sentence blocks.

A bead of ``a`` source and ``b`` target sentences costs (Thompson & Koehn 2019, section 3.2)::

    weight * (1 - cos(x, y)) * a * b / ((norm(x) + norm(y)) / 2)

where ``x`` is the embedding of the ``a`` source sentences joined into one text (vecalign's
"overlaps"), ``y`` the same for the target, and ``norm(x)`` is the mean of ``1 - cos(x, y')``
over the other side's blocks ``y'``, i.e. the cost of ``x`` against a random partner (vecalign
samples the partners; the mean over all of them is ``1 - x . mean(y')``, exact and cheaper).
So an unrelated 1:1 bead costs about ``weight``, a translation much less, and the ``a * b``
factor charges many-to-many beads for the similarity that concatenating texts brings by itself.
A skipped sentence costs ``SKIP_SHARE * weight``: two skips cost what one unrelated 1:1 bead does.

Coarse levels of the aligner's search (units of ``2**shift`` sentences) use vecalign's
down-sampled vectors instead of new texts: the sum of the unit's sentence vectors, minus the
side's mean, normalised; a block of ``k`` units is the normalised sum of its units' vectors.

Memory is linear: each distinct block text (1 to ``max_side`` sentences) is embedded and stored
once, and the costs of a band's cells are computed in bounded chunks.

The embedding model is behind :class:`Embedder` (anything with ``encode(texts) -> array``);
:func:`load_embedder` opens a local sentence-transformers model directory, offline.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from alignkit.errors import ModelError

log = logging.getLogger(__name__)

#: Share of an unrelated 1:1 bead's cost that one skipped sentence pays.
SKIP_SHARE = 0.5
#: Cells whose block vectors are gathered at once (each gather is ``CELL_CHUNK x dim`` floats).
CELL_CHUNK = 2048
#: Least random-partner distance a block is normalised by (a block like every other one is no evidence).
MIN_NORM = 1e-3
#: Texts the sentence-transformers model encodes per batch.
BATCH_SIZE = 64
INSTALL_HINT = "pip install torch (for your platform, e.g. torch==2.13.0 for CPU), then pip install 'alignkit[embeddings]'"


class Embedder(Protocol):
    """A sentence embedding model: one vector per text, the same space for every language."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of ``texts``, shape ``(len(texts), dim)``."""
        ...


@dataclass(frozen=True)
class SentenceTransformerEmbedder:
    """A local sentence-transformers model (LaBSE, LASER-like multilingual models...)."""

    model: Any
    path: str
    batch_size: int = BATCH_SIZE

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of ``texts`` as float32, ``(len(texts), dim)``.

        Raises:
            ModelError: the model failed (out of memory, a broken module...).
        """
        try:
            out = self.model.encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True,
                                    show_progress_bar=False)
        except Exception as err:  # noqa: BLE001 - torch and the model's modules raise anything
            raise ModelError(f"embedding model {self.path} failed: {_first_line(err)}") from None
        return np.asarray(out, dtype=np.float32)


def load_embedder(path: str | os.PathLike[str], *, device: str | None = None) -> SentenceTransformerEmbedder:
    """Open the sentence-transformers model saved in directory ``path``; nothing is downloaded.

    The Hugging Face libraries are put in offline mode (``HF_HUB_OFFLINE``, ``TRANSFORMERS_OFFLINE``)
    before they are imported, and the model is loaded with ``local_files_only``.

    Raises:
        ModelError: ``path`` is not a directory, not a sentence-transformers model (no
            ``modules.json``), or its files cannot be loaded.
            Also when sentence-transformers (the ``embeddings`` extra) is not installed, as for
            ``models convert`` without its extra.
    """
    where = Path(path).expanduser()
    if not where.is_dir():
        raise ModelError(f"embedding model {path}: " + ("not a directory" if where.exists() else "no such directory"))
    modules = where / "modules.json"
    if not modules.is_file():
        raise ModelError(f"embedding model {path}: not a sentence-transformers model (no modules.json)")
    try:
        json.loads(modules.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise ModelError(f"embedding model {path}: unreadable modules.json ({err})") from None
    # read when huggingface_hub is first imported: set before, so no code path can reach the network
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        from sentence_transformers import SentenceTransformer
    except (ImportError, OSError) as err:  # OSError: a torch whose native libraries do not load
        raise ModelError(f"embedding models need sentence-transformers ({_first_line(err)}): {INSTALL_HINT}") from None
    _quiet_loading()
    try:
        model = SentenceTransformer(str(where), device=device, local_files_only=True)
    except Exception as err:  # noqa: BLE001 - any failure of a third-party loader is a broken model dir
        raise ModelError(f"embedding model {path}: cannot load the model ({_first_line(err)})") from None
    log.info("embedding model %s on %s", where, model.device)
    return SentenceTransformerEmbedder(model, str(where))


def _quiet_loading() -> None:
    """No progress bars from transformers while loading: stderr carries alignkit's one-line summary."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - sentence-transformers always brings transformers
        return
    hf_logging.disable_progress_bar()


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return f"{type(err).__name__}: {text[0]}" if text else type(err).__name__


@dataclass(frozen=True)
class BlockVectors:
    """Unit-length embeddings of every block of 1 .. ``max_side`` consecutive sentences of two documents.

    Attributes:
        table: one row per distinct block text, ``(texts, dim)`` float32, unit length.
        src: ``src[k - 1, i]`` is the table row of source sentences ``i - k .. i - 1`` joined,
            ``-1`` where ``i < k``; shape ``(max_side, n + 1)``.
        tgt: the same for the target, ``(max_side, m + 1)``.
    """

    table: np.ndarray
    src: np.ndarray
    tgt: np.ndarray

    @classmethod
    def encode(cls, embedder: Embedder, src: Sequence[str], tgt: Sequence[str], max_side: int) -> BlockVectors:
        """Embed every block of both documents, each distinct text once.

        Raises:
            ModelError: the embedder returned the wrong shape or non-finite values.
        """
        rows: dict[str, int] = {}
        src_index = _block_rows(src, max_side, rows)
        tgt_index = _block_rows(tgt, max_side, rows)
        texts = list(rows)
        log.info("embedding %d distinct blocks of up to %d sentences", len(texts), max_side)
        try:
            table = np.asarray(embedder.encode(texts), dtype=np.float32) if texts else np.zeros((0, 1), np.float32)
        except (TypeError, ValueError) as err:  # ragged or non-numeric output
            raise ModelError(f"the embedding model returned no array of vectors ({_first_line(err)})") from None
        if table.ndim != 2 or table.shape[0] != len(texts) or not np.isfinite(table).all():
            raise ModelError(f"the embedding model returned {table.shape} finite={bool(np.isfinite(table).all())} "
                             f"for {len(texts)} texts (expected one finite vector each)")
        return cls(_unit(table), src_index, tgt_index)

    def part(self, i0: int, i1: int, j0: int, j1: int) -> BlockVectors:
        """The blocks inside source sentences ``i0 .. i1 - 1`` and target ``j0 .. j1 - 1``, renumbered from 0."""
        return BlockVectors(self.table, _window(self.src, i0, i1), _window(self.tgt, j0, j1))

    def level(self, shift: int, weight: float) -> LevelVectors:
        """What the costs need at the level whose units are ``2**shift`` sentences."""
        if shift == 0:
            return LevelVectors(self.table, self.src, self.tgt, composed=False, unit=1, weight=weight)
        step = 1 << shift
        src_units = _down_sample(self.table, self.src[0, 1:], step)
        tgt_units = _down_sample(self.table, self.tgt[0, 1:], step)
        table = np.concatenate([src_units, tgt_units])
        src = np.concatenate([[-1], np.arange(len(src_units))])[None, :]
        tgt = np.concatenate([[-1], len(src_units) + np.arange(len(tgt_units))])[None, :]
        return LevelVectors(table, src, tgt, composed=True, unit=step, weight=weight)


@dataclass(frozen=True)
class LevelVectors:
    """Block vectors at one level of the search, and the costs they give.

    With ``composed`` (coarse levels) the table holds one vector per unit and a block of ``k``
    units is the normalised sum of its units' vectors; otherwise ``src[k - 1, i]`` names the
    block's own embedding.
    """

    table: np.ndarray
    src: np.ndarray
    tgt: np.ndarray
    composed: bool
    unit: int
    weight: float
    #: the mean vector of each side's blocks: ``1 - x . mean`` is ``x``'s mean distance to a random partner
    src_mean: np.ndarray = field(init=False, repr=False)
    tgt_mean: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "src_mean", _mean_row(self.table, self.src))
        object.__setattr__(self, "tgt_mean", _mean_row(self.table, self.tgt))

    def insert_prefix(self) -> np.ndarray:
        """Prefix sums of skipping target units ``0 .. j - 1``, shape ``(m + 1,)``."""
        return self.skip_cost() * np.arange(self.tgt.shape[1], dtype=np.float64)

    def skip_cost(self) -> float:
        """Cost of skipping one unit of either side."""
        return SKIP_SHARE * self.weight * self.unit

    def costs(self, rows: np.ndarray, cols: np.ndarray, shapes: Sequence[tuple[int, int]]) -> np.ndarray:
        """The signal's cost of every bead shape ending at cells ``(rows[c], cols[c])``: ``(len(shapes), cells)``.

        ``(a, 0)`` shapes are ``a`` source skips. A bead that would start outside the grid gets 0
        here (the caller's other costs make it ``inf``).
        """
        out = np.zeros((len(shapes), len(rows)), dtype=np.float64)
        for t, (a, b) in enumerate(shapes):
            if b == 0:
                out[t] = a * self.skip_cost()
        for c0 in range(0, len(rows), CELL_CHUNK):
            r, c = rows[c0 : c0 + CELL_CHUNK], cols[c0 : c0 + CELL_CHUNK]
            xs: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
            ys: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
            for t, (a, b) in enumerate(shapes):
                if b == 0:
                    continue
                if a not in xs:
                    xs[a] = self._blocks(self.src, a, r, self.tgt_mean)
                if b not in ys:
                    ys[b] = self._blocks(self.tgt, b, c, self.src_mean)
                (x, x_norm, x_ok), (y, y_norm, y_ok) = xs[a], ys[b]
                dist = np.maximum(1.0 - np.einsum("ij,ij->i", x, y).astype(np.float64), 0.0)  # float32 product: 3x faster
                cost = dist * (a * b) / np.maximum((x_norm + y_norm) / 2, MIN_NORM)
                out[t, c0 : c0 + len(r)] = np.where(x_ok & y_ok, self.weight * self.unit * cost, 0.0)
        return out

    def _blocks(
        self, index: np.ndarray, k: int, ends: np.ndarray, other_mean: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Vectors of the ``k``-unit blocks ending at ``ends``, their random-partner distance, and which exist."""
        if self.composed:
            ok = ends >= k
            total = np.zeros((len(ends), self.table.shape[1]), dtype=np.float32)
            for t in range(k):
                total += np.take(self.table, index[0, np.maximum(ends - t, 0)], axis=0)
            vecs = _unit(total)
        elif k <= index.shape[0]:
            rows = index[k - 1, ends]
            ok = rows >= 0
            vecs = np.take(self.table, np.maximum(rows, 0), axis=0)  # faster than fancy indexing for rows
        else:  # a block longer than any embedded one: no evidence
            ok = np.zeros(len(ends), dtype=bool)
            vecs = np.zeros((len(ends), self.table.shape[1]), dtype=np.float32)
        return vecs, 1.0 - vecs @ other_mean, ok


def _block_rows(sents: Sequence[str], max_side: int, rows: dict[str, int]) -> np.ndarray:
    """Table rows of every block of 1 .. ``max_side`` sentences, adding new texts to ``rows``."""
    index = np.full((max_side, len(sents) + 1), -1, dtype=np.int64)
    for k in range(1, max_side + 1):
        for i in range(k, len(sents) + 1):
            index[k - 1, i] = rows.setdefault(" ".join(sents[i - k : i]), len(rows))
    return index


def _window(index: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Columns ``start .. stop`` of ``index``, without the blocks that begin before ``start``."""
    out = index[:, start : stop + 1].copy()
    for k in range(1, out.shape[0] + 1):
        out[k - 1, :k] = -1
    return out


def _down_sample(table: np.ndarray, rows: np.ndarray, step: int) -> np.ndarray:
    """vecalign's coarse vectors: sums of ``step`` consecutive sentence vectors, side mean removed, normalised."""
    if len(rows) == 0:
        return np.zeros((0, table.shape[1]), dtype=np.float32)
    chunk = CELL_CHUNK * step  # a multiple of step: chunks never split a unit
    sums = np.concatenate([
        np.add.reduceat(table[rows[s : s + chunk]], np.arange(0, min(chunk, len(rows) - s), step), axis=0)
        for s in range(0, len(rows), chunk)
    ])
    return _unit(sums - sums.mean(axis=0))


def _mean_row(table: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Mean of the table rows ``index`` names (``-1`` excluded), gathered in chunks: the cost follows
    ``index`` (one part of a document), not the whole document's table."""
    valid = index[index >= 0]
    if len(valid) == 0:
        return np.zeros(table.shape[1], dtype=np.float32)
    total = sum(table[valid[s : s + CELL_CHUNK]].sum(axis=0, dtype=np.float64) for s in range(0, len(valid), CELL_CHUNK))
    return (np.asarray(total) / len(valid)).astype(np.float32)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
