"""Benchmark: kill ``alignkit run`` (kill -9) at random moments, rerun it, compare with an uninterrupted run.

Issue 9, "must show" 3. A corpus of ``--docs`` documents with ``--segments`` sentences in all
(newstest2013 English lines, made unique by a numbered lead-in, when ../shared has them; else
synthetic sentences) is run once without interruption (``--to es --tm T0``, cold TM): the
reference. Then ``--trials`` times, with a fresh TM and a fresh ``--out``:

1. start the same command, kill its whole process group with SIGKILL after a delay drawn
   uniformly from [0, reference duration) (the driver and its workers die at once, as on
   power loss);
2. note what the kill left in ``--out`` (nothing, a pending commit, or the complete set);
3. run the same command again to completion, timing it and reading its engine calls;
4. compare every file of ``--out`` byte for byte with the reference, and look for
   ``.alignkit-*`` leftovers.

The rerun time is set against the fraction of work left (engine calls of the rerun / engine
calls of the reference) with a least-squares line: a resume that really resumes has a
rerun time close to ``overhead + fraction left x reference``.

Usage: python bench/bench_resume.py [--trials 20] [--segments 20000] [--docs 200] [--jobs 2]
       [--engine apertium] [--seed 0] [--work DIR]
Writes bench/results/resume.json and bench/results/resume.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSTEST = ROOT.parent / "shared" / "data" / "newstest2013" / "newstest2013.eng"
FAKES = ROOT / "tests" / "corpus" / "fakes"
RESULTS = ROOT / "bench" / "results"
ALIGNKIT = [str(Path(sys.executable).parent / "alignkit")]  # the console script of this interpreter
CALLS = re.compile(r"^engine calls: (.*)$", re.M)

WORDS = ("house market river council report village teacher doctor morning policy city story "
         "garden window station letter bridge museum").split()


def sentences() -> tuple[list[str], str]:
    """Source sentences and where they came from."""
    if NEWSTEST.exists():
        lines = [ln.strip() for ln in NEWSTEST.read_text(encoding="utf-8").splitlines() if ln.strip()]
        return lines, f"newstest2013 English ({len(lines)} lines, each made unique by a numbered lead-in)"
    rng = random.Random(7)
    lines = [f"The {rng.choice(WORDS)} near the {rng.choice(WORDS)} was {rng.choice(('red', 'old', 'new'))}."
             for _ in range(3000)]
    return lines, "synthetic sentences (../shared/data/newstest2013 absent)"


def make_corpus(root: Path, docs: int, segments: int) -> str:
    """``docs`` files ``doc-NNN.en.txt`` under ``root`` with ``segments`` numbered lines in all."""
    lines, origin = sentences()
    per_doc = max(1, segments // docs)
    root.mkdir(parents=True)
    n = 0
    for d in range(docs):
        out = []
        for i in range(per_doc):
            line = lines[n % len(lines)]
            out.append(f"In note {n + 1}, {line[0].lower() + line[1:]}")
            n += 1
        (root / f"doc-{d:03d}.en.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    return origin


def command(corpus: Path, out: Path, tm: Path, args: argparse.Namespace) -> list[str]:
    return [*ALIGNKIT, "run", str(corpus), "--to", "es", "--engine", args.engine, "--out", str(out),
            "--tm", str(tm), "--jobs", str(args.jobs), "--quiet"]


def environment(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(args.src)] if args.src else []
    if args.engine != "apertium":  # a fake engine: registered by tests/corpus/fakes/sitecustomize.py
        paths.append(str(FAKES))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [*paths, env.get("PYTHONPATH")]))
    return env


def frozen_source(rev: str, work: Path) -> tuple[Path, str]:
    """``src/`` of commit ``rev`` unpacked under ``work`` (so edits to the working tree during a
    long bench cannot change the code under test), and the commit's hash."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", rev], capture_output=True, text=True,
                            check=True).stdout.strip()
    dest = work / f"src-{commit[:12]}"
    if not dest.exists():
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest / "src", commit


