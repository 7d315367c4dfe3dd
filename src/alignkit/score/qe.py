"""Reference-free quality estimation: per-segment signals that need no human translation.

Signals (keys of each per-segment dict):

- ``unknown`` / ``unknown_rate``: words the engine did not know (Apertium's marks, ``<unk>``)
  per source word.
- ``length_ratio`` / ``length_z``: target/source length in characters, and its deviation in the
  Gale & Church (1993) model, ``(l_t - c*l_s) / sqrt(s2 * l_s)``, where ``c`` and ``s2`` are
  estimated *from the document itself* with robust statistics (median, median of squares), so
  a few broken rows cannot move them.
- ``copy`` / ``copy_sim``: the output is (almost) the source, word for word: untranslated.
- ``lang_ok`` / ``lang_prob``: language identification of the output (py3langid), absent for
  text too short to judge.
- ``roundtrip_chrf``: chrF of the back-translation against the source, when a
  back-translator is given.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import regex

from alignkit.errors import InputError
from alignkit.score.accumulate import SummaryAccumulator
from alignkit.score.flags import FLAG_THRESHOLDS, Thresholds
from alignkit.translate.base import Translator
from alignkit.types import Translation

_WORD = regex.compile(r"\w+(?:['’]\w+)*")
# Apertium's unknown-word mark when an unmarked (-u) pass was not used: "*Kyiv".
_STAR_MARK = regex.compile(r"(?<![\w*])\*\w")
_UNK = regex.compile(r"<unk>")

#: median of a chi-square variable with one degree of freedom: turns a median of squared
#: residuals into a variance estimate.
_CHI2_1_MEDIAN = 0.454936

#: Languages the detector chooses among besides the pair itself (Romance neighbours confuse easily).
DEFAULT_LID_CANDIDATES = ("en", "es", "ca", "gl", "pt", "it", "fr", "de", "nl", "ro", "oc", "eu")


@dataclass(frozen=True)
class QEOptions:
    """Settings of the reference-free estimators.

    Attributes:
        min_fit_segments: fewer usable segments than this and the length model falls back to
            ``default_ratio``/``default_variance`` instead of estimating from the document.
        default_ratio: target/source character ratio assumed for short documents.
        default_variance: Gale & Church's variance per source character (6.8).
        min_variance: floor on the estimated variance, so a very regular document does not
            turn a few characters of difference into a large z.
        copy_similarity: word-sequence similarity at or above which the output counts as a copy.
        copy_min_words: sources with fewer words (names, numbers, handles) are never copies.
        lid_min_letters: outputs with fewer letters are not language-identified.
        lid_candidates: languages the detector may answer besides the source and target.
        lid_confidence: the output is judged to be in the wrong language only when the detector
            gives another language at least this probability (short sentences in close
            languages get flat, unconfident answers and are not condemned on them).
    """

    min_fit_segments: int = 20
    default_ratio: float = 1.0
    default_variance: float = 6.8
    min_variance: float = 2.0
    copy_similarity: float = 0.9
    copy_min_words: int = 3
    lid_min_letters: int = 20
    lid_candidates: tuple[str, ...] = DEFAULT_LID_CANDIDATES
    lid_confidence: float = 0.5


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, with inner apostrophes)."""
    return _WORD.findall(text)


def length_model(pairs: Sequence[tuple[int, int]], options: QEOptions = QEOptions()) -> tuple[float, float]:
    """Robust estimate of the pair's length ratio ``c`` and variance ``s2`` from (l_s, l_t) pairs.

    ``c`` is the median of per-segment ratios; ``s2`` the median squared Gale-Church residual
    per source character divided by the chi-square(1) median. Both ignore up to half the rows
    being broken.
    """
    usable = [(ls, lt) for ls, lt in pairs if ls > 0 and lt > 0]
    if len(usable) < options.min_fit_segments:
        return options.default_ratio, options.default_variance
    c = statistics.median(lt / ls for ls, lt in usable)
    s2 = statistics.median((lt - c * ls) ** 2 / ls for ls, lt in usable) / _CHI2_1_MEDIAN
    return c, max(s2, options.min_variance)


def _unknown_count(tr: Translation) -> int:
    marked = len(_STAR_MARK.findall(tr.text)) + len(_UNK.findall(tr.text))
    return max(len(tr.unknown), marked)


