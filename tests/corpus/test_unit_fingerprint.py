"""A stored unit result is served only for the setup that made it: alignkit's own Apertium
repairs and dictionary fill are part of that setup, not only the installed packages."""

from __future__ import annotations

import pytest

from alignkit.corpus.unit import WorkerSpec
from alignkit.pipeline import EngineSpec, RunOptions
from alignkit.translate import lexical, repair
from tests.conftest import needs_apertium_pair


def _fingerprint(**options: str) -> str:
    return WorkerSpec("en", RunOptions(("es",), engine=EngineSpec("apertium", options))).compute_fingerprint()


def test_a_new_fill_or_repairs_version_is_a_new_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    needs_apertium_pair("eng-spa")
    before = _fingerprint()
    assert _fingerprint() == before  # deterministic
    monkeypatch.setattr(lexical, "FILL_VERSION", f"{lexical.FILL_VERSION}-next")
    after_fill = _fingerprint()
    assert after_fill != before  # a unit translated by the previous fill is translated again
    monkeypatch.setattr(repair, "REPAIRS_VERSION", f"{repair.REPAIRS_VERSION}-next")
    assert _fingerprint() != after_fill
    # without the fill its version does not matter
    without = _fingerprint(dictionaries="false")
    monkeypatch.setattr(lexical, "FILL_VERSION", "another")
    assert _fingerprint(dictionaries="false") == without
