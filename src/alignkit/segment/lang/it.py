"""Italian sentence rules: the shared rule base with Italian word lists.

Covers Sig./Dott./Prof., pag., ecc..
"""

from __future__ import annotations

from alignkit.segment.rulebase import LanguageRules, build


def rules() -> LanguageRules:
    """The Italian rules (word lists in ``segment/data/it.txt``)."""
    return build("it", "it", moses=("it",))
