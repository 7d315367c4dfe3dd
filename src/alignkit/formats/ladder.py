"""vecalign's alignment ladder: one bead per line, ``[0]:[0, 1]:0.123456``.

Indices are 0-based sentence (line) numbers; the cost is optional on reading (gold files have
none). Reading parses text and writing returns text, so callers decide where files go.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from alignkit.errors import FormatError
from alignkit.formats.check import MAX_INDEX
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
        FormatError: a malformed line, an index out of range or a cost that is not a finite
            number (the line number and the field are given).
    """
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            raise FormatError(source, f"not a ladder line like '[0]:[0, 1]:0.5': {line.strip()[:60]!r}", number)
        src, tgt, cost = match.groups()
        try:
            value = float(cost) if cost is not None else 0.0
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise FormatError(source, f"bad cost {cost[:30]!r} (expected a finite number)", number, "cost")
        beads.append(Bead(_ids(src, source, number, "src"), _ids(tgt, source, number, "tgt"), value))
    return Alignment(tuple(beads))


def _ids(text: str, source: str, number: int, field: str) -> tuple[int, ...]:
    ids = []
    for item in text.replace(",", " ").split():
        # len() first: int() of a 5,000-digit string raises, and a huge index is no sentence anyway
        if len(item) > len(str(MAX_INDEX)) or int(item) > MAX_INDEX:
            raise FormatError(source, f"index {item[:20]}{'...' if len(item) > 20 else ''} is out of range", number, field)
        ids.append(int(item))
    return tuple(ids)
