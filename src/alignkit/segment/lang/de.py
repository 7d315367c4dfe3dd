"""German sentence rules: the shared rule base with German word lists.

Covers Dr./Hr., z. B., usw.; "3." is an ordinal as in "am 3. Oktober".
"""

from __future__ import annotations

from alignkit.segment.rulebase import LanguageRules, build


def rules() -> LanguageRules:
    """The German rules (word lists in ``segment/data/de.txt``)."""
    return build("de", "de", moses=("de",), numeric_ordinals=True)
