"""The translation memory: every engine output kept in SQLite, so no text is translated twice.

Keys are the engine signature (:func:`signature_of` a translator's ``describe()``), the route
leg (``"en>es"``) and the exact source text. :class:`~alignkit.translate.cached.CachedTranslator`
puts a memory in front of one translator leg; ``alignkit tm`` inspects, exports, imports and
prunes a memory file.
"""

from __future__ import annotations

from alignkit.tm.signature import signature_of
from alignkit.tm.store import TMStats, TranslationMemory, default_tm_path

__all__ = ["TMStats", "TranslationMemory", "default_tm_path", "signature_of"]
