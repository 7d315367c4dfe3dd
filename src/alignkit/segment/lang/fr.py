"""French sentence rules: the shared rule base with French word lists.

Covers M./Mme, p./n°; a space may come before ? ! : ; and inside « ».
"""

from __future__ import annotations

from alignkit.segment.rulebase import LanguageRules, build


def rules() -> LanguageRules:
    """The French rules (word lists in ``segment/data/fr.txt``)."""
    return build("fr", "fr", moses=("fr",), spaced_closers="»")
