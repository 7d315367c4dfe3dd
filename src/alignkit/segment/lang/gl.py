"""Galician sentence rules: the shared rule base with Galician word lists.

Covers Sr./Sra., núm., páx..
"""

from __future__ import annotations

from alignkit.segment.rulebase import LanguageRules, build


def rules() -> LanguageRules:
    """The Galician rules (word lists in ``segment/data/gl.txt``)."""
    return build("gl", "gl", moses=("es", "pt"))
