"""``alignkit report``: the HTML report of a run directory."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(context_settings={"max_content_width": 100})
@click.argument("run_dir", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), help="Output file (default: RUN_DIR/report.html).")
def report(run_dir: Path, out: Path | None) -> None:
    """Write one self-contained HTML page for the run in RUN_DIR (as written by `alignkit run`).

    \b
    Examples:
      alignkit report corpora/seed/
      alignkit report corpora/seed/seed.jsonl --out /tmp/seed.html
    """
    from alignkit import textio
    from alignkit.formats.run import read_corpus
    from alignkit.report import render

    corpus = read_corpus(run_dir)
    target = out or ((run_dir if run_dir.is_dir() else run_dir.parent) / "report.html")
    textio.write_text(target, render(corpus))
    click.echo(str(target))
