"""Readable fixed-width tables of scores for people (``--json`` gives machines the same data)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from alignkit.score.metrics import Comparison, MetricScore

#: The one definition of the per-language summary table of ``score`` and ``run``:
#: (key in a summary, header, how to show it). A column is shown when any language has its key;
#: a language without data for a shown column gets ``n/a``.
SUMMARY_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("segments", "segs", "{:.0f}"),
    ("engine", "engine", "text"),
    ("route", "route", "text"),
    ("seconds", "time", "{:.1f}s"),
    ("unknown_rate", "unk%", "pct"),
    ("length_ratio", "len", "{:.2f}"),
    ("length_outliers", "len-out", "{:.0f}"),
    ("copies", "copies", "{:.0f}"),
    ("lang_prob", "lang", "{:.2f}"),
    ("wrong_lang", "wrong", "{:.0f}"),
    ("roundtrip_chrf", "rt-chrF", "{:.1f}"),
    ("confidence", "conf", "{:.3f}"),
    ("cost", "cost", "{:.3f}"),
    ("term_accuracy", "terms%", "pct"),
    ("flagged", "flagged", "{:.0f}"),
)
#: Kept for callers of the old name: the same columns.
QUALITY_COLUMNS = SUMMARY_COLUMNS
#: Shown for a value that is not there (the input has no such data, e.g. unknown words in a TSV).
MISSING = "n/a"


def _cell(value: object, fmt: str) -> str:
    if value is None:
        return MISSING
    if fmt == "text":
        return ">".join(value) if isinstance(value, (list, tuple)) else str(value)
    if not isinstance(value, (int, float)):
        return MISSING
    return f"{100 * value:.1f}" if fmt == "pct" else fmt.format(value)


def summary_table(summaries: Mapping[str, Mapping[str, object]],
                  columns: Sequence[tuple[str, str, str]] = SUMMARY_COLUMNS) -> list[str]:
    """Per-language summary lines (header, rule, one line per language) in :data:`SUMMARY_COLUMNS`.

    Args:
        summaries: language -> summary (``alignkit.score.qe.summarize`` keys, plus ``engine``,
            ``route`` and ``seconds`` where a run knows them).
        columns: the columns to consider, in order.
    """
    cols = [c for c in columns if any(c[0] in s for s in summaries.values())]
    widths = [max(len(h), 8 if f != "text" else 6, *(len(_cell(s.get(k), f)) for s in summaries.values()))
              for k, h, f in cols]
    header = f"{'lang':<5}" + "".join(f" {h:>{w}}" for (_, h, _), w in zip(cols, widths))
    lines = [header, "-" * len(header)]
    for lang, s in summaries.items():
        lines.append(f"{lang:<5}" + "".join(f" {_cell(s.get(k), f):>{w}}" for (k, _, f), w in zip(cols, widths)))
    return lines


def reference_table(results: Mapping[str, MetricScore], signature: str = "") -> str:
    """One line per metric with its corpus score and sacrebleu signature."""
    lines = [f"{'metric':<8} {'score':>7}  sacrebleu signature"]
    lines += [f"{name:<8} {r.score:>7.2f}  {r.signature}" for name, r in results.items()]
    if signature:
        lines.append(f"alignkit signature: {signature}")
    return "\n".join(lines)


def comparison_table(results: Mapping[str, Comparison], labels: tuple[str, str] = ("baseline", "system")) -> str:
    """Paired bootstrap: both systems (named by ``labels``, e.g. their file names) with 95 % intervals, and p."""
    w = max(16, *(len(x) for x in labels))
    lines = [f"{'metric':<8} {labels[0]:>{w}} {labels[1]:>{w}} {'p':>7}"]
    for name, c in results.items():
        first = f"{c.baseline:.2f} ±{c.baseline_ci:>5.2f}"
        second = f"{c.system:.2f} ±{c.system_ci:>5.2f}"
        lines.append(f"{name:<8} {first:>{w}} {second:>{w}} {c.p_value:>7.4f}" + ("  *" if c.p_value < 0.05 else ""))
    sig = next(iter(results.values())).signature if results else ""
    lines.append(f"(* p < 0.05; paired bootstrap, {sig})")
    return "\n".join(lines)


def quality_table(summaries: Mapping[str, Mapping[str, object]],
                  signatures: Mapping[str, str] | None = None) -> str:
    """Reference-free summaries, one line per language (:func:`summary_table`), then signatures."""
    lines = summary_table(summaries)
    for lang, sig in (signatures or {}).items():
        lines.append(f"{lang}: {sig}")
    return "\n".join(lines)


def filter_table(total: int, kept: int, counts: Mapping[str, int]) -> str:
    """Kept/dropped counts, and rows dropped per reason (a row can fail several checks)."""
    lines = [f"rows: {total}  kept: {kept}  dropped: {total - kept}"]
    lines += [f"  {reason:<12} {n:>6}" for reason, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines)
