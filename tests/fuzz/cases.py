"""Hostile inputs for every reader and command, and the checks every run of alignkit must pass.

A *family* builds one case from a ``random.Random``: it writes input files under ``work/in``
and returns the command line, whose outputs all go under ``work/out``. The same families
feed the hypothesis tests in this folder (a few examples each, driven by ``st.randoms()``)
and ``bench/fuzz.py`` (thousands, with a time limit per case).

What every case must show (:func:`problems`): no traceback, an exit code in
:data:`EXIT_CODES`, one line on stderr when it fails, nothing written outside ``work/out``,
and no temporary file left behind in ``work/out``.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import stat
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.bombs import zeros_zip

#: The exit codes alignkit documents (README, "Exit codes").
EXIT_CODES = frozenset({0, 1, 2, 3, 4, 5, 6, 7, 130})

SENTENCES = [
    "The house is red.", "Hello world.", "She does not want to stop the war.", "Mr. Smith arrived at 5 p.m. today.",
    "Kyiv refused the 28-point proposal.", "What does Putin want?", "«Quoted» text — with dashes…",
    "Numbers: 3.14, 1,000 and 42%.", "e-mail: someone@example.com, url: https://example.com/a?b=c",
    "Línea con acentos y eñes.", "Ceci n'est pas une pipe.", "日本語の文です。", "مرحبا بالعالم.", "",
]
HOSTILE_TOKENS = [
    b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x80", b"\xc3", b"\xed\xa0\x80", "\u2028".encode(),
    "\u2029".encode(), b"\r\n", b"\r", b"\t", b"\x0b", b"\x1b[31m", b'"', b"\\", b"\\u0000", b"'", b"<", b"&",
    b"]]>", b"<![CDATA[", b"&amp;", b"&x;", b"NaN", b"-Infinity", b"1e999", b"-1", b"9" * 400, b"[" * 3000,
    b"{" * 3000, b"*", b"#", b"@", b"[\x01]", b"^$", b".[]", b"{m}", b"|", b"%s%n", b"../", b"/etc/passwd",
    "\U0001F600".encode(), "\u202e".encode(), "\ufeff".encode(), b"\xf4\x90\x80\x80",
]
LANGS = ["en", "es", "fr", "ca", "xx", "", "eng", "en-US", "zz-ZZ", "../x"]
#: Largest hostile input a case writes (bigger ones are in the regression tests).
MAX_BYTES = 300_000


@dataclass
class Case:
    """One command line to run, its standard input, and where it may write."""

    family: str
    args: list[str]
    stdin: bytes | None = None


# ----------------------------------------------------------------------------- mutations


def mutate(rng: random.Random, data: bytes, rounds: int | None = None) -> bytes:
    """``data`` with a few random byte-level edits (flips, cuts, repeats, hostile tokens)."""
    for _ in range(rng.choice([0, 1, 1, 2, 3, 5]) if rounds is None else rounds):
        pos = rng.randrange(len(data) + 1)
        op = rng.randrange(7)
        if op == 0 and data:
            data = data[:pos] + bytes([rng.randrange(256)]) + data[pos + 1:]
        elif op == 1:
            data = data[:pos]
        elif op == 2:
            data = data[:pos] + rng.choice(HOSTILE_TOKENS) * rng.choice([1, 1, 2, 50]) + data[pos:]
        elif op == 3 and data:
            end = min(len(data), pos + rng.randrange(1, 200))
            data = data[:pos] + data[pos:end] * rng.choice([2, 10, 100]) + data[end:]
        elif op == 4:
            data = data[:pos] + rng.choice([b"x", b"\xe2\x80\xa8", b"a "]) * rng.choice([1000, 20_000]) + data[pos:]
        elif op == 5:
            data = data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\x85", b""]))
        else:
            data = data[:pos] + data[pos + rng.randrange(1, 20):]
    return data[:MAX_BYTES]


def encode(rng: random.Random, text: str) -> bytes:
    """``text`` in an encoding alignkit may or may not accept."""
    codec = rng.choice(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"])
    return text.encode(codec, errors="replace")


def hostile_json(rng: random.Random, depth: int = 0) -> object:
    """A JSON value of a random type (sometimes deep, huge or non-finite)."""
    kind = rng.randrange(12)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 2**63, 10**30, 3, 1.5])
    if kind == 3:
        return rng.choice([float("nan"), float("inf"), -float("inf")])
    if kind == 4:
        return rng.choice(SENTENCES) + rng.choice(["", "\u2028", "\x00", "x" * 5000])
    if kind == 5 and depth < 3:
        return [hostile_json(rng, depth + 1) for _ in range(rng.randrange(3))]
    if kind == 6 and depth < 3:
        return {rng.choice(["es", "engine", "scores", "terms", "x", ""]): hostile_json(rng, depth + 1)
                for _ in range(rng.randrange(3))}
    if kind == 7:
        nested: object = 1
        for _ in range(rng.choice([10, 70, 500])):
            nested = [nested]
        return nested
    return rng.choice(["es", "", {}, [], "apertium", ["en", "es"]])


def _replace_random(rng: random.Random, obj: object) -> object:
    """``obj`` with one value somewhere inside replaced by :func:`hostile_json`."""
    if isinstance(obj, dict) and obj and rng.random() < 0.7:
        key = rng.choice(list(obj))
        return {**obj, key: _replace_random(rng, obj[key])}
    if isinstance(obj, list) and obj and rng.random() < 0.7:
        i = rng.randrange(len(obj))
        return [*obj[:i], _replace_random(rng, obj[i]), *obj[i + 1:]]
    return hostile_json(rng)


def run_row(rng: random.Random, i: int, src: str = "en", tgt: str = "es") -> dict[str, object]:
    """A JSONL row as ``alignkit run`` writes it."""
    text = rng.choice(SENTENCES)
    return {"texts": {src: text, tgt: rng.choice(SENTENCES)}, "id": f"d:p0:s{i}", "index": i, "para": 0, "sent": i,
            "start": 0, "end": len(text), "source_lang": src,
            "mt": {tgt: {"engine": "apertium", "route": [src, tgt], "unknown": [],
                         "scores": {"copy": 0.0, "length_z": 0.1}, "terms": [
                             {"term": "Kyiv", "expected": ["Kiev"], "found": rng.choice([None, "Kiev"])}]}}}


def text_bytes(rng: random.Random, lines: int | None = None) -> bytes:
    n = rng.choice([0, 1, 3, 10, 50]) if lines is None else lines
    text = "\n".join(rng.choice(SENTENCES) for _ in range(n)) + rng.choice(["", "\n", "\n\n"])
    return mutate(rng, encode(rng, text))


def _write(root: Path, name: str, data: bytes) -> str:
    path = root / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def _out(root: Path, name: str) -> str:
    return str(root / "out" / name)


# ----------------------------------------------------------------------------- families


def fam_text(rng: random.Random, root: Path) -> Case:
    """``segment``: text in any encoding, any segmenter and format."""
    src = _write(root, rng.choice(["a.en.txt", "b.txt", "c.es", "-x.txt"]), text_bytes(rng))
    args = ["segment", src, "--lang", rng.choice(LANGS[:5]), "--format", rng.choice(["text", "jsonl", "tsv"]),
            "--out", _out(root, "seg.out")]
    if rng.random() < 0.3:
        args += ["--segmenter", rng.choice(["rules", "lines", "pysbd", "bogus"])]
    if rng.random() < 0.2:
        args += ["--doc-id", rng.choice(["ok", "../x", "a/b", "", ".."])]
    return Case("text", args)


def fam_translate(rng: random.Random, root: Path) -> Case:
    """``translate`` with Apertium: lines or documents, long tokens, bad options."""
    data = text_bytes(rng, rng.choice([1, 3, 10]))
    if rng.random() < 0.15:
        data += b" " + rng.choice([b"x" * 200_000, b"word " * 20_000, b"y" * 5000])
    src = _write(root, "t.en.txt", data)
    args = ["translate", src, "--to", rng.choice(["es", "es", "fr", "ca", "xx"]), "--out", _out(root, "t.out")]
    if rng.random() < 0.6:
        args.append("--lines")
    if rng.random() < 0.2:
        args += ["--option", rng.choice(["batch_size=0", "timeout=-1", "bogus=1", "repair=maybe", "max_word=0",
                                         "batch_size=1", "keep_marks=true", "prime=true", "variants=zz"])]
    if rng.random() < 0.05:
        args += ["--engine", rng.choice(["ct2", "nope"])]
    return Case("translate", args)


def fam_jsonl(rng: random.Random, root: Path) -> Case:
    """``score``/``filter``/``report`` on JSONL corpora with values of the wrong type."""
    rows: list[object] = [run_row(rng, i) for i in range(rng.randrange(1, 6))]
    if rng.random() < 0.8:
        i = rng.randrange(len(rows))
        rows[i] = _replace_random(rng, rows[i])
    lines = [json.dumps(r, ensure_ascii=rng.random() < 0.5) for r in rows]
    data = mutate(rng, ("\n".join(lines) + "\n").encode(), rng.choice([0, 0, 1, 2]))
    path = _write(root, "run/c.jsonl", data)
    if rng.random() < 0.3:
        _write(root, "run/run.json", mutate(rng, json.dumps({"languages": ["es"]}).encode()))
    return Case("jsonl", _corpus_command(rng, root, path, ".jsonl"))


def _corpus_command(rng: random.Random, root: Path, path: str, suffix: str) -> list[str]:
    command = rng.choice(["score", "filter", "report"] if suffix == ".jsonl" else ["score", "filter"])
    if command == "score":
        return ["score", path, *rng.choice([[], ["--json"], ["--lang", "es"], ["--segments", "--json"]])]
    if command == "filter":
        return ["filter", path, "--out", _out(root, "f" + suffix), "--dropped", _out(root, "d" + suffix),
                *rng.choice([["--drop-copies"], ["--max-length-z", "3"], ["--max-unknown-rate", "0.1"],
                             ["--require-lang"], []])]
    return ["report", rng.choice([path, str(Path(path).parent)]), "--out", _out(root, "r.html")]


def fam_tmx(rng: random.Random, root: Path) -> Case:
    """``score``/``filter`` on TMX: broken XML, entities, deep nesting, missing languages."""
    from alignkit.formats.tmx import build
    from alignkit.types import Row

    rows = [Row({"en": rng.choice(SENTENCES), "es": rng.choice(SENTENCES)}) for _ in range(rng.randrange(1, 5))]
    data = build(rows, ["en", "es"])
    trick = rng.randrange(6)
    if trick == 0:
        data = data.replace(b"<body>", b"<body>" + b"<tu>" * 300 + b"</tu>" * 300)
    elif trick == 1:
        bomb = b'<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' \
               b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e SYSTEM "file:///etc/passwd">]>'
        data = re.sub(rb"<!DOCTYPE[^>]*>", bomb, data).replace(b"<seg>", b"<seg>&c;&e;", 1)
    elif trick == 2:
        data = data.replace(b'xml:lang="es"', rng.choice([b"", b'xml:lang=""', b'xml:lang="en"', b'lang="ES"']))
    elif trick == 3:
        data = data.replace(b"tuid=", b"tuid=\"\x01\" x=")
    data = mutate(rng, data, rng.choice([0, 1, 2]))
    return Case("tmx", _corpus_command(rng, root, _write(root, "c.en-es.tmx", data), ".tmx"))


def fam_tsv(rng: random.Random, root: Path) -> Case:
    """``score``/``filter`` on TSV: wrong column counts, tabs, long lines."""
    lines = ["\t".join(rng.choice(SENTENCES) for _ in range(rng.choice([2, 2, 2, 1, 3]))) for _ in range(5)]
    data = mutate(rng, encode(rng, "\n".join(lines) + "\n"))
    name = rng.choice(["c.en-es.tsv", "c.tsv", "c.en-xx.tsv"])
    return Case("tsv", _corpus_command(rng, root, _write(root, name, data), ".tsv"))


def fam_moses(rng: random.Random, root: Path) -> Case:
    """``score``/``filter`` on Moses prefixes: uneven line counts, missing sides."""
    for lang in rng.sample(["en", "es"], rng.choice([1, 2, 2])):
        _write(root, f"c.{lang}", text_bytes(rng, rng.choice([0, 3, 4])))
    prefix = str(root / "in" / "c")
    command = rng.choice(["score", "filter"])
    args = [command, prefix, "--format", "moses", "--langs", rng.choice(["en,es", "en", "en,es,fr", "xx,es"])]
    if command == "filter":
        args += ["--out", _out(root, "f"), "--drop-copies"]
    return Case("moses", args)


def fam_ladder(rng: random.Random, root: Path) -> Case:
    """``eval-align`` and ``report --align`` on broken ladders."""
    n = rng.randrange(1, 8)
    beads = [f"[{i}]:[{i}]" + rng.choice(["", ":0.5", ":nan", ":-1e999"]) for i in range(n)]
    ladder = mutate(rng, ("\n".join(beads) + "\n").encode())
    gold = _write(root, "gold.ladder", ladder)
    pred = _write(root, "pred.ladder", mutate(rng, ladder, 1))
    if rng.random() < 0.5:
        return Case("ladder", ["eval-align", "--gold", gold, pred, *rng.choice([[], ["--json"]])])
    src = _write(root, "a.en", text_bytes(rng, n))
    tgt = _write(root, "a.es", text_bytes(rng, n))
    return Case("ladder", ["report", "--align", src, tgt, pred, "--src-lang", "en", "--tgt-lang", "es",
                           "--out", _out(root, "r.html")])


def fam_glossary(rng: random.Random, root: Path) -> Case:
    """``glossary check/convert/match`` on TSV, CSV and TBX."""
    kind = rng.choice(["tsv", "csv", "tbx"])
    rows = [["en", "es", "fr"], ["Kyiv", "Kiev{f}", "Kiev"], ["war", "guerra{f}|conflicto{m}", "guerre"],
            ["# comment"], ["NATO", "OTAN", "OTAN"]]
    if kind == "tbx":
        from alignkit.glossary import dump_tbx, parse_table

        glossary = parse_table("\n".join("\t".join(r) for r in rows) + "\n", name="seed.tsv")
        data = dump_tbx(glossary) if rng.random() < 0.9 else b"<martif><text/></martif>"
        data = data.encode() if isinstance(data, str) else data
        if rng.random() < 0.3:
            data = data.replace(b"<body>", b"<body>" + b"<termEntry>" * 400)
    else:
        sep = "\t" if kind == "tsv" else ","
        data = "\n".join(sep.join(r) for r in rows).encode() + b"\n"
        if kind == "csv" and rng.random() < 0.2:
            data += b'"' + b"x" * 200_000 + b'",y\n'
    path = _write(root, f"g.{kind}", mutate(rng, data))
    command = rng.choice(["check", "convert", "match"])
    if command == "check":
        return Case("glossary", ["glossary", "check", path])
    if command == "convert":
        return Case("glossary", ["glossary", "convert", path, _out(root, "g." + rng.choice(["tsv", "csv", "tbx"]))])
    text = _write(root, "t.en.txt", text_bytes(rng))
    return Case("glossary", ["glossary", "match", path, text, "--lang", rng.choice(["en", "es", "xx"])])


def fam_align(rng: random.Random, root: Path) -> Case:
    """``align`` (no MT) on small broken inputs, every output format, a dictionary."""
    src = _write(root, "a.en", text_bytes(rng, rng.choice([0, 1, 5, 30])))
    tgt = _write(root, "a.es", text_bytes(rng, rng.choice([0, 1, 5, 30])))
    fmt = rng.choice(["ladder", "tsv", "moses", "tmx", "jsonl"])
    args = ["align", src, tgt, "--src-lang", rng.choice(["en", "xx"]), "--tgt-lang", "es", "--no-mt",
            "--format", fmt, "--out", _out(root, "al." + fmt)]
    if rng.random() < 0.3:
        args.append("--segment")
    if rng.random() < 0.3:
        args += ["--dict", _write(root, "d.tsv", mutate(rng, b"house\tcasa\ncasa @ house\n"))]
    if rng.random() < 0.2:
        args += ["--report", _out(root, "al.html")]
    return Case("align", args)


def _model_members(rng: random.Random) -> dict[str, bytes]:
    vocab = b"<unk>\n<s>\n</s>\nhello\n"
    members = {"m/model.bin": rng.choice([b"garbage", os.urandom(64), b"\x00" * 1000]),
               "m/shared_vocabulary.txt": vocab, "m/config.json": b'{"unk_token": "<unk>"}'}
    for _ in range(rng.randrange(3)):
        trick = rng.randrange(7)
        if trick == 0:
            members[rng.choice(["../evil", "/abs/evil", "m/../../evil", "C:/evil", "m\\..\\evil"])] = b"x"
        elif trick == 1:
            members["m/shared_vocabulary.json"] = rng.choice([b"[" * 5000, b'{"a": 1}', b"\xff\xfe", b"[1, 2]"])
        elif trick == 2:
            members["m/config.json"] = mutate(rng, members["m/config.json"], 2) + rng.choice([b"", b"[" * 5000])
        elif trick == 3:
            members["metadata.json"] = json.dumps(_replace_random(rng, {"from_code": "en", "to_code": "es"})).encode()
        elif trick == 4:
            members.pop("m/shared_vocabulary.txt", None)
        elif trick == 5:
            members["m/source.spm"] = b"not sentencepiece"
        else:
            members[f"m/{'d/' * 60}deep"] = b"x"
    return members


def fam_archive(rng: random.Random, root: Path) -> Case:
    """``models install`` of zips and tars: traversal, links, bombs, garbage weights and JSON."""
    members = _model_members(rng)
    kind = rng.choice(["zip", "zip", "tar.gz", "tar", "argosmodel", "bomb", "notarchive"])
    path = root / "in" / f"opus-mt-en-es.{'zip' if kind == 'bomb' else kind}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "bomb":
        zeros_zip(path, "m/model.bin", rng.choice([40, 64]), declared=rng.choice([None, None, 1000]))
    elif kind in ("zip", "argosmodel"):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
            if rng.random() < 0.2:
                link = zipfile.ZipInfo("m/link")
                link.external_attr = 0o120777 << 16
                zf.writestr(link, "/etc/passwd")
    elif kind.startswith("tar"):
        with tarfile.open(path, "w:gz" if kind == "tar.gz" else "w") as tf:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
            if rng.random() < 0.3:
                special = tarfile.TarInfo("m/dev")
                special.type = rng.choice([tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.FIFOTYPE, tarfile.CHRTYPE])
                special.linkname = "/etc/passwd"
                tf.addfile(special)
    else:
        path.write_bytes(mutate(rng, b"PK\x03\x04" + os.urandom(100)))
    if rng.random() < 0.3 and kind != "bomb":
        path.write_bytes(mutate(rng, path.read_bytes(), 1))
    args = ["models", "--home", _out(root, "models"), "install", str(path)]
    args += rng.choice([["--from", "en", "--to", "es"], [], ["--name", rng.choice(["ok", "../x", "a/b", ".x"])]])
    return Case("archive", args)


def fam_modeldir(rng: random.Random, root: Path) -> Case:
    """``models install DIR``: links out of the directory, FIFOs, garbage files."""
    model = root / "in" / "opus-mt-en-es"
    model.mkdir(parents=True, exist_ok=True)
    for name, data in _model_members(rng).items():
        if name.startswith("m/") and ".." not in name and "\\" not in name:
            target = model / name[2:]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    trick = rng.randrange(4)
    if trick == 0:
        (model / "passwd").symlink_to("/etc/passwd")
    elif trick == 1:
        (model / "source.spm").unlink(missing_ok=True)
        os.mkfifo(model / "source.spm")
    elif trick == 2:
        (model / "loop").symlink_to(model)
    return Case("modeldir", ["models", "--home", _out(root, "models"), "install", str(model), "--from", "en",
                             "--to", "es"])


def fam_options(rng: random.Random, root: Path) -> Case:
    """Bad command lines: unknown options, bad values, missing arguments, odd languages."""
    src = _write(root, "a.en.txt", text_bytes(rng, 2))
    pool = [
        ["segment", src, "--lang", rng.choice(LANGS)],
        ["translate", src, "--to", rng.choice(LANGS), "--from", rng.choice(LANGS), "--out", _out(root, "t")],
        ["score", src, "--ref", src, "--metrics", rng.choice(["bleu", "nope", "", "chrf,,ter", "bleu,bleu"])],
        ["score", src, "--src", src, "--lang", rng.choice(LANGS), "--src-lang", rng.choice(LANGS)],
        ["filter", src, "--out", _out(root, "f.tsv"), "--max-length-z", rng.choice(["nan", "-1", "x", "1e308"])],
        ["align", src, src, "--src-lang", rng.choice(LANGS), "--tgt-lang", rng.choice(LANGS), "--no-mt"],
        ["models", "--home", _out(root, "m"), rng.choice(["list", "info", "remove"]), *rng.choice([[], ["x"], ["../"]])],
        ["engines"], [rng.choice(["bogus", "--bogus", "-v"])], ["glossary", rng.choice(["check", "nope"]), src],
        ["eval-align", "--gold", src], ["report"], ["report", "--align", src, src, src],
        ["translate", "-", "--to", "es", "--lines", "--out", _out(root, "stdin.out")],
    ]
    args = rng.choice(pool)
    if rng.random() < 0.3:
        args = args + [rng.choice(["--json", "--help", "-h", "--", "--format", "--out", _out(root, "x")])]
    return Case("options", args, stdin=text_bytes(rng, 2) if "-" in args else None)


def fam_run(rng: random.Random, root: Path) -> Case:
    """``run``: small documents, hostile document ids, glossaries and configs."""
    src = _write(root, rng.choice(["a.en.txt", "b.txt", "..en.txt"]), text_bytes(rng, rng.choice([1, 3])))
    args = ["run", src, "--to", rng.choice(["es", "es,fr", "xx", "es,es"]), "--out", _out(root, "corpus"),
            "--no-report"]
    if rng.random() < 0.5:
        args += ["--doc-id", rng.choice(["ok", "../x", "../../../escape", "a/b", "..", ".hidden", "x" * 300])]
    if rng.random() < 0.2:
        args += ["--glossary", _write(root, "g.tsv", mutate(rng, b"en\tes\nhouse\tcasa{f}\n"))]
    if rng.random() < 0.1:
        args += ["--config", _write(root, "c.toml", mutate(rng, b'[engines]\nes = "apertium"\n'))]
    if rng.random() < 0.1:
        args += ["--formats", rng.choice(["tmx,jsonl", "nope", ""])]
    return Case("run", args)


FAMILIES: dict[str, Callable[[random.Random, Path], Case]] = {
    "text": fam_text, "translate": fam_translate, "jsonl": fam_jsonl, "tmx": fam_tmx, "tsv": fam_tsv,
    "moses": fam_moses, "ladder": fam_ladder, "glossary": fam_glossary, "align": fam_align,
    "archive": fam_archive, "modeldir": fam_modeldir, "options": fam_options, "run": fam_run,
}


# ----------------------------------------------------------------------------- checks


def snapshot(root: Path, out: Path) -> dict[str, tuple[int, int, int]]:
    """Every path under ``root`` except ``out`` and what it holds: (type, size, mtime ns), links not followed."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if here == out or out in here.parents:
            continue
        rel = here.relative_to(root)
        for name in [*dirnames, *filenames]:
            if here / name == out:
                continue
            st = (Path(dirpath) / name).lstat()
            found[str(rel / name)] = (stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns)
    return found


