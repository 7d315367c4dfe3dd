"""Reference-based metrics through sacrebleu's Python API, behind a registry.

Every result carries sacrebleu's own signature (tokenizer, smoothing, version...) so two
numbers are only compared when their signatures agree; alignkit adds its own signature
(engine, route, glossary...) in :mod:`alignkit.score.signature`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from alignkit.errors import InputError, UnknownNameError
from alignkit.registry import Registry

#: metric name -> ``"module:factory"``; a factory returns fresh sacrebleu metric objects as a
#: ``(corpus metric, sentence metric)`` pair (they differ only for BLEU: effective order per sentence).
METRICS: Registry[Any] = Registry(
    "metric",
    {
        "bleu": "alignkit.score.metrics:make_bleu",
        "chrf": "alignkit.score.metrics:make_chrf",
        "chrf++": "alignkit.score.metrics:make_chrf_pp",
        "ter": "alignkit.score.metrics:make_ter",
    },
)

DEFAULT_METRICS = ("bleu", "chrf", "ter")


def make_bleu() -> Any:
    """sacrebleu BLEU with its defaults (13a tokenizer, exp smoothing); effective order for sentences."""
    from sacrebleu.metrics import BLEU

    return BLEU(), BLEU(effective_order=True)


def make_chrf() -> Any:
    """sacrebleu chrF (character 6-grams, beta 2)."""
    from sacrebleu.metrics import CHRF

    metric = CHRF()
    return metric, metric


def make_chrf_pp() -> Any:
    """sacrebleu chrF++ (chrF plus word bigrams)."""
    from sacrebleu.metrics import CHRF

    metric = CHRF(word_order=2)
    return metric, metric


def make_ter() -> Any:
    """sacrebleu TER (lower is better)."""
    from sacrebleu.metrics import TER

    metric = TER()
    return metric, metric


@dataclass(frozen=True)
class MetricScore:
    """A corpus score with its per-segment scores and sacrebleu signature.

    Attributes:
        metric: registry name (``bleu``, ``chrf``, ``chrf++``, ``ter``).
        score: the corpus-level score (not an average of segment scores).
        signature: sacrebleu's signature string for ``score``.
        segments: one sentence-level score per hypothesis.
        text: sacrebleu's formatted score line (e.g. ``BLEU = 17.2 52.1/...``).
    """

    metric: str
    score: float
    signature: str
    segments: tuple[float, ...]
    text: str

    def to_dict(self, with_segments: bool = False) -> dict[str, Any]:
        """JSON-ready view; per-segment scores only when asked (they can be long)."""
        out: dict[str, Any] = {"score": round(self.score, 4), "signature": self.signature, "text": self.text}
        if with_segments:
            out["segments"] = [round(s, 4) for s in self.segments]
        return out


def metric_names(names: str | Sequence[str]) -> tuple[str, ...]:
    """Validate ``"bleu,chrf"`` (or a list) against :data:`METRICS`.

    Raises:
        UnknownNameError: a name is not registered; the message lists the valid ones.
    """
    items = [n.strip().lower() for n in (names.split(",") if isinstance(names, str) else names) if n.strip()]
    if not items:
        raise UnknownNameError(f"no metric given; choose from: {', '.join(METRICS.names())}")
    for name in items:
        METRICS.get(name)  # raises with the list of valid names
    return tuple(dict.fromkeys(items))


def _check_parallel(hyps: Sequence[str], refs: Sequence[str], what: str = "hypothesis") -> None:
    if len(hyps) != len(refs):
        raise InputError(f"{what} has {len(hyps)} lines but the reference has {len(refs)}; they must be line-parallel")
    if not hyps:
        raise InputError("nothing to score: no segments")


def score(hyps: Sequence[str], refs: Sequence[str], metrics: Sequence[str] = DEFAULT_METRICS,
          *, segments: bool = True) -> dict[str, MetricScore]:
    """Corpus (and per-segment) scores of ``hyps`` against one reference each.

    Args:
        hyps: system outputs, one per segment.
        refs: references, parallel to ``hyps``.
        metrics: registry names.
        segments: also compute sentence-level scores (slower for large files).

    Raises:
        InputError: the lists differ in length or are empty.
        UnknownNameError: an unknown metric.
    """
    _check_parallel(hyps, refs)
    hyps, refs = list(hyps), list(refs)
    out: dict[str, MetricScore] = {}
    for name in metric_names(metrics):
        corpus_metric, sentence_metric = METRICS.get(name)()
        result = corpus_metric.corpus_score(hyps, [refs])
        per_seg = tuple(sentence_metric.sentence_score(h, [r]).score for h, r in zip(hyps, refs)) if segments else ()
        out[name] = MetricScore(name, float(result.score), str(corpus_metric.get_signature()), per_seg, str(result))
    return out


@dataclass(frozen=True)
class Comparison:
    """Paired bootstrap resampling of system B against baseline A for one metric.

    Attributes:
        metric: registry name.
        baseline, system: corpus scores of A and B.
        baseline_ci, system_ci: 95 % confidence half-widths from the bootstrap.
        p_value: probability of a difference this large by chance (low means B really differs).
        signature: sacrebleu's signature including the bootstrap settings.
    """

    metric: str
    baseline: float
    system: float
    baseline_ci: float
    system_ci: float
    p_value: float
    signature: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def compare(baseline: Sequence[str], system: Sequence[str], refs: Sequence[str],
            metrics: Sequence[str] = DEFAULT_METRICS, *, n_samples: int = 1000) -> dict[str, Comparison]:
    """sacrebleu's paired bootstrap test of ``system`` against ``baseline`` on the same references.

    The resampling seed is sacrebleu's (12345 unless ``SACREBLEU_SEED`` says otherwise) and is
    part of the signature, so repeated runs agree.
    """
    from sacrebleu.significance import PairedTest

    _check_parallel(baseline, refs, "baseline")
    _check_parallel(system, refs, "system")
    objs: Mapping[str, Any] = {name: METRICS.get(name)()[0] for name in metric_names(metrics)}
    test = PairedTest([("baseline", list(baseline)), ("system", list(system))], dict(objs),
                      references=[list(refs)], test_type="bs", n_samples=n_samples)
    sigs, results = test()
    out = {}
    # PairedTest keys its results by sacrebleu's display name (BLEU, chrF2...); map them back
    # in insertion order, which PairedTest keeps.
    keys = [k for k in results if k != "System"]
    for name, key in zip(objs, keys):
        base, sys_ = results[key]
        out[name] = Comparison(name, float(base.score), float(sys_.score), float(base.ci or 0.0),
                               float(sys_.ci or 0.0), float(sys_.p_value), str(sigs[key]))
    return out
