"""``alignkit models``: install, list, inspect, remove and convert neural models."""

from __future__ import annotations

import json
from pathlib import Path

import click

from alignkit.cli.common import lang_callback

_HOME_HELP = "Model store directory (default: $ALIGNKIT_HOME/models, else the user data directory)."


def _store(ctx: click.Context):  # type: ignore[no-untyped-def]
    from alignkit.models.store import ModelStore

    return ModelStore(ctx.obj.get("models_home") if ctx.obj else None)


@click.group("models")
@click.option("--home", "models_home", type=click.Path(file_okay=False), default=None, help=_HOME_HELP)
@click.pass_context
def models(ctx: click.Context, models_home: str | None) -> None:
    """Manage the local store of CTranslate2 models used by `--engine ct2`.

    \b
    Examples:
      alignkit models install ./opus-mt-en-es-ct2             # a converted model directory
      alignkit models install translate-en_es-1_0.argosmodel  # an Argos Translate package
      alignkit models install ../shared/models/aren-transliteration --name aren --from ar --to en
      alignkit models list
      alignkit models info aren
      alignkit models remove aren
      alignkit models convert ./hf/opus-mt-en-es --out ./opus-mt-en-es-ct2
    """
    ctx.ensure_object(dict)
    ctx.obj["models_home"] = models_home


@models.command("install")
@click.argument("source", type=click.Path(exists=False))
@click.option("--name", help="Store name (default: from the file or directory name).")
@click.option("--from", "-f", "src", callback=lang_callback, help="Source language, for models whose files do not say.")
@click.option("--to", "-t", "tgt", callback=lang_callback, help="Target language (with --from).")
@click.pass_context
def install(ctx: click.Context, source: str, name: str | None, src: str | None, tgt: str | None) -> None:
    """Install a CTranslate2 model directory, a zip/tar of one, or an .argosmodel package.

    The model is validated by loading it before it appears in the store; a failed install
    leaves the store unchanged.

    \b
    Examples:
      alignkit models install ./opus-mt-en-de-ct2
      alignkit models install ../shared/models/aren-transliteration --name aren --from ar --to en
    """
    from alignkit.models.describe import languages

    info = _store(ctx).install(source, name=name, src=src, tgt=tgt)
    click.echo(f"installed {info.name}: {languages(info)} ({info.kind}, {info.tokenizer}) in {info.root}")


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def list_cmd(ctx: click.Context, as_json: bool) -> None:
    """List installed models and the language pairs they serve.

    \b
    Example:
      alignkit models list
    """
    from alignkit.models.describe import list_table

    store = _store(ctx)
    infos = store.list()
    if as_json:
        click.echo(json.dumps([i.to_json() for i in infos], indent=2, ensure_ascii=False))
        return
    if not infos:
        click.echo(f"no models installed in {store.root}")
        return
    click.echo(list_table(infos))


@models.command("info")
@click.argument("name")
@click.pass_context
def info(ctx: click.Context, name: str) -> None:
    """Show what the store knows about one model (JSON).

    \b
    Example:
      alignkit models info aren
    """
    from alignkit.models.describe import details

    click.echo(json.dumps(details(_store(ctx).get(name)), indent=2, ensure_ascii=False))


@models.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx: click.Context, name: str) -> None:
    """Delete an installed model.

    \b
    Example:
      alignkit models remove aren
    """
    path = _store(ctx).remove(name)
    click.echo(f"removed {name} ({path})")


@models.command("convert")
@click.argument("hf_dir", type=click.Path(exists=False))
@click.option("--out", "out_dir", required=True, type=click.Path(), help="Directory for the CTranslate2 model.")
@click.option("--quantization", default=None,
              help="Store weights as int8, int8_float16, float16... (default: as trained).")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
def convert(hf_dir: str, out_dir: str, quantization: str | None, force: bool) -> None:
    """Convert a Hugging Face model directory (OPUS-MT/Marian, NLLB, M2M100) to CTranslate2.

    Needs the optional extra: pip install 'alignkit[convert]' (transformers and torch).
    SentencePiece files are copied beside the model, so the result installs directly.

    \b
    Example:
      alignkit models convert ./Helsinki-NLP/opus-mt-en-es --out ./opus-mt-en-es-ct2
      alignkit models install ./opus-mt-en-es-ct2
    """
    from alignkit.models.convert import convert_transformers

    out = convert_transformers(Path(hf_dir), Path(out_dir), quantization=quantization, force=force)
    click.echo(f"converted {hf_dir} -> {out}; now run: alignkit models install {out}")
