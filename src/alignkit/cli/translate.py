"""``alignkit translate`` and ``alignkit engines``: machine translation from the shell."""

from __future__ import annotations

from pathlib import Path
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
@click.argument("input_path", metavar="INPUT", required=False)
@click.option("--to", "-t", "tgt", required=True, callback=_target_callback,
              help="Target language (ISO 639-1: es, ca, gl, pt, it, fr...).")
@click.option("--from", "-f", "src", default=None, callback=lang_callback,
              help="Source language [default: XLIFF's source-language, else the file name's (doc.es.txt), else en].")
@click.option("--text", "text_arg", default=None, metavar="TEXT", help="Translate TEXT instead of a file.")
@click.option("--input-format", "input_format", default="auto", show_default=True,
              type=click.Choice(["auto", "text", "po", "xliff", "html", "markdown"]),
              help="Format of INPUT; auto: from its name (.po .pot .xlf .html .md) or content.")
@click.option("--engine", "-e", default="apertium", show_default=True, help="Engine (see `alignkit engines`).")
@click.option("--model", "-m", default=None, help="Model name or directory, for engines with models (ct2).")
@click.option("--option", "-O", "options", multiple=True, callback=_options_callback, metavar="KEY=VALUE",
              help="Engine option, repeatable (apertium: batch_size, repair, variants=ca:valencia, keep_marks...).")
@click.option("--glossary", "-g", type=click.Path(path_type=Path), help="Glossary to enforce (TSV or TBX).")
@click.option("--lines", is_flag=True, help="INPUT has one segment per line; write one translation per line.")
@click.option("--segmenter", default="rules", show_default=True,
              help="Sentence segmenter for documents (ignored with --lines).")
@click.option("--fuzzy/--no-fuzzy", default=True, show_default=True,
              help="PO/XLIFF: mark machine translations for review (#, fuzzy; needs-review-translation).")
@click.option("--overwrite", is_flag=True, help="PO/XLIFF: translate entries that already have a translation too.")
@click.option("--accelerator", metavar="CHAR", default=None,
              help="PO: keyboard accelerator marker (& _ ~), taken out before translation and put back "
                   "[default: the X-Accelerator-Marker header; '' for none].")
@click.option("--out", "-o", default="-", show_default=True, help="Output file ('-' for stdout); written atomically.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Engine workers for --lines [default: the machine's cores].")
@click.option("--tm", "tm_path", default=None, help="Translation memory file [default: $ALIGNKIT_HOME/tm.sqlite].")
@click.option("--no-tm", is_flag=True, help="Do not read or write a translation memory.")
def translate(input_path: str | None, tgt: str, src: str | None, text_arg: str | None, input_format: str,
              engine: str, model: str | None, options: dict[str, str], glossary: Path | None, lines: bool,
              segmenter: str, fuzzy: bool, overwrite: bool, accelerator: str | None, out: str, jobs: int | None,
              tm_path: str | None, no_tm: bool) -> None:
    """Translate INPUT ('-' for stdin) or --text TEXT into one language with a local engine.

    Plain text is split into sentences and keeps its paragraphs and line breaks; with --lines
    every line is one segment and the output has exactly as many lines. PO/POT, XLIFF, HTML
    and Markdown files are translated in place: only their text changes, placeholders and
    tags are kept (verified), and a summary goes to stderr. Pairs an engine lacks go through
    a pivot (en->fr via es with Apertium).

    \b
    Examples:
      alignkit translate seeds/putin-war-israel-2025.en.txt --to es --out seed.es.txt
      alignkit translate --text "Hello world" --to es
      alignkit translate messages.pot --to es --out es.po
      alignkit translate messages.pot --to es --accelerator _ --out es.po     # GNOME's _Open
      alignkit translate article.es.txt --to en
      alignkit translate sentences.en --lines --to fr > sentences.fr
      echo "The 28-point proposal." | alignkit translate - --lines --to gl
      alignkit translate big.en --lines --to es --jobs 2 --out big.es        # streamed, 2 workers
      alignkit translate doc.en.txt --to ca --option variants=ca:valencia
      alignkit translate doc.en.txt --to de --engine ct2 --model opus-mt-en-de
    """
    from alignkit import textio
    from alignkit.translate.files import translate_input

    if (input_path is None) == (text_arg is None):
        raise InputError("give one INPUT file or --text TEXT")
    if input_path is not None and input_path != "-" and not Path(input_path).exists() and " " in input_path.strip():
        # `translate "Hello world" --to es`: Argos takes the text itself; say how alignkit does
        raise InputError(f"{input_path}: no such file (to translate this text, use --text {_quote(input_path)})")
    eng = get_engine_for(engine, model, options)
    tm = None if no_tm else _open_tm(tm_path)
    try:
        if lines and input_path is not None and _plain_text(input_path, input_format):
            _stream_lines(input_path, tgt, src, engine, engine_options(model, options), glossary, jobs, tm, out)
            return
        text = text_arg if text_arg is not None else textio.read_text(input_path)  # type: ignore[arg-type]
        result = translate_input(
            text, name=input_path, tgt=tgt, src=src, input_format=input_format, lines=lines,
            engine=eng, glossary=glossary, segmenter=segmenter, fuzzy=fuzzy, overwrite=overwrite, wrap=_tm_wrap(tm),
            accelerator=accelerator)
        textio.write_text(out, result.text + ("\n" if text_arg is not None and not result.text.endswith("\n") else ""))
        if result.summary:
            click.echo(f"alignkit: {result.summary}", err=True)
    finally:
        if tm is not None:
            tm.close()


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _plain_text(path: str, input_format: str) -> bool:
    """Whether ``--lines`` can stream ``path``: plain text by option, name or first bytes."""
    if input_format != "auto":
        return input_format == "text"
    from alignkit.documents import detect

    head = ""
    if path != "-":
        try:
            with open(path, "rb") as fh:
                head = fh.read(4096).decode("utf-8", "replace")
        except OSError:
            return True  # the reader names the problem
    return detect(path, head) == "text"


def _stream_lines(input_path: str, tgt: str, src: str | None, engine: str, eng_options: dict[str, Any],
                  glossary: Path | None, jobs: int | None, tm: Any, out: str) -> None:
    """``--lines``: read, translate (``jobs`` workers) and write as lines come."""
    from alignkit import textio
    from alignkit.corpus.executor import default_jobs, local_executor
    from alignkit.translate import get_engine
    from alignkit.translate.lines import GlossaryWrap, LinesSpec, translate_stream
    from alignkit.translate.route import check_route
    from alignkit.translate.source import source_language

    src = source_language(src, tgt, name=None if input_path == "-" else input_path)
    check_route(get_engine(engine, eng_options), src, tgt)  # a missing pair fails now, before any worker starts
    wrap = None
    if glossary is not None:
        from alignkit.glossary import load

        wrap = GlossaryWrap(load(glossary))
    spec = LinesSpec(engine, src, tgt, eng_options, str(tm.path) if tm is not None else None, wrap)
    stream = translate_stream(textio.iter_lines(input_path), spec, local_executor(jobs or default_jobs()),
                              on_done=_tm_writer(tm))
    textio.write_chunks(out, stream)


def get_engine_for(engine: str, model: str | None, options: dict[str, str]) -> Any:
    """The engine named ``engine`` with its options (``--model`` included)."""
    from alignkit.translate import get_engine

    return get_engine(engine, engine_options(model, options))


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
