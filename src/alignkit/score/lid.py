"""Language identification of translations with py3langid (offline; the model ships in the wheel).

py3langid (a maintained fork of langid.py) covers 140 languages including Galician, which
lingua lacks. The model is loaded on first use, never at import, and kept for the process.
Restricting the candidates to plausible languages makes short sentences far more reliable
(Galician vs Portuguese vs Spanish), so callers pass the languages they expect to see.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from typing import Any

from alignkit.errors import EngineUnavailableError

_LOCK = threading.Lock()


@functools.cache
def _identifier() -> Any:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        raise EngineUnavailableError("language identification needs py3langid: pip install py3langid") from None
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def supported() -> frozenset[str]:
    """ISO 639-1 codes the detector knows."""
    return frozenset(_identifier().labels)


def identify(texts: Iterable[str], candidates: Iterable[str]) -> list[dict[str, float]]:
    """Probability of each candidate language for each text.

    Args:
        texts: the strings to identify.
        candidates: languages to choose among; unsupported codes are ignored.

    Returns:
        One ``{lang: probability}`` per text (probabilities over the supported candidates sum to 1).
    """
    ident = _identifier()
    known = supported()
    cands = sorted({c for c in candidates if c in known})
    if not cands:
        return [{} for _ in texts]
    with _LOCK:  # set_languages mutates the shared model
        ident.set_languages(cands)
        try:
            return [dict(ident.rank(text)) for text in texts]
        finally:
            ident.set_languages(None)
