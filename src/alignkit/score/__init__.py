"""Quality scores: sacrebleu metrics with references, reference-free estimation without.

- :func:`score` / :func:`compare`: BLEU, chrF, chrF++, TER (registry :data:`METRICS`), corpus and
  per segment, with sacrebleu's signature; paired bootstrap between two systems.
- :func:`estimate` / :func:`summarize`: reference-free signals per segment and per language.
- :func:`score_rows` / :func:`filter_rows`: the same over corpus files, and threshold filtering.
- :func:`make_signature` / :func:`signature_from_meta`: what produced the text being scored.

Nothing is loaded at import: sacrebleu and the language-identification model load on first use.
"""

from alignkit.score.corpus import (
    FilterResult,
    filter_rows,
    score_rows,
    summarize_corpus,
)
from alignkit.score.flags import FLAG_THRESHOLDS, REASONS, Thresholds, problems
from alignkit.score.metrics import (
    METRICS,
    Comparison,
    MetricScore,
    compare,
    metric_names,
    score,
)
from alignkit.score.qe import QEOptions, estimate, summarize
from alignkit.score.signature import make_signature, signature_from_meta

__all__ = [
    "FLAG_THRESHOLDS", "METRICS", "REASONS", "Comparison", "FilterResult", "MetricScore", "QEOptions",
    "Thresholds", "compare", "estimate", "filter_rows", "make_signature", "metric_names", "problems",
    "score", "score_rows", "signature_from_meta", "summarize", "summarize_corpus",
]
