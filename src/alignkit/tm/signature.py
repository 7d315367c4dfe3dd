"""Engine signatures: which translator produced an output, as one digest.

A signature is the SHA-256 of a translator's :meth:`~alignkit.translate.base.Translator.describe`
as canonical JSON (sorted keys, no spaces), so any change of engine, pair or model, versions,
decoding options or repairs gives another signature and never serves an old output.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any


def canonical_json(describe: Mapping[str, Any]) -> str:
    """``describe`` as canonical JSON: sorted keys, compact separators, non-ASCII kept."""
    return json.dumps(describe, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def signature_of(describe: Mapping[str, Any]) -> str:
    """The signature digest (64 hex digits) of a translator's ``describe()``."""
    return hashlib.sha256(canonical_json(describe).encode("utf-8")).hexdigest()


def describe_signature(describe_json: str | None, leg: str) -> str:
    """A short human description of a signature for ``tm stats``: engine, model or mode, versions, leg."""
    if not describe_json:
        return f"(engine not recorded) {leg}"
    try:
        facts = json.loads(describe_json)
    except ValueError:
        return f"(unreadable description) {leg}"
    if not isinstance(facts, dict):
        return f"{facts} {leg}"
    bits = [str(facts.get("engine", "?"))]
    bits += [str(facts[key]) for key in ("mode", "model", "import") if key in facts]
    if facts.get("version"):
        bits.append(f"({facts['version']})")
    return " ".join([*bits, leg])