#: Names of alignkit's temporary files and directories (atomic writes, run staging, model installs).
_TEMPORARY = re.compile(r"^\.(alignkit-staging-|alignkit-probe-|install-|remove-).*|^\..*\.tmp$")
_LOG_LINE = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+: ")


def problems(case: Case, exit_code: int, stderr: str, error: BaseException | None, root: Path, work: Path,
             before: dict[str, tuple[int, int, int]]) -> list[str]:
    """What went wrong in one run of a case that works in ``work`` (inside ``root``; empty: nothing)."""
    found = []
    if error is not None and not isinstance(error, SystemExit):
        found.append(f"traceback: {type(error).__name__}: {str(error)[:200]}")
    if exit_code not in EXIT_CODES:
        found.append(f"exit code {exit_code} is not documented")
    # Progress lines (`run`) and `glossary check`'s list of problems may come first: the error
    # itself is one line, the last, and the only one saying "alignkit: ".
    lines = [line for line in stderr.splitlines() if line.strip() and not _LOG_LINE.match(line)]
    ours = [line for line in lines if line.startswith("alignkit: ")]
    if exit_code != 0 and (len(ours) != 1 or lines[-1] != ours[0]):
        found.append(f"not a one-line message (exit {exit_code}): {stderr[-300:]!r}")
    out = work / "out"
    after = snapshot(root, out)
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    if changed:
        found.append(f"written outside the output path: {changed[:5]}")
    leftovers = [str(p.relative_to(out)) for p in out.rglob("*") if _TEMPORARY.match(p.name)]
    if out.exists() and leftovers:
        found.append(f"half-written output left: {leftovers[:5]}")
    return found


