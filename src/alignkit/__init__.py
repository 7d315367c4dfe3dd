"""alignkit: offline multilingual parallel text.

Segment a document, translate it with local engines, align, enforce a glossary,
write parallel corpora and score them. Nothing happens at import time.
"""

__version__ = "0.1.0"
