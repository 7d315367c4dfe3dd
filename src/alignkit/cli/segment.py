"""``alignkit segment``: split a document into paragraphs and sentences."""

from __future__ import annotations

import click

from alignkit.cli.common import lang_callback


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--lang", "-l", "--from", "lang", default="en", show_default=True, callback=lang_callback,
              help="Language of INPUT (ISO 639-1, e.g. en, es, ca, gl, pt, it, fr, de).")
@click.option("--doc-id", default=None, help="Document id used in segment ids [default: INPUT's name without extension and language, as in run].")
@click.option("--segmenter", "-s", default="rules", show_default=True,
              help="Segmenter: rules, lines (one sentence per line already) or pysbd (if installed).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "jsonl", "tsv"]), default="text",
              show_default=True, help="text: one sentence per line, blank line between paragraphs; "
              "jsonl: one object per segment (id, index, para, sent, start, end, text); tsv: the same columns.")
@click.option("--out", "-o", default="-", show_default=True, help="Output file ('-' for stdout); written atomically (a bad byte in INPUT leaves no file).")
def segment(input_path: str, lang: str, doc_id: str | None, segmenter: str, fmt: str, out: str) -> None:
    """Split INPUT ('-' for stdin) into paragraphs and sentences with character offsets.

    Paragraphs are separated by blank lines; every sentence keeps its offsets into the
    original text, so the segments rebuild it exactly. INPUT is read and written as a
    stream: memory stays small for any size of input, and stdout gets lines as they are made.

    \b
    Examples:
      alignkit segment seeds/putin-war-israel-2025.en.txt --lang en
      alignkit segment article.es.txt --lang es --format jsonl --out article.es.jsonl
      cat corpus.fr | alignkit segment - --lang fr --segmenter lines --format tsv
    """
    from alignkit.segment.document import stream_file
    from alignkit.textio import write_chunks

    write_chunks(out, stream_file(input_path, lang, doc_id=doc_id, segmenter=segmenter, fmt=fmt))