# ----------------------------------------------------------------------------- running one case


def run_case(family: str, seed: int, root: Path) -> list[str]:
    """Build case ``seed`` of ``family`` under the empty directory ``root``, run it in-process, check it.

    Returns:
        The problems found (empty: the case passed).
    """
    import logging

    from click.testing import CliRunner

    from alignkit.cli import main

    # main() calls logging.basicConfig: with a handler already there it adds none bound to a
    # CliRunner stream that is closed by the next case (log lines are not the message checked).
    logging.getLogger().addHandler(logging.NullHandler())
    rng = random.Random(f"{family}:{seed}")
    # Three levels down: a path that climbs out of the case ("../../../x") still lands under root.
    work = root / "a" / "b" / "c"
    (work / "in").mkdir(parents=True, exist_ok=True)
    (work / "out").mkdir()
    case = FAMILIES[family](rng, work)
    before = snapshot(root, work / "out")
    cwd = os.getcwd()
    os.chdir(work)  # a stray relative write lands under root, where the snapshot sees it
    try:
        result = CliRunner().invoke(main, case.args, input=case.stdin,
                                    env={"ALIGNKIT_HOME": str(work / "out" / "home")})
    finally:
        os.chdir(cwd)
    return problems(case, result.exit_code, result.stderr, result.exception, root, work, before)
