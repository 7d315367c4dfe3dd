"""Portuguese sentence rules: the shared rule base with Portuguese word lists.

Covers Sr./Sra., pág., n.º.
"""

from __future__ import annotations

from alignkit.segment.rulebase import LanguageRules, build


def rules() -> LanguageRules:
    """The Portuguese rules (word lists in ``segment/data/pt.txt``)."""
    return build("pt", "pt", moses=("pt",))