def _copy_sim(src_words: list[str], tgt_words: list[str]) -> float:
    a = [w.casefold() for w in src_words]
    b = [w.casefold() for w in tgt_words]
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _lang_scores(texts: Sequence[str], src_lang: str, tgt_lang: str,
                 options: QEOptions) -> list[dict[str, float]]:
    from alignkit.score import lid

    judged = [i for i, t in enumerate(texts) if _letters(t) >= options.lid_min_letters]
    out: list[dict[str, float]] = [{} for _ in texts]
    if not judged or tgt_lang not in lid.supported():
        return out
    candidates = (*options.lid_candidates, src_lang, tgt_lang)
    for i, probs in zip(judged, lid.identify([texts[i] for i in judged], candidates)):
        best = max(probs, key=probs.__getitem__)
        wrong = best != tgt_lang and probs[best] >= options.lid_confidence
        out[i] = {"lang_ok": float(not wrong), "lang_prob": round(probs.get(tgt_lang, 0.0), 4)}
    return out


def _roundtrip(sources: Sequence[str], translations: Sequence[Translation],
               backtranslator: Translator) -> list[float]:
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    back = backtranslator.translate([t.text for t in translations])
    return [chrf.sentence_score(b.text, [s]).score if s.strip() and b.text.strip() else 0.0
            for s, b in zip(sources, back)]


def estimate(sources: Sequence[str], translations: Sequence[Translation], src_lang: str, tgt_lang: str, *,
             backtranslator: Translator | None = None,
             options: QEOptions = QEOptions()) -> tuple[dict[str, float], ...]:
    """Reference-free scores for each (source, translation) pair.

    Args:
        sources: source segments.
        translations: their translations, parallel to ``sources``.
        src_lang: source language (ISO 639-1).
        tgt_lang: target language.
        backtranslator: a ``tgt_lang -> src_lang`` translator; enables ``roundtrip_chrf``.
        options: estimator settings.

    Returns:
        One dict per segment (see the module docstring for the keys).

    Raises:
        InputError: the two sequences differ in length.
    """
    if len(sources) != len(translations):
        raise InputError(f"{len(sources)} sources but {len(translations)} translations")
    src_words = [words(s) for s in sources]
    tgt_words = [words(t.text) for t in translations]
    lengths = [(len(s.strip()), len(t.text.strip())) for s, t in zip(sources, translations)]
    c, s2 = length_model(lengths, options)
    lang = _lang_scores([t.text for t in translations], src_lang, tgt_lang, options)
    roundtrip = _roundtrip(sources, translations, backtranslator) if backtranslator else None
    out = []
    for i, tr in enumerate(translations):
        ls, lt = lengths[i]
        n_unknown = _unknown_count(tr)
        sim = _copy_sim(src_words[i], tgt_words[i])
        seg: dict[str, float] = {
            "unknown": float(n_unknown),
            "unknown_rate": round(n_unknown / max(len(src_words[i]), 1), 4),
            "length_z": round((lt - c * ls) / math.sqrt(s2 * max(ls, 1)), 4),
            "copy_sim": round(sim, 4),
            "copy": float(sim >= options.copy_similarity and len(src_words[i]) >= options.copy_min_words),
            **lang[i],
        }
        if ls:  # an empty source has no ratio (0.0 would drag the mean down)
            seg["length_ratio"] = round(lt / ls, 4)
        if roundtrip is not None:
            seg["roundtrip_chrf"] = round(roundtrip[i], 4)
        out.append(seg)
    return tuple(out)


def summarize(per_segment: Sequence[Mapping[str, float]], *,
              thresholds: Thresholds = FLAG_THRESHOLDS) -> dict[str, float]:
    """Per-language summary: means of the signals and counts of segments failing ``thresholds``.

    Keys: ``segments``; the mean of each signal present under its own name (``unknown_rate``,
    ``length_ratio``, ``lang_prob``, ``roundtrip_chrf``...); ``abs_length_z`` (mean ``|length_z|``);
    ``with_unknown`` (segments with any unknown word); one count per failure reason
    (``wrong_lang``, ``copies``, ``high_unknown``, ``length_outliers``, ``low_roundtrip``) and
    ``flagged`` (segments failing any check).
    """
    acc = SummaryAccumulator(thresholds)
    acc.add(per_segment)
    return acc.summary()
