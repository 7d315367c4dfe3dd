"""``alignkit dict``: build and list the cached bilingual dictionaries ``align`` uses (not named dict.py: it would shadow the builtin in ``alignkit.cli``)."""

from __future__ import annotations

from pathlib import Path

import click

from alignkit.cli.common import lang_callback

_HOME_HELP = "Dictionary cache directory (default: $ALIGNKIT_HOME/dicts, else the user data directory)."


@click.group("dict")
@click.option("--home", "dict_home", type=click.Path(file_okay=False), default=None, help=_HOME_HELP)
@click.option("--apertium-root", type=click.Path(file_okay=False), default=None,
              help="Where Apertium pairs are installed (default /usr/share/apertium).")
@click.option("--dictd-root", type=click.Path(file_okay=False), default=None,
              help="Where FreeDict dictd files are installed (default /usr/share/dictd).")
@click.pass_context
def dict_group(ctx: click.Context, dict_home: str | None, apertium_root: str | None, dictd_root: str | None) -> None:
    """Bilingual dictionaries from installed Apertium pairs and FreeDict packages, for `align`.

    `align` picks up the cached dictionary of its pair when there is one (and logs which).

    \b
    Examples:
      alignkit dict build de fr          # FreeDict deu-fra + fra-deu, stemmed
      alignkit dict build de it          # no direct one: through English
      alignkit dict list
    """
    from alignkit.dictionaries import APERTIUM_ROOT, DICTD_ROOT, Roots

    ctx.ensure_object(dict)
    ctx.obj["dict_home"] = dict_home
    ctx.obj["roots"] = Roots(Path(apertium_root) if apertium_root else APERTIUM_ROOT,
                             Path(dictd_root) if dictd_root else DICTD_ROOT)


@dict_group.command("build")
@click.argument("src", callback=lang_callback)
@click.argument("tgt", callback=lang_callback)
@click.pass_context
def build(ctx: click.Context, src: str, tgt: str) -> None:
    """Merge every installed dictionary for SRC -> TGT (either direction, else via a pivot) into the cache."""
    from alignkit.align.resources import build as build_lexicon
    from alignkit.align.resources import save

    lexicon = build_lexicon(src, tgt, ctx.obj["roots"])
    path = save(lexicon, ctx.obj["dict_home"])
    click.echo(f"{path}: {lexicon.describe()}")


@dict_group.command("list")
@click.pass_context
def list_cmd(ctx: click.Context) -> None:
    """Installed dictionary files (source, target, file) and the cached dictionaries."""
    from alignkit.align.resources import dict_dir
    from alignkit.dictionaries import available

    for src, tgt, path in available(ctx.obj["roots"]):
        click.echo(f"installed\t{src}-{tgt}\t{path}")
    cache = dict_dir(ctx.obj["dict_home"])
    for path in sorted(cache.glob("*.tsv")) if cache.is_dir() else []:
        click.echo(f"cached\t{path.stem}\t{path}")
