"""Translation: one translator interface, engines behind a registry, pivots and wrappers."""

from alignkit.translate.base import Engine, Translator, translate_segments
from alignkit.translate.registry import ENGINES, get_engine
from alignkit.translate.route import open_translator

__all__ = ["ENGINES", "Engine", "Translator", "get_engine", "open_translator", "translate_segments"]
