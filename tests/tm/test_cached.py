"""CachedTranslator: only misses reach the engine, and the outputs are the engine's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignkit.tm import TranslationMemory
from alignkit.translate.cached import CachedTranslator
from alignkit.translate.route import PivotTranslator
from alignkit.types import EngineOutput
from tests.tm.fakes import CountingTranslator

TEXTS = ["The house is red.", "A ?zorb came.", "The house is red.", "  ", "", "Why?"]


@pytest.fixture
def tm(tmp_path: Path) -> TranslationMemory:
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        yield memory


def test_second_call_needs_no_engine_and_gives_identical_outputs(tm: TranslationMemory) -> None:
    expected = CountingTranslator().translate(TEXTS)
    first = CachedTranslator(CountingTranslator(), tm)
    assert first.translate(TEXTS) == expected
    assert first.inner.batches == [["The house is red.", "A ?zorb came.", "Why?"]]
    second = CachedTranslator(CountingTranslator(), tm)
    assert second.translate(TEXTS) == expected
    assert second.inner.calls == 0
    assert (second.hits, second.misses) == (4, 0)


def test_duplicates_in_a_batch_are_translated_once_in_order(tm: TranslationMemory) -> None:
    cached = CachedTranslator(CountingTranslator(), tm)
    out = cached.translate(["b", "a", "b", "c", "a"])
    assert [o.text for o in out] == ["b@es", "a@es", "b@es", "c@es", "a@es"]
    assert cached.inner.batches == [["b", "a", "c"]]
    assert (cached.hits, cached.misses) == (2, 3)


def test_only_misses_reach_the_engine(tm: TranslationMemory) -> None:
    cached = CachedTranslator(CountingTranslator(), tm)
    cached.translate(["a", "b"])
    assert [o.text for o in cached.translate(["c", "a", "d", "b"])] == ["c@es", "a@es", "d@es", "b@es"]
    assert cached.inner.batches == [["a", "b"], ["c", "d"]]


def test_another_engine_version_is_not_served_old_outputs(tm: TranslationMemory) -> None:
    CachedTranslator(CountingTranslator(version="1"), tm).translate(["a"])
    newer = CachedTranslator(CountingTranslator(version="2"), tm)
    newer.translate(["a"])
    assert newer.inner.calls == 1


def test_whitespace_never_reaches_the_memory(tm: TranslationMemory) -> None:
    cached = CachedTranslator(CountingTranslator(), tm)
    assert cached.translate(["", " \n"]) == [EngineOutput(""), EngineOutput("")]
    assert tm.stats().entries == 0 and cached.inner.calls == 0


def test_record_receives_misses_and_the_memory_is_only_read(tm: TranslationMemory) -> None:
    CachedTranslator(CountingTranslator(), tm).translate(["a"])
    recorded: list[tuple[str, str, list[tuple[str, EngineOutput]]]] = []
    worker = CachedTranslator(CountingTranslator(), tm, record=lambda *args: recorded.append(args))
    assert [o.text for o in worker.translate(["a", "b"])] == ["a@es", "b@es"]
    assert recorded == [(worker.signature, "en>es", [("b", EngineOutput("b@es"))])]
    assert tm.stats().entries == 1  # the driver, not the worker, writes "b"


def test_without_a_memory_every_text_is_translated_and_recorded() -> None:
    recorded: list[object] = []
    cached = CachedTranslator(CountingTranslator(), None, record=lambda *args: recorded.append(args))
    cached.translate(["a", "a"])
    cached.translate(["a"])
    assert cached.inner.batches == [["a"], ["a"]] and len(recorded) == 2


def test_delegates_identity_to_the_inner_translator(tm: TranslationMemory) -> None:
    inner = CountingTranslator("en", "ca")
    cached = CachedTranslator(inner, tm)
    assert (cached.engine, cached.src, cached.tgt, cached.route, cached.leg) == ("fake", "en", "ca", ("en", "ca"), "en>ca")
    assert cached.describe() == inner.describe()


def test_a_pivot_route_is_refused(tm: TranslationMemory) -> None:
    pivot = PivotTranslator(CountingTranslator("en", "es"), CountingTranslator("es", "pt"))
    with pytest.raises(ValueError, match="pivot"):
        CachedTranslator(pivot, tm)


def test_a_leg_shared_by_two_pivots_is_translated_once(tm: TranslationMemory) -> None:
    texts = ["The house is red.", "A ?zorb came."]
    # Each pivot opens its own en>es leg, as open_translator does.
    en_es_a, en_es_b = CountingTranslator("en", "es"), CountingTranslator("en", "es")
    es_pt, es_it = CountingTranslator("es", "pt"), CountingTranslator("es", "it")
    to_pt = PivotTranslator(CachedTranslator(en_es_a, tm), CachedTranslator(es_pt, tm))
    to_it = PivotTranslator(CachedTranslator(en_es_b, tm), CachedTranslator(es_it, tm))
    pt, it = to_pt.translate(texts), to_it.translate(texts)
    assert en_es_a.calls == 2 and en_es_b.calls == 0  # en>es once for both targets
    assert es_pt.calls == 2 and es_it.calls == 2
    assert pt == PivotTranslator(CountingTranslator("en", "es"), CountingTranslator("es", "pt")).translate(texts)
    assert [o.text for o in it] == ["The house is red.@es@it", "A ?zorb came.@es@it"]
    assert it[1].unknown == ("?zorb",)
