"""``alignkit score`` and ``alignkit filter``: quality numbers and threshold filtering."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from alignkit.cli.common import lang_callback, langs_callback
from alignkit.errors import InputError
from alignkit.score.inputs import Loaded

_PATH = click.Path(path_type=Path)


def _back_opener(engine: str | None):  # type: ignore[no-untyped-def]
    """A function opening ``tgt -> src`` back-translators with ``engine``, or ``None`` for no round trip."""
    if engine is None:
        return None
    from alignkit.translate.registry import get_engine
    from alignkit.translate.route import open_translator

    eng = get_engine(engine)
    return lambda tgt, src: open_translator(eng, tgt, src)


def _target(loaded: Loaded, lang: str | None, what: str) -> str:
    """The column to score: ``--lang``, else the only target column."""
    targets = loaded.langs[1:] if loaded.kind != "lines" else loaded.langs
    if lang:
        if lang not in loaded.langs:
            raise InputError(f"{what} has no {lang!r} column (it has {', '.join(loaded.langs)})")
        return lang
    if len(targets) != 1:
        raise InputError(f"{what} has several target languages ({', '.join(targets)}); choose one with --lang")
    return targets[0]


def _signatures(loaded: Loaded, langs: Sequence[str]) -> dict[str, str]:
    from alignkit.score import signature_from_meta

    out = {}
    for lang in langs:
        mt = loaded.rows[0].meta.get("mt", {}) if loaded.rows else {}
        info = mt.get(lang, {}) if isinstance(mt, Mapping) else {}
        out[lang] = signature_from_meta(loaded.meta, lang, engine=info.get("engine"), route=info.get("route"))
    return out


def _quality(loaded: Loaded, src_lines: Path | None, src_lang: str | None, lang: str | None,
             engine: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Reference-free summaries (and per-segment scores) for every target language."""
    from alignkit.score import score_rows, summarize_corpus
    from alignkit.score.corpus import term_accuracy
    from alignkit.score.inputs import lang_from_name, read_lines
    from alignkit.types import Row

    rows, src = loaded.rows, src_lang
    if loaded.kind == "lines":
        assert src_lines is not None
        tgt = lang or loaded.langs[0]
        src = src or lang_from_name(src_lines)
        if tgt == "und" or src is None:
            raise InputError("cannot tell the languages from the file names; give --lang and --src-lang")
        sources = read_lines(src_lines)
        if len(sources) != len(rows):
            raise InputError(f"{src_lines} has {len(sources)} lines but the hypothesis has {len(rows)}")
        rows = tuple(Row({src: s, tgt: r.texts[loaded.langs[0]]}) for s, r in zip(sources, rows))
    per_seg = score_rows(rows, src=src, back=_back_opener(engine))
    if loaded.corpus is not None:
        summaries = summarize_corpus(loaded.corpus, per_seg)
    else:
        from alignkit.score import summarize

        summaries = {k: summarize(v) for k, v in per_seg.items()}
        checks = _row_checks(rows)
        for k, acc in (term_accuracy(checks).items() if checks else ()):
            summaries[k]["term_accuracy"] = round(acc, 4)
    return summaries, per_seg


def _row_checks(rows: Sequence[Any]) -> list[Any]:
    """Glossary checks stored in JSONL rows (``mt[lang].terms``)."""
    from alignkit.types import TermCheck

    out = []
    for i, row in enumerate(rows):
        for lang, info in (row.meta.get("mt") or {}).items():
            out += [TermCheck(int(row.meta.get("index", i)), lang, t["term"], tuple(t["expected"]), t["found"])
                    for t in info.get("terms", ())]
    return out


