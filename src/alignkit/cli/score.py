"""``alignkit score`` and ``alignkit filter``: quality numbers and threshold filtering."""

from __future__ import annotations

from pathlib import Path

import click

from alignkit.cli.common import lang_callback, langs_callback

_PATH = click.Path(path_type=Path)


@click.command(context_settings={"max_content_width": 100})
@click.argument("hyp", type=_PATH)
@click.option("--ref", type=_PATH, help="Reference translation, one segment per line (reference-based scores).")
@click.option("--src", "src_file", type=_PATH, help="Source, one segment per line (reference-free scores of HYP).")
@click.option("--to", "-t", "--lang", "lang", callback=lang_callback,
              help="Language of HYP, or the corpus column to score against --ref (--lang: old name).")
@click.option("--from", "-f", "--src-lang", "src_lang", callback=lang_callback,
              help="Source language (default: from names or the corpus; --src-lang: old name).")
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

    HYP is a plain text file (one segment per line; '-' reads it from stdin), a corpus file
    (.jsonl, .tmx, .tsv, a Moses prefix) or a run directory written by `alignkit run`.

    \b
    Examples:
      alignkit score hyp.es --ref newstest2013.es
      alignkit translate newstest2013.en --lines --to es | alignkit score - --ref newstest2013.es --to es
      alignkit score hyp.es --ref ref.es --compare other.es --metrics bleu,chrf
      alignkit score hyp.es --src newstest2013.en --json
      alignkit score corpora/seed/
    """
    from alignkit.score.run import ScoreRequest, score_input

    report = score_input(hyp, ScoreRequest(ref=ref, src=src_file, compare_to=hyp2, metrics=metrics, lang=lang,
                                           src_lang=src_lang, langs=langs, fmt=fmt, engine=engine,
                                           segments=segments))
    click.echo(report.to_json() if as_json else report.to_text())


@click.command("filter", context_settings={"max_content_width": 100})
@click.argument("corpus", type=_PATH)
@click.option("--out", "out", type=_PATH, required=True, help="Output corpus (same format as CORPUS).")
@click.option("--format", "fmt", help="Corpus format (default: from the name).")
@click.option("--langs", callback=langs_callback, help="Column languages of a Moses prefix or unnamed TSV.")
@click.option("--from", "-f", "--src-lang", "src_lang", callback=lang_callback,
              help="Source language (default: the corpus's, else the first column; --src-lang: old name).")
@click.option("--min-chrf-roundtrip", type=float, help="Drop rows whose round-trip chrF is below X (0-100).")
@click.option("--max-unknown-rate", type=float, help="Drop rows with more than X unknown words per source word.")
@click.option("--max-length-z", type=float, help="Drop rows whose length deviates more than X standard deviations.")
@click.option("--drop-copies", is_flag=True, help="Drop untranslated copies of the source.")
@click.option("--require-lang", is_flag=True, help="Drop rows whose output is not in the target language.")
@click.option("--min-confidence", type=float,
              help="Drop rows whose model confidence (mean log-prob per token, ct2 runs) is below X (<= 0).")
@click.option("--engine", default="apertium", show_default=True, help="Engine for round-trip translation.")
@click.option("--dropped", type=_PATH, help="Also write the dropped rows here (same format).")
def filter_cmd(corpus: Path, out: Path, fmt: str | None, langs: tuple[str, ...] | None, src_lang: str | None,
               min_chrf_roundtrip: float | None, max_unknown_rate: float | None, max_length_z: float | None,
               drop_copies: bool, require_lang: bool, min_confidence: float | None, engine: str,
               dropped: Path | None) -> None:
    """Keep the rows of CORPUS that pass every threshold; write them to --out in the same format.

    Prints how many rows were kept and dropped, by reason. Round-trip chrF uses scores stored by
    `alignkit run --roundtrip`, or translates back with --engine.

    \b
    Examples:
      alignkit filter corpora/seed/putin-war-israel-2025.en-es.tsv --out clean.en-es.tsv --max-length-z 3 --drop-copies
      alignkit filter corpora/seed/putin-war-israel-2025.jsonl --out clean.jsonl --require-lang --max-unknown-rate 0.1
      alignkit filter noisy.en-es.tsv --out clean.en-es.tsv --min-chrf-roundtrip 30
      alignkit filter corpora/seed/putin-war-israel-2025.jsonl --out clean.jsonl --min-confidence -0.8
    """
    from alignkit.formats import write_rows
    from alignkit.score import Thresholds, tables
    from alignkit.score.filtering import filter_input

    thresholds = Thresholds(min_roundtrip_chrf=min_chrf_roundtrip, max_unknown_rate=max_unknown_rate,
                            max_length_z=max_length_z, drop_copies=drop_copies, require_lang=require_lang,
                            min_confidence=min_confidence)
    run = filter_input(corpus, thresholds, fmt=fmt, langs=langs, src_lang=src_lang, engine=engine)
    write_rows(run.result.kept, out, run.fmt, run.langs)
    if dropped:
        write_rows(run.dropped_rows, dropped, run.fmt, run.langs)
    click.echo(tables.filter_table(len(run.rows), len(run.result.kept), run.result.counts))
