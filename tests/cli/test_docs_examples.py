"""Every example command in the README, docs/*.md and `--help` runs as written.

The commands of one source run in order (a later example may use an earlier one's output) in a
fresh directory holding the files the examples name: small samples made here, plus copies of the
project's seed, glossaries and committed corpora. Examples that need what alignkit does not ship
(a neural model, an Argos package) or an engine this machine lacks are skipped with the reason.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import COMMANDS, main
from tests.conftest import ROOT, SHARED

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ALIGNKIT = Path(sys.executable).with_name("alignkit")
#: the model `align --embeddings` examples may use: the tests' tiny random one, built in the workspace
TINY_ST = "tiny-st"
HAS_ST = importlib.util.find_spec("sentence_transformers") is not None

EN = ["The house is red.", "Hello world.", "The 28-point proposal was rejected.", "Kyiv refused the offer.",
      "Putin wants to stop the war."]
ES = ["La casa es roja.", "Hola mundo.", "La propuesta de 28 puntos fue rechazada.", "Kyiv rechazó la oferta.",
      "Putin quiere detener la guerra."]
FR = ["La maison est rouge.", "Bonjour le monde.", "La proposition en 28 points a été rejetée.",
      "Kyiv a refusé l'offre.", "Poutine veut arrêter la guerre."]
DE = ["Das Haus ist rot.", "Hallo Welt.", "Der 28-Punkte-Vorschlag wurde abgelehnt.", "Kyiv lehnte das Angebot ab.",
      "Putin will den Krieg beenden."]
POT = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#, c-format
msgid "Could not open %s."
msgstr ""
'''
LADDER = "".join(f"[{i}]:[{i}]\n" for i in range(5))


def lines(texts: list[str]) -> str:
    return "\n".join(texts) + "\n"


def workspace(path: Path) -> Path:
    """A directory with every file the examples name."""
    ws = path / "ws"
    ws.mkdir()
    for name in ("seeds", "glossaries", "corpora"):
        shutil.copytree(ROOT / name, ws / name)
    if SHARED.exists():
        (path / "shared").symlink_to(SHARED)  # examples say ../shared/...
    files = {
        "doc.en": lines(EN), "doc.es": lines(ES), "src.en": lines(EN), "newstest2013.en": lines(EN),
        "hyp.es": lines(ES[:4] + ["Putin quiere parar la guerra."]), "ref.es": lines(ES), "newstest2013.es": lines(ES),
        "other.es": lines(["La casa roja.", *ES[1:]]), "sentences.en": lines(EN), "doc.de": lines(DE),
        "doc.fr": lines(FR), "de-fr.txt": "Haus\tmaison\nKrieg\tguerre\n", "books.tsv": "doc.en\tdoc.fr\nsrc.en\tdoc.fr\n",
        "doc.en.txt": " ".join(EN) + "\n", "article.txt": " ".join(EN) + "\n", "article.en.txt": " ".join(EN) + "\n",
        "article.en": " ".join(EN) + "\n", "article.es": " ".join(ES) + "\n", "article.es.txt": " ".join(ES) + "\n",
        "article.de": " ".join(DE) + "\n", "article.fr": " ".join(FR) + "\n", "book.en.txt": " ".join(EN) + "\n",
        "book.es.txt": " ".join(ES) + "\n", "messages.pot": POT,
        "corpus.en-es.tsv": "".join(f"{e}\t{s}\n" for e, s in zip(EN, ES)),
        "noisy.en-es.tsv": "".join(f"{e}\t{s}\n" for e, s in zip(EN, ES)) + f"{EN[0]}\t{EN[0]}\n",
        "doc.ladder": LADDER, "gold.ladder": LADDER, "pred.ladder": LADDER, "dev.defr": LADDER,
        "gold1": LADDER, "pred1": LADDER, "gold2": LADDER, "pred2": LADDER,
        "gold1.ladder": LADDER, "pred1.ladder": LADDER, "gold2.ladder": LADDER, "pred2.ladder": LADDER,
        "engines.toml": '[engine]\nname = "apertium"\n',
        "a.en.txt": " ".join(EN[:2]) + "\n", "b.en.txt": " ".join(EN[2:]) + "\n", "big.en": lines(EN * 4),
        "list.txt": "a.en.txt\nb.en.txt\n", "news/2024/one.en.txt": " ".join(EN) + "\n",
        "news/two.en.txt": " ".join(EN[1:]) + "\n",
        "vendor.tmx": '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
                      'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" '
                      'o-tmf="x"/><body><tu><tuv xml:lang="en"><seg>The house is red.</seg></tuv>'
                      '<tuv xml:lang="es"><seg>La casa es roja.</seg></tuv></tu></body></tmx>\n',
    }
    for name, text in files.items():
        (ws / name).parent.mkdir(parents=True, exist_ok=True)
        (ws / name).write_text(text, encoding="utf-8")
    tsv = (ws / "corpora" / "seed" / "putin-war-israel-2025.en-es.tsv").read_text(encoding="utf-8")
    (ws / "seed.ref.es").write_text("".join(row.split("\t")[1] + "\n" for row in tsv.splitlines()), encoding="utf-8")
    from alignkit.glossary import dump_tbx, load

    (ws / "terms.tbx").write_text(dump_tbx(load(ws / "glossaries" / "seed.tsv")), encoding="utf-8")
    return ws


def from_markdown(text: str) -> list[str]:
    """Commands in fenced blocks: lines that run alignkit (continuations joined, comments cut)."""
    out: list[str] = []
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        for line in block.replace("\\\n", " ").split("\n"):
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if re.match(r"(echo .*\|\s*)?alignkit\s", command):
                out.append(" ".join(command.split()))
    return out


def from_help() -> list[str]:
    """The examples of `alignkit --help` and of every command and subcommand's `--help`."""
    paths = [[]] + [[name] for name in sorted(COMMANDS)]
    for group in ("glossary", "models"):
        result = CliRunner().invoke(main, [group, "--help"])
        section = result.output.split("Commands:")[-1]
        paths += [[group, m] for m in re.findall(r"^  (\w[\w-]*)", section, re.MULTILINE)]
    out: list[str] = []
    for path in paths:
        text = re.sub(r"\\\n\s*", " ", CliRunner().invoke(main, [*path, "--help"]).output)
        if "Examples:" in text:
            examples = text.split("Examples:", 1)[1]
            out += [" ".join(re.sub(r"\s+#\s.*$", "", x).split())
                    for x in re.findall(r"^\s+(alignkit .*|echo .*\| alignkit .*)$", examples, re.MULTILINE)]
    return out


