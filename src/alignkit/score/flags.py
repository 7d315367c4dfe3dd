"""Thresholds over reference-free scores: one definition of "bad" for filter, summary and report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from alignkit.errors import InputError

#: Reasons a segment can fail, in the order they are reported.
REASONS = ("wrong_lang", "copy", "unknown", "length", "roundtrip", "confidence")


@dataclass(frozen=True)
class Thresholds:
    """Which per-segment scores make a segment bad; ``None``/``False`` disables a check.

    Attributes:
        min_roundtrip_chrf: drop when ``roundtrip_chrf`` is below this (0-100).
        max_unknown_rate: drop when ``unknown_rate`` (unknown words / source words) is above this.
        max_length_z: drop when ``|length_z|`` is above this (standard deviations).
        drop_copies: drop untranslated copies of the source.
        require_lang: drop when the output's language is not the target language.
        min_confidence: drop when the model's ``confidence`` (mean log-probability per token,
            <= 0) is below this; rows without a confidence (rule-based engines) never fail it.
    """

    min_roundtrip_chrf: float | None = None
    max_unknown_rate: float | None = None
    max_length_z: float | None = None
    drop_copies: bool = False
    require_lang: bool = False
    min_confidence: float | None = None

    @property
    def active(self) -> bool:
        """True when at least one check is enabled."""
        return any(v not in (None, False) for v in self.__dict__.values())

    def require_active(self) -> None:
        """Refuse thresholds that check nothing: filtering with them would silently keep everything.

        Raises:
            InputError: no check is enabled.
        """
        if not self.active:
            raise InputError("give at least one threshold (e.g. --max-length-z 3 or --drop-copies)")


#: What the summary and the report flag by default: loose enough that a flag means "look here".
FLAG_THRESHOLDS = Thresholds(min_roundtrip_chrf=35.0, max_unknown_rate=0.15, max_length_z=3.0,
                             drop_copies=True, require_lang=True)


def problems(scores: Mapping[str, float], thresholds: Thresholds = FLAG_THRESHOLDS) -> tuple[str, ...]:
    """The reasons (from :data:`REASONS`) why ``scores`` fail ``thresholds``; empty when fine.

    A score that is absent (e.g. no round trip was computed, a sentence too short to
    identify its language) never fails its check.
    """
    out = []
    if thresholds.require_lang and scores.get("lang_ok", 1.0) < 0.5:
        out.append("wrong_lang")
    if thresholds.drop_copies and scores.get("copy", 0.0) >= 0.5:
        out.append("copy")
    if thresholds.max_unknown_rate is not None and scores.get("unknown_rate", 0.0) > thresholds.max_unknown_rate:
        out.append("unknown")
    if thresholds.max_length_z is not None and abs(scores.get("length_z", 0.0)) > thresholds.max_length_z:
        out.append("length")
    rt = scores.get("roundtrip_chrf")
    if thresholds.min_roundtrip_chrf is not None and rt is not None and rt < thresholds.min_roundtrip_chrf:
        out.append("roundtrip")
    conf = scores.get("confidence")
    if thresholds.min_confidence is not None and conf is not None and conf < thresholds.min_confidence:
        out.append("confidence")
    return tuple(out)
