"""The local model store: neural models that users bring, installed under a user data directory.

``alignkit models install PATH|ARCHIVE`` copies a CTranslate2 model directory, a zip/tar of
one, or an Argos Translate ``.argosmodel`` package into the store; the ``ct2`` engine reads
models from there. Nothing here imports CTranslate2 until a model is validated.
"""

from __future__ import annotations

from alignkit.models.layout import ModelInfo, inspect_model
from alignkit.models.store import ModelStore, store_dir

__all__ = ["ModelInfo", "ModelStore", "inspect_model", "store_dir"]
