"""The fill's answers kept between runs: served without asking, invalidated with the files, rebuilt when corrupt."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from alignkit.dictionaries import Roots
from alignkit.translate import fill_store as F


class CountingLookup:
    """A lookup that knows two words and records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def translate(self, words: Iterable[str]) -> dict[str, str]:
        words = list(words)
        self.asked.append(words)
        return {w: t for w in words if (t := {"memoirs": "memòries", "standstill": "paralització"}.get(w))}

    def describe(self) -> str:
        return "counting"


def test_kept_answers_are_served_without_asking(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    first = CountingLookup()
    assert F.StoredLookup(first, F.FillStore(path)).translate(["memoirs", "Kyivx", "memoirs"]) == {
        "memoirs": "memòries"}
    assert first.asked == [["memoirs", "Kyivx"]]
    # a later run: both answers (a translation and "none") come from the file
    again = CountingLookup()
    stored = F.StoredLookup(again, F.FillStore(path))
    assert stored.translate(["Kyivx", "memoirs", "standstill"]) == {"memoirs": "memòries",
                                                                    "standstill": "paralització"}
    assert again.asked == [["standstill"]]
    assert json.loads(path.read_text(encoding="utf-8")) == {"Kyivx": None, "memoirs": "memòries",
                                                           "standstill": "paralització"}


def _roots(tmp_path: Path) -> Roots:
    pair = tmp_path / "apertium" / "apertium-eng-cat"
    pair.mkdir(parents=True)
    (pair / "eng-cat.autobil.bin").write_bytes(b"one")
    (tmp_path / "dictd").mkdir()
    (tmp_path / "dictd" / "freedict-eng-spa.index").write_text("a\tA\tB\n", encoding="utf-8")
    return Roots(apertium=tmp_path / "apertium", dictd=tmp_path / "dictd")


def test_the_answers_file_changes_with_the_installed_files_and_the_version(tmp_path: Path) -> None:
    roots = _roots(tmp_path)
    before = F.store_path("en", "ca", "5", roots)
    assert before == F.store_path("en", "ca", "5", roots)
    assert before is not None
    assert F.store_path("en", "ca", "6", roots) != before
    assert F.store_path("en", "es", "5", roots) != before
    index = tmp_path / "dictd" / "freedict-eng-spa.index"
    st = index.stat()
    os.utime(index, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a new package version
    assert F.store_path("en", "ca", "5", roots) != before
    (tmp_path / "apertium" / "apertium-eng-cat" / "eng-cat.autobil.bin").write_bytes(b"other")
    moved = F.store_path("en", "ca", "5", roots)
    (tmp_path / "apertium" / "apertium-eng-cat" / "eng-cat.automorf.bin").write_bytes(b"new")
    assert F.store_path("en", "ca", "5", roots) != moved


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "", '{"a": 3, "b": "x"}'],
                         ids=["corrupt", "not-an-object", "empty", "bad-values"])
def test_an_unreadable_file_is_rebuilt(tmp_path: Path, content: str) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    store = F.FillStore(path)
    assert len(store) == (1 if content.startswith('{"a"') else 0)  # only the well-formed answer is kept
    lookup = CountingLookup()
    assert F.StoredLookup(lookup, store).translate(["memoirs"]) == {"memoirs": "memòries"}
    assert lookup.asked == [["memoirs"]]
    assert json.loads(path.read_text(encoding="utf-8"))["memoirs"] == "memòries"


def test_nothing_is_kept_after_a_transducer_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(F, "any_broken", lambda: True)
    path = tmp_path / "answers.json"
    assert F.StoredLookup(CountingLookup(), F.FillStore(path)).translate(["memoirs"]) == {"memoirs": "memòries"}
    assert not path.exists()


def test_a_home_that_cannot_be_written_only_loses_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    store = F.FillStore(blocker / "answers.json")  # its parent is a file: nothing can be written
    assert F.StoredLookup(CountingLookup(), store).translate(["memoirs"]) == {"memoirs": "memòries"}
    assert store.known(["memoirs"]) == {"memoirs": "memòries"}


def test_the_store_lives_under_alignkit_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNKIT_HOME", str(tmp_path / "home"))
    path = F.store_path("en", "ca", "5", _roots(tmp_path))
    # beside the parsed tables (dicts/fill), not among them: the tests share those, never answers
    assert path is not None and path.parent == tmp_path / "home" / "dicts" / "fill-answers"
    assert path.name.startswith("en-ca-")


def test_a_second_translator_starts_no_transducer_for_known_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import needs_apertium_pair

    needs_apertium_pair("eng-cat")
    from alignkit.dictionaries import ltproc
    from alignkit.translate import get_engine, open_translator

    text = ["The memoirs describe a standstill on the battlefield."]
    engine = get_engine("apertium", {})
    with open_translator(engine, "en", "ca") as translator:
        first = [(t.text, t.unknown) for t in translator.translate(text)]
    ltproc.close_all()
    started: list[tuple[str, str]] = []
    real_start = ltproc.LtProc._start

    def start(self: ltproc.LtProc):  # type: ignore[no-untyped-def]
        if self._proc is None:
            started.append((self.flag, self.path))
        return real_start(self)

    monkeypatch.setattr(ltproc.LtProc, "_start", start)
    with open_translator(get_engine("apertium", {}), "en", "ca") as translator:
        again = [(t.text, t.unknown) for t in translator.translate(text)]
    assert again == first and "memòries" in first[0][0]
    assert started == []
