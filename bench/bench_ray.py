"""Benchmark: `alignkit run --executor ray` (1 and 2 actors) against `--executor local --jobs 2`.

Issue 10, "must show" 3. One corpus of ``--docs`` documents and ``--segments`` sentences
(newstest2013 English lines made unique, as in ``bench_resume.py``) is run ``--to es`` with
``--no-tm`` (every round really translates) by three contenders, interleaved round by round:

- ``local --jobs 2`` (two worker processes);
- ``ray, 1 actor`` and ``ray, 2 actors`` (a local Ray started by the run and stopped at its end).

Reported: the median wall time of each, throughput ratios against local (goal: Ray with 2
actors >= 0.85x local on 2 cores), outputs compared byte for byte (run.json but for its
``executor`` field), and, measured apart:

- **start-up cost**: a one-segment run with Ray (start Ray, start the actors, open the
  engines, stop Ray) minus the same run locally;
- **per-batch overhead**: the fake engine ``fastfake`` (no engine cost) over the same corpus
  with ``--shard-size`` 10 and 100; (T10 - T100) / (units10 - units100) is what one more
  unit costs, for Ray (1 actor) and for the local executor (1 job, in process); the
  difference is what Ray adds per unit.

Usage: python bench/bench_ray.py [--rounds 3] [--segments 20000] [--docs 200] [--work DIR]
Writes bench/results/ray.json and bench/results/ray.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_resume import ALIGNKIT, FAKES, RESULTS, frozen_source, make_corpus, snapshot  # noqa: E402

CONTENDERS = {
    "local --jobs 2": ["--executor", "local", "--jobs", "2"],
    "ray, 1 actor": ["--executor", "ray", "--jobs", "1"],
    "ray, 2 actors": ["--executor", "ray", "--jobs", "2"],
}


def environment(src: Path) -> dict[str, str]:
    """The runs' environment: ``src`` (a frozen copy) first, the fake engines, no Ray address."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), str(FAKES), env.get("PYTHONPATH")]))
    env["RAY_USAGE_STATS_ENABLED"] = "0"
    env.pop("RAY_ADDRESS", None)  # a local Ray for every run
    return env


RETRIES: list[str] = []  # runs tried again (a loaded machine can miss Ray's fixed 30 s raylet start)


