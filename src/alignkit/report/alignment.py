"""The report of a sentence alignment: a source-index vs target-index plot and the non-1:1 beads."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from alignkit.report.page import page
from alignkit.types import Alignment, Bead

_esc = html.escape

#: bead kind -> colour; anything else (2:2, 3:1...) is drawn in the "other" colour.
COLOURS = {"1:1": "#4f6bed", "1:2": "#12805c", "2:1": "#f79009", "1:0": "#d92d20", "0:1": "#d92d20"}
OTHER = "#7a5af8"


def _plot(alignment: Alignment, n_src: int, n_tgt: int) -> str:
    size, pad = 520, 36
    sx = (size - 2 * pad) / max(n_src, 1)
    sy = (size - 2 * pad) / max(n_tgt, 1)
    parts = [f'<svg class="chart align" role="img" viewBox="0 0 {size} {size}" width="{size}" height="{size}">'
             f'<title>alignment: source index (x) vs target index (y)</title>',
             f'<line class="axis" x1="{pad}" y1="{size - pad}" x2="{size - pad}" y2="{size - pad}"/>',
             f'<line class="axis" x1="{pad}" y1="{pad}" x2="{pad}" y2="{size - pad}"/>',
             f'<text class="tick" x="{size / 2}" y="{size - 8}" text-anchor="middle">source sentence ({n_src})</text>',
             f'<text class="tick" x="10" y="{size / 2}" transform="rotate(-90 10 {size / 2})" '
             f'text-anchor="middle">target sentence ({n_tgt})</text>']
    # Target index grows downwards from the top-left corner, like reading both texts.
    src_pos = tgt_pos = 0
    for k, bead in enumerate(alignment.beads):
        s0 = min(bead.src) if bead.src else src_pos
        t0 = min(bead.tgt) if bead.tgt else tgt_pos
        w, h = max(len(bead.src), 0.25), max(len(bead.tgt), 0.25)
        colour = COLOURS.get(bead.kind, OTHER)
        parts.append(f'<a href="#b{k}"><rect class="bead" data-kind="{bead.kind}" x="{pad + s0 * sx:.2f}" '
                     f'y="{pad + t0 * sy:.2f}" width="{max(w * sx, 1.2):.2f}" height="{max(h * sy, 1.2):.2f}" '
                     f'fill="{colour}"><title>{bead.kind} src {list(bead.src)} tgt {list(bead.tgt)} '
                     f'cost {bead.cost:.3f}</title></rect></a>')
        src_pos = (max(bead.src) + 1) if bead.src else src_pos
        tgt_pos = (max(bead.tgt) + 1) if bead.tgt else tgt_pos
    parts.append("</svg>")
    return "".join(parts)


def _texts(lines: Sequence[str], ids: Sequence[int]) -> str:
    return "<br>".join(f'<span class="sub">{i}</span> {_esc(lines[i])}' for i in ids if 0 <= i < len(lines)) or "—"


def render_alignment(src: Sequence[str], tgt: Sequence[str], alignment: Alignment, *, src_lang: str = "src",
                     tgt_lang: str = "tgt", title: str = "alignkit alignment report") -> str:
    """One self-contained HTML page for an alignment of ``src`` to ``tgt`` sentences.

    The plot puts source index on x and target index on y, one rectangle per bead coloured by
    type; every non-1:1 bead is listed with its sentences, and the full alignment follows
    (rows render lazily, so long documents stay responsive).
    """
    kinds = Counter(b.kind for b in alignment.beads)
    legend = " ".join(f'<span style="color:{COLOURS.get(k, OTHER)}">■</span> {k} × {n}'
                      for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    odd: list[tuple[int, Bead]] = [(k, b) for k, b in enumerate(alignment.beads) if b.kind != "1:1"]
    odd_rows = "".join(f'<tr><td><a href="#b{k}">{b.kind}</a></td><td>{b.cost:.3f}</td>'
                       f'<td lang="{_esc(src_lang)}">{_texts(src, b.src)}</td>'
                       f'<td lang="{_esc(tgt_lang)}">{_texts(tgt, b.tgt)}</td></tr>' for k, b in odd)
    rows = "".join(f'<div class="row" id="b{k}"><div class="num"><a href="#b{k}">{b.kind}</a></div>'
                   f'<div class="cell" data-lang="{_esc(src_lang)}">{_texts(src, b.src)}</div>'
                   f'<div class="cell" data-lang="{_esc(tgt_lang)}">{_texts(tgt, b.tgt)}</div></div>'
                   for k, b in enumerate(alignment.beads))
    body = (f'<header><h1>{_esc(title)}</h1><div class="sub">{len(src)} {_esc(src_lang)} sentences · '
            f'{len(tgt)} {_esc(tgt_lang)} sentences · {len(alignment.beads)} beads · {len(odd)} not 1:1</div>'
            f'</header><h2>Alignment plot</h2><div class="charts">{_plot(alignment, len(src), len(tgt))}'
            f'<div class="sub">{legend}</div></div>'
            f'<h2>Beads that are not 1:1 ({len(odd)})</h2><table class="beads"><tr><th>type</th><th>cost</th>'
            f'<th>{_esc(src_lang)}</th><th>{_esc(tgt_lang)}</th></tr>{odd_rows}</table>'
            f'<h2>All beads</h2><div class="doc" data-ncols="2" style="--ncols:2">{rows}</div>')
    return page(title, body)
