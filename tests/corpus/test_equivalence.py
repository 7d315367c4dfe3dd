"""The corpus run does not depend on how it is run: one document as in memory, one job as two."""

from __future__ import annotations

import json
from pathlib import Path

from alignkit.formats.run import write_corpus
from alignkit.pipeline import EngineSpec, RunOptions, run
from alignkit.types import Document
from tests.corpus.conftest import invoke, make_docs, run_cli, snapshot


def test_one_document_is_byte_identical_to_the_in_memory_run(tmp_path: Path) -> None:
    (src,) = make_docs(tmp_path, ["doc.en.txt"], per_doc=6)
    out_cli, out_mem = tmp_path / "cli", tmp_path / "mem"
    res = invoke(["run", str(src), "--to", "es,fr", "--engine", "reverse", "--out", str(out_cli),
                  "--tm", str(tmp_path / "tm.sqlite"), "--quiet", "--jobs", "1"])
    assert res.exit_code == 0, res.output
    document = Document("doc", "en", src.read_text(encoding="utf-8"))
    result = run(document, RunOptions(targets=("es", "fr"), engine=EngineSpec("reverse")))
    write_corpus(result.corpus, out_mem, report=True)
    cli, mem = snapshot(out_cli), snapshot(out_mem)
    assert sorted(cli) == sorted(mem)
    for name in cli:
        if name != "run.json":
            assert cli[name] == mem[name], f"{name} differs"
    # run.json too, but for where the document was read from (an in-memory document has no path)
    meta_cli, meta_mem = json.loads(cli["run.json"]), json.loads(mem["run.json"])
    assert meta_cli["documents"][0].pop("path") == str(src)
    assert meta_mem["documents"][0].pop("path") == "doc"
    assert meta_cli == meta_mem


def test_jobs_and_shards_do_not_change_the_output(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", ["a.en.txt", "b.en.txt", "sub/c.en.txt", "d.en.txt"], per_doc=5)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        res = run_cli(["run", str(tmp_path / "in"), "--to", "es,fr", "--engine", "reverse", "--out", str(out),
                       "--tm", str(tmp_path / f"tm{jobs}.sqlite"), "--quiet", "--jobs", jobs, "--shard-size", "2"])
        assert res.returncode == 0, res.stderr
        outs.append(snapshot(out))
    assert sorted(outs[0]) == sorted(outs[1])
    for name in outs[0]:
        assert outs[0][name] == outs[1][name], f"{name} differs between --jobs 1 and --jobs 2"
