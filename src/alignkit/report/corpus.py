"""The report of a run: summary, charts and the document side by side in every language."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from alignkit import langs as langcodes
from alignkit.report.marks import Mark, find, highlight
from alignkit.report.page import page
from alignkit.report.svg import bars, strip
from alignkit.score.flags import FLAG_THRESHOLDS, Thresholds, problems
from alignkit.score.qe import estimate
from alignkit.score.signature import signature_from_meta
from alignkit.types import Corpus, TermCheck, Translation

if TYPE_CHECKING:
    from alignkit.corpus.records import DocumentInfo

_esc = html.escape

#: summary table columns: (summary key, header, format); "pct" shows a fraction as a percentage.
_SUMMARY_COLS = (
    ("segments", "segments", "{:.0f}"), ("unknown_rate", "unknown %", "pct"), ("with_unknown", "with unk.", "{:.0f}"),
    ("length_ratio", "length ratio", "{:.2f}"), ("length_outliers", "length out.", "{:.0f}"),
    ("copies", "copies", "{:.0f}"), ("lang_prob", "lang prob", "{:.2f}"), ("wrong_lang", "wrong lang", "{:.0f}"),
    ("roundtrip_chrf", "round-trip chrF", "{:.1f}"), ("term_accuracy", "terms %", "pct"),
    ("flagged", "flagged", "{:.0f}"),
)


def _scores(corpus: Corpus) -> dict[str, tuple[Mapping[str, float], ...]]:
    """The corpus's per-segment scores, computed (without engines) for languages that have none."""
    out = {}
    sources = [s.text for s in corpus.segments]
    for lang, trs in corpus.translations.items():
        stored = corpus.scores.get(lang)
        out[lang] = tuple(stored) if stored and len(stored) == len(trs) else estimate(
            sources, trs, corpus.document.lang, lang)
    return out


def _fmt(value: float | None, fmt: str) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.1f}" if fmt == "pct" else fmt.format(value)


def _summary_html(summaries: Mapping[str, Mapping[str, float]], corpus: Corpus) -> str:
    cols = [c for c in _SUMMARY_COLS if any(c[0] in s for s in summaries.values())]
    head = "".join(f"<th>{h}</th>" for _, h, _ in cols)
    rows = []
    for lang, s in summaries.items():
        trs = corpus.translations[lang]
        route = "&gt;".join(_esc(x) for x in trs[0].route) if trs else "-"
        engine = _esc(trs[0].engine) if trs else "-"
        sig = signature_from_meta(corpus.meta.to_json() if corpus.meta else {}, lang, engine=trs[0].engine if trs else None,
                                  route=trs[0].route if trs else None)
        cells = "".join(f"<td>{_fmt(s.get(k), f)}</td>" for k, _, f in cols)
        rows.append(f'<tr data-lang="{_esc(lang)}"><td title="{_esc(sig)}"><b>{_esc(lang)}</b> '
                    f'<span class="sub">{engine} {route}</span></td>{cells}</tr>')
    return f'<table class="sum"><tr><th>language</th>{head}</tr>{"".join(rows)}</table>'


