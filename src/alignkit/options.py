"""Building an options dataclass from loose keyword options (CLI strings, TOML values).

Engines take ``**options`` from the CLI (``--option key=value``), a config file or Python;
each turns them into its one frozen options dataclass with :func:`from_mapping`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from alignkit.errors import InputError

T = TypeVar("T")

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def coerce(label: str, key: str, default: object, value: object) -> object:
    """Convert ``value`` to the type of ``default`` (strings from the CLI included).

    Raises:
        InputError: the value cannot be converted (e.g. ``"maybe"`` for a bool).
    """
    if value is None or default is None or isinstance(default, str):
        return None if value is None else (value if default is None else str(value))
    if isinstance(default, bool):  # before int: bool is an int, and bool("false") is True
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise InputError(f"{label} option {key}: {value!r} is not true/false")
    if isinstance(value, type(default)):
        return value
    try:
        return type(default)(value)  # type: ignore[call-arg]
    except (TypeError, ValueError):
        raise InputError(f"{label} option {key}: {value!r} is not a valid {type(default).__name__}") from None


def from_mapping(cls: type[T], options: Mapping[str, Any], label: str) -> T:
    """Instantiate the dataclass ``cls`` from ``options``, rejecting unknown keys.

    Args:
        cls: a dataclass whose fields all have defaults.
        options: keyword options, typed or as strings.
        label: the owner's name for messages (``"ct2"``, ``"apertium"``).

    Raises:
        InputError: an unknown option (the message lists the valid ones) or a bad value.
    """
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(options) - set(fields))
    if unknown:
        raise InputError(f"unknown {label} option(s) {', '.join(unknown)}; valid: {', '.join(fields)}")
    values = {key: coerce(label, key, _default(fields[key]), value) for key, value in options.items()}
    return cls(**values)


def _default(field: dataclasses.Field[Any]) -> object:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return None
