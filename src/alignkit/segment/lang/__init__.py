"""One small module per language over the shared rule base (:mod:`alignkit.segment.rulebase`).

A module ``<iso639-1>.py`` defines ``rules() -> LanguageRules``; languages without one use
:mod:`alignkit.segment.lang.generic`.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from alignkit import langs
from alignkit.segment.rulebase import LanguageRules

#: Languages with their own module (the others get the generic fallback).
LANGUAGES = ("ca", "de", "en", "es", "fr", "gl", "it", "pt")


def rules_for(lang: str) -> LanguageRules:
    """The rules for ``lang`` (any spelling :func:`alignkit.langs.normalize` accepts), built once.

    Raises:
        UnknownNameError: ``lang`` is not a known language code.
    """
    return _load(langs.normalize(lang))


@lru_cache(maxsize=None)
def _load(code: str) -> LanguageRules:
    if code in LANGUAGES:
        return importlib.import_module(f"alignkit.segment.lang.{code}").rules()  # type: ignore[no-any-return]
    from alignkit.segment.lang import generic

    return generic.rules(code)
