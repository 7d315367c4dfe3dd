"""Fallback sentence rules for languages without their own module: only the shared lists.

Boundaries still follow the language-independent rules (end punctuation, case of the next
word, initials, multi-period abbreviations such as ``U.N.``, ellipses, lists, CJK full stops).
"""

from __future__ import annotations

from alignkit.segment.rulebase import LanguageRules, build


def rules(lang: str = "xx") -> LanguageRules:
    """Rules with only ``segment/data/common.txt`` for ``lang``."""
    return build(lang)