def skip_reason(command: str) -> str | None:
    """Why an example cannot run here, or ``None``."""
    if re.search(r"--engine ct2|opus-mt|nllb|\.argosmodel|models convert|\./opus", command):
        return "needs a neural model or package (alignkit ships none; see docs/models.md)"
    if re.search(r"--to [\w,]*\bde\b", command):
        return "needs a German model (Apertium has no en-de pair)"
    if "--embeddings" in command:
        if not re.search(rf"--embeddings {TINY_ST}(\s|$)", command):
            return "needs a sentence-transformers model such as LaBSE (alignkit ships none)"
        if not HAS_ST:
            return "needs sentence-transformers: pip install torch==2.13.0 'alignkit[embeddings]'"
    if "--ray-address" in command:
        return "needs a running Ray cluster (tests/corpus/test_ray_cluster.py starts one)"
    if ("../shared" in command or re.search(r"\baren\b", command)) and not SHARED.exists():  # aren: installed from there
        return "needs ../shared"
    needs_engine = re.search(r"alignkit (translate|run|engines)\b|--roundtrip-engine|--min-chrf-roundtrip", command)
    if needs_engine and shutil.which("apertium") is None:
        return "needs Apertium (apt-get install apertium apertium-eng-spa ...)"
    return None


SOURCES = {p.relative_to(ROOT).as_posix(): p for p in DOCS}


def run_all(commands: list[str], tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    # $ALIGNKIT_HOME: the test's own (conftest), where the examples' TM, models and dictionaries go
    env = {**os.environ, "PATH": f"{ALIGNKIT.parent}:{os.environ['PATH']}"}
    if HAS_ST and any(f"--embeddings {TINY_ST}" in c for c in commands):
        from tests.align.tiny_st import build

        build(ws / TINY_ST)  # what `python tests/align/tiny_st.py tiny-st` in docs/align.md makes
    failures, skipped = [], []
    for command in commands:
        reason = skip_reason(command)
        if reason:
            skipped.append(f"{command}: {reason}")
            continue
        done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=ws, env=env, capture_output=True,
                              text=True, timeout=600, check=False)
        if done.returncode != 0:
            failures.append(f"{command}\n    -> exit {done.returncode}: {done.stderr.strip()[-300:]}")
    assert not failures, "examples that fail as written:\n" + "\n".join(failures)
    if skipped and len(skipped) == len(commands):
        pytest.skip("; ".join(skipped))


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_markdown_examples_run(source: str, tmp_path: Path) -> None:
    commands = from_markdown(SOURCES[source].read_text(encoding="utf-8"))
    if not commands:
        pytest.skip(f"{source} has no alignkit examples")
    run_all(commands, tmp_path)


def test_help_examples_run(tmp_path: Path) -> None:
    commands = from_help()
    assert len(commands) > 20  # the extraction found the examples
    run_all(commands, tmp_path)


def test_extraction_finds_continuations_and_cuts_comments() -> None:
    text = "```sh\nalignkit run a.txt --to es \\\n    --out x/   # comment\nmake test\n```\n"
    assert from_markdown(text) == ["alignkit run a.txt --to es --out x/"]
