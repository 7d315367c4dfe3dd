"""Scoring and filtering whole corpora: a run's :class:`Corpus` or the rows of a corpus file."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from alignkit.errors import InputError
from alignkit.score.flags import Thresholds, problems
from alignkit.score.qe import QEOptions, estimate, summarize
from alignkit.translate.base import Translator
from alignkit.types import Corpus, Row, TermCheck, Translation

#: Opens a ``tgt -> src`` back-translator for round-trip scores (or returns ``None``).
BackOpener = Callable[[str, str], "Translator | None"]


def back_opener(engine: str | None) -> BackOpener | None:
    """A function opening ``tgt -> src`` back-translators with ``engine``, or ``None`` for no round trip.

    Raises:
        UnknownNameError: ``engine`` is not registered (checked now, before any scoring).
        EngineUnavailableError: its program or library is missing.
    """
    if engine is None:
        return None
    from alignkit.translate.registry import get_engine
    from alignkit.translate.route import open_translator

    eng = get_engine(engine)
    return lambda tgt, src: open_translator(eng, tgt, src)


def _summaries(per_lang: Mapping[str, Sequence[Mapping[str, float]]], checks: Sequence[TermCheck]
               ) -> dict[str, dict[str, float]]:
    """:func:`summarize` per language, joined with the glossary term accuracy of ``checks``."""
    from alignkit.glossary import term_accuracy

    out = {lang: summarize(scores) for lang, scores in per_lang.items()}
    counts = Counter(c.lang for c in checks)
    for lang, acc in term_accuracy(checks).items():
        if lang in out:  # checks for a column that was not scored have no summary to join
            out[lang]["term_accuracy"] = round(acc, 4)
            out[lang]["term_checks"] = float(counts[lang])
    return out


def summarize_corpus(corpus: Corpus, per_lang: Mapping[str, Sequence[Mapping[str, float]]] | None = None
                     ) -> dict[str, dict[str, float]]:
    """Per-language summaries of a corpus, with glossary term accuracy when it has checks.

    Args:
        corpus: the corpus.
        per_lang: per-segment scores to use instead of ``corpus.scores``.
    """
    scores = per_lang if per_lang is not None else corpus.scores
    return _summaries({lang: scores.get(lang, ()) for lang in corpus.languages}, corpus.checks)


def row_checks(rows: Sequence[Row]) -> list[TermCheck]:
    """Glossary checks stored in corpus-file rows (JSONL ``mt[lang].terms``), in row order."""
    out = []
    for i, row in enumerate(rows):
        mt = row.meta.get("mt")
        for lang in mt if isinstance(mt, Mapping) else ():
            out += [TermCheck(_index(row, i), lang, t["term"], tuple(t["expected"]), t["found"])
                    for t in _mt_info(row, lang).get("terms", ())]
    return out


def _index(row: Row, position: int) -> int:
    """The row's stored segment index, or its position when it has none usable (rows from any format)."""
    index = row.meta.get("index")
    return index if isinstance(index, int) and not isinstance(index, bool) else position


def _mt_info(row: Row, lang: str) -> Mapping[str, Any]:
    """What a run stored about ``lang`` in the row (JSONL ``mt[lang]``), or ``{}``.

    The JSONL reader checks these fields; rows built elsewhere may carry anything, so a
    value that is not an object counts as nothing stored.
    """
    mt = row.meta.get("mt")
    info = mt.get(lang) if isinstance(mt, Mapping) else None
    return info if isinstance(info, Mapping) else {}


def summarize_rows(rows: Sequence[Row], per_lang: Mapping[str, Sequence[Mapping[str, float]]]
                   ) -> dict[str, dict[str, float]]:
    """Per-language summaries of corpus-file rows, with term accuracy from the checks the rows carry.

    Args:
        rows: the rows (only their stored glossary checks are read).
        per_lang: per-segment scores, e.g. from :func:`score_rows`.
    """
    return _summaries(per_lang, row_checks(rows))


