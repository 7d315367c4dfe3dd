"""``alignkit report``: the HTML report of a run directory, or of a sentence alignment."""

from __future__ import annotations

from pathlib import Path

import click

from alignkit.cli.common import lang_callback
from alignkit.errors import InputError


@click.command(context_settings={"max_content_width": 100})
@click.argument("run_dir", type=click.Path(path_type=Path), required=False)
@click.option("--align", "align_files", nargs=3, type=click.Path(dir_okay=False), default=None,
              metavar="SRC TGT LADDER",
              help="Report an alignment instead: the two files given to `alignkit align` and its ladder.")
@click.option("--from", "-f", "--src-lang", "src_lang", callback=lang_callback,
              help="With --align: source language (needed; --src-lang: old name).")
@click.option("--to", "-t", "--tgt-lang", "tgt_lang", callback=lang_callback,
              help="With --align: target language (needed; --tgt-lang: old name).")
@click.option("--segment", is_flag=True, help="With --align: SRC and TGT are running text (as with `align --segment`).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="Output file (default: RUN_DIR/report.html, or LADDER.html with --align).")
def report(run_dir: Path | None, align_files: tuple[str, str, str] | None, src_lang: str | None,
           tgt_lang: str | None, segment: bool, out: Path | None) -> None:
    """Write one self-contained HTML page for the run in RUN_DIR (as written by `alignkit run`),
    or, with --align, for a sentence alignment. Prints the path written.

    The alignment report plots source against target sentence index (bead types coloured),
    lists every bead that is not 1:1 with its sentences, and shows all beads side by side.
    `alignkit align --report FILE` writes the same page while aligning.

    \b
    Examples:
      alignkit report corpora/seed/
      alignkit report corpora/seed/putin-war-israel-2025.jsonl --out seed.html
      alignkit report --align doc.en doc.es doc.ladder --from en --to es --out doc.html
    """
    from alignkit import textio

    if (run_dir is None) == (align_files is None):
        raise InputError("give either RUN_DIR or --align SRC TGT LADDER")
    if align_files is not None:
        target, page = _alignment_page(align_files, src_lang, tgt_lang, segment, out)
    else:
        from alignkit.formats.run import read_corpus
        from alignkit.report import render

        assert run_dir is not None
        page = render(read_corpus(run_dir))
        target = out or ((run_dir if run_dir.is_dir() else run_dir.parent) / "report.html")
    textio.write_text(target, page)
    click.echo(str(target))


def _alignment_page(files: tuple[str, str, str], src_lang: str | None, tgt_lang: str | None, segment: bool,
                    out: Path | None) -> tuple[Path, str]:
    """The output path and the HTML of the alignment report for ``(SRC, TGT, LADDER)``."""
    from alignkit.cli.align import read_sentences, report_title
    from alignkit.formats.ladder import parse_ladder
    from alignkit.report import check_alignment, render_alignment
    from alignkit.textio import read_text

    if src_lang is None or tgt_lang is None:
        raise InputError("--align needs --from and --to")
    src, tgt, ladder = files
    # read as `align` reads them (lines, or with --segment its segmentation), so the indices match
    src_sents, _ = read_sentences(src, src_lang, segment=segment, doc="src")
    tgt_sents, _ = read_sentences(tgt, tgt_lang, segment=segment, doc="tgt")
    alignment = parse_ladder(read_text(ladder), ladder)
    check_alignment(alignment, len(src_sents), len(tgt_sents), ladder)
    html = render_alignment(src_sents, tgt_sents, alignment, src_lang=src_lang, tgt_lang=tgt_lang,
                            title=report_title(src, tgt))
    return out or Path(ladder + ".html"), html