def timed(args: list[str], env: dict[str, str]) -> float:
    for attempt in (1, 2, 3):
        t0 = time.perf_counter()
        proc = subprocess.run([*ALIGNKIT, "run", *args, "--to", "es", "--no-tm", "--quiet"], env=env,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - t0
        if proc.returncode == 0:
            return seconds
        if attempt < 3 and "cannot start a local Ray" in proc.stderr:
            RETRIES.append(f"{' '.join(args)}: {proc.stderr.strip().splitlines()[-1]}")
            continue
        raise SystemExit(f"alignkit run {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    raise AssertionError("unreachable")


def comparable(out: Path) -> dict[str, bytes]:
    files = snapshot(out)
    files["run.json"] = files["run.json"].replace(b'"executor": "ray"', b'"executor": "local"')
    return files


def main_rounds(corpus: Path, work: Path, rounds: int, env: dict[str, str]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    reference: dict[str, bytes] | None = None
    for r in range(rounds):
        order = list(CONTENDERS) if r % 2 == 0 else list(reversed(CONTENDERS))  # interleaved, both orders
        for name in order:
            out = work / f"out-{r}-{name.replace(' ', '').replace(',', '')}"
            times[name].append(timed([str(corpus), "--out", str(out), *CONTENDERS[name]], env))
            files = comparable(out)
            reference = reference or files
            if files != reference:
                raise SystemExit(f"{name}: outputs differ from the first run ({out})")
            print(f"round {r + 1}: {name}: {times[name][-1]:.1f}s", flush=True)
    return times


def startup(work: Path, rounds: int, env: dict[str, str]) -> dict[str, float]:
    """Median one-segment run, local (in process) and Ray (2 actors)."""
    tiny = work / "tiny.en.txt"
    tiny.write_text("The house is red.\n", encoding="utf-8")
    out: dict[str, list[float]] = {"local": [], "ray": []}
    for r in range(rounds):
        for name, extra in (("local", ["--jobs", "1"]), ("ray", ["--executor", "ray", "--jobs", "2"])):
            out[name].append(timed([str(tiny), "--out", str(work / f"tiny-{name}-{r}"), *extra], env))
    return {name: statistics.median(v) for name, v in out.items()}


def per_batch(corpus: Path, work: Path, rounds: int, segments: int, env: dict[str, str]) -> dict[str, object]:
    """Seconds one more unit costs (fake engine), Ray 1 actor vs local in process."""
    shards = (10, 100)
    med: dict[str, dict[int, float]] = {"local": {}, "ray": {}}
    for name, extra in (("local", ["--jobs", "1"]), ("ray", ["--executor", "ray", "--jobs", "1"])):
        for shard in shards:
            runs = [timed([str(corpus), "--engine", "fastfake", "--shard-size", str(shard), "--out",
                           str(work / f"fake-{name}-{shard}-{r}"), *extra], env) for r in range(rounds)]
            med[name][shard] = statistics.median(runs)
    docs = len(list(corpus.glob("*.txt")))
    per_doc = segments // docs
    units = {s: docs * -(-per_doc // s) for s in shards}
    extra_units = units[shards[0]] - units[shards[1]]
    cost = {name: (m[shards[0]] - m[shards[1]]) / extra_units for name, m in med.items()}
    return {"medians": {k: {str(s): v for s, v in m.items()} for k, m in med.items()},
            "units": {str(s): n for s, n in units.items()}, "per_unit_s": cost}


def write(results: dict[str, object]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ray.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    med = results["medians"]
    base = med["local --jobs 2"]
    lines = [f"## Ray executor vs local ({results['segments']} segments, {results['docs']} documents, en->es, "
             f"--no-tm; {results['rounds']} interleaved rounds; {results['machine']}; commit {results['commit'][:12]})", "",
             "| contender | seconds (median) | segments/s | throughput vs local --jobs 2 |", "|---|---:|---:|---:|"]
    for name, seconds in med.items():
        lines.append(f"| {name} | {seconds:.1f} | {results['segments'] / seconds:.0f} | {base / seconds:.2f} |")
    s, b = results["startup"], results["per_batch"]
    pu = b["per_unit_s"]
    if results["retries"]:
        lines += ["", f"Runs tried again after Ray failed to start: {len(results['retries'])}."]
    lines += ["", f"Outputs of every run byte-identical (run.json but for `executor`): {results['identical']}.", "",
              f"Start-up cost (one-segment run, medians): Ray {s['ray']:.1f}s vs local {s['local']:.1f}s: "
              f"**{s['ray'] - s['local']:.1f}s** to start Ray and two actors, open their engines and stop Ray.", "",
              f"Per-batch overhead (fake engine, shard 10 vs 100 = {b['units']['10']} vs {b['units']['100']} units): "
              f"Ray {1000 * pu['ray']:.1f} ms per unit, local in-process {1000 * pu['local']:.1f} ms per unit; "
              f"Ray adds **{1000 * (pu['ray'] - pu['local']):.1f} ms per unit** (default unit: 1000 segments).", ""]
    (RESULTS / "ray.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--segments", type=int, default=20000)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--work", type=Path, help="work directory [default: a temp dir, removed]")
    parser.add_argument("--skip-extras", action="store_true", help="only the main rounds")
    args = parser.parse_args()
    try:
        import ray  # noqa: F401
    except ImportError:
        raise SystemExit("bench_ray needs Ray: pip install -e '.[ray]'") from None
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp:
        work = args.work or Path(tmp)
        src, commit = frozen_source("HEAD", work)  # edits to the tree during the bench change nothing
        env = environment(src)
        corpus = work / "corpus"
        origin = make_corpus(corpus, args.docs, args.segments)
        print(f"corpus: {args.segments} segments in {args.docs} documents from {origin}", flush=True)
        times = main_rounds(corpus, work, args.rounds, env)
        results: dict[str, object] = {
            "commit": commit, "segments": args.segments, "docs": args.docs, "rounds": args.rounds, "origin": origin,
            "times": times, "medians": {k: statistics.median(v) for k, v in times.items()}, "identical": True,
        }
        if not args.skip_extras:
            results["startup"] = startup(work, args.rounds, env)
            results["per_batch"] = per_batch(corpus, work, args.rounds, args.segments, env)
        results["retries"] = RETRIES
        results["machine"] = (f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end, "
                              f"Python {platform.python_version()}")
        if args.skip_extras:
            print(json.dumps(results["medians"], indent=2))
        else:
            write(results)


if __name__ == "__main__":
    main()
