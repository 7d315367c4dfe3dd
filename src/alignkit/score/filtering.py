"""What ``alignkit filter`` computes: the rows of a corpus input that pass every threshold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from alignkit.score.corpus import FilterResult, back_opener, filter_rows, score_rows
from alignkit.score.flags import Thresholds
from alignkit.score.inputs import load
from alignkit.types import Row


@dataclass(frozen=True)
class FilteredCorpus:
    """A filtered corpus input, ready to be written back in its own format.

    Attributes:
        fmt: the input's corpus format.
        langs: its column languages, in order.
        rows: every input row, in order.
        result: what was kept and dropped, and why.
    """

    fmt: str
    langs: tuple[str, ...]
    rows: tuple[Row, ...]
    result: FilterResult

    @property
    def dropped_rows(self) -> list[Row]:
        """The rows that failed a check, in input order."""
        return [self.rows[i] for i, _ in self.result.dropped]


def filter_input(corpus: str | Path, thresholds: Thresholds, *, fmt: str | None = None,
                 langs: Sequence[str] | None = None, src_lang: str | None = None,
                 engine: str = "apertium") -> FilteredCorpus:
    """Load a corpus file (or Moses prefix), score it without references and apply ``thresholds``.

    Args:
        corpus: the corpus input.
        thresholds: the checks; at least one must be enabled.
        fmt: its format (default: from the name).
        langs: column languages for formats that do not name them.
        src_lang: source language (default: the corpus's, else the first column).
        engine: back-translation engine, used only for the round-trip chrF threshold when the
            rows carry no stored round-trip scores.

    Raises:
        InputError: no threshold enabled, unreadable or malformed corpus.
        UnknownNameError: unknown format or engine.
    """
    from alignkit.formats import guess_format

    thresholds.require_active()  # before loading and scoring the corpus
    name = fmt or guess_format(corpus)
    loaded = load(corpus, fmt=name, langs=langs)
    back = back_opener(engine) if thresholds.min_roundtrip_chrf is not None else None
    scores = score_rows(loaded.rows, src=src_lang or loaded.langs[0], back=back)
    return FilteredCorpus(name, loaded.langs, loaded.rows, filter_rows(loaded.rows, scores, thresholds))
