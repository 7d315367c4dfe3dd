"""What ``alignkit score`` computes for one input, as plain data the CLI prints.

:func:`score_input` runs the modes the request asks for, in this order: reference-based metrics
(with a reference file), a paired comparison with a second system (on the same references) and
reference-free quality (without references, or with a source file).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alignkit.errors import InputError
from alignkit.score import tables
from alignkit.score.inputs import Loaded, load, read_lines, target_column
from alignkit.score.metrics import Comparison, MetricScore, compare, metric_names, score
from alignkit.score.quality import QualityScores, quality
from alignkit.score.signature import make_signature, row_signatures


@dataclass(frozen=True)
class ScoreRequest:
    """What to score and how; the fields mirror ``alignkit score``'s options.

    Attributes:
        ref: reference file, one segment per line (reference-based scores).
        src: source file, one segment per line (reference-free scores of plain text).
        compare_to: a second system scored against the first on ``ref`` (paired bootstrap).
        metrics: comma-separated metric names.
        lang: language of plain text, or the corpus column scored against ``ref``.
        src_lang: source language (default: from names or the corpus).
        langs: column languages of a Moses prefix or unnamed TSV.
        fmt: corpus format of the inputs (default: from the names).
        engine: translate back with this engine for round-trip chrF.
        segments: keep per-segment scores in the report.
    """

    ref: Path | None = None
    src: Path | None = None
    compare_to: Path | None = None
    metrics: str = "bleu,chrf,ter"
    lang: str | None = None
    src_lang: str | None = None
    langs: Sequence[str] | None = None
    fmt: str | None = None
    engine: str | None = None
    segments: bool = False


@dataclass(frozen=True)
class ReferenceScores:
    """Reference-based metrics of one column: language, metric -> score, alignkit signature."""

    lang: str
    results: dict[str, MetricScore]
    signature: str


@dataclass(frozen=True)
class SystemComparison:
    """Paired bootstrap of a second system (``system``, its path) against the scored one."""

    system: str
    results: dict[str, Comparison]


@dataclass(frozen=True)
class ScoreReport:
    """Everything ``alignkit score`` found; absent parts were not asked for."""

    hypothesis: str
    segments: bool = False
    reference: ReferenceScores | None = None
    comparison: SystemComparison | None = None
    quality: QualityScores | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view (per-segment scores only when the request kept them)."""
        out: dict[str, Any] = {"hypothesis": self.hypothesis}
        if self.reference:
            out.update(lang=self.reference.lang,
                       reference={k: v.to_dict(self.segments) for k, v in self.reference.results.items()},
                       signature=self.reference.signature)
        if self.comparison:
            out["compare"] = {"system": self.comparison.system,
                              **{k: v.to_dict() for k, v in self.comparison.results.items()}}
        if self.quality:
            out["quality"] = self.quality.summaries
            if self.quality.signatures:
                out["signatures"] = self.quality.signatures
            if self.segments:
                out["quality_segments"] = self.quality.segments
        return out

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """Fixed-width tables for people, one block per part."""
        text = []
        if self.reference:
            text.append(tables.reference_table(self.reference.results, self.reference.signature))
        if self.comparison:
            labels = (Path(self.hypothesis).name, Path(self.comparison.system).name)
            if labels[0] == labels[1]:
                labels = (self.hypothesis, self.comparison.system)
            text.append(tables.comparison_table(self.comparison.results, labels))
        if self.quality:
            text.append(tables.quality_table(self.quality.summaries, self.quality.signatures))
        return "\n\n".join(text)


def _column(loaded: Loaded, lang: str | None, what: str) -> str:
    """The column to score: plain text has one, whatever ``lang`` says."""
    return target_column(loaded, lang if loaded.kind != "lines" else None, what)


def reference_scores(loaded: Loaded, lang: str, refs: Sequence[str], metrics: Sequence[str], *,
                     segments: bool = False) -> ReferenceScores:
    """Score the ``lang`` column of ``loaded`` against ``refs``, signed with what produced it.

    Raises:
        InputError: the column is not line-parallel with ``refs``.
    """
    results = score(loaded.column(lang), refs, metrics, segments=segments)
    sig = row_signatures(loaded.meta, loaded.rows, [lang])[lang] if loaded.kind != "lines" else make_signature()
    return ReferenceScores(lang, results, sig)


def score_input(hyp: str | Path, request: ScoreRequest = ScoreRequest()) -> ScoreReport:
    """Score ``hyp`` (plain lines, a corpus file, a Moses prefix or a run directory) as ``request`` asks.

    Raises:
        InputError: contradictory or missing options, unreadable or malformed inputs.
        UnknownNameError: an unknown metric or engine.
    """
    r = request
    names = metric_names(r.metrics)
    if r.compare_to and not r.ref:
        raise InputError("--compare needs --ref (both systems are scored on the same references)")
    loaded = load(hyp, fmt=r.fmt, langs=r.langs, lang=r.lang)
    if loaded.kind == "lines" and not r.ref and not r.src:
        raise InputError(f"{hyp}: plain text needs --ref REF (reference-based) or --src SRC (reference-free)")
    ref = comparison = qual = None
    if r.ref:
        tgt = _column(loaded, r.lang, str(hyp))
        refs = read_lines(r.ref)
        ref = reference_scores(loaded, tgt, refs, names, segments=r.segments)
        if r.compare_to:
            other = load(r.compare_to, fmt=r.fmt, langs=r.langs, lang=r.lang)
            system = other.column(_column(other, r.lang, str(r.compare_to)))
            comparison = SystemComparison(str(r.compare_to), compare(loaded.column(tgt), system, refs, names))
    if (loaded.kind != "lines" and not r.ref) or r.src:
        qual = quality(loaded, src_lines=r.src, src_lang=r.src_lang, lang=r.lang, engine=r.engine)
    return ScoreReport(str(hyp), r.segments, ref, comparison, qual)
