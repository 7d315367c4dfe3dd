"""How installed models are described to people: languages served, disk size, the list table."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from alignkit.models.layout import ModelInfo

#: Columns of the model list.
LIST_HEADER = ("NAME", "PAIRS", "KIND", "TOKENIZER", "SIZE")


def disk_size(path: Path) -> int:
    """Bytes taken by the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def human_size(size: float) -> str:
    """``724.9 KiB``: binary units, whole bytes below 1 KiB, GiB at most."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def languages(info: ModelInfo) -> str:
    """``en->es,es->en``, or ``N languages (any pair)`` for a multilingual model."""
    if info.multilingual:
        return f"{len(info.sources)} languages (any pair)"
    return ",".join(f"{s}->{t}" for s, t in sorted(info.pairs))


def details(info: ModelInfo) -> dict[str, Any]:
    """What ``alignkit models info`` shows: path, stored metadata, size, and the pairs of a multilingual model."""
    data = {"path": str(info.root), **info.to_json(), "size": human_size(disk_size(info.root))}
    if info.multilingual:
        data["pairs"] = f"all {len(info.pairs)} pairs between {len(info.sources)} languages"
    return data


def list_table(infos: Sequence[ModelInfo]) -> str:
    """The models as a left-aligned table under :data:`LIST_HEADER` (no trailing spaces)."""
    rows = [LIST_HEADER, *((i.name, languages(i), i.kind, i.tokenizer, human_size(disk_size(i.root)))
                           for i in infos)]
    widths = [max(len(r[c]) for r in rows) for c in range(len(LIST_HEADER))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in rows)
