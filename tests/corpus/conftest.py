"""Helpers for corpus-run tests: fake engines in this process and in subprocess runs.

The fake engines live in ``fakes/alignkit_fakes.py``; ``fakes/sitecustomize.py`` registers them
in every interpreter started with ``fakes/`` on ``PYTHONPATH``, so the ``spawn`` workers of
``--jobs 2`` know them too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

FAKES = Path(__file__).resolve().parent / "fakes"
if str(FAKES) not in sys.path:
    sys.path.insert(0, str(FAKES))

import alignkit_fakes  # noqa: E402  (needs FAKES on sys.path)

#: Starts the CLI in a fresh interpreter: ``python -c CLI ARGS...``.
CLI = "import sys; from alignkit.cli import main; main(sys.argv[1:], prog_name='alignkit')"


@pytest.fixture(autouse=True)
def _fakes() -> Iterator[None]:
    """Fake engines registered here (the default TM and model store are the test's own: tests/conftest.py)."""
    from alignkit.translate.registry import ENGINES

    alignkit_fakes.register()
    yield
    for name in ("reverse", "slowrev", "fastfake"):
        ENGINES.unregister(name)


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment of a subprocess run: fakes on ``PYTHONPATH``, plus ``extra``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(FAKES), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def run_cli(args: Sequence[str], **extra: str) -> subprocess.CompletedProcess[str]:
    """``alignkit ARGS`` in a subprocess (needed for ``--jobs 2``: its workers are spawned)."""
    return subprocess.run([sys.executable, "-c", CLI, *args], env=subprocess_env(**extra),
                          capture_output=True, text=True, timeout=120)


def invoke(args: Sequence[str], input: str | None = None) -> Result:
    """``alignkit ARGS`` in this process (one job: no worker processes)."""
    from alignkit.cli import main

    return CliRunner().invoke(main, list(args), input=input)


def snapshot(out: Path) -> dict[str, bytes]:
    """Every visible file of ``out`` (alignkit's and the user's) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def leftovers(out: Path) -> list[str]:
    """What alignkit's protocol may leave behind: ``.alignkit.lock``, ``.alignkit-*`` directories."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".alignkit"))


SENTENCES = ["The house is red.", "Dr. Smith arrived at 5 p.m. today.", "He left!", "A new paragraph here.",
             "And one more sentence?", "The river runs past the old mill.", "Prices rose again in May.",
             "Nobody knew why."]


def make_docs(root: Path, names: Sequence[str], per_doc: int = 4) -> list[Path]:
    """Documents under ``root`` (names like ``a.en.txt`` or ``sub/b.en.txt``), each sentence unique."""
    paths = []
    for d, name in enumerate(names):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"Doc {d} line {i}: {SENTENCES[(d + i) % len(SENTENCES)]}" for i in range(per_doc)]
        # two paragraphs, so segments carry paragraph numbers too
        half = max(1, per_doc // 2)
        path.write_text(" ".join(lines[:half]) + "\n\n" + " ".join(lines[half:]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def tm_entries(tm: Path) -> int:
    """Translations stored in the TM file ``tm`` (0 when there is none yet)."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{tm}?mode=ro", uri=True, timeout=1) as con:
            return int(con.execute("SELECT count(*) FROM entries").fetchone()[0])
    except sqlite3.Error:
        return 0
