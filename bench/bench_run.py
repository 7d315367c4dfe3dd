"""Corpus-scale runs, measured side by side (issue: corpus-scale runs).

1. TM: the demo's ``alignkit run`` with a cold TM vs the same command again (warm TM), interleaved
   rounds; medians and the ratio; outputs byte-identical; engine calls of the cold run.
2. Parallel: ``alignkit translate --lines --no-tm --jobs 2`` and ``--jobs 1`` on newstest2013 en
   (3,000 lines) vs one whole-file ``apertium -u eng-spa``, interleaved; ratios of medians and
   per round; ``--jobs 2`` output identical to ``--jobs 1``.
3. Streaming memory: peak RSS (``/usr/bin/time -v``) of ``translate --lines`` over 20k and 200k
   unique lines (fast fake engine: Apertium would take an hour for 200k lines here).

Usage: python bench/bench_run.py [--rounds N] [--skip tm,parallel,memory]
Writes bench/results/run.md and run.json.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
ALIGNKIT = str(BIN / "alignkit")
SEED = ROOT / "seeds" / "putin-war-israel-2025.en.txt"
NEWSTEST = ROOT.parent / "shared" / "data" / "newstest2013" / "newstest2013.eng"
FAKE = ROOT / "bench" / "fakes" / "alignkit_fake.py"


def timed(cmd: list[str], env: dict[str, str] | None = None, stdout: object = subprocess.DEVNULL) -> tuple[float, str]:
    t0 = time.perf_counter()
    res = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, check=False)
    if res.returncode != 0:
        raise SystemExit(f"failed ({res.returncode}): {' '.join(cmd)}\n{res.stderr}")
    return time.perf_counter() - t0, res.stderr


def rss_mb(cmd: list[str], stdin: Path | None = None) -> float:
    with open(stdin or os.devnull, "rb") as fin:
        res = subprocess.run(["/usr/bin/time", "-v", *cmd], stdin=fin, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, check=False)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr)
    if res.returncode != 0 or not m:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{res.stderr[-2000:]}")
    return int(m.group(1)) / 1024


def bench_tm(rounds: int, work: Path) -> dict:
    base = [ALIGNKIT, "run", str(SEED), "--to", "es,ca,gl,pt,it,fr", "--glossary", str(ROOT / "glossaries/seed.tsv")]
    cold, warm, identical, calls = [], [], True, ""
    for r in range(rounds):
        tm = work / f"tm{r}.sqlite"
        a, b = work / f"cold{r}", work / f"warm{r}"
        t, _ = timed([*base, "--out", str(a), "--tm", str(tm), "-q"], stdout=subprocess.PIPE)
        cold.append(t)
        out = subprocess.run([*base, "--out", str(work / "x"), "--tm", str(work / "calls.sqlite"), "-q", "--no-report"],
                             capture_output=True, text=True, check=False).stdout if r == 0 else ""
        calls = calls or next((line for line in out.splitlines() if line.startswith("engine calls")), "")
        t, _ = timed([*base, "--out", str(b), "--tm", str(tm), "-q"])
        warm.append(t)
        cmp = filecmp.dircmp(a, b)
        identical &= not (cmp.diff_files or cmp.left_only or cmp.right_only)
    return {"cold_s": statistics.median(cold), "warm_s": statistics.median(warm),
            "ratio_median": statistics.median(c / w for c, w in zip(cold, warm)),
            "cold_runs": cold, "warm_runs": warm, "byte_identical": identical, "cold_engine_calls": calls}


def bench_parallel(rounds: int, work: Path) -> dict:
    if not NEWSTEST.exists():
        return {"skipped": f"{NEWSTEST} missing"}
    raw_cmd = ["apertium", "-u", "eng-spa", str(NEWSTEST)]
    cmds = {"raw": raw_cmd}
    for jobs in (1, 2):
        cmds[f"jobs{jobs}"] = [ALIGNKIT, "translate", str(NEWSTEST), "--from", "en", "--lines", "--to", "es",
                               "--no-tm", "--jobs", str(jobs)]
    times: dict[str, list[float]] = {k: [] for k in cmds}
    outs = {}
    for _ in range(rounds):
        for name, cmd in cmds.items():  # interleaved: raw, jobs1, jobs2, raw, ...
            with open(work / f"{name}.out", "w") as fh:
                t, _ = timed(cmd, stdout=fh)
            times[name].append(t)
            outs[name] = (work / f"{name}.out").read_bytes()
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"median_s": med, "runs": times,
            "ratio_jobs2_vs_raw": med["raw"] / med["jobs2"], "ratio_jobs1_vs_raw": med["raw"] / med["jobs1"],
            "ratio_jobs2_vs_raw_per_round": [r / j for r, j in zip(times["raw"], times["jobs2"])],
            "jobs2_equals_jobs1": outs["jobs1"] == outs["jobs2"], "lines": len(outs["jobs1"].splitlines())}


def bench_memory(work: Path) -> dict:
    out = {}
    for n in (20_000, 200_000):
        path = work / f"lines{n}.en"
        with open(path, "w") as fh:
            for i in range(n):
                fh.write(f"Sentence number {i} says that the house number {i * 7} is red and blue.\n")
        cmd = [str(BIN / "python"), str(FAKE), "translate", "-", "--lines", "--to", "es", "--engine", "fastfake",
               "--no-tm", "--jobs", "2"]
        out[n] = rss_mb(cmd, stdin=path)
    return {"rss_mb": out, "ratio_200k_vs_20k": out[200_000] / out[20_000]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--skip", default="")
    args = ap.parse_args()
    skip = set(args.skip.split(","))
    work = Path(tempfile.mkdtemp(prefix="bench-run-"))
    os.environ.setdefault("ALIGNKIT_HOME", str(work / "home"))
    results: dict = {"rounds": args.rounds}
    try:
        if "tm" not in skip:
            results["tm"] = bench_tm(args.rounds, work)
        if "parallel" not in skip:
            results["parallel"] = bench_parallel(args.rounds, work)
        if "memory" not in skip:
            results["memory"] = bench_memory(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = ROOT / "bench" / "results"
    (out / "run.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "run.md").write_text(render(results))
    print(render(results))


def render(r: dict) -> str:
    lines = ["# Corpus-scale runs: TM, parallel workers, streaming memory", "",
             f"`python bench/bench_run.py --rounds {r['rounds']}` (medians of interleaved rounds, 2-core machine).", ""]
    if "tm" in r:
        t = r["tm"]
        lines += ["## Translation memory: the demo run cold vs warm", "",
                  "| cold TM | warm TM | ratio (median of per-round ratios) | byte-identical |", "|---:|---:|---:|---|",
                  f"| {t['cold_s']:.2f} s | {t['warm_s']:.2f} s | **{t['ratio_median']:.1f}×** | {t['byte_identical']} |",
                  "", f"Cold run: {t['cold_engine_calls']}", ""]
    if "parallel" in r and "median_s" in r["parallel"]:
        p = r["parallel"]
        m = p["median_s"]
        per = ", ".join(f"{x:.2f}" for x in p["ratio_jobs2_vs_raw_per_round"])
        lines += ["## Parallel workers: newstest2013 en→es, 3,000 lines", "",
                  "| command | median | speed vs raw apertium |", "|---|---:|---:|",
                  f"| `apertium -u eng-spa` (one whole-file process) | {m['raw']:.2f} s | 1.00× |",
                  f"| `alignkit translate --lines --jobs 1` | {m['jobs1']:.2f} s | {p['ratio_jobs1_vs_raw']:.2f}× |",
                  f"| `alignkit translate --lines --jobs 2` | {m['jobs2']:.2f} s | **{p['ratio_jobs2_vs_raw']:.2f}×** |",
                  "", f"Per round (raw / jobs 2): {per}. `--jobs 2` output identical to `--jobs 1`: "
                  f"{p['jobs2_equals_jobs1']} ({p['lines']} lines).", ""]
    if "memory" in r:
        mem = r["memory"]
        lines += ["## Streaming memory: `translate --lines` (fast fake engine, --jobs 2)", "",
                  "| lines | peak RSS |", "|---:|---:|"]
        lines += [f"| {int(n):,} | {v:.0f} MB |" for n, v in mem["rss_mb"].items()]
        lines += ["", f"200k / 20k: **{mem['ratio_200k_vs_20k']:.2f}×** (peak RSS of the largest process).", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
