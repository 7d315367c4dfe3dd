"""Inline SVG charts: no library, no network, bounded size whatever the document length."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

#: at most this many points per line: long documents are averaged into bins.
MAX_POINTS = 600
#: at most this many flagged markers per chart (the rest are still flagged in the table).
MAX_MARKERS = 400


def _esc(text: object) -> str:
    return html.escape(str(text))


def bars(title: str, values: Mapping[str, float | None], *, unit: str = "", vmax: float | None = None,
         fmt: str = "{:.1f}", css: str = "chart bars") -> str:
    """A horizontal bar chart, one bar per language (missing values are shown as ``-``)."""
    present = [v for v in values.values() if v is not None]
    top = vmax if vmax is not None else max(present + [1e-9])
    row_h, label_w, bar_w = 18, 34, 150
    h = 22 + row_h * len(values)
    parts = [f'<svg class="{css}" role="img" viewBox="0 0 {label_w + bar_w + 56} {h}" '
             f'width="{label_w + bar_w + 56}" height="{h}"><title>{_esc(title)}</title>',
             f'<text class="ct" x="0" y="13">{_esc(title)}</text>']
    for k, (lang, v) in enumerate(values.items()):
        y = 20 + k * row_h
        parts.append(f'<text class="lbl" x="0" y="{y + 12}">{_esc(lang)}</text>')
        if v is None:
            parts.append(f'<text class="val" x="{label_w}" y="{y + 12}">-</text>')
            continue
        w = max(0.0, min(1.0, v / top if top else 0.0)) * bar_w
        parts.append(f'<rect class="bar" data-lang="{_esc(lang)}" x="{label_w}" y="{y + 2}" width="{w:.1f}" '
                     f'height="{row_h - 5}"><title>{_esc(lang)}: {fmt.format(v)}{unit}</title></rect>')
        parts.append(f'<text class="val" x="{label_w + w + 4:.1f}" y="{y + 12}">{fmt.format(v)}{unit}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _bins(values: Sequence[float | None]) -> list[tuple[int, float]]:
    """(first index, mean) per bin, so a line never has more than :data:`MAX_POINTS` points."""
    size = max(1, -(-len(values) // MAX_POINTS))
    out = []
    for start in range(0, len(values), size):
        chunk = [v for v in values[start:start + size] if v is not None]
        if chunk:
            out.append((start, sum(chunk) / len(chunk)))
    return out


def strip(title: str, lang: str, values: Sequence[float | None], flagged: Sequence[tuple[int, str]], *,
          lo: float, hi: float, ref: float | None = None) -> str:
    """A line of one per-segment score along the document, flagged segments as linked red dots.

    Args:
        title: chart title.
        lang: the language (for ``data-lang``).
        values: one value per segment (``None`` where absent); clipped to ``[lo, hi]``.
        flagged: ``(segment index, reasons)`` to mark; each mark links to the row ``#s<index>``.
        lo, hi: the y range.
        ref: a reference level drawn as a dashed line (e.g. 0 for length z).
    """
    w, h, pad = 360, 90, 18
    n = max(len(values), 1)

    def x(i: float) -> float:
        return pad + (w - 2 * pad) * (i / max(n - 1, 1))

    def y(v: float) -> float:
        v = min(max(v, lo), hi)
        return h - pad - (h - 2 * pad) * ((v - lo) / (hi - lo or 1))

    pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in _bins(values))
    parts = [f'<svg class="chart strip" data-lang="{_esc(lang)}" role="img" viewBox="0 0 {w} {h}" width="{w}" '
             f'height="{h}"><title>{_esc(title)}</title>',
             f'<text class="ct" x="{pad}" y="12">{_esc(title)}</text>',
             f'<line class="axis" x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}"/>',
             f'<text class="tick" x="2" y="{y(hi) + 4:.1f}">{hi:g}</text>',
             f'<text class="tick" x="2" y="{y(lo) + 4:.1f}">{lo:g}</text>',
             f'<text class="tick" x="{w - pad}" y="{h - 4}" text-anchor="end">{len(values)}</text>']
    if ref is not None:
        parts.append(f'<line class="ref" x1="{pad}" y1="{y(ref):.1f}" x2="{w - pad}" y2="{y(ref):.1f}"/>')
    parts.append(f'<polyline class="line" points="{pts}"/>')
    for i, why in flagged[:MAX_MARKERS]:
        v = values[i] if i < len(values) and values[i] is not None else lo
        parts.append(f'<a href="#s{i}"><circle class="flag" cx="{x(i):.1f}" cy="{y(v):.1f}" r="3">'  # type: ignore[arg-type]
                     f'<title>#{i}: {_esc(why)}</title></circle></a>')
    parts.append("</svg>")
    return "".join(parts)
