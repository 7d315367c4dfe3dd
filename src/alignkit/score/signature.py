"""alignkit's reproducibility signature, printed beside sacrebleu's.

sacrebleu's signature pins how a score was computed; this one pins what produced the text:
``engine:apertium|model:-|route:en-es-fr|glossary:3f2a9c1b|segmenter:rules|alignkit:0.1.0``.
Two scores are comparable only when both signatures match (apart from what is being compared).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from alignkit import __version__
from alignkit.types import Row

FIELDS = ("engine", "model", "route", "glossary", "segmenter", "alignkit")


def make_signature(*, engine: str | None = None, model: str | None = None,
                   route: Sequence[str] | None = None, glossary: str | None = None,
                   segmenter: str | None = None) -> str:
    """Format the alignkit signature; unknown parts are written ``-``.

    Args:
        engine: engine name, optionally with its version (``apertium@3.8.3``).
        model: model name or path for neural engines.
        route: languages the text passed through, source first.
        glossary: the glossary's content hash (first 12 hex digits are enough).
        segmenter: segmenter name and version.
    """
    values = {
        "engine": engine,
        "model": model,
        "route": "-".join(route) if route else None,
        "glossary": glossary.split(":", 1)[-1][:12] if glossary else None,  # "sha256:<hex>" -> 12 hex digits
        "segmenter": segmenter,
        "alignkit": __version__,
    }
    return "|".join(f"{k}:{values[k] or '-'}" for k in FIELDS)


def _lookup(meta: Mapping[str, Any], *paths: tuple[str, ...]) -> Any:
    """First non-empty value found under any of the key paths."""
    for path in paths:
        node: Any = meta
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        if node not in (None, "", [], {}):
            return node
    return None


def _name(value: Any) -> str | None:
    """A readable name from a string or a ``{"name", "version"}`` mapping."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        name = value.get("name") or value.get("engine") or value.get("sha256") or value.get("hash")
        version = value.get("version")
        return f"{name}@{version}" if name and version else (str(name) if name else None)
    return str(value)


def signature_from_meta(meta: Mapping[str, Any], lang: str, *, engine: str | None = None,
                        route: Sequence[str] | None = None) -> str:
    """The signature of one target language of a run, from the run's metadata (``run.json``).

    Looks for per-language facts under ``translators[lang]`` (``Translator.describe()``) and run-wide
    ones at the top level; ``engine``/``route`` taken from the translations win when given.
    """
    per_lang = (("translators", lang), ("engines", lang), ("mt", lang))
    found_engine = engine or _name(_lookup(meta, *[p + ("engine",) for p in per_lang], ("engine",)))
    version = _lookup(meta, *[p + ("version",) for p in per_lang], ("engine_version",), ("versions", "apertium"))
    if found_engine and version and "@" not in found_engine:
        found_engine = f"{found_engine}@{version}"
    found_route = route or _lookup(meta, *[p + ("route",) for p in per_lang])
    return make_signature(
        engine=found_engine,
        model=_name(_lookup(meta, *[p + ("model",) for p in per_lang], ("model",))),
        route=found_route if isinstance(found_route, Sequence) and not isinstance(found_route, str) else
        (str(found_route).split("-") if found_route else None),
        glossary=_name(_lookup(meta, ("glossary", "sha256"), ("glossary", "hash"), ("glossary_hash",), ("glossary",))),
        segmenter=_name(_lookup(meta, ("segmenter",), ("options", "segmenter"))),
    )


def row_signatures(meta: Mapping[str, Any], rows: Sequence[Row], langs: Sequence[str]) -> dict[str, str]:
    """Signatures of several target languages, with engine and route from the first row's ``mt`` record.

    Args:
        meta: the run's metadata (``run.json``); empty for plain corpus files.
        rows: the corpus rows; JSONL rows written by ``alignkit run`` name engine and route per language.
        langs: the target languages to sign.
    """
    mt = rows[0].meta.get("mt", {}) if rows else {}
    out = {}
    for lang in langs:
        info = mt.get(lang, {}) if isinstance(mt, Mapping) else {}
        out[lang] = signature_from_meta(meta, lang, engine=info.get("engine"), route=info.get("route"))
    return out
