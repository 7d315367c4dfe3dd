"""Reading engine choices from the command line and from a TOML config file.

A config file picks an engine per target language::

    [engine]            # the default for every language
    name = "apertium"

    [engine.de]         # German through a CTranslate2 model from the model store
    name = "ct2"
    model = "opus-mt-en-de"
    beam_size = 4
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from alignkit import langs, textio
from alignkit.errors import InputError
from alignkit.pipeline import EngineSpec


def parse_options(pairs: Iterable[str]) -> dict[str, Any]:
    """``["beam_size=4", "device=cpu"]`` -> ``{"beam_size": 4, "device": "cpu"}`` (TOML value syntax, else string).

    Raises:
        InputError: an item without ``=``.
    """
    out: dict[str, Any] = {}
    for item in pairs:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--option {item!r}: expected KEY=VALUE")
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        out[key.strip()] = value
    return out


def load_engine_config(path: str | Path) -> tuple[EngineSpec | None, dict[str, EngineSpec]]:
    """Read ``[engine]`` and ``[engine.<lang>]`` tables from a TOML file.

    Returns:
        The default engine (or ``None`` when the file sets none) and per-language engines.

    Raises:
        InputError: unreadable or invalid TOML, a table without ``name``, an unknown language.
    """
    text = textio.read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"{path}: invalid TOML ({err})") from None
    table = data.get("engine", {})
    if not isinstance(table, dict):
        raise InputError(f"{path}: [engine] must be a table")
    default_opts = {k: v for k, v in table.items() if not isinstance(v, dict)}
    default = _spec(path, "engine", default_opts) if default_opts else None
    per_lang = {}
    for key, value in table.items():
        if isinstance(value, dict):
            per_lang[langs.normalize(key)] = _spec(path, f"engine.{key}", value)
    return default, per_lang


def _spec(path: str | Path, where: str, table: dict[str, Any]) -> EngineSpec:
    opts = dict(table)
    name = opts.pop("name", None)
    if not isinstance(name, str):
        raise InputError(f"{path}: [{where}] needs name = \"apertium\" or \"ct2\"")
    return EngineSpec(name, opts)
