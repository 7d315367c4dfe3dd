"""Engine options from loose keyword values."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from alignkit.errors import InputError
from alignkit.options import from_mapping


@dataclass(frozen=True)
class _Opts:
    name: str = "x"
    size: int = 4
    ratio: float = 1.0
    flag: bool = True
    path: str | None = None


@pytest.mark.parametrize(
    ("given", "field", "expected"),
    [({"size": "8"}, "size", 8), ({"ratio": 2}, "ratio", 2.0), ({"flag": "false"}, "flag", False),
     ({"flag": "on"}, "flag", True), ({"flag": False}, "flag", False), ({"path": "/m"}, "path", "/m"),
     ({"name": 3}, "name", "3")],
    ids=["int-from-str", "float-from-int", "bool-false-str", "bool-on", "bool-typed", "optional-str", "str-from-int"],
)
def test_values_are_coerced(given: dict[str, object], field: str, expected: object) -> None:
    assert getattr(from_mapping(_Opts, given, "demo"), field) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [({"sise": 1}, "unknown demo option\\(s\\) sise; valid: name, size, ratio, flag, path"),
     ({"size": "big"}, "demo option size: 'big' is not a valid int"),
     ({"flag": "maybe"}, "demo option flag: 'maybe' is not true/false")],
    ids=["unknown", "bad-int", "bad-bool"],
)
def test_bad_options_are_one_clear_error(given: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        from_mapping(_Opts, given, "demo")
