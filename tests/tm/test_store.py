"""The memory's contract: exact keys, one entry per (signature, leg, source), prune by last use."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import alignkit.tm.store as store
from alignkit.errors import TMError
from alignkit.tm import TranslationMemory, default_tm_path, signature_of
from alignkit.types import EngineOutput


def test_default_path_is_in_the_home_and_nothing_is_created(home: Path) -> None:
    assert default_tm_path() == home / "tm.sqlite"
    assert not home.exists()


def test_default_path_without_home_is_beside_the_model_store(monkeypatch: pytest.MonkeyPatch) -> None:
    from alignkit.models.store import store_dir

    monkeypatch.delenv("ALIGNKIT_HOME")
    assert default_tm_path() == store_dir().parent / "tm.sqlite"


def test_round_trip_keeps_text_and_unknown_words(tmp_path: Path) -> None:
    items = [("The cat.", EngineOutput("El gato.")), ("Zorb is here.", EngineOutput("Zorb está aquí.", ("Zorb",)))]
    with TranslationMemory(tmp_path / "sub" / "tm.sqlite") as tm:
        assert tm.put_many("sig", "en>es", items) == 2
    with TranslationMemory(tmp_path / "sub" / "tm.sqlite") as tm:
        assert tm.get_many("sig", "en>es", ["The cat.", "Zorb is here.", "Absent."]) == dict(items)


@pytest.mark.parametrize("probe", ["the cat.", "The cat. ", " The cat.", "The  cat.", "The cat"],
                         ids=["case", "trailing-space", "leading-space", "inner-space", "no-dot"])
def test_keys_are_the_exact_source_text(tmp_path: Path, probe: str) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many("sig", "en>es", [("The cat.", EngineOutput("El gato."))])
        assert tm.get_many("sig", "en>es", [probe]) == {}


def test_signature_and_leg_are_part_of_the_key(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many("a", "en>es", [("x", EngineOutput("A"))])
        tm.put_many("b", "en>es", [("x", EngineOutput("B"))])
        tm.put_many("a", "en>ca", [("x", EngineOutput("C"))])
        assert tm.get_many("a", "en>es", ["x"]) == {"x": EngineOutput("A")}
        assert tm.get_many("b", "en>es", ["x"]) == {"x": EngineOutput("B")}
        assert tm.get_many("a", "en>ca", ["x"]) == {"x": EngineOutput("C")}
        assert tm.get_many("c", "en>es", ["x"]) == {}
        assert tm.stats().entries == 3


def test_put_replaces_an_entry(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many("sig", "en>es", [("x", EngineOutput("old"))])
        tm.put_many("sig", "en>es", [("x", EngineOutput("new", ("w",)))])
        assert tm.get_many("sig", "en>es", ["x"]) == {"x": EngineOutput("new", ("w",))}
        assert tm.stats().entries == 1


def test_many_texts_in_one_call(tmp_path: Path) -> None:
    # More texts than one statement may bind: the lookup is chunked.
    items = [(f"sentence {i}", EngineOutput(f"frase {i}")) for i in range(2500)]
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        assert tm.put_many("sig", "en>es", items) == 2500
        found = tm.get_many("sig", "en>es", [t for t, _ in items] + ["missing"])
    assert found == dict(items)


def test_unencodable_text_is_never_stored(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        assert tm.put_many("sig", "en>es", [("bad \udcff", EngineOutput("x")), ("ok", EngineOutput("y"))]) == 1
        assert tm.get_many("sig", "en>es", ["bad \udcff", "ok"]) == {"ok": EngineOutput("y")}


def test_signature_is_canonical_json_sha256() -> None:
    a = signature_of({"engine": "apertium", "route": ["en", "es"], "version": "3.8"})
    b = signature_of({"version": "3.8", "route": ["en", "es"], "engine": "apertium"})
    assert a == b and len(a) == 64
    assert signature_of({"engine": "apertium", "route": ["en", "es"], "version": "3.9"}) != a


def test_stats_name_the_engine_and_count_per_signature(tmp_path: Path) -> None:
    describe = {"engine": "apertium", "mode": "eng-spa", "route": ["en", "es"], "version": "apertium=3.8"}
    digest = signature_of(describe)
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many(digest, "en>es", [("a", EngineOutput("A")), ("b", EngineOutput("B"))], describe=describe)
        tm.put_many("other", "es>pt", [("c", EngineOutput("C"))])
        info = tm.stats()
    assert (info.entries, info.signatures) == (3, 2)
    assert info.per_signature == (("apertium eng-spa (apertium=3.8) en>es", digest, 2),
                                  ("(engine not recorded) es>pt", "other", 1))
    assert info.bytes > 0 and info.oldest is not None and info.oldest <= info.newest


def test_readonly_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as tm:
        tm.put_many("sig", "en>es", [("a", EngineOutput("A"))])
    with TranslationMemory(path, readonly=True) as tm:
        assert tm.readonly and tm.notice is None
        assert tm.put_many("sig", "en>es", [("b", EngineOutput("B"))]) == 0
        assert tm.prune(0) == 0
        assert tm.get_many("sig", "en>es", ["a", "b"]) == {"a": EngineOutput("A")}
    with TranslationMemory(path) as tm:
        assert tm.stats().entries == 1


def test_readonly_on_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none" / "tm.sqlite"
    with TranslationMemory(path, readonly=True) as tm:
        assert tm.get_many("sig", "en>es", ["a"]) == {}
        assert tm.stats().entries == 0
    assert not path.parent.exists()


class _Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


def test_prune_removes_entries_by_last_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock(1_000_000.0)
    monkeypatch.setattr(store, "time", clock)
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many("sig", "en>es", [("old", EngineOutput("O")), ("used", EngineOutput("U"))])
        clock.now += 10 * 86400
        tm.put_many("sig", "en>es", [("new", EngineOutput("N"))])
        assert tm.get_many("sig", "en>es", ["used"])  # a hit counts as a use
        clock.now += 86400
        assert tm.prune(5 * 86400) == 1
        assert sorted(tm.get_many("sig", "en>es", ["old", "used", "new"])) == ["new", "used"]


def test_prune_gives_the_space_back(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as tm:
        tm.put_many("sig", "en>es", [(f"sentence {i} " * 20, EngineOutput("frase " * 40)) for i in range(3000)])
    full = path.stat().st_size
    with TranslationMemory(path) as tm:
        assert tm.prune(-1) == 3000
    assert path.stat().st_size < full / 10


def test_a_pickled_memory_reopens_the_file(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many("sig", "en>es", [("a", EngineOutput("A"))])
        copy = pickle.loads(pickle.dumps(tm))
    with copy:
        assert copy.path == tm.path and copy.get_many("sig", "en>es", ["a"]) == {"a": EngineOutput("A")}


def test_a_closed_memory_says_so(tmp_path: Path) -> None:
    tm = TranslationMemory(tmp_path / "tm.sqlite")
    tm.close()
    tm.close()  # twice is fine
    with pytest.raises(TMError, match="is closed"):
        tm.get_many("sig", "en>es", ["a"])
