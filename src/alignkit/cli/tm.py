"""``alignkit tm``: inspect, export, import and prune the translation memory."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from alignkit.errors import InputError

if TYPE_CHECKING:
    from alignkit.tm import TranslationMemory

_TM_HELP = "Translation memory file (default: $ALIGNKIT_HOME/tm.sqlite, else the user data directory)."
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)


def parse_duration(value: str) -> float:
    """``30d``, ``12h``, ``90m``, ``3600s`` (also ``w``) as seconds.

    Raises:
        InputError: not a number followed by one of those units.
    """
    match = _DURATION.match(value)
    if not match:
        raise InputError(f"--older-than: {value!r} is not a duration; use a number and a unit: 30d, 12h, 90m, 3600s")
    return float(match.group(1)) * _UNITS[match.group(2).lower()]


def _duration_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    # An AlignkitError, not click's usage error: a bad value is one line, like every other user error.
    return None if value is None else parse_duration(value)


def _tm_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--tm", "tm_path", type=click.Path(dir_okay=False), default=None, help=_TM_HELP)(func)


def _open(tm_path: str | Path | None, *, readonly: bool = False) -> TranslationMemory:
    from alignkit.tm import TranslationMemory, default_tm_path

    tm = TranslationMemory(tm_path or default_tm_path(), readonly=readonly)
    if tm.notice:
        click.echo(f"alignkit: {tm.notice}", err=True)
    return tm


def _when(epoch: float | None) -> str:
    return "-" if epoch is None else time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(epoch))


@click.group("tm")
def tm() -> None:
    """Inspect and maintain the translation memory (every engine output, reused on later runs).

    Entries are keyed by the engine signature (engine, pair or model, versions, options),
    the route leg (en>es) and the exact source text.

    \b
    Examples:
      alignkit tm stats
      alignkit tm export memory.tmx
      alignkit tm import memory.tmx --tm other.sqlite
      alignkit tm import vendor.tmx --signature import:vendor
      alignkit tm prune --older-than 30d
    """


@tm.command("stats")
@_tm_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def stats(tm_path: str | None, as_json: bool) -> None:
    """Show entries, size, ages and the entries per engine and leg.

    \b
    Examples:
      alignkit tm stats
      alignkit tm stats --tm ./run.sqlite --json
    """
    with _open(tm_path, readonly=True) as memory:
        info = memory.stats()
    if as_json:
        click.echo(json.dumps(info.to_json(), indent=2, ensure_ascii=False))
        return
    click.echo(f"{info.path}: {info.entries} entries, {info.signatures} signatures, {info.bytes} bytes")
    click.echo(f"last used: oldest {_when(info.oldest)}, newest {_when(info.newest)}")
    for description, digest, count in info.per_signature:
        click.echo(f"{count:>10}  {digest[:12]}  {description}")


@tm.command("export")
@click.argument("file", type=click.Path(dir_okay=False))
@_tm_option
def export(file: str, tm_path: str | None) -> None:
    """Write every entry to FILE as TMX 1.4b (one unit per entry, signature and leg as props).

    \b
    Example:
      alignkit tm export memory.tmx
    """
    with _open(tm_path, readonly=True) as memory:
        count = memory.export_tmx(file)
    click.echo(f"exported {count} entries to {file}")


@tm.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@_tm_option
@click.option("--signature", default=None,
              help="Signature for units without one (a TMX not exported by alignkit), e.g. import:vendor.")
def import_cmd(file: str, tm_path: str | None, signature: str | None) -> None:
    """Add the units of a TMX file: an `alignkit tm export`, or any TMX with --signature.

    Units of an alignkit export keep their engine signature and leg, so they are served again
    to the same engine. Other units become entries under --signature, one per target language.

    \b
    Examples:
      alignkit tm import memory.tmx
      alignkit tm import vendor.tmx --signature import:vendor
    """
    with _open(tm_path) as memory:
        count = memory.import_tmx(file, signature=signature)
    click.echo(f"imported {count} entries into {memory.path}")


@tm.command("prune")
@click.option("--older-than", "older_than", required=True, callback=_duration_callback,
              help="Remove entries last used longer ago than this: 30d, 12h, 90m, 3600s.")
@_tm_option
def prune(older_than: float, tm_path: str | None) -> None:
    """Remove entries that no run has used for a while.

    \b
    Examples:
      alignkit tm prune --older-than 30d
      alignkit tm prune --older-than 12h --tm ./run.sqlite
    """
    from alignkit.tm import default_tm_path

    path = tm_path or default_tm_path()
    # A memory that does not exist yet is not created just to prune nothing.
    with _open(path, readonly=not Path(path).exists()) as memory:
        removed = memory.prune(older_than)
        left = memory.stats().entries
    click.echo(f"removed {removed} entries from {memory.path}; {left} left")
