"""Hostile input to the aligner (issue 12)."""

from __future__ import annotations

import subprocess
import sys



def test_align_on_100k_empty_lines_finishes_within_30_s(tmp_path) -> None:  # noqa: ANN001
    for name in ("a.en", "a.es"):
        (tmp_path / name).write_text("\n" * 100_000, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", "from alignkit.cli import main; main()", "align", str(tmp_path / "a.en"),
                           str(tmp_path / "a.es"), "--src-lang", "en", "--tgt-lang", "es", "--no-mt"],
                          capture_output=True, timeout=30, check=False)
    assert done.returncode == 0
