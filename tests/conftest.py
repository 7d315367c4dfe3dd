"""Shared test fixtures: where ../shared lives, and skipping when it or a tool is absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "putin-war-israel-2025.en.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (absent in a plain clone)")
    return path


def needs_apertium_pair(mode: str) -> None:
    """Skip unless the `apertium` program and the mode (e.g. ``eng-spa``) are installed."""
    if shutil.which("apertium") is None:
        pytest.skip("needs Apertium: apt-get install apertium apertium-eng-spa ...")
    from alignkit.translate.apertium import modes_dir  # local: module may need apertium

    if not (modes_dir() / f"{mode}.mode").exists():
        pytest.skip(f"needs the Apertium mode {mode}")


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _alignkit_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own ``$ALIGNKIT_HOME``: the translation memory and model store of the
    user running the tests are never read or written."""
    monkeypatch.setenv("ALIGNKIT_HOME", str(tmp_path_factory.mktemp("home")))
