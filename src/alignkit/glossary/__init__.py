"""Named-entity glossaries: load (TSV/CSV, TBX), match, enforce on any translator, verify.

```
glossary = load("glossaries/seed.tsv")
translator = GlossaryTranslator(open_translator(engine, "en", "es"), glossary)
checks = verify(segments, translations, glossary, "en")
term_accuracy(checks)   # {"es": 1.0}
```
"""

from __future__ import annotations

from alignkit.glossary.enforce import EnforceOptions, GlossaryTranslator
from alignkit.glossary.files import dump_table, load, parse_table, save
from alignkit.glossary.match import Match, Matcher
from alignkit.glossary.model import Glossary, Term
from alignkit.glossary.tbx import dump_tbx, parse_tbx
from alignkit.glossary.validate import GlossaryProblems
from alignkit.glossary.verify import term_accuracy, verify

__all__ = [
    "EnforceOptions", "Glossary", "GlossaryProblems", "GlossaryTranslator", "Match", "Matcher", "Term",
    "dump_table", "dump_tbx", "load", "parse_table", "parse_tbx", "save", "term_accuracy", "verify",
]
