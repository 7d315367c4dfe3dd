"""Catalan sentence rules: the shared rule base with Catalan word lists.

Covers Sr./Sra., núm., pàg., p. ex..
"""

from __future__ import annotations

from alignkit.segment.rulebase import LanguageRules, build


def rules() -> LanguageRules:
    """The Catalan rules (word lists in ``segment/data/ca.txt``)."""
    return build("ca", "ca", moses=("ca",))