@click.command(context_settings={"max_content_width": 100})
@click.argument("hyp", type=_PATH)
@click.option("--ref", type=_PATH, help="Reference translation, one segment per line (reference-based scores).")
@click.option("--src", "src_file", type=_PATH, help="Source, one segment per line (reference-free scores of HYP).")
@click.option("--lang", callback=lang_callback, help="Language of HYP, or the corpus column to score against --ref.")
@click.option("--src-lang", callback=lang_callback, help="Source language (default: from names or the corpus).")
@click.option("--langs", callback=langs_callback, help="Column languages of a Moses prefix or unnamed TSV.")
@click.option("--format", "fmt", help="Corpus format of HYP (default: from the name).")
@click.option("--metrics", default="bleu,chrf,ter", show_default=True, help="bleu, chrf, chrf++, ter.")
@click.option("--compare", "hyp2", type=_PATH, help="Second system: paired bootstrap against HYP on --ref.")
@click.option("--roundtrip-engine", "engine", help="Translate back with this engine for round-trip chrF.")
@click.option("--segments", is_flag=True, help="Include per-segment scores in --json output.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def score(hyp: Path, ref: Path | None, src_file: Path | None, lang: str | None, src_lang: str | None,
          langs: tuple[str, ...] | None, fmt: str | None, metrics: str, hyp2: Path | None, engine: str | None,
          segments: bool, as_json: bool) -> None:
    """Score HYP: with --ref, BLEU/chrF/TER (sacrebleu); else reference-free quality per language.

    HYP is a plain text file (one segment per line), a corpus file (.jsonl, .tmx, .tsv, a Moses
    prefix) or a run directory written by `alignkit run`.

    \b
    Examples:
      alignkit score hyp.es --ref newstest2013.es
      alignkit score hyp.es --ref ref.es --compare other.es --metrics bleu,chrf
      alignkit score hyp.es --src newstest2013.en --json
      alignkit score corpora/seed/
    """
    from alignkit.score import compare, make_signature, metric_names, tables
    from alignkit.score import score as ref_score
    from alignkit.score.inputs import load, read_lines

    names = metric_names(metrics)
    if hyp2 and not ref:
        raise InputError("--compare needs --ref (both systems are scored on the same references)")
    loaded = load(hyp, fmt=fmt, langs=langs, lang=lang)
    if loaded.kind == "lines" and not ref and not src_file:
        raise InputError(f"{hyp}: plain text needs --ref REF (reference-based) or --src SRC (reference-free)")
    out: dict[str, Any] = {"hypothesis": str(hyp)}
    text: list[str] = []
    if ref:
        tgt = _target(loaded, lang if loaded.kind != "lines" else None, str(hyp))
        hyps, refs = loaded.column(tgt), read_lines(ref)
        results = ref_score(hyps, refs, names, segments=segments)
        sig = (_signatures(loaded, [tgt])[tgt] if loaded.kind != "lines" else make_signature())
        out.update(lang=tgt, reference={k: v.to_dict(segments) for k, v in results.items()}, signature=sig)
        text.append(tables.reference_table(results, sig))
        if hyp2:
            other = load(hyp2, fmt=fmt, langs=langs, lang=lang)
            comp = compare(hyps, other.column(_target(other, lang if other.kind != "lines" else None, str(hyp2))),
                           refs, names)
            out["compare"] = {"system": str(hyp2), **{k: v.to_dict() for k, v in comp.items()}}
            text.append(tables.comparison_table(comp))
    if loaded.kind != "lines" and not ref or src_file:
        summaries, per_seg = _quality(loaded, src_file, src_lang, lang, engine)
        sigs = _signatures(loaded, list(summaries)) if loaded.kind != "lines" else {}
        out["quality"] = summaries
        if sigs:
            out["signatures"] = sigs
        if segments:
            out["quality_segments"] = per_seg
        text.append(tables.quality_table(summaries, sigs))
    click.echo(json.dumps(out, ensure_ascii=False, indent=2) if as_json else "\n\n".join(text))


@click.command("filter", context_settings={"max_content_width": 100})
@click.argument("corpus", type=_PATH)
@click.option("--out", "out", type=_PATH, required=True, help="Output corpus (same format as CORPUS).")
@click.option("--format", "fmt", help="Corpus format (default: from the name).")
@click.option("--langs", callback=langs_callback, help="Column languages of a Moses prefix or unnamed TSV.")
@click.option("--src-lang", callback=lang_callback, help="Source language (default: the corpus's, else the first column).")
@click.option("--min-chrf-roundtrip", type=float, help="Drop rows whose round-trip chrF is below X (0-100).")
@click.option("--max-unknown-rate", type=float, help="Drop rows with more than X unknown words per source word.")
@click.option("--max-length-z", type=float, help="Drop rows whose length deviates more than X standard deviations.")
@click.option("--drop-copies", is_flag=True, help="Drop untranslated copies of the source.")
@click.option("--require-lang", is_flag=True, help="Drop rows whose output is not in the target language.")
@click.option("--engine", default="apertium", show_default=True, help="Engine for round-trip translation.")
@click.option("--dropped", type=_PATH, help="Also write the dropped rows here (same format).")
def filter_cmd(corpus: Path, out: Path, fmt: str | None, langs: tuple[str, ...] | None, src_lang: str | None,
               min_chrf_roundtrip: float | None, max_unknown_rate: float | None, max_length_z: float | None,
               drop_copies: bool, require_lang: bool, engine: str, dropped: Path | None) -> None:
    """Keep the rows of CORPUS that pass every threshold; write them to --out in the same format.

    Prints how many rows were kept and dropped, by reason. Round-trip chrF uses scores stored by
    `alignkit run --roundtrip`, or translates back with --engine.

    \b
    Examples:
      alignkit filter corpora/seed/seed.en-es.tsv --out clean.en-es.tsv --max-length-z 3 --drop-copies
      alignkit filter corpora/seed/seed.jsonl --out clean.jsonl --require-lang --max-unknown-rate 0.1
      alignkit filter noisy.en-es.tsv --out clean.en-es.tsv --min-chrf-roundtrip 30
    """
    from alignkit.formats import guess_format, write_rows
    from alignkit.score import Thresholds, filter_rows, score_rows, tables
    from alignkit.score.inputs import load

    thresholds = Thresholds(min_chrf_roundtrip, max_unknown_rate, max_length_z, drop_copies, require_lang)
    if not thresholds.active:
        raise InputError("give at least one threshold (e.g. --max-length-z 3 or --drop-copies)")
    name = fmt or guess_format(corpus)
    loaded = load(corpus, fmt=name, langs=langs)
    scores = score_rows(loaded.rows, src=src_lang or loaded.langs[0],
                        back=_back_opener(engine) if min_chrf_roundtrip is not None else None)
    result = filter_rows(loaded.rows, scores, thresholds)
    write_rows(result.kept, out, name, loaded.langs)
    if dropped:
        kept_ids = {id(r) for r in result.kept}
        write_rows([r for r in loaded.rows if id(r) not in kept_ids], dropped, name, loaded.langs)
    click.echo(tables.filter_table(len(loaded.rows), len(result.kept), result.counts))
