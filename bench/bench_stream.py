"""Benchmark: peak memory of ``alignkit segment`` streaming vs the whole-file path, 1M lines.

The input is newstest-style: one sentence per line and no blank lines (so, to the ``rules``
segmenter, one paragraph of the whole file, which the stream cuts every 1 MiB), made of
newstest2013 English lines (``../shared/data/newstest2013/newstest2013.eng``) repeated in a
shuffled order with a fixed seed; without them, synthetic sentences.

Contenders, run side by side (interleaved repeats) under ``/usr/bin/time -v``:

* ``stream``: ``alignkit segment INPUT --out OUT`` as it is now (iter_text -> iter_segments -> iter_render);
* ``whole``: the path ``alignkit segment`` took before, kept as ``segment.document.segment_file``
  (read_text, segment_text of the whole file, render to one string, write_text).

Both outputs must be byte-identical. Reported: peak RSS (max over repeats) and wall time (median).

Usage: python bench/bench_stream.py [--lines 1000000] [--repeats 2] [--segmenter rules]
Writes bench/results/stream.json and bench/results/stream.md.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSTEST = ROOT.parent / "shared" / "data" / "newstest2013" / "newstest2013.eng"
RESULTS = ROOT / "bench" / "results"
ALIGNKIT = Path(sys.executable).with_name("alignkit")
TIME = "/usr/bin/time"
WHOLE_FILE = (
    "import sys\n"
    "from alignkit.segment.document import segment_file\n"
    "from alignkit.textio import write_text\n"
    "write_text(sys.argv[2], segment_file(sys.argv[1], 'en', segmenter=sys.argv[3]))\n"
)
_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_WALL = re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)")


def build_input(path: Path, n_lines: int, rng: random.Random) -> str:
    """Write ``n_lines`` lines to ``path``; return where they came from."""
    if NEWSTEST.exists():
        source = [line.strip() for line in NEWSTEST.read_text(encoding="utf-8").splitlines() if line.strip()]
        origin = f"newstest2013.eng ({len(source):,} lines) repeated and shuffled"
    else:
        words = "the house is red and a new law was passed by parliament on Monday after long talks".split()
        source = [" ".join(rng.choices(words, k=rng.randint(5, 30))).capitalize() + "." for _ in range(3000)]
        origin = "synthetic sentences (newstest2013 absent)"
    with path.open("w", encoding="utf-8") as fh:
        written = 0
        while written < n_lines:
            block = rng.sample(source, min(len(source), n_lines - written))
            fh.write("\n".join(block) + "\n")
            written += len(block)
    return origin


def measure(cmd: list[str]) -> tuple[int, float]:
    """(peak RSS in kB, wall seconds) of ``cmd`` under ``/usr/bin/time -v``."""
    proc = subprocess.run([TIME, "-v", *cmd], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    rss = _RSS.search(proc.stderr)
    wall = _WALL.search(proc.stderr)
    assert rss and wall, proc.stderr
    hours, minutes, seconds = wall.groups()
    return int(rss.group(1)), int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--segmenter", default="rules", choices=["rules", "lines"])
    args = parser.parse_args()
    if not Path(TIME).exists():
        raise SystemExit(f"needs GNU time at {TIME} (apt-get install time)")

    with tempfile.TemporaryDirectory(prefix="bench-stream-") as tmp:
        src = Path(tmp) / "big.en.txt"
        origin = build_input(src, args.lines, random.Random(2013))
        outs = {"stream": Path(tmp) / "stream.out", "whole": Path(tmp) / "whole.out"}
        cmds = {
            "stream": [str(ALIGNKIT), "segment", str(src), "-s", args.segmenter, "--doc-id", "big.en",
                       "--out", str(outs["stream"])],
            "whole": [sys.executable, "-c", WHOLE_FILE, str(src), str(outs["whole"]), args.segmenter],
        }
        runs: dict[str, list[tuple[int, float]]] = {name: [] for name in cmds}
        for _ in range(args.repeats):
            for name, cmd in cmds.items():
                runs[name].append(measure(cmd))
                print(name, runs[name][-1], flush=True)
        identical = filecmp.cmp(outs["stream"], outs["whole"], shallow=False)
        in_bytes, out_bytes = src.stat().st_size, outs["stream"].stat().st_size
    if not identical:
        raise SystemExit("stream and whole-file outputs differ")

    rows = {name: {"peak_rss_mb": max(r for r, _ in rs) / 1024, "wall_s": statistics.median(w for _, w in rs)}
            for name, rs in runs.items()}
    ratio = rows["whole"]["peak_rss_mb"] / rows["stream"]["peak_rss_mb"]
    info = {"lines": args.lines, "input_bytes": in_bytes, "output_bytes": out_bytes, "input": origin,
            "segmenter": args.segmenter, "repeats": args.repeats, "identical": identical,
            "python": platform.python_version(), "cpus": os.cpu_count(), "results": rows,
            "rss_ratio_whole_over_stream": ratio}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "stream.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"`alignkit segment` peak memory — {args.lines:,} lines ({in_bytes / 1e6:.0f} MB, {origin}), "
        f"`--segmenter {args.segmenter}`, output {out_bytes / 1e6:.0f} MB, {args.repeats} interleaved runs, "
        f"{os.cpu_count()} cores",
        "",
        "| path | peak RSS (MB, max) | wall (s, median) |",
        "|---|---:|---:|",
        f"| stream: `alignkit segment INPUT --out OUT` | {rows['stream']['peak_rss_mb']:,.0f} | "
        f"{rows['stream']['wall_s']:.1f} |",
        f"| whole file: `segment_file` + `write_text` (the path before streaming) | "
        f"{rows['whole']['peak_rss_mb']:,.0f} | {rows['whole']['wall_s']:.1f} |",
        "",
        f"- whole file / stream peak RSS: **{ratio:.1f}x**; outputs byte-identical: {identical}",
        "- peak RSS from `/usr/bin/time -v` (\"Maximum resident set size\") of each process",
        f"- Command: `python bench/bench_stream.py --lines {args.lines} --repeats {args.repeats} "
        f"--segmenter {args.segmenter}`",
    ]
    (RESULTS / "stream.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