def _charts_html(summaries: Mapping[str, Mapping[str, float]], scores: Mapping[str, Sequence[Mapping[str, float]]],
                 flagged: Mapping[str, list[tuple[int, str]]]) -> str:
    def col(key: str, scale: float = 1.0) -> dict[str, float | None]:
        return {lang: (s[key] * scale if key in s else None) for lang, s in summaries.items()}

    n = max((s.get("segments", 0) for s in summaries.values()), default=0) or 1
    charts = [bars("flagged segments %", {k: 100 * v / n if v is not None else None
                                          for k, v in col("flagged").items()}, unit="%", vmax=100),
              bars("unknown words per 100 source words", col("unknown_rate", 100)),
              bars("mean |length z|", col("abs_length_z"), fmt="{:.2f}")]
    if any("lang_prob" in s for s in summaries.values()):
        charts.append(bars("language-id probability", col("lang_prob"), vmax=1, fmt="{:.2f}"))
    if any("roundtrip_chrf" in s for s in summaries.values()):
        charts.append(bars("round-trip chrF", col("roundtrip_chrf"), vmax=100))
    if any("term_accuracy" in s for s in summaries.values()):
        charts.append(bars("glossary term accuracy %", col("term_accuracy", 100), unit="%", vmax=100))
    strips = []
    for lang, per_seg in scores.items():
        if any("roundtrip_chrf" in s for s in per_seg):
            strips.append(strip(f"{lang}: round-trip chrF by segment", lang,
                                [s.get("roundtrip_chrf") for s in per_seg], flagged[lang], lo=0, hi=100))
        else:
            strips.append(strip(f"{lang}: length z by segment", lang, [s.get("length_z") for s in per_seg],
                                flagged[lang], lo=-6, hi=6, ref=0))
    return (f'<h2>Scores by language</h2><div class="charts">{"".join(charts)}</div>'
            f'<h2>Along the document (red: flagged; click to jump)</h2><div class="charts">{"".join(strips)}</div>')


def _cell(lang: str, text: str, marks: list[Mark], extra: str = "", cls: str = "", title: str = "") -> str:
    t = f' title="{_esc(title)}"' if title else ""
    return f'<div class="cell{cls}" data-lang="{_esc(lang)}" lang="{_esc(lang)}"{t}>{highlight(text, marks)}{extra}</div>'


def _target_cell(tr: Translation, checks: Sequence[TermCheck], seg_scores: Mapping[str, float],
                 reasons: tuple[str, ...]) -> str:
    marks: list[Mark] = []
    extra = []
    for c in checks:
        if c.found:
            marks += find(tr.text, c.found, "term ok", f"glossary: {c.term} → {c.found}")
        else:
            extra.append(f'<span class="viol" title="glossary violation">⚠ {_esc(c.term)} → '
                         f'{_esc(" / ".join(c.expected))}</span>')
    for word in dict.fromkeys(tr.unknown):
        marks += find(tr.text, word, "unk", "unknown to the engine")
    title = " ".join(f"{k}={v:g}" for k, v in seg_scores.items())
    if reasons:
        extra.append(f'<span class="badge">{_esc(" ".join(reasons))}</span>')
    return _cell(tr.lang, tr.text, marks, "".join(extra), " flag" if reasons else "", title)


def _source_marks(text: str, checks: Sequence[TermCheck]) -> list[Mark]:
    """Each glossary term once in the source; red when any language missed it (the title says which)."""
    missed: dict[str, list[str]] = {}
    for c in checks:
        missed.setdefault(c.term, [])
        if not c.ok:
            missed[c.term].append(c.lang)
    return [m for term, bad in missed.items()
            for m in find(text, term, "term bad" if bad else "term",
                          f"glossary term; missed in {', '.join(sorted(set(bad)))}" if bad else "glossary term")]


def _documents_html(documents: Sequence[DocumentInfo]) -> str:
    rows = "".join(f"<tr><td>{_esc(d.id)}</td><td>{d.segments}</td><td>{d.chars}</td><td>{_esc(d.path)}</td></tr>"
                   for d in documents)
    return (f'<h2>Documents</h2><table class="sum"><tr><th>document</th><th>segments</th><th>characters</th>'
            f'<th>file</th></tr>{rows}</table>')


