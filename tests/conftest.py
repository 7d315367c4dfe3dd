"""Shared test fixtures: where ../shared lives, and skipping when it or a tool is absent."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
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


@pytest.fixture(scope="session", autouse=True)
def _session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``$ALIGNKIT_HOME`` for the whole session (module-scoped fixtures run before any test's own), so
    no test reads or writes the user's data directory; its ``dicts/fill`` is every test's too."""
    home = tmp_path_factory.mktemp("session-home")
    (home / "dicts" / "fill").mkdir(parents=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ALIGNKIT_HOME", str(home))
        yield home


def share_fill_cache(home: Path, session_home: Path) -> Path:
    """``home`` with its ``dicts/fill`` linked to the session's: the FreeDict word tables the
    unknown-word fill parses (seconds per dictionary, the first time) are parsed once per session,
    as once per machine for a user, instead of once per test. Everything else in ``home`` (the
    TM, models, built dictionaries) stays the test's own. Returns ``home``."""
    (home / "dicts").mkdir(parents=True, exist_ok=True)
    link = home / "dicts" / "fill"
    if not link.exists():
        link.symlink_to(session_home / "dicts" / "fill", target_is_directory=True)
    return home


@pytest.fixture(autouse=True)
def _alignkit_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                   _session_home: Path) -> None:
    """Every test gets its own ``$ALIGNKIT_HOME``: the translation memory and model store of the
    user running the tests are never read or written (the fill's parsed tables are shared)."""
    home = share_fill_cache(tmp_path_factory.mktemp("home"), _session_home)
    monkeypatch.setenv("ALIGNKIT_HOME", str(home))
