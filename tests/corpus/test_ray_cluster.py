"""`--executor ray` on a real two-node Ray cluster on loopback: the same files as `--executor local`.

The cluster (a head and one more node, one CPU each, so a two-actor run uses both nodes) is
started once for the module with ``ray start --block`` in its own process group and stopped by
that group's id in teardown; every wait is bounded.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, needs_apertium_pair

ray = pytest.importorskip("ray", reason="needs Ray: pip install 'alignkit[ray]'")

BIN = Path(sys.executable).parent
FAKES = ROOT / "tests" / "corpus" / "fakes"
#: Seconds per text of the fake engine inside the cluster: a fault-test unit takes about a second.
CLUSTER_DELAY = "0.05"
START_S = 240  # a loaded 2-core machine takes a while to start Ray


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(FAKES), os.environ.get("PYTHONPATH")) if p),
           "RAY_USAGE_STATS_ENABLED": "0",
           # Loopback only: no token (Ray would keep one in ~/.ray, outside the test's temp dirs).
           "RAY_AUTH_MODE": "disabled"}
    env.pop("RAY_ADDRESS", None)
    return {**env, **extra}


def _ray_start(args: list[str], log: Path, **env: str) -> subprocess.Popen[bytes]:
    """``ray start ARGS --block`` in a new session (``env`` added); returns once it says the node is up.

    Tried three times: Ray gives a raylet a fixed 30 s to register, which a loaded machine can miss.
    """
    for _attempt in range(3):
        proc = _ray_start_once(args, log, env)
        if proc is not None:
            return proc
    pytest.fail(f"ray start {' '.join(args)} did not come up:\n{log.read_text(errors='replace')[-2000:]}")


def _ray_start_once(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes] | None:
    out = log.open("wb")
    ports = ["--node-manager-port", str(_free_port()), "--object-manager-port", str(_free_port()),
             "--dashboard-agent-listen-port", str(_free_port()), "--dashboard-agent-grpc-port", str(_free_port()),
             "--metrics-export-port", str(_free_port()), "--runtime-env-agent-port", str(_free_port())]
    proc = subprocess.Popen([str(BIN / "ray"), "start", *args, *ports, "--num-cpus", "1", "--block",
                             "--disable-usage-stats", "--node-ip-address", "127.0.0.1",
                             "--include-log-monitor=false"],
                            stdout=out, stderr=subprocess.STDOUT, env=_env(ALIGNKIT_FAKE_DELAY=CLUSTER_DELAY, **env),
                            start_new_session=True)
    deadline = time.monotonic() + START_S
    while b"Ray runtime started" not in log.read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop(proc)
            return None
        time.sleep(0.5)
    return proc


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End the node: SIGTERM to its process group (the group this test started), then SIGKILL."""
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 10)):  # Ray drains up to 30 s: no need here
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            time.sleep(1)  # the node's children leave the group a moment after ray start itself
        except subprocess.TimeoutExpired:
            continue
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _modes_without(pair: str, into: Path) -> Path:
    """A copy of the installed Apertium modes, less ``pair``: a node that lacks that package."""
    from alignkit.translate.apertium import modes_dir

    into.mkdir()
    for mode in modes_dir().glob("*.mode"):
        if not mode.name.startswith(pair):
            shutil.copy(mode, into / mode.name)
    return into


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A head node and a worker node on 127.0.0.1 (the worker lacks Apertium es-fr); yields the address."""
    tmp = Path(tempfile.mkdtemp(prefix="akray-", dir="/tmp"))  # short: Ray's socket paths have a length limit
    port = _free_port()
    nodes: list[subprocess.Popen[bytes]] = []
    try:
        nodes.append(_ray_start(["--head", "--port", str(port), "--include-dashboard=false", "--temp-dir",
                                 str(tmp / "ray")], tmp / "head.log"))
        nodes.append(_ray_start(["--address", f"127.0.0.1:{port}"], tmp / "worker.log",
                                ALIGNKIT_APERTIUM_MODES=str(_modes_without("es-fr", tmp / "modes"))))
        yield f"127.0.0.1:{port}"
    finally:
        for node in reversed(nodes):
            _stop(node)
        shutil.rmtree(tmp, ignore_errors=True)


def _alignkit(args: list[str], timeout: float = 240, code: int = 0, **env: str) -> subprocess.CompletedProcess[str]:
    res = subprocess.run([str(BIN / "alignkit"), *args, "--quiet"], capture_output=True, text=True,
                         timeout=timeout, env=_env(**env))
    assert res.returncode == code, res.stderr[-3000:]
    return res


def _assert_same_files(local: Path, remote: Path) -> None:
    names = sorted(p.name for p in local.iterdir())
    assert names == sorted(p.name for p in remote.iterdir())
    for name in names:
        a, b = (local / name).read_bytes(), (remote / name).read_bytes()
        if name == "run.json":
            assert b'"executor": "local"' in a and b'"executor": "ray"' in b
            a, b = a.replace(b'"executor": "local"', b""), b.replace(b'"executor": "ray"', b"")
        assert a == b, f"{name} differs between --executor local and --executor ray"


def _corpus(root: Path) -> Path:
    """Three documents cut from the seed's paragraphs, one in a subdirectory."""
    paras = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    third = max(1, len(paras) // 3)
    (root / "sub").mkdir(parents=True)
    for path, chunk in ((root / "a.en.txt", paras[:third]), (root / "b.en.txt", paras[third:2 * third]),
                        (root / "sub" / "c.en.txt", paras[2 * third:])):
        path.write_text("\n\n".join(chunk) + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("which", ["seed", "corpus"])
def test_ray_cluster_writes_the_local_files(cluster: str, tmp_path: Path, which: str) -> None:
    for mode in ("eng-spa", "es-pt"):
        needs_apertium_pair(mode)
    inputs = [str(SEED)] if which == "seed" else [str(_corpus(tmp_path / "in")), "--from", "en"]
    # Small shards: many units, so both actors (one per node) work and order matters.
    common = [*inputs, "--to", "es,pt", "--shard-size", "10"]
    # A fresh TM each: both runs really translate.
    _alignkit(["run", *common, "--out", str(tmp_path / "local"), "--jobs", "2", "--tm", str(tmp_path / "a.sqlite")])
    res = _alignkit(["run", *common, "--out", str(tmp_path / "ray"), "--executor", "ray",
                     "--ray-address", cluster, "--jobs", "2", "--tm", str(tmp_path / "b.sqlite")])
    assert "engine calls: en>es" in res.stdout
    assert "instead of" not in res.stderr  # both nodes had joined: two actors, one on each
    _assert_same_files(tmp_path / "local", tmp_path / "ray")


def test_a_node_without_the_pair_is_named_before_any_work(cluster: str, tmp_path: Path) -> None:
    for mode in ("eng-spa", "es-fr"):
        needs_apertium_pair(mode)
    out = tmp_path / "out"
    res = _alignkit(["run", str(SEED), "--to", "fr", "--out", str(out), "--executor", "ray", "--ray-address", cluster,
                     "--jobs", "2", "--no-tm"], code=3)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    # One node named (the worker; the head has the pair), with what to install there.
    assert re.match(r"alignkit: error: on Ray node [\d.]+ \(node [0-9a-f]{8}\): fr: .*apertium-fr-es", lines[0]), lines[0]
    assert "," not in lines[0].split(":")[2]
    assert not out.exists() or not any(out.iterdir())


SEGMENTS = 600


def _long_document(tmp_path: Path) -> list[str]:
    """Arguments of a run of one long document with the fake engine ``slowrev`` (unique sentences).

    In the cluster the engine takes 0.05 s a text: 30 units of about a second, on two actors.
    """
    doc = tmp_path / "in" / "long.en.txt"
    doc.parent.mkdir()
    doc.write_text("".join(f"Sentence number {i} of the long document is here.\n\n" for i in range(SEGMENTS)),
                   encoding="utf-8")
    return [str(doc), "--to", "es", "--engine", "slowrev", "--shard-size", "20"]


def _driver(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen([str(BIN / "alignkit"), "run", *args, "--executor", "ray", "--jobs", "2", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())


def _tm_entries(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM entries").fetchone()[0])
        except sqlite3.OperationalError:  # not created yet
            return 0


def test_a_killed_driver_loses_no_finished_work(cluster: str, tmp_path: Path) -> None:
    args = _long_document(tmp_path)
    _alignkit(["run", *args, "--no-tm", "--out", str(tmp_path / "local"), "--jobs", "2"], ALIGNKIT_FAKE_DELAY="0")
    tm = tmp_path / "tm.sqlite"
    ray_args = [*args, "--tm", str(tm), "--out", str(tmp_path / "ray"), "--ray-address", cluster]
    driver = _driver(ray_args)
    try:
        deadline = time.monotonic() + 180
        while _tm_entries(tm) < 60:  # three units done
            assert driver.poll() is None and time.monotonic() < deadline, driver.stderr.read()[-3000:]  # type: ignore[union-attr]
            time.sleep(0.2)
    finally:
        driver.kill()  # kill -9: no cleanup in the driver
        driver.wait(timeout=30)
    done = _tm_entries(tm)
    assert 0 < done < SEGMENTS
    # Rerun: the actor on the worker node reads the TM through the driver's node, so every node resumes.
    res = _alignkit(["run", *ray_args, "--executor", "ray", "--jobs", "2"])
    assert f"engine calls: en>es {SEGMENTS - done}\n" in res.stdout
    _assert_same_files(tmp_path / "local", tmp_path / "ray")


def _unit_actors(ray_state: object) -> dict[str, dict[str, object]]:
    actors = ray_state.actors()  # type: ignore[attr-defined]
    return {aid: info for aid, info in actors.items() if info["ActorClassName"].endswith("_UnitActor")}


def test_a_killed_actor_is_restarted_and_the_output_is_the_same(cluster: str, tmp_path: Path) -> None:
    from ray._private import state as ray_state  # the GCS actor table (the public state API needs a dashboard)

    common = [*_long_document(tmp_path), "--no-tm"]
    _alignkit(["run", *common, "--out", str(tmp_path / "local"), "--jobs", "2"], ALIGNKIT_FAKE_DELAY="0")
    driver = _driver([*common, "--out", str(tmp_path / "ray"), "--ray-address", cluster])
    ray.init(address=cluster, log_to_driver=False, logging_level="ERROR")
    try:
        deadline = time.monotonic() + 180
        victim = None
        while victim is None:
            alive = [a for a in _unit_actors(ray_state).values() if a["State"] == "ALIVE" and a["Pid"]]
            if len(alive) == 2:
                time.sleep(3)  # both actors are busy on their first units
                victim = alive[0]
            assert driver.poll() is None and time.monotonic() < deadline, "the run ended before an actor was killed"
            time.sleep(0.3)
        os.kill(int(victim["Pid"]), signal.SIGKILL)
        _out, err = driver.communicate(timeout=240)
        assert driver.returncode == 0, err[-3000:]
        assert _unit_actors(ray_state)[victim["ActorID"]]["NumRestarts"] >= 1
    finally:
        if driver.poll() is None:
            driver.kill()
        ray.shutdown()
    _assert_same_files(tmp_path / "local", tmp_path / "ray")
