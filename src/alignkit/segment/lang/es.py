"""Spanish sentence rules: the shared rule base with Spanish word lists.

Covers titles Sr./Sra./D., EE. UU., núm., pág.; ¿...? and ¡...! need nothing special.
"""

from __future__ import annotations

from alignkit.segment.rulebase import LanguageRules, build


def rules() -> LanguageRules:
    """The Spanish rules (word lists in ``segment/data/es.txt``)."""
    return build("es", "es", moses=("es",))
