"""Per-language summaries computed as segments stream by (memory: 8 bytes per value kept).

:func:`alignkit.score.qe.summarize` is this accumulator over a list, so a streamed corpus and
an in-memory one get the same numbers.
"""

from __future__ import annotations

import statistics
from array import array
from collections.abc import Iterable, Mapping

from alignkit.score.flags import FLAG_THRESHOLDS, REASONS, Thresholds, problems

#: signals averaged in the summary (the summary key is the signal's name).
MEAN_KEYS = ("unknown_rate", "length_ratio", "copy_sim", "lang_prob", "roundtrip_chrf", "cost")

#: failure reason -> summary key counting the segments that fail it.
COUNT_KEYS = {"wrong_lang": "wrong_lang", "copy": "copies", "unknown": "high_unknown",
              "length": "length_outliers", "roundtrip": "low_roundtrip"}


class SummaryAccumulator:
    """Adds per-segment score dicts one by one; :meth:`summary` is ``summarize`` of all of them."""

    def __init__(self, thresholds: Thresholds = FLAG_THRESHOLDS) -> None:
        self.thresholds = thresholds
        self.segments = 0
        self._values = {key: array("d") for key in (*MEAN_KEYS, "abs_length_z")}
        self._with_unknown = 0
        self._reasons = dict.fromkeys(REASONS, 0)
        self._flagged = 0

    def add(self, scores: Iterable[Mapping[str, float]]) -> None:
        """Count the score dicts of more segments."""
        for s in scores:
            self.segments += 1
            for key in MEAN_KEYS:
                if key in s:
                    self._values[key].append(s[key])
            if "length_z" in s:
                self._values["abs_length_z"].append(abs(s["length_z"]))
            self._with_unknown += s.get("unknown", 0) > 0
            found = problems(s, self.thresholds)
            for reason in found:
                if reason in self._reasons:
                    self._reasons[reason] += 1
            self._flagged += bool(found)

    def summary(self) -> dict[str, float]:
        """Means of the signals and counts of failing segments (see ``summarize``)."""
        out: dict[str, float] = {"segments": float(self.segments)}
        for key in (*MEAN_KEYS, "abs_length_z"):
            if self._values[key]:
                out[key] = round(statistics.fmean(self._values[key]), 4)
        out["with_unknown"] = float(self._with_unknown)
        for reason in REASONS:
            out[COUNT_KEYS[reason]] = float(self._reasons[reason])
        out["flagged"] = float(self._flagged)
        return out
