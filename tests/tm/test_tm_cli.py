"""``alignkit tm``: stats, export, import, prune through the CLI, with one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import main
from alignkit.cli.tm import parse_duration
from alignkit.tm import TranslationMemory, signature_of
from alignkit.types import EngineOutput

DESCRIBE = {"engine": "apertium", "mode": "eng-spa", "route": ["en", "es"], "version": "apertium=3.8"}


@pytest.fixture
def filled(home: Path) -> Path:
    with TranslationMemory(home / "tm.sqlite") as tm:
        tm.put_many(signature_of(DESCRIBE), "en>es", [("a", EngineOutput("A")), ("b", EngineOutput("B"))],
                    describe=DESCRIBE)
    return home / "tm.sqlite"


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_stats_shows_counts_and_engines(filled: Path) -> None:
    code, out, _ = _run("tm", "stats")
    assert code == 0
    assert out.splitlines()[0].startswith(f"{filled}: 2 entries, 1 signatures, ")
    assert out.splitlines()[-1].split() == ["2", signature_of(DESCRIBE)[:12], "apertium", "eng-spa",
                                            "(apertium=3.8)", "en>es"]
    code, out, _ = _run("tm", "stats", "--json")
    assert json.loads(out)["per_signature"][0]["entries"] == 2


def test_stats_of_a_missing_memory_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "tm.sqlite"
    code, out, _ = _run("tm", "stats", "--tm", str(path))
    assert code == 0 and out.splitlines()[0] == f"{path}: 0 entries, 0 signatures, 0 bytes"
    assert not path.parent.exists()


def test_export_import_round_trip(filled: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "out.tmx"
    assert _run("tm", "export", str(tmx))[:2] == (0, f"exported 2 entries to {tmx}\n")
    other = tmp_path / "other.sqlite"
    assert _run("tm", "import", str(tmx), "--tm", str(other))[:2] == (0, f"imported 2 entries into {other}\n")
    with TranslationMemory(other) as tm:
        assert tm.get_many(signature_of(DESCRIBE), "en>es", ["a", "b"]) == {"a": EngineOutput("A"), "b": EngineOutput("B")}


def test_import_of_a_foreign_tmx_without_signature_is_one_line(tmp_path: Path) -> None:
    tmx = tmp_path / "vendor.tmx"
    tmx.write_text('<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv>'
                   '<tuv xml:lang="es"><seg>b</seg></tuv></tu></body></tmx>', encoding="utf-8")
    code, _, err = _run("tm", "import", str(tmx))
    assert code == 2 and len(err.splitlines()) == 1 and "--signature import:vendor.tmx" in err
    assert _run("tm", "import", str(tmx), "--signature", "import:vendor")[0] == 0


def test_prune(filled: Path) -> None:
    assert _run("tm", "prune", "--older-than", "30d")[:2] == (0, f"removed 0 entries from {filled}; 2 left\n")
    assert _run("tm", "prune", "--older-than", "0s")[:2] == (0, f"removed 2 entries from {filled}; 0 left\n")


def test_prune_of_a_missing_memory_creates_nothing(home: Path) -> None:
    assert _run("tm", "prune", "--older-than", "1h")[0] == 0
    assert not home.exists()


@pytest.mark.parametrize("text, seconds", [("30d", 30 * 86400), ("12h", 43200), ("90m", 5400), ("3600s", 3600),
                                           ("1.5h", 5400), ("2w", 14 * 86400)])
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["30", "3x", "d", "-1d", ""])
def test_a_bad_duration_is_one_line(bad: str, home: Path) -> None:
    code, _, err = _run("tm", "prune", "--older-than", bad)
    assert code == 2
    assert err.splitlines() == [f"alignkit: error: --older-than: {bad!r} is not a duration; "
                                "use a number and a unit: 30d, 12h, 90m, 3600s"]


def test_a_corrupt_memory_is_one_line_and_exit_7(home: Path) -> None:
    home.mkdir()
    (home / "tm.sqlite").write_bytes(b"\x00garbage" * 512)
    code, _, err = _run("tm", "stats")
    assert code == 7 and len(err.splitlines()) == 1 and str(home / "tm.sqlite") in err


def test_help_has_examples() -> None:
    code, out, _ = _run("tm", "--help")
    assert code == 0 and "alignkit tm prune --older-than 30d" in out
