"""Reference-free quality of one scoring input (plain lines with their source, a corpus file or a run)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alignkit.errors import InputError
from alignkit.types import Row
from alignkit.score.corpus import (
    back_opener,
    score_rows,
    summarize_corpus,
    summarize_rows,
)
from alignkit.score.inputs import Loaded, paired_rows
from alignkit.score.signature import row_signatures


@dataclass(frozen=True)
class QualityScores:
    """Reference-free scores of every target language of an input.

    Attributes:
        summaries: language -> summary (means, counts, term accuracy when known).
        segments: language -> one score dict per segment.
        signatures: language -> alignkit signature; empty for plain text (nothing says what produced it).
    """

    summaries: dict[str, dict[str, float]]
    segments: dict[str, tuple[dict[str, float], ...]]
    signatures: dict[str, str]


def quality(loaded: Loaded, *, src_lines: str | Path | None = None, src_lang: str | None = None,
            lang: str | None = None, engine: str | None = None) -> QualityScores:
    """Score ``loaded`` without references.

    Args:
        loaded: the input (see :func:`~alignkit.score.inputs.load`).
        src_lines: for plain text, the source file (one segment per line); ignored for corpora.
        src_lang: the source language (default: from the file name, the run or the first column).
        lang: for plain text, the hypotheses' language.
        engine: translate back with this engine for round-trip chrF (``None``: no round trip).

    Raises:
        InputError: plain text without its source, unknown languages, files not line-parallel.
    """
    if loaded.kind == "lines":
        if src_lines is None:
            raise InputError("plain text needs its source file (--src) for reference-free scores")
        rows, src = paired_rows(loaded, src_lines, src_lang, lang)
    else:
        rows, src = loaded.rows, src_lang
    per_seg = score_rows(rows, src=src, back=back_opener(engine))
    if loaded.corpus is not None:
        summaries = summarize_corpus(loaded.corpus, per_seg)
    else:
        summaries = summarize_rows(rows, per_seg)
    for lang, summary in summaries.items():
        if not summary.get("with_unknown") and not any(_knows_unknown(row, lang) for row in rows):
            # No engine output says which words were unknown (a TSV, plain text): no data, not 0 %.
            for key in UNKNOWN_KEYS:
                if key in summary:
                    summary[key] = None  # type: ignore[assignment]
    sigs = row_signatures(loaded.meta, loaded.rows, list(summaries)) if loaded.kind != "lines" else {}
    return QualityScores(summaries, per_seg, sigs)


#: Summary keys about unknown words, which only engine output (a run, its JSONL/TMX) carries.
UNKNOWN_KEYS = ("unknown_rate", "with_unknown", "high_unknown")


def _knows_unknown(row: Row, lang: str) -> bool:
    """Whether a row records the engine's unknown words for ``lang`` (``mt[lang].unknown``)."""
    mt = row.meta.get("mt")
    return isinstance(mt, dict) and isinstance(mt.get(lang), dict) and "unknown" in mt[lang]
