"""Several processes share one memory: two writers at once lose nothing and fail nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from alignkit.tm import TranslationMemory
from alignkit.types import EngineOutput

N = 2000
WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from alignkit.tm import TranslationMemory
    from alignkit.types import EngineOutput

    path, name, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    while not go.exists():  # both writers start together
        time.sleep(0.005)
    with TranslationMemory(path) as tm:
        for start in range(0, n, 50):  # many small transactions, interleaved with the other writer
            items = [(f"{name} sentence {i}", EngineOutput(f"{name} frase {i}")) for i in range(start, start + 50)]
            assert tm.put_many("sig", "en>es", items) == len(items)
            tm.get_many("sig", "en>es", [t for t, _ in items])
    print("ok")
""")


def test_two_processes_write_into_one_memory_at_once(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    go = tmp_path / "go"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, str(script), str(path), name, str(N), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("a", "b")]
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in results]
    assert [out for out, _ in results] == ["ok\n", "ok\n"]
    with TranslationMemory(path) as tm:
        assert tm.stats().entries == 2 * N
        for name in ("a", "b"):
            texts = [f"{name} sentence {i}" for i in range(N)]
            assert tm.get_many("sig", "en>es", texts) == {t: EngineOutput(t.replace("sentence", "frase")) for t in texts}


def test_threads_share_one_instance(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        def write(name: str) -> int:
            return sum(tm.put_many("sig", "en>es", [(f"{name} {i}", EngineOutput(str(i)))]) for i in range(200))

        with ThreadPoolExecutor(4) as pool:
            assert list(pool.map(write, "abcd")) == [200] * 4
        assert tm.stats().entries == 800


def test_a_forked_child_opens_its_own_connection(tmp_path: Path) -> None:
    import multiprocessing
    import os

    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many("sig", "en>es", [("parent", EngineOutput("padre"))])

        def child() -> None:
            ok = tm.get_many("sig", "en>es", ["parent"]) == {"parent": EngineOutput("padre")}
            ok = ok and tm.put_many("sig", "en>es", [("child", EngineOutput("hijo"))]) == 1
            os._exit(0 if ok else 1)

        proc = multiprocessing.get_context("fork").Process(target=child)
        proc.start()
        proc.join(30)
        assert proc.exitcode == 0
        assert tm.get_many("sig", "en>es", ["child"]) == {"child": EngineOutput("hijo")}


OPENER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from alignkit.tm import TranslationMemory
    from alignkit.types import EngineOutput

    path, name, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    while not go.exists():  # every process opens the new file at the same moment
        time.sleep(0.001)
    with TranslationMemory(path) as tm:
        assert tm.put_many("sig", "en>es", [(name, EngineOutput(name.upper()))]) == 1
    print("ok")
""")


def test_processes_creating_one_new_memory_at_once_all_find_its_schema(tmp_path: Path) -> None:
    """A new file opened by several runs at once: one creates the schema, none calls it a foreign database."""
    script = tmp_path / "opener.py"
    script.write_text(OPENER, encoding="utf-8")
    for round_ in range(4):
        path, go = tmp_path / f"tm{round_}.sqlite", tmp_path / f"go{round_}"
        names = [f"w{k}" for k in range(6)]
        procs = [subprocess.Popen([sys.executable, str(script), str(path), name, str(go)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in names]
        go.touch()
        results = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0] * len(names), [err for _, err in results]
        with TranslationMemory(path) as tm:
            assert tm.get_many("sig", "en>es", names) == {n: EngineOutput(n.upper()) for n in names}
