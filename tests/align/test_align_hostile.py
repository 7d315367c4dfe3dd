"""Hostile input to the aligner (issue 12)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.xfail(run=False, reason="issue 12: `align` on 100,000 empty lines takes ~30 s (the aligner's throughput, "
                   "about 3,000 lines/s whatever the text); the aligner rewrite in align/ owns the fix. Not run: "
                   "it would spend 30 s of every test run to fail.")
def test_align_on_100k_empty_lines_finishes_within_30_s(tmp_path) -> None:  # noqa: ANN001
    for name in ("a.en", "a.es"):
        (tmp_path / name).write_text("\n" * 100_000, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", "from alignkit.cli import main; main()", "align", str(tmp_path / "a.en"),
                           str(tmp_path / "a.es"), "--src-lang", "en", "--tgt-lang", "es", "--no-mt"],
                          capture_output=True, timeout=30, check=False)
    assert done.returncode == 0
