"""The unknown-word fill's routes: lt-proc processes, analysers + tagged dictionaries + generators,
verb forms, chained pivots, the lazy big-dictionary table and the adverb gate."""

from __future__ import annotations

import gzip
import json
import shutil
import threading
from pathlib import Path

import pytest
import regex

from alignkit.dictionaries import ltproc, morphology as M
from alignkit.translate import lexical as L

APERTIUM = Path("/usr/share/apertium")


def _needs(*files: str) -> list[str]:
    if shutil.which("lt-proc") is None:
        pytest.skip("needs lttoolbox (lt-proc)")
    paths = [APERTIUM / f for f in files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    return [str(p) for p in paths]


@pytest.mark.parametrize(("tags", "expected"), [
    (["n", "pl"], ["n", "pl"]),
    (["adj"], ["adj"]),
    (["adj", "sint", "sup"], None),  # "slightest" is not "ligero"
    (["vblex", "pp"], ["vblex", "pp", "m", "sg"]),
    (["vblex", "past"], ["vblex", "ifi", "p3", "sg"]),
    (["vblex", "pres", "p3", "sg"], ["vblex", "pri", "p3", "sg"]),
    (["vblex", "pres"], ["vblex", "inf"]),
    (["vblex", "ger"], ["vblex", "ger"]),
    (["pr"], None),
], ids=lambda v: "-".join(v) if isinstance(v, list) else str(v))
def test_romance_tags(tags: list[str], expected: list[str] | None) -> None:
    assert M.romance_tags(tags) == expected


def test_analyses_and_order_prefer_a_participle_to_a_past() -> None:
    found = M.analyses("^unleashed/unleash<vblex><past>/unleash<vblex><pp>$ ^standstill/*standstill$")
    assert found["standstill"] == []
    assert M.order(found["unleashed"]) == [("unleash", ["vblex", "pp"])]


def test_to_generator_moves_a_phrase_tail_and_adds_gender() -> None:
    assert M.to_generator("camp# de batalla<n><m><pl>") == ["camp<n><m><pl># de batalla"]
    assert M.to_generator("táctico<adj>")[:2] == ["táctico<adj><m><sg>", "táctico<adj><mf><sg>"]


def test_ltproc_answers_blocks_and_survives_a_missing_program(monkeypatch: pytest.MonkeyPatch) -> None:
    (bidix,) = _needs("apertium-eng-spa/eng-spa.autobil.bin")
    proc = ltproc.LtProc("-b", bidix)
    try:
        for _ in range(2):  # one process, several blocks
            assert proc.ask("^tactical<adj>$") == "^tactical<adj>/táctico<adj>$"
    finally:
        proc.close()
    monkeypatch.setattr(ltproc, "lt_proc", lambda: None)
    assert ltproc.LtProc("-b", bidix).ask("^tactical<adj>$") == ""


def test_a_question_bigger_than_the_pipes_does_not_deadlock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A question written whole before its answer is read hung once both pipes were full
    (the spa-ita lookups of bench_apertium_repairs on 2,000 newstest lines)."""
    echo = tmp_path / "lt-proc"
    echo.write_text("#!/bin/sh\nexec cat\n")  # answers with the question, as it reads it
    echo.chmod(0o755)
    monkeypatch.setattr(ltproc, "lt_proc", lambda: str(echo))
    proc = ltproc.LtProc("-b", "unused.bin")
    question = " ".join(f"^word{i}<n>$" for i in range(200_000))  # ~2.6 MB, far over 64 KiB
    answers: list[str] = []
    worker = threading.Thread(target=lambda: answers.append(proc.ask(question)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    stuck = worker.is_alive()
    if stuck and proc._proc is not None:
        proc._proc.kill()  # frees the stuck writer, so close() below does not wait forever
        worker.join(timeout=10)
    try:
        assert not stuck, "lt-proc question deadlocked"
        assert answers == [question]
        assert proc.ask("^again<n>$") == "^again<n>$"  # the process still serves the next block
    finally:
        proc.close()


def test_chain_carries_gender_through_two_dictionaries() -> None:
    files = _needs("apertium-eng-cat/eng-cat.autobil.bin", "apertium-spa-cat/cat-spa.autobil.bin")
    assert M.Chain(tuple(files)).translate(["memoir<n><pl>", "standstill<n><sg>"]) == {
        "memoir<n><pl>": "memoria<n><f><pl>"}


def test_morphology_route_inflects_with_the_target_generator() -> None:
    _needs("apertium-eng-cat/eng-cat.automorf.bin", "apertium-eng-cat/eng-cat.autogen.bin")
    morph = M.open_morphology("en", "ca")
    assert morph.translate(["memoirs", "standstillx"]) == {"memoirs": "memòries"}
    assert morph.generate(["desencadenar<vblex><pp><m><sg>"]) == {"desencadenar<vblex><pp><m><sg>": "desencadenat"}


def test_verb_forms_are_generated_from_the_dictionary_infinitive() -> None:
    _needs("apertium-eng-spa/eng-spa.autogen.bin")
    assert ("deplore", "p3") in L.lemma_candidates("deplores", "en")
    assert ("wrap", "pp") in L.lemma_candidates("wrapped", "en")
    assert L.verb_unit("confiarse", "pp") == "confiar<vblex><pp><m><sg>"
    assert L.verb_unit("casa", "pp") is None
    morph = M.open_morphology("en", "es")
    words = L.WordLookup("en", "es", L.Resources(tables=[{"deplore": "lamentar", "confide": "confiar"}]),
                         morphology=M.Morphology("en", "es", [], [], morph.generator))
    assert words.translate(["deplores", "confided"]) == {"deplores": "lamenta", "confided": "confiado"}


def test_a_pivot_first_leg_can_be_a_whole_lookup() -> None:
    # en -> pt -> es inside the first leg, then es -> ca: three languages
    en_es = L.WordLookup("en", "es", L.Resources(), [("pt", L.Resources(tables=[{"hurdle": "obstáculo"}]),
                                                      L.Resources(tables=[{"obstáculo": "obstáculo"}]))])
    en_ca = L.WordLookup("en", "ca", L.Resources(), [("es", en_es, L.Resources(tables=[{"obstáculo": "obstacle"}]))])
    assert en_ca.translate(["hurdles"]) == {"hurdles": "obstacles"}


def test_an_adverb_needs_an_adverb() -> None:
    assert L.WordLookup("en", "es", L.Resources(tables=[{"relentlessly": "despiadado"}])).translate(
        ["relentlessly"]) == {}
    assert L.WordLookup("en", "es", L.Resources(tables=[{"relentless": "despiadado"}])).translate(
        ["relentlessly"]) == {"relentlessly": "despiadadamente"}


def _b64(n: int) -> str:
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    out = ""
    while True:
        out = digits[n % 64] + out
        n //= 64
        if not n:
            return out


def _small_dictd(root: Path) -> Path:
    """A two-entry FreeDict eng-deu in ``root`` (index + dict.dz); returns the index."""
    entries = [("hurdle", "hurdle /ˈhɜːdl/ <n>\nHürde, Hindernis\n"), ("lurk", "lurk <v>\nlauern\n")]
    data, index, at = b"", [], 0
    for head, text in entries:
        raw = text.encode("utf-8")
        index.append(f"{head}\t{_b64(at)}\t{_b64(len(raw))}")
        data, at = data + raw, at + len(raw)
    root.mkdir(parents=True, exist_ok=True)
    (root / "freedict-eng-deu.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    (root / "freedict-eng-deu.dict.dz").write_bytes(gzip.compress(data))
    return root / "freedict-eng-deu.index"


def test_lazy_table_reads_only_the_asked_entries(tmp_path: Path) -> None:
    _small_dictd(tmp_path)
    table = L.LazyTable(str(tmp_path / "freedict-eng-deu.index"))
    assert table.get("hurdle") == "Hürde" and table.get("lurk") == "lauern" and table.get("nothing") is None
    broken = L.LazyTable(str(tmp_path / "missing.index"))
    assert broken.get("hurdle") is None  # bad input finds nothing, never crashes


def test_a_parsed_table_is_kept_under_the_home_and_a_corrupt_one_is_parsed_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNKIT_HOME", str(tmp_path / "home"))
    index = str(_small_dictd(tmp_path / "dictd"))
    L._table.cache_clear()
    assert L._table(index, False) == {"hurdle": "Hürde", "lurk": "lauern"}
    (kept,) = (tmp_path / "home" / "dicts" / "fill").iterdir()
    assert f"-v{L.FILL_VERSION}.json" in kept.name  # a new fill version parses again
    kept.write_text('{"hurdle": "from the cache"}', encoding="utf-8")
    L._table.cache_clear()
    assert L._table(index, False)["hurdle"] == "from the cache"  # read, not parsed
    kept.write_text("{not json", encoding="utf-8")
    L._table.cache_clear()
    assert L._table(index, False) == {"hurdle": "Hürde", "lurk": "lauern"}  # parsed again, and kept
    assert json.loads(kept.read_text(encoding="utf-8")) == {"hurdle": "Hürde", "lurk": "lauern"}
    (tmp_path / "dictd" / "freedict-eng-deu.index").write_text("lurk\tA\tB\n", encoding="utf-8")  # a new version
    L._table.cache_clear()
    assert L._table(index, False) != {"hurdle": "Hürde", "lurk": "lauern"}
    assert len(list((tmp_path / "home" / "dicts" / "fill").iterdir())) == 2
    L._table.cache_clear()


def test_the_fill_version_is_part_of_the_description() -> None:
    # a changed fill must change the translator's fingerprint, so stored translations are redone
    assert f"(fill {L.FILL_VERSION})" in L.WordLookup("en", "es", L.Resources()).describe()


class _FakeProc:
    """A stand-in transducer: answers from a table, records what was started and asked."""

    def __init__(self, flag: str, path: str, log: list[tuple[str, str]], table: dict[str, str]) -> None:
        self.flag, self.path, self.log, self.table = flag, path, log, table

    def start(self) -> None:
        self.log.append(("start", self.path))

    def ask(self, text: str) -> str:
        self.log.append(("ask", self.path))
        if self.flag == "-w":
            return "\n".join(f"^{w}/{self.table.get(w, '*' + w)}$" for w in text.split("\n"))
        if self.flag == "-g":
            return "\n".join(self.table.get(u.strip("^$"), "#x") for u in text.split("\n"))
        return " ".join(f"^{u}/{self.table.get(u, '@' + u)}$" for u in regex.findall(r"\^([^$]*)\$", text))


def _fake_transducers(monkeypatch: pytest.MonkeyPatch, tables: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    log: list[tuple[str, str]] = []
    procs: dict[tuple[str, str], _FakeProc] = {}

    def transducer(flag: str, path: str) -> _FakeProc:
        return procs.setdefault((flag, path), _FakeProc(flag, path, log, tables.get(path, {})))

    monkeypatch.setattr(M, "transducer", transducer)
    return log


def test_a_chain_starts_only_when_a_word_is_left_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    log = _fake_transducers(monkeypatch, {
        "an.bin": {"memoirs": "memoir<n><pl>", "hurdles": "hurdle<n><pl>"},
        "first.bin": {"memoir<n><pl>": "memòria<n><f><pl>"},
        "second.bin": {"hurdle<n><pl>": "tanca<n><f><pl>", "memoir<n><pl>": "record<n><m><pl>"},
        "gen.bin": {"memòria<n><f><pl>": "memòries", "tanca<n><f><pl>": "tanques", "record<n><m><pl>": "records"},
    })
    morph = M.Morphology("en", "ca", ["an.bin"], [M.Chain(("first.bin",)), M.Chain(("second.bin",))], "gen.bin")
    # the first chain wins where it knows the word; the second is asked only for what is left
    assert morph.translate(["memoirs", "hurdles"]) == {"memoirs": "memòries", "hurdles": "tanques"}
    assert log[:2] == [("start", "an.bin"), ("start", "gen.bin")]  # analysers and generator load together
    log.clear()
    assert morph.translate(["memoirs"]) == {"memoirs": "memòries"}
    assert ("ask", "second.bin") not in log  # settled by the first chain: the second is never asked


def test_a_later_reading_does_not_stop_an_earlier_one_from_a_later_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    # "cuts": the noun reading comes first; only the second chain knows it, the first knows the verb
    _fake_transducers(monkeypatch, {
        "an.bin": {"cuts": "cut<n><pl>/cut<vblex><pres><p3><sg>"},
        "first.bin": {"cut<vblex><pri><p3><sg>": "tallar<vblex><pri><p3><sg>"},
        "second.bin": {"cut<n><pl>": "tall<n><m><pl>"},
        "gen.bin": {"tallar<vblex><pri><p3><sg>": "talla", "tall<n><m><pl>": "talls"},
    })
    morph = M.Morphology("en", "ca", ["an.bin"], [M.Chain(("first.bin",)), M.Chain(("second.bin",))], "gen.bin")
    assert morph.translate(["cuts"]) == {"cuts": "talls"}


# Routes through the apertium-fra-cat, apertium-por-cat and apertium-cat-ita dictionaries (each skips
# without its package).

def test_a_french_noun_is_asked_with_its_gender_en_fr_ca() -> None:
    _needs("apertium-fra-cat/fra-cat.autobil.bin")
    # fra-cat has "poche<n><f>", not "poche<n>": the bare noun alone finds nothing
    assert L.BidixLookup(str(APERTIUM / "apertium-fra-cat/fra-cat.autobil.bin")).lookup(["poche"]) == {"poche": "bossa"}
    words = L.WordLookup("en", "ca", L.Resources(), [("fr", L.Resources(tables=[{"pocket": "poche"}]),
                                                      L.resources("fr", "ca"))])
    assert words.translate(["pockets"]) == {"pockets": "bosses"}


def test_en_pt_ca() -> None:
    _needs("apertium-por-cat/por-cat.autobil.bin")
    words = L.WordLookup("en", "ca", L.Resources(), [("pt", L.Resources(tables=[{"puppy": "cachorro"}]),
                                                      L.resources("pt", "ca"))])
    assert words.translate(["puppies", "standstill"]) == {"puppies": "cadells"}


def test_en_ca_it_goes_word_by_word() -> None:
    _needs("apertium-eng-cat/eng-cat.autobil.bin", "apertium-cat-ita/cat-ita.autobil.bin")
    words = L.WordLookup("en", "it", L.Resources(), [("ca", L.resources("en", "ca"), L.resources("ca", "it"))])
    assert words.translate(["enthusiastically"]) == {"enthusiastically": "con entusiasmo"}  # "amb entusiasme"


def test_es_ca_it_and_the_chained_first_leg() -> None:
    _needs("apertium-spa-cat/spa-cat.autobil.bin", "apertium-cat-ita/cat-ita.autobil.bin")
    words = L.WordLookup("es", "it", L.Resources(), [("ca", L.resources("es", "ca"), L.resources("ca", "it"))],
                         pivot_morphology={"ca": M.open_morphology("ca", "it", prefer=L.PIVOTS)})
    assert words.translate(["cuestionables", "bolsillo"]) == {"cuestionables": "discutibili", "bolsillo": "tasca"}
    assert "ca" in L.CHAINED["it"] and "ca" in L.PIVOTS
    assert "via ca: es->ca lookup + cat-ita.autobil.bin" in L.open_lookup("es", "it").describe()


def test_the_generator_comes_from_the_preferred_pivot_language() -> None:
    _needs("apertium-spa-ita/spa-ita.autogen.bin", "apertium-cat-ita/cat-ita.autogen.bin")
    # both generate Italian; spa-ita's, from the language the lookups prefer, not the first by name
    morph = M.open_morphology("en", "it", prefer=L.PIVOTS)
    assert morph.generator is not None and morph.generator.endswith("spa-ita.autogen.bin")
    assert morph.chains[0].files[-1].endswith("spa-ita.autobil.bin")


def test_an_open_gender_is_tried_as_each_gender() -> None:
    assert M.determined("gato<n><GD><pl>") == ["gato<n><m><pl>", "gato<n><f><pl>"]
    assert M.to_generator("gato<n><GD><pl>") == ["gato<n><m><pl>", "gato<n><f><pl>"]
    files = _needs("apertium-en-gl/en-gl.autobil.bin", "apertium-es-gl/gl-es.autobil.bin")
    # en-gl: pussycat<n><pl> -> gato<n><GD><pl>, which gl-es knows only as gato<n><m><pl>
    assert M.Chain(tuple(files)).translate(["pussycat<n><pl>"]) == {"pussycat<n><pl>": "gato<n><m><pl>"}


def test_catalan_infinitives_in_ure_make_verb_forms() -> None:
    assert L.verb_unit("caure", "ger", "ca") == "caure<vblex><ger>"
    assert L.verb_unit("caure", "ger", "es") is None
    assert L.verb_unit("cultura", "ger", "ca") is None


def test_re_before_a_vowel_and_a_short_rest() -> None:
    words = L.WordLookup("en", "es", L.Resources(tables=[{"assess": "evaluar", "tire": "cansar", "hope": "esperanza"}]))
    # "reassess" is re- + "assess"; "hopeless" -> "sin" + the 4-letter "hope"; "tireless": no "sin" + a verb
    assert words.translate(["reassess", "hopeless", "tireless"]) == {"reassess": "reevaluar",
                                                                     "hopeless": "sin esperanza"}
