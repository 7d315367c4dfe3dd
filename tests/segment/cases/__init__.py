"""The per-language case tables (see README.md): read by the tests and by bench/bench_segment.py."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
#: Languages with a case table.
LANGS = ("ca", "de", "es", "fr", "gl", "it", "pt")


def load(lang: str) -> list[tuple[str, str, list[str]]]:
    """``(id, input text, expected sentences)`` for every case of ``lang``."""
    cases = []
    for line in (HERE / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            case_id, _, body = line.partition("\t")
            expected = [s.strip() for s in body.split(" | ")]
            cases.append((case_id, " ".join(expected), expected))
    return cases
