"""Checked reading: values from untrusted files are validated here, or a :class:`FormatError` names them.

Readers (JSONL, TMX, ladder, model metadata) call these helpers instead of trusting what
``json.loads`` or a regex returned, so that a hostile or hand-edited file ends in one
message naming the file, the line and the field, never a ``KeyError`` or ``RecursionError``
deep inside a stage.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any, NoReturn

from alignkit.errors import FormatError

#: Deepest ``[``/``{`` nesting accepted in a JSON document (alignkit's own files use 4).
MAX_JSON_DEPTH = 64
#: Longest JSON Lines line accepted, in characters.
MAX_JSON_LINE = 64 * 1024**2
#: Largest integer accepted for an index or an offset.
MAX_INDEX = 2**53

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


def json_depth_ok(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when ``text`` nests ``[``/``{`` no deeper than ``limit`` (brackets inside strings do not count)."""
    if text.count("[") + text.count("{") <= limit:
        return True  # the common case, decided without a scan
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return False
    return True


def load_json(text: str, source: str, line: int | None = None) -> Any:
    """Parse one JSON document strictly: bounded nesting, no ``NaN``/``Infinity``, bounded size.

    Raises:
        FormatError: too long, too deep, or not valid JSON.
    """
    if len(text) > MAX_JSON_LINE:
        raise FormatError(source, f"longer than {MAX_JSON_LINE} characters", line)
    if not json_depth_ok(text):
        raise FormatError(source, f"JSON nested deeper than {MAX_JSON_DEPTH} levels", line)
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as err:
        raise FormatError(source, f"not valid JSON ({str(err)[:120]})", line) from None


class Fields:
    """Type checks for the values of one record, each failure naming ``source:line`` and the field.

    Args:
        source: the file name.
        line: the record's 1-based line (``None`` when not line-based).
    """

    def __init__(self, source: str, line: int | None = None) -> None:
        self.source, self.line = source, line

    def fail(self, field: str, problem: str) -> NoReturn:
        """Raise the :class:`FormatError` for ``field``."""
        raise FormatError(self.source, problem, self.line, field)

    def mapping(self, value: object, field: str) -> Mapping[str, Any]:
        """A JSON object."""
        if not isinstance(value, Mapping):
            self.fail(field, f"expected an object, got {_kind(value)}")
        return value

    def string(self, value: object, field: str) -> str:
        """A string."""
        if not isinstance(value, str):
            self.fail(field, f"expected a string, got {_kind(value)}")
        return value

    def optional_string(self, value: object, field: str) -> str | None:
        """A string or ``null``."""
        return None if value is None else self.string(value, field)

    def integer(self, value: object, field: str, minimum: int = 0) -> int:
        """An integer in ``[minimum, MAX_INDEX]`` (booleans and floats are refused)."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, f"expected a whole number, got {_kind(value)}")
        if not minimum <= value <= MAX_INDEX:
            self.fail(field, f"{value} is out of range ({minimum} to {MAX_INDEX})")
        return value

    def number(self, value: object, field: str) -> float:
        """A finite number."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(field, f"expected a number, got {_kind(value)}")
        number = float(value)
        if not math.isfinite(number):
            self.fail(field, f"{value} is not a finite number")
        return number

    def strings(self, value: object, field: str) -> list[str]:
        """A list of strings."""
        if not isinstance(value, list):
            self.fail(field, f"expected a list, got {_kind(value)}")
        return [self.string(v, f"{field}[{i}]") for i, v in enumerate(value)]

    def integers(self, value: object, field: str) -> list[int]:
        """A list of non-negative integers."""
        if not isinstance(value, list):
            self.fail(field, f"expected a list, got {_kind(value)}")
        return [self.integer(v, f"{field}[{i}]") for i, v in enumerate(value)]

    def text_map(self, value: object, field: str) -> dict[str, str]:
        """An object of strings (language -> text)."""
        return {k: self.string(v, f"{field}.{k}") for k, v in self.mapping(value, field).items()}

    def number_map(self, value: object, field: str) -> dict[str, float]:
        """An object of finite numbers (score name -> value)."""
        return {k: self.number(v, f"{field}.{k}") for k, v in self.mapping(value, field).items()}


def _kind(value: object) -> str:
    """How a JSON value is named in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value[:30]!r}"
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, Mapping) else type(value).__name__
