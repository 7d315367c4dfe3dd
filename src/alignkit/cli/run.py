"""``alignkit run``: the whole job on one document."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from alignkit import textio
from alignkit.cli.common import lang_callback, langs_callback
from alignkit.config import load_engine_config, parse_options
from alignkit.errors import InputError
from alignkit.formats.names import doc_id_from_name, lang_from_name
from alignkit.formats.run import DEFAULT_FORMATS, write_corpus
from alignkit.pipeline import EngineSpec, RunOptions, RunResult
from alignkit.pipeline import run as run_pipeline
from alignkit.types import Document

if TYPE_CHECKING:
    from alignkit.glossary import Glossary


@click.command(context_settings={"max_content_width": 100})
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--to", "targets", required=True, callback=langs_callback, help="Target languages, comma-separated.")
@click.option("--from", "src", callback=lang_callback, help="Source language (default: from the name, x.en.txt).")
@click.option("--out", "outdir", type=click.Path(path_type=Path), default=Path("corpora/out"), show_default=True,
              help="Output directory for the corpora.")
@click.option("--engine", default="apertium", show_default=True, help="Default engine (see `alignkit engines`).")
@click.option("--model", help="Model for the engine (ct2: a name from `alignkit models list` or a path).")
@click.option("--option", "engine_opts", multiple=True, metavar="KEY=VALUE", help="Engine option, repeatable.")
@click.option("--config", type=click.Path(path_type=Path), help="TOML file choosing an engine per language.")
@click.option("--glossary", type=click.Path(path_type=Path), help="Glossary to enforce and verify (TSV or TBX).")
@click.option("--segmenter", default="rules", show_default=True, help="Sentence segmenter.")
@click.option("--formats", default=",".join(DEFAULT_FORMATS), show_default=True, help="Corpus formats to write.")
@click.option("--roundtrip/--no-roundtrip", default=False, help="Score round-trip chrF (translates back; slower).")
@click.option("--report/--no-report", default=True, show_default=True, help="Write report.html next to the corpora.")
@click.option("--doc-id", help="Document id used in segment ids (default: from the file name).")
def run(input_path: Path, targets: tuple[str, ...], src: str | None, outdir: Path, engine: str, model: str | None,
        engine_opts: tuple[str, ...], config: Path | None, glossary: Path | None, segmenter: str, formats: str,
        roundtrip: bool, report: bool, doc_id: str | None) -> None:
    """Segment INPUT, translate it into every --to language, verify, score, write corpora.

    \b
    Examples:
      alignkit run seeds/putin-war-israel-2025.en.txt --to es,ca,gl,pt,it,fr \\
          --glossary glossaries/seed.tsv --out corpora/seed/
      alignkit run article.txt --from en --to de --engine ct2 --model opus-mt-en-de --out out/
      alignkit run article.en.txt --to es,de --config engines.toml
    """
    src = src or lang_from_name(input_path)
    if src is None:
        raise InputError(f"{input_path}: cannot tell the source language from the name; give --from")
    options = parse_options(engine_opts)
    if model:
        options["model"] = model
    default, per_lang = EngineSpec(engine, options), {}
    if config is not None:
        cfg_default, per_lang = load_engine_config(config)
        default = cfg_default or default
    fmt_list = tuple(f.strip() for f in formats.split(",") if f.strip())
    textio.check_writable_dir(outdir)  # fail before the slow part
    gloss = _load_glossary(glossary) if glossary else None
    text = textio.read_text(input_path)
    document = Document(doc_id or doc_id_from_name(input_path), src, text)
    run_options = RunOptions(targets=targets, engine=default, per_language=per_lang, segmenter=segmenter,
                             roundtrip=roundtrip)
    t0 = time.perf_counter()
    result = run_pipeline(document, run_options, glossary=gloss,
                          progress=lambda msg: click.echo(f"  {msg}", err=True))
    paths = write_corpus(result.corpus, outdir, fmt_list)
    if report:
        paths.append(_write_report(result, outdir))
    click.echo(summary_table(result, time.perf_counter() - t0))
    click.echo(f"\nwrote {len(paths)} files to {outdir}/" + (f"  report: {paths[-1]}" if report else ""))


def _load_glossary(path: Path) -> Glossary:
    # Imported here: the glossary package pulls in lxml, which `alignkit --help` must not pay for.
    from alignkit.glossary import load

    return load(path)


def _write_report(result: RunResult, outdir: Path) -> Path:
    from alignkit.report import render

    target = outdir / "report.html"
    textio.write_text(target, render(result.corpus))
    return target


def summary_table(result: RunResult, total: float) -> str:
    """A small fixed-width table: one line per target language.

    Columns: segments, engine, route, seconds, unknown words per 100 source words, length-ratio
    outliers, outputs not identified as the target language, segments flagged by any
    reference-free check, and glossary term accuracy (%).
    """
    corpus = result.corpus
    summary = corpus.meta.get("summary", {})
    header = (f"{'lang':<5} {'segs':>5}  {'engine':<10} {'route':<12} {'time':>6}  {'unk%':>5} {'len-out':>7} "
              f"{'lang?':>5} {'flagged':>7} {'terms%':>6}")
    lines = [f"source: {corpus.document.id} ({corpus.document.lang}), {len(corpus.segments)} segments", header,
             "-" * len(header)]
    for lang, translations in corpus.translations.items():
        first = translations[0] if translations else None
        s = summary.get(lang, {}) if isinstance(summary, dict) else {}
        lines.append(
            f"{lang:<5} {len(translations):>5}  {(first.engine if first else '-'):<10} "
            f"{('>'.join(first.route) if first else '-'):<12} {result.seconds.get(lang, 0.0):>5.1f}s  "
            f"{_pct(s.get('unknown_rate')):>5} {_count(s.get('length_outliers')):>7} {_count(s.get('wrong_lang')):>5} "
            f"{_count(s.get('flagged')):>7} {_pct(s.get('term_accuracy')):>6}"
        )
    lines.append(f"total {total:.1f}s")
    return "\n".join(lines)


def _count(value: object) -> str:
    return str(int(value)) if isinstance(value, (int, float)) else "-"


def _pct(value: object) -> str:
    return f"{100 * float(value):.1f}" if isinstance(value, (int, float)) else "-"
