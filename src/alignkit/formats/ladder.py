"""vecalign's alignment ladder: one bead per line, ``[0]:[0, 1]:0.123456``.

Indices are 0-based sentence (line) numbers; the cost is optional on reading (gold files have
none). Reading parses text and writing returns text, so callers decide where files go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from alignkit.errors import InputError
from alignkit.types import Alignment, Bead

_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*(\S+))?\s*$")


def format_ladder(alignment: Alignment | Iterable[Bead], *, costs: bool = True) -> str:
    """The ladder text of an alignment (one line per bead, newline-terminated)."""
    beads = alignment.beads if isinstance(alignment, Alignment) else alignment
    lines = []
    for bead in beads:
        line = f"{list(bead.src)}:{list(bead.tgt)}"
        lines.append(f"{line}:{bead.cost:.6f}" if costs else line)
    return "".join(line + "\n" for line in lines)


def parse_ladder(text: str, source: str = "ladder") -> Alignment:
    """Parse ladder text into an :class:`Alignment` (cost 0.0 where the line has none).

    Raises:
        InputError: a malformed line (its number is given).
    """
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            raise InputError(f"{source}:{number}: not a ladder line like '[0]:[0, 1]:0.5': {line.strip()[:60]!r}")
        src, tgt, cost = match.groups()
        try:
            value = float(cost) if cost is not None else 0.0
        except ValueError:
            raise InputError(f"{source}:{number}: bad cost {cost!r}") from None
        beads.append(Bead(_ids(src), _ids(tgt), value))
    return Alignment(tuple(beads))


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.replace(",", " ").split())
