"""``alignkit glossary``: check, convert and try out named-entity glossaries."""

from __future__ import annotations

import click

from alignkit import textio
from alignkit.cli.common import lang_callback


@click.group()
def glossary() -> None:
    """Check, convert and try out glossaries (TSV/CSV or TBX).

    \b
    Examples:
      alignkit glossary check glossaries/seed.tsv
      alignkit glossary convert glossaries/seed.tsv seed.tbx
      alignkit glossary match glossaries/seed.tsv article.txt --lang en
    """


@glossary.command()
@click.argument("file", type=click.Path(dir_okay=False))
def check(file: str) -> None:
    """Validate FILE and list every problem with its line number (exit 5 if any).

    \b
    Example:
      alignkit glossary check glossaries/seed.tsv
    """
    from alignkit.errors import GlossaryError
    from alignkit.glossary import GlossaryProblems, load

    try:
        g = load(file)
    except GlossaryProblems as err:
        for problem in err.problems:
            click.echo(f"{file}: {problem}", err=True)
        # The problems are listed above: the error line only counts them.
        n = len(err.problems)
        raise GlossaryError(f"{file}: {n} problem{'s' if n != 1 else ''}") from None
    click.echo(f"{file}: ok, {len(g)} terms in {', '.join(g.langs)} ({g.digest()})")


@glossary.command()
@click.argument("src", type=click.Path(dir_okay=False))
@click.argument("dst", type=click.Path(dir_okay=False))
def convert(src: str, dst: str) -> None:
    """Convert a glossary between TSV, CSV and TBX (formats from the file extensions).

    \b
    Examples:
      alignkit glossary convert glossaries/seed.tsv seed.tbx
      alignkit glossary convert terms.tbx terms.tsv
    """
    from alignkit.glossary.files import convert as convert_file

    g = convert_file(src, dst)
    click.echo(f"{dst}: {len(g)} terms written", err=True)


@glossary.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("text_file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--lang", "-l", "--from", "-f", "lang", default="en", show_default=True, callback=lang_callback,
              help="Language of TEXT_FILE (which glossary column to match).")
def match(file: str, text_file: str, lang: str) -> None:
    """Show the glossary terms found in TEXT_FILE, one per line: line, column, text, forms.

    \b
    Example:
      alignkit glossary match glossaries/seed.tsv seeds/putin-war-israel-2025.en.txt --lang en
    """
    from alignkit.glossary.match import match_file

    found = match_file(file, text_file, lang)
    lines = [f"{o.line}:{o.column}\t{o.text}\t{'  '.join(f'{x}={form}' for x, form in o.forms)}\n" for o in found]
    textio.write_text("-", "".join(lines))
    click.echo(f"{len(lines)} occurrences", err=True)