def source_lang(rows: Sequence[Row], given: str | None = None) -> str:
    """The rows' source language: ``given``, the ``source_lang`` a run recorded, or the first column."""
    if given:
        return given
    if not rows:
        raise InputError("the corpus has no rows")
    return str(rows[0].meta.get("source_lang") or next(iter(rows[0].texts)))


def _translations(rows: Sequence[Row], lang: str) -> tuple[Translation, ...]:
    out = []
    for i, row in enumerate(rows):
        info = _mt_info(row, lang)
        out.append(Translation(_index(row, i), lang, row.texts.get(lang, ""),
                               str(info.get("engine", "?")), tuple(info.get("route", ())),
                               tuple(info.get("unknown", ()))))
    return tuple(out)


def _stored(row: Row, lang: str) -> Mapping[str, float]:
    """Scores a run already stored in the row (JSONL ``mt[lang].scores``), plus alignment cost."""
    scores = _mt_info(row, lang).get("scores")
    stored = {k: float(v) for k, v in scores.items() if _finite(v)} if isinstance(scores, Mapping) else {}
    if _finite(row.meta.get("cost")):
        stored["cost"] = float(row.meta["cost"])  # type: ignore[arg-type]
    return stored


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def score_rows(rows: Sequence[Row], *, src: str | None = None, langs: Sequence[str] | None = None,
               back: BackOpener | None = None, options: QEOptions = QEOptions()
               ) -> dict[str, tuple[dict[str, float], ...]]:
    """Reference-free scores of every target column of ``rows``.

    Scores stored in the rows (by ``alignkit run``) are kept; the rest are computed. Round-trip
    chrF is computed only when ``back`` opens a back-translator and no stored value exists.

    Returns:
        target language -> one score dict per row.
    """
    src = source_lang(rows, src)
    targets = [lang for lang in (langs or rows[0].texts) if lang != src]
    if not targets:
        raise InputError(f"the corpus has no target language besides the source {src!r}")
    sources = [row.texts.get(src, "") for row in rows]
    out = {}
    for lang in targets:
        stored = [_stored(row, lang) for row in rows]
        need_rt = back is not None and any("roundtrip_chrf" not in s for s in stored)
        translator = back(lang, src) if need_rt and back else None
        try:
            fresh = estimate(sources, _translations(rows, lang), src, lang, backtranslator=translator,
                             options=options)
        finally:
            if translator is not None:
                translator.close()
        out[lang] = tuple({**f, **s} for f, s in zip(fresh, stored))
    return out


@dataclass(frozen=True)
class FilterResult:
    """What :func:`filter_rows` kept and dropped.

    Attributes:
        kept: rows passing every check, in order.
        dropped: ``(row number, reasons)`` for each dropped row; a reason is ``check:lang``.
        counts: reason (without the language) -> rows dropped for it (a row may count twice).
    """

    kept: tuple[Row, ...]
    dropped: tuple[tuple[int, tuple[str, ...]], ...]
    counts: Mapping[str, int] = field(default_factory=dict)


def filter_rows(rows: Sequence[Row], scores: Mapping[str, Sequence[Mapping[str, float]]],
                thresholds: Thresholds) -> FilterResult:
    """Keep the rows whose every target language passes ``thresholds``.

    Raises:
        InputError: no threshold is enabled (filtering would silently keep everything).
    """
    thresholds.require_active()
    kept, dropped, counts = [], [], Counter[str]()
    for i, row in enumerate(rows):
        reasons = tuple(f"{reason}:{lang}" for lang, per_seg in scores.items()
                        for reason in problems(per_seg[i], thresholds))
        if reasons:
            dropped.append((i, reasons))
            counts.update({r.split(":")[0] for r in reasons})
        else:
            kept.append(row)
    return FilterResult(tuple(kept), tuple(dropped), dict(counts))
