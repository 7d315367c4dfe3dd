"""Every translation-memory test runs with ALIGNKIT_HOME in its own temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh alignkit home: nothing is written to the real one."""
    path = tmp_path / "home"
    monkeypatch.setenv("ALIGNKIT_HOME", str(path))
    return path
