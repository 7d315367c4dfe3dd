"""The bilingual dictionaries installed on the machine, for every package that needs word translations.

- :mod:`~alignkit.dictionaries.installed`: where they are (Apertium ``*.autobil.bin``, FreeDict
  ``freedict-xxx-yyy.index`` + ``.dict.dz``) and reading one file's entries;
- :mod:`~alignkit.dictionaries.freedict` and :mod:`~alignkit.dictionaries.bidix`: the parsers,
  which take contents, not paths.

The aligner stems these entries into its lexicons (:mod:`alignkit.align.resources`, ``alignkit dict
build``); Apertium's unknown-word fill keeps their surface forms (:mod:`alignkit.translate.lexical`).
"""

from __future__ import annotations

from alignkit.dictionaries.installed import APERTIUM_ROOT, DICTD_ROOT, Roots, available, read_dictd, read_entries

__all__ = ["APERTIUM_ROOT", "DICTD_ROOT", "Roots", "available", "read_dictd", "read_entries"]
