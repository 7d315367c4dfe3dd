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
def translate(input_path: str, tgt: str, src: str, engine: str, model: str | None, options: dict[str, str],
              lines: bool, segmenter: str, out: str) -> None:
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
      alignkit translate doc.en.txt --to ca --option variants=ca:valencia
      alignkit translate doc.en.txt --to de --engine ct2 --model opus-mt-en-de
    """
    from alignkit.textio import read_text, write_text
    from alignkit.translate import get_engine, open_translator
    from alignkit.translate.document import translate_document, translate_lines

    text = read_text(input_path)
    eng = get_engine(engine, engine_options(model, options))
    with open_translator(eng, src, tgt) as translator:
        if lines:
            result = translate_lines(text, translator)
        else:
            from alignkit.segment import segment_text

            segments = segment_text(text, src, segmenter=segmenter)
            result = translate_document(text, segments, translator)
    write_text(out, result)


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
