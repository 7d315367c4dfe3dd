"""The long fuzz run: thousands of hostile cases over every reader and command, a time limit each.

    python bench/fuzz.py --cases 20000                 # all families, weighted, 2 workers
    python bench/fuzz.py --cases 500 --family jsonl    # one family
    python bench/fuzz.py --family tmx --seed 123       # re-run one case and print its problems

Cases come from ``tests/fuzz/cases.py`` (the same families the test suite samples). Each runs
in-process with click's CliRunner inside a worker process; a case over ``--limit`` seconds is
a hang: its worker (and the engine processes it started) is killed and replaced. Prints, per
family: cases, tracebacks, hangs, files written outside the output path, other failures
(undocumented exit code, message not one line, half-written output), and exits 1 on any.
A run over every family also writes the table to ``bench/results/fuzz.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import multiprocessing as mp
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter, defaultdict
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz.cases import FAMILIES, run_case  # noqa: E402

#: Share of the cases each family gets (translate and modeldir are the slow ones).
WEIGHTS = {"text": 12, "jsonl": 15, "tmx": 12, "tsv": 10, "moses": 8, "ladder": 10, "glossary": 10,
           "options": 8, "archive": 8, "modeldir": 3, "align": 3, "translate": 1.5,
           "run": 0.5}
#: Cases a worker runs before it is replaced (bounds what leaks across in-process runs).
CASES_PER_WORKER = 400


def _worker(conn: Connection, scratch: str) -> None:
    os.setsid()  # one process group: a hang is killed with every engine process it started
    while True:
        job = conn.recv()
        if job is None:
            return
        family, seed = job
        root = Path(tempfile.mkdtemp(dir=scratch, prefix=f"{family}-{seed}-"))
        try:
            found = run_case(family, seed, root)
        except Exception as err:  # noqa: BLE001 - the harness itself failed: report, never crash
            found = [f"harness: {type(err).__name__}: {err}"]
        finally:
            shutil.rmtree(root, ignore_errors=True)
        conn.send(found)


class Slot:
    """One worker process and the case it is running."""

    def __init__(self, ctx: mp.context.BaseContext, scratch: str) -> None:
        self.conn, child = ctx.Pipe()
        # not a daemon: commands such as `translate --lines` start worker processes of their own
        self.proc = ctx.Process(target=_worker, args=(child, scratch), daemon=False)
        self.proc.start()
        self.job: tuple[str, int] | None = None
        self.started = 0.0
        self.done = 0

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.join(5)


def plan(cases: int, family: str | None) -> list[tuple[str, int]]:
    """``(family, seed)`` for every case, families interleaved so that a partial run covers them all."""
    weights = {family: 1.0} if family else WEIGHTS
    total = sum(weights.values())
    counts = {f: max(1, math.ceil(cases * w / total)) for f, w in weights.items()}  # at least ``cases`` in all
    jobs = [(f, seed) for f, n in counts.items() for seed in range(n)]
    return sorted(jobs, key=lambda job: (job[1] / counts[job[0]], job[0]))


def run(jobs: list[tuple[str, int]], workers: int, limit: float) -> dict[str, Counter[str]]:
    ctx = mp.get_context("fork")
    scratch = tempfile.mkdtemp(prefix="alignkit-fuzz-")
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    pending = list(reversed(jobs))
    slots = [Slot(ctx, scratch) for _ in range(min(workers, len(jobs)))]
    started = time.monotonic()
    try:
        while pending or any(s.job for s in slots):
            for i, slot in enumerate(slots):
                if slot.job is None and pending:
                    if slot.done >= CASES_PER_WORKER:
                        slot.conn.send(None)
                        slot.proc.join(5)
                        slots[i] = slot = Slot(ctx, scratch)
                    slot.job, slot.started = pending.pop(), time.monotonic()
                    slot.conn.send(slot.job)
            for i, slot in enumerate(slots):
                if slot.job is None:
                    continue
                family, seed = slot.job
                if slot.conn.poll(0.01):
                    try:
                        found = slot.conn.recv()
                    except EOFError:  # the worker died (a crash in C code): a failure of its own kind
                        found = ["worker died"]
                        slot.kill()
                        slots[i] = Slot(ctx, scratch)
                    _count(stats[family], examples[family], family, seed, found)
                    slot.job, slot.done = None, slot.done + 1
                elif time.monotonic() - slot.started > limit:
                    slot.kill()
                    _count(stats[family], examples[family], family, seed, [f"hang: over {limit:g} s"])
                    slots[i] = Slot(ctx, scratch)
    finally:
        for slot in slots:
            slot.kill()
        shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - started
    for family, lines in sorted(examples.items()):
        for line in lines[:5]:
            print(f"  {family}: {line}")
    print(f"{len(jobs)} cases in {elapsed:.0f} s with {workers} workers")
    return stats


def _count(stats: Counter[str], examples: list[str], family: str, seed: int, found: list[str]) -> None:
    stats["cases"] += 1
    if stats["cases"] % 500 == 0:
        print(f"  ... {family}: {stats['cases']} cases, {stats['failed']} failed", flush=True)
    kinds = {_kind(p) for p in found}
    for kind in kinds:
        stats[kind] += 1
    if found:
        stats["failed"] += 1
        examples.append(f"seed {seed}: " + " | ".join(p[:240] for p in found))


def _kind(problem: str) -> str:
    for prefix, kind in (("traceback", "tracebacks"), ("hang", "hangs"), ("written outside", "outside"),
                         ("half-written", "half_written"), ("exit code", "bad_exit"), ("not a one-line", "not_one_line")):
        if problem.startswith(prefix):
            return kind
    return "other"


def table(stats: dict[str, Counter[str]]) -> str:
    cols = ["cases", "tracebacks", "hangs", "outside", "half_written", "bad_exit", "not_one_line", "other"]
    lines = ["| family | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    total: Counter[str] = Counter()
    for family in sorted(stats):
        total.update(stats[family])
        lines.append(f"| {family} | " + " | ".join(str(stats[family][c]) for c in cols) + " |")
    lines.append("| **all** | " + " | ".join(str(total[c]) for c in cols) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=2000, help="number of cases (default 2000)")
    parser.add_argument("--family", choices=sorted(FAMILIES), help="only this family")
    parser.add_argument("--seed", type=int, help="with --family: run this one case and print its problems")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--limit", type=float, default=30.0, help="seconds per case before it is a hang (30)")
    args = parser.parse_args()
    if args.seed is not None:
        if not args.family:
            parser.error("--seed needs --family")
        with tempfile.TemporaryDirectory() as tmp:
            found = run_case(args.family, args.seed, Path(tmp))
        print("\n".join(found) or "ok")
        return 1 if found else 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` kills workers, removes scratch
    stats = run(plan(args.cases, args.family), args.workers, args.limit)
    print(table(stats))
    if not args.family:
        (ROOT / "bench" / "results" / "fuzz.md").write_text(
            f"# bench/fuzz.py --cases {args.cases} (--limit {args.limit:g} s per case, {args.workers} workers)\n\n"
            "Counts of cases per family; a case can count in several columns. See bench/fuzz.py.\n\n"
            + table(stats) + "\n", encoding="utf-8")
    return 1 if any(c["failed"] for c in stats.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