def engine_calls(stdout: str) -> int:
    match = CALLS.search(stdout)
    if match is None:
        raise SystemExit(f"no 'engine calls' line in the output:\n{stdout}")
    if match.group(1).startswith("none"):
        return 0
    return sum(int(part.rsplit(" ", 1)[1]) for part in match.group(1).split(", "))


def run_to_end(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return seconds, engine_calls(proc.stdout), proc.stdout


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".alignkit"))


def state_after_kill(out: Path, reference: dict[str, bytes]) -> str:
    """What a reader would find right after the kill (before any recovery)."""
    if not out.exists():
        return "no --out yet"
    if (out / ".alignkit-commit").is_dir():
        return "commit pending"
    files = snapshot(out)
    if not files:
        return "empty (staging only)" if leftovers(out) else "empty"
    return "complete set" if files == reference else f"PARTIAL ({len(files)} files)"


def trial(k: int, corpus: Path, work: Path, ref: dict[str, bytes], ref_s: float, ref_calls: int,
          args: argparse.Namespace, rng: random.Random) -> dict[str, object]:
    out, tm = work / f"out-{k}", work / f"tm-{k}.sqlite"
    env = environment(args)
    cmd = command(corpus, out, tm, args)
    delay = rng.uniform(0.0, ref_s)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        proc.wait(timeout=delay)
        finished_first = True
    except subprocess.TimeoutExpired:
        finished_first = False
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    time.sleep(0.2)  # let the kernel reap the workers of the killed group
    state = "finished before the kill" if finished_first else state_after_kill(out, ref)
    rerun_s, calls, _stdout = run_to_end(cmd, env)
    files = snapshot(out)
    diff = sorted(set(files) ^ set(ref)) + sorted(n for n in files if n in ref and files[n] != ref[n])
    row = {"trial": k, "kill_at_s": round(delay, 2), "kill_frac": round(delay / ref_s, 3), "state": state,
           "rerun_s": round(rerun_s, 2), "rerun_calls": calls, "left_frac": round(calls / ref_calls, 3),
           "identical": not diff, "differing": diff, "leftovers": leftovers(out)}
    if diff:  # kept for a look (with --work DIR)
        print(f"  differing files kept in {out}", flush=True)
    else:
        shutil.rmtree(out, ignore_errors=True)
    tm.unlink(missing_ok=True)
    for side in (tm.with_name(tm.name + "-wal"), tm.with_name(tm.name + "-shm")):
        side.unlink(missing_ok=True)
    print(f"trial {k:2d}: kill at {delay:6.1f}s ({state}); rerun {rerun_s:6.1f}s, {calls} calls "
          f"({row['left_frac']:.0%} left), identical={row['identical']}, leftovers={row['leftovers']}", flush=True)
    return row


def fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least-squares ``y = a + b x`` and Pearson's r."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    b = sxy / sxx if sxx else 0.0
    r = sxy / (sxx * syy) ** 0.5 if sxx and syy else 0.0
    return my - b * mx, b, r


