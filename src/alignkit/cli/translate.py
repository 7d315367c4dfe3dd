"""``alignkit translate`` and ``alignkit engines``: machine translation from the shell."""

from __future__ import annotations

from typing import Any

import click

from alignkit.cli.common import lang_callback
from alignkit.config import parse_options
from alignkit.errors import InputError


def _options_callback(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, Any]:
    """``--option key=value`` (repeatable) -> dict; a malformed item is a one-line error."""
    return parse_options(value)


def _target_callback(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if "," in value:
        raise InputError("translate takes one --to language; use `alignkit run --to es,fr,...` for several")
    return lang_callback(ctx, param, value) or value


def engine_options(model: str | None, options: dict[str, str]) -> dict[str, Any]:
    """The engine's options: ``--option`` pairs plus ``--model`` as ``model``."""
    merged: dict[str, Any] = dict(options)
    if model is not None:
        merged["model"] = model
    return merged


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--to", "-t", "tgt", required=True, callback=_target_callback,
              help="Target language (ISO 639-1: es, ca, gl, pt, it, fr...).")
@click.option("--from", "-f", "src", default="en", show_default=True, callback=lang_callback,
              help="Source language of INPUT.")
@click.option("--engine", "-e", default="apertium", show_default=True, help="Engine (see `alignkit engines`).")
@click.option("--model", "-m", default=None, help="Model name or directory, for engines with models (ct2).")
@click.option("--option", "-O", "options", multiple=True, callback=_options_callback, metavar="KEY=VALUE",
              help="Engine option, repeatable (apertium: batch_size, repair, variants=ca:valencia, keep_marks...).")
@click.option("--lines", is_flag=True, help="INPUT has one segment per line; write one translation per line.")
@click.option("--segmenter", default="rules", show_default=True,
              help="Sentence segmenter for documents (ignored with --lines).")
@click.option("--out", "-o", default="-", show_default=True, help="Output file ('-' for stdout); written atomically.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Engine workers for --lines [default: the machine's cores].")
@click.option("--tm", "tm_path", default=None, help="Translation memory file [default: $ALIGNKIT_HOME/tm.sqlite].")
@click.option("--no-tm", is_flag=True, help="Do not read or write a translation memory.")
def translate(input_path: str, tgt: str, src: str, engine: str, model: str | None, options: dict[str, str],
              lines: bool, segmenter: str, out: str, jobs: int | None, tm_path: str | None, no_tm: bool) -> None:
    """Translate INPUT ('-' for stdin) into one language with a local engine.

    Without --lines INPUT is a document: it is split into sentences and the translation
    keeps its paragraphs and line breaks. With --lines every line is one segment and the
    output has exactly as many lines (empty lines stay empty), for shell pipelines.
    Pairs an engine lacks go through a pivot (en->fr via es with Apertium).

    \b
    Examples:
      alignkit translate seeds/putin-war-israel-2025.en.txt --to es --out seed.es.txt
      alignkit translate sentences.en --lines --to fr > sentences.fr
      echo "The 28-point proposal." | alignkit translate - --lines --to gl
      alignkit translate big.en --lines --to es --jobs 2 --out big.es        # streamed, 2 workers
      alignkit translate doc.en.txt --to ca --option variants=ca:valencia
      alignkit translate doc.en.txt --to de --engine ct2 --model opus-mt-en-de
    """
    from alignkit import textio
    from alignkit.translate import get_engine, open_translator
    from alignkit.translate.route import check_route

    eng_options = engine_options(model, options)
    eng = get_engine(engine, eng_options)
    check_route(eng, src, tgt)  # a missing pair fails now, before any worker starts
    tm = None if no_tm else _open_tm(tm_path)
    try:
        if lines:
            from alignkit.corpus.executor import default_jobs, local_executor
            from alignkit.translate.lines import LinesSpec, translate_stream

            spec = LinesSpec(engine, src, tgt, eng_options, str(tm.path) if tm is not None else None)
            stream = translate_stream(textio.iter_lines(input_path), spec, local_executor(jobs or default_jobs()),
                                      on_done=_tm_writer(tm))
            textio.write_chunks(out, stream)
            return
        from alignkit.segment import segment_text
        from alignkit.translate.document import translate_document

        text = textio.read_text(input_path)
        wrap = _tm_wrap(tm)
        with open_translator(eng, src, tgt, wrap=wrap) as translator:
            result = translate_document(text, segment_text(text, src, segmenter=segmenter), translator)
        textio.write_text(out, result)
    finally:
        if tm is not None:
            tm.close()


def _open_tm(path: str | None):  # type: ignore[no-untyped-def]
    from alignkit.tm import TranslationMemory, default_tm_path

    tm = TranslationMemory(path or default_tm_path())
    if tm.notice:
        click.echo(f"alignkit: {tm.notice}", err=True)
    return tm


def _tm_writer(tm):  # type: ignore[no-untyped-def]
    """Writes a finished chunk's new translations (the driver is the only TM writer)."""
    if tm is None:
        return None
    from alignkit.tm.view import write_batches

    return lambda result: write_batches(tm, result.tm_entries)


def _tm_wrap(tm):  # type: ignore[no-untyped-def]
    if tm is None:
        return None
    from alignkit.translate.cached import CachedTranslator

    return lambda leg: CachedTranslator(leg, tm)


@click.command()
@click.option("--engine", "-e", "names", multiple=True, help="Only this engine (repeatable).")
@click.option("--model", "-m", default=None, help="Model name or directory (ct2).")
@click.option("--option", "-O", "options", multiple=True, callback=_options_callback, metavar="KEY=VALUE",
              help="Engine option, repeatable.")
def engines(names: tuple[str, ...], model: str | None, options: dict[str, str]) -> None:
    """List translation engines, their installed pairs and the pivot routes they allow.

    \b
    Examples:
      alignkit engines
      alignkit engines --engine apertium
      alignkit engines --engine ct2 --model opus-mt-en-de
    """
    from alignkit.translate.catalog import describe_engines

    click.echo(describe_engines(names or None, engine_options(model, options)), nl=False)
