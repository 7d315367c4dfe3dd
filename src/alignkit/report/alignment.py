"""The report of a sentence alignment: a source-index vs target-index plot and the non-1:1 beads."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from alignkit.errors import InputError
from alignkit.report.page import page
from alignkit.types import Alignment, Bead

_esc = html.escape

#: bead kind -> colour; anything else (2:2, 3:1...) is drawn in the "other" colour.
COLOURS = {"1:1": "#4f6bed", "1:2": "#12805c", "2:1": "#f79009", "1:0": "#d92d20", "0:1": "#d92d20"}
OTHER = "#7a5af8"
#: smallest drawn side of a bead that is not 1:1, in pixels: a deletion in a long document must stay visible.
MIN_ODD_PX = 5.0

#: the alignment page's own rules: two equal text columns in the bead table, non-1:1 rows tinted.
_CSS = """
table.beads{width:calc(100% - 40px);table-layout:fixed}
table.beads th:nth-child(1){width:4.5em}table.beads th:nth-child(2){width:4.5em}
.chart .bead.odd{stroke:#1d2330;stroke-width:.6}
.row.has-flag{background:#fff6f5}.row.has-flag .num a{color:var(--bad);font-weight:600}
.empty{color:var(--mute);font-style:italic}
"""


def check_alignment(alignment: Alignment, n_src: int, n_tgt: int, source: str = "alignment") -> None:
    """Check that every index of ``alignment`` names a sentence (``n_src`` source, ``n_tgt`` target).

    A ladder read against the wrong files (or against running text that was segmented for
    ``align --segment`` but not here) would otherwise render a plausible but wrong report.

    Raises:
        InputError: the first bead with an index out of range, numbered from 1 like a ladder line.
    """
    for number, bead in enumerate(alignment.beads, 1):
        for side, ids, n in (("source", bead.src, n_src), ("target", bead.tgt, n_tgt)):
            bad = [i for i in ids if not 0 <= i < n]
            if bad:
                raise InputError(f"{source}: bead {number} names {side} sentence {bad[0]}, but there are only "
                                 f"{n} {side} sentences (wrong files, or aligned with --segment?)")


def _plot(alignment: Alignment, n_src: int, n_tgt: int) -> str:
    size, pad = 520, 36
    sx = (size - 2 * pad) / max(n_src, 1)
    sy = (size - 2 * pad) / max(n_tgt, 1)
    parts = [(f'<svg class="chart align" role="img" viewBox="0 0 {size} {size}" width="{size}" height="{size}">'
              f'<title>alignment: source index (x) vs target index (y)</title>'),
             f'<line class="axis" x1="{pad}" y1="{size - pad}" x2="{size - pad}" y2="{size - pad}"/>',
             f'<line class="axis" x1="{pad}" y1="{pad}" x2="{pad}" y2="{size - pad}"/>',
             f'<text class="tick" x="{size / 2}" y="{size - 8}" text-anchor="middle">source sentence ({n_src})</text>',
             (f'<text class="tick" x="10" y="{size / 2}" transform="rotate(-90 10 {size / 2})" '
              f'text-anchor="middle">target sentence ({n_tgt})</text>'),
             f'<text class="tick" x="{pad}" y="{size - pad + 12}" text-anchor="middle">0</text>',
             f'<text class="tick" x="{size - pad}" y="{size - pad + 12}" text-anchor="middle">{n_src}</text>',
             f'<text class="tick" x="{pad - 4}" y="{pad + 3}" text-anchor="end">0</text>',
             f'<text class="tick" x="{pad - 4}" y="{size - pad + 3}" text-anchor="end">{n_tgt}</text>']
    # Target index grows downwards from the top-left corner, like reading both texts.
    src_pos = tgt_pos = 0
    for k, bead in enumerate(alignment.beads):
        s0 = min(bead.src) if bead.src else src_pos
        t0 = min(bead.tgt) if bead.tgt else tgt_pos
        w, h = max(len(bead.src), 0.25), max(len(bead.tgt), 0.25)
        colour = COLOURS.get(bead.kind, OTHER)
        # 1:1 beads only need to trace the path; the others are what a reader looks for.
        least, cls = (1.2, "bead") if bead.kind == "1:1" else (MIN_ODD_PX, "bead odd")
        parts.append(f'<a href="#b{k}"><rect class="{cls}" data-kind="{bead.kind}" x="{pad + s0 * sx:.2f}" '
                     f'y="{pad + t0 * sy:.2f}" width="{max(w * sx, least):.2f}" height="{max(h * sy, least):.2f}" '
                     f'fill="{colour}"><title>{bead.kind} src {list(bead.src)} tgt {list(bead.tgt)} '
                     f'cost {bead.cost:.3f}</title></rect></a>')
        src_pos = (max(bead.src) + 1) if bead.src else src_pos
        tgt_pos = (max(bead.tgt) + 1) if bead.tgt else tgt_pos
    parts.append("</svg>")
    return "".join(parts)


def _texts(lines: Sequence[str], ids: Sequence[int]) -> str:
    return ("<br>".join(f'<span class="sub">{i}</span> {_esc(lines[i])}' for i in ids if 0 <= i < len(lines))
            or '<span class="empty">— nothing on this side</span>')


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
    rows = "".join(f'<div class="row{"" if b.kind == "1:1" else " has-flag"}" id="b{k}"><div class="num"><a href="#b{k}">{b.kind}</a></div>'
                   f'<div class="cell" data-lang="{_esc(src_lang)}">{_texts(src, b.src)}</div>'
                   f'<div class="cell" data-lang="{_esc(tgt_lang)}">{_texts(tgt, b.tgt)}</div></div>'
                   for k, b in enumerate(alignment.beads))
    body = (f'<header><h1>{_esc(title)}</h1><div class="sub">{len(src)} {_esc(src_lang)} sentences · '
            f'{len(tgt)} {_esc(tgt_lang)} sentences · {len(alignment.beads)} beads · {len(odd)} not 1:1</div>'
            f'</header><h2>Alignment plot</h2><div class="charts">{_plot(alignment, len(src), len(tgt))}'
            f'<div class="sub">{legend}</div></div>'
            f'<h2>Beads that are not 1:1 ({len(odd)})</h2><table class="beads"><tr><th>type</th><th>cost</th>'
            f'<th>{_esc(src_lang)}</th><th>{_esc(tgt_lang)}</th></tr>{odd_rows}</table>'
            f'<h2>All beads</h2><div class="controls"><label><input type="checkbox" id="only-flagged"> only beads '
            f'that are not 1:1</label></div>'
            f'<div class="doc" data-ncols="2" style="--ncols:2">{rows}</div>')
    return page(title, body, _CSS)