def report(res: dict[str, object]) -> str:
    rows = res["trials"]
    assert isinstance(rows, list)
    ref = res["reference"]
    assert isinstance(ref, dict)
    a, b, r = res["fit"]["a"], res["fit"]["b"], res["fit"]["r"]  # type: ignore[index]
    lines = [
        "# Resume after kill -9 (issue 9, must show 3)",
        "",
        f"`{res['command']}`",
        "",
        f"- corpus: {res['docs']} documents, {ref['segments']} segments ({res['origin']}); engine "
        f"`{res['engine']}` en→es, `--jobs {res['jobs']}`, default `--shard-size`; {res['machine']}; "
        f"code: {res['source']}",
        f"- reference (uninterrupted, cold TM): {ref['seconds']:.1f} s, {ref['calls']} engine calls, "
        f"{len(ref['files'])} files",  # type: ignore[arg-type]
        f"- **byte-identical to the reference: {res['identical']}/{len(rows)}**; trials with `.alignkit-*` "
        f"leftovers after the rerun: {res['with_leftovers']}/{len(rows)}; partial sets seen right after a kill: "
        f"{res['partial_after_kill']}",
        f"- rerun time vs fraction of work left (rerun engine calls / reference calls): "
        f"rerun ≈ {a:.1f} s + {b:.1f} s × left, Pearson r = {r:.3f} (the reference took {ref['seconds']:.1f} s); "
        f"median rerun {res['median_rerun_s']:.1f} s at a median {res['median_left']:.0%} left",
        "- kill moments are uniform over the reference duration; a kill after the run ended counts as a trial "
        "with 0 % left",
        "",
        "| trial | kill at (s) | kill at (frac) | state right after the kill | rerun (s) | rerun engine calls | left |"
        " identical | leftovers |",
        "|---:|---:|---:|---|---:|---:|---:|:--:|---|",
    ]
    for t in rows:
        lines.append(f"| {t['trial']} | {t['kill_at_s']:.1f} | {t['kill_frac']:.2f} | {t['state']} | "
                     f"{t['rerun_s']:.1f} | {t['rerun_calls']} | {t['left_frac']:.0%} | "
                     f"{'yes' if t['identical'] else 'NO ' + ', '.join(t['differing'])} | "
                     f"{', '.join(t['leftovers']) or '-'} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--segments", type=int, default=20_000)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--engine", default="apertium", help="apertium, or a fake engine of tests/corpus/fakes")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", type=Path, help="scratch directory (default: a temporary one, removed)")
    ap.add_argument("--results", type=Path, default=RESULTS)
    ap.add_argument("--at", metavar="REV", help="benchmark src/ of this commit (git archive), not the working tree")
    args = ap.parse_args()
    if args.engine == "apertium" and shutil.which("apertium") is None:
        raise SystemExit("needs Apertium (apt-get install apertium apertium-eng-spa), or pass --engine slowrev")
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-resume-"))
    args.src, source = None, "the working tree"
    if args.at:
        args.src, commit = frozen_source(args.at, work)
        source = f"commit {commit[:12]} (`--at {args.at}`)"
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    origin = make_corpus(corpus, args.docs, args.segments)
    rng = random.Random(args.seed)
    env = environment(args)

    ref_out, ref_tm = work / "reference", work / "T0.sqlite"
    ref_s, ref_calls, _ = run_to_end(command(corpus, ref_out, ref_tm, args), env)
    ref = snapshot(ref_out)
    segments = json.loads(ref["run.json"])["segments"]
    print(f"reference: {ref_s:.1f}s, {ref_calls} engine calls, {segments} segments, {len(ref)} files", flush=True)

    rows = [trial(k, corpus, work, ref, ref_s, ref_calls, args, rng) for k in range(1, args.trials + 1)]
    a, b, r = fit([float(t["left_frac"]) for t in rows], [float(t["rerun_s"]) for t in rows])  # type: ignore[arg-type]
    res: dict[str, object] = {
        "command": "python bench/bench_resume.py " + " ".join(sys.argv[1:]),
        "machine": f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}",
        "source": source, "engine": args.engine, "jobs": args.jobs, "docs": args.docs, "origin": origin,
        "reference": {"seconds": round(ref_s, 2), "calls": ref_calls, "segments": segments, "files": sorted(ref)},
        "identical": sum(bool(t["identical"]) for t in rows),
        "with_leftovers": sum(bool(t["leftovers"]) for t in rows),
        "partial_after_kill": sum(str(t["state"]).startswith("PARTIAL") for t in rows),
        "median_rerun_s": statistics.median(float(t["rerun_s"]) for t in rows),  # type: ignore[arg-type]
        "median_left": statistics.median(float(t["left_frac"]) for t in rows),  # type: ignore[arg-type]
        "fit": {"a": round(a, 2), "b": round(b, 2), "r": round(r, 4)},
        "trials": rows,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "resume.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    (args.results / "resume.md").write_text(report(res), encoding="utf-8")
    print(report(res))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
