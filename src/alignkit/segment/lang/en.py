"""English sentence rules: the shared rule base with English word lists."""

from __future__ import annotations

from alignkit.segment.rulebase import LanguageRules, build


def rules() -> LanguageRules:
    """The English rules (word lists in ``segment/data/en.txt``)."""
    return build("en", "en")
