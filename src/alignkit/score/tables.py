"""Readable fixed-width tables of scores for people (``--json`` gives machines the same data)."""

from __future__ import annotations

from collections.abc import Mapping

from alignkit.score.metrics import Comparison, MetricScore

#: summary columns shown for reference-free scores: (key, header, how to show it).
QUALITY_COLUMNS = (
    ("segments", "segs", "{:.0f}"),
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


def _cell(value: float | None, fmt: str) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.1f}" if fmt == "pct" else fmt.format(value)


def reference_table(results: Mapping[str, MetricScore], signature: str = "") -> str:
    """One line per metric with its corpus score and sacrebleu signature."""
    lines = [f"{'metric':<8} {'score':>7}  sacrebleu signature"]
    lines += [f"{name:<8} {r.score:>7.2f}  {r.signature}" for name, r in results.items()]
    if signature:
        lines.append(f"alignkit signature: {signature}")
    return "\n".join(lines)


def comparison_table(results: Mapping[str, Comparison]) -> str:
    """Paired bootstrap: baseline and system with 95 % intervals, and the p-value."""
    lines = [f"{'metric':<8} {'baseline':>16} {'system':>16} {'p':>7}"]
    for name, c in results.items():
        lines.append(f"{name:<8} {c.baseline:>8.2f} ±{c.baseline_ci:>5.2f}  {c.system:>8.2f} ±{c.system_ci:>5.2f}"
                     f" {c.p_value:>7.4f}" + ("  *" if c.p_value < 0.05 else ""))
    sig = next(iter(results.values())).signature if results else ""
    lines.append(f"(* p < 0.05; paired bootstrap, {sig})")
    return "\n".join(lines)


def quality_table(summaries: Mapping[str, Mapping[str, float]],
                  signatures: Mapping[str, str] | None = None) -> str:
    """Reference-free summaries, one line per language; columns with no data are left out."""
    cols = [c for c in QUALITY_COLUMNS if any(c[0] in s for s in summaries.values())]
    header = f"{'lang':<5}" + "".join(f" {h:>8}" for _, h, _ in cols)
    lines = [header, "-" * len(header)]
    for lang, s in summaries.items():
        lines.append(f"{lang:<5}" + "".join(f" {_cell(s.get(k), f):>8}" for k, _, f in cols))
    for lang, sig in (signatures or {}).items():
        lines.append(f"{lang}: {sig}")
    return "\n".join(lines)


def filter_table(total: int, kept: int, counts: Mapping[str, int]) -> str:
    """Kept/dropped counts, and rows dropped per reason (a row can fail several checks)."""
    lines = [f"rows: {total}  kept: {kept}  dropped: {total - kept}"]
    lines += [f"  {reason:<12} {n:>6}" for reason, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines)