def render(corpus: Corpus, *, thresholds: Thresholds = FLAG_THRESHOLDS, title: str | None = None,
           documents: Sequence[DocumentInfo] | None = None,
           summaries: Mapping[str, Mapping[str, float]] | None = None, note: str | None = None) -> str:
    """One self-contained HTML page for a run: summary table, SVG charts and the side-by-side document.

    Each source segment is one row (``id="s<index>"``) with one cell per language
    (``data-lang``); hovering or clicking a row highlights it in every language. Glossary terms
    are marked (violations in red), unknown words underlined, segments failing ``thresholds``
    flagged. Rows use ``content-visibility: auto`` so a 10,000-sentence document stays responsive.

    A corpus of several documents gets a per-document table (``documents``); a large run shows
    only its first rows (``note`` says so) with the summaries of the whole run (``summaries``).
    """
    from alignkit.score import summarize_corpus

    src = corpus.document.lang
    langs = list(corpus.languages)
    scores = _scores(corpus)
    summaries = summaries if summaries is not None else summarize_corpus(corpus, scores)
    reasons = {lang: [problems(s, thresholds) for s in scores[lang]] for lang in langs}
    flagged = {lang: [(i, " ".join(r)) for i, r in enumerate(reasons[lang]) if r] for lang in langs}
    by_seg: dict[tuple[int, str], list[TermCheck]] = {}
    for c in corpus.checks:
        by_seg.setdefault((c.index, c.lang), []).append(c)

    rows, para = [], None
    for i, seg in enumerate(corpus.segments):
        if seg.para != para:
            if para is not None:
                rows.append("</section>")
            para = seg.para
            rows.append(f'<section class="para" id="p{para}"><div class="ptitle">¶ {para + 1}</div>')
        src_marks = _source_marks(seg.text, [c for lang in langs for c in by_seg.get((seg.index, lang), ())])
        cells = [_cell(src, seg.text, src_marks)]
        any_flag = False
        for lang in langs:
            r = reasons[lang][i]
            any_flag |= bool(r)
            cells.append(_target_cell(corpus.translations[lang][i], by_seg.get((seg.index, lang), ()),
                                      scores[lang][i], r))
        rows.append(f'<div class="row{" has-flag" if any_flag else ""}" id="s{i}" data-id="{_esc(seg.id)}">'
                    f'<div class="num"><a href="#s{i}">{i + 1}</a></div>{"".join(cells)}</div>')
    if para is not None:
        rows.append("</section>")

    all_langs = [src, *langs]
    toggles = "".join(f'<label><input type="checkbox" data-toggle="{_esc(lg)}" checked> {_esc(lg)}</label>'
                      for lg in all_langs)
    head = "".join(f'<div data-lang="{_esc(lg)}">{_esc(lg)} · {_esc(langcodes.LANGUAGES.get(lg, ("", lg))[1])}'
                   f'{" (source)" if lg == src else ""}</div>' for lg in all_langs)
    n_flag = sum(1 for lang in langs for r in reasons[lang] if r)
    name = title or f"alignkit report — {corpus.document.id}"
    body = (
        f'<header><h1>{_esc(name)}</h1><div class="sub">{len(corpus.segments)} segments · source '
        f'{_esc(src)} · {len(langs)} target languages · {n_flag} flagged cells · glossary checks '
        f'{len(corpus.checks)} · alignkit {_esc(corpus.meta.alignkit if corpus.meta else "")}'
        f'</div>{f"<div class=sub>{_esc(note)}</div>" if note else ""}</header>'
        f'<h2>Summary</h2>{_summary_html(summaries, corpus)}{_charts_html(summaries, scores, flagged)}'
        f'{_documents_html(documents) if documents else ""}'
        f'<h2>Document</h2><div class="controls"><span>show:</span>{toggles}'
        f'<label><input type="checkbox" id="only-flagged"> only flagged rows</label>'
        f'<span class="legend"><mark class="term ok">term</mark><mark class="term bad">violation</mark>'
        f'<mark class="unk">unknown</mark><span class="badge">flag</span></span></div>'
        f'<div class="doc" data-ncols="{len(all_langs)}" style="--ncols:{len(all_langs)}">'
        f'<div class="head"><div>#</div>{head}</div>{"".join(rows)}</div>'
    )
    return page(name, body)
