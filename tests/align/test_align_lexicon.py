"""Dictionaries: Apertium (lt-print) and FreeDict (dictd) parsing, stemmed lexicons, pivots, the cache, the CLI."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.align.lexicon import compose, from_pairs, invert, merge, parse_lexicon
from alignkit.align.resources import NoDictionaryError, build, load_cached, save
from alignkit.cli import main
from alignkit.dictionaries import Roots
from alignkit.dictionaries.bidix import parse_lt_print
from alignkit.dictionaries.freedict import b64_number, entry_translations, parse_dictd
from alignkit.errors import InputError

# house<n> : casa<n><f>, walk<vblex> : andar<vblex>, the<det> : el<det> (closed class), and a
# second section whose tag loop (state 1 -> 1) must not hang the walk.
ATT = "\n".join([
    "0\t1\th\tc\t0.0", "1\t2\to\ta\t0.0", "2\t3\tu\ts\t0.0", "3\t4\ts\ta\t0.0", "4\t5\te\tε\t0.0",
    "5\t6\t<n>\t<n>\t0.0", "6\t7\tε\t<f>\t0.0", "7\t0.0",
    "0\t8\tw\ta\t0.0", "8\t9\ta\tn\t0.0", "9\t10\tl\td\t0.0", "10\t11\tk\ta\t0.0", "11\t12\tε\tr\t0.0",
    "12\t7\t<vblex>\t<vblex>\t0.0",
    "0\t13\tt\te\t0.0", "13\t14\th\tl\t0.0", "14\t15\te\tε\t0.0", "15\t7\t<det>\t<det>\t0.0",
    "--",
    "0\t1\tx\ty\t0.0", "1\t1\t<n>\t<n>\t0.0", "1\t2\t<n>\t<n>\t0.0", "2\t0.0",
])


def test_lt_print_paths_give_lemma_pairs_content_words_only() -> None:
    assert sorted(parse_lt_print(ATT)) == [("house", "casa"), ("walk", "andar"), ("x", "y")]
    assert ("the", "el") in set(parse_lt_print(ATT, content_only=False))


def _dictd(entries: list[tuple[str, str]]) -> tuple[str, bytes]:
    """An index and data file in dictd format for ``(headword, entry text)`` pairs."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def b64(v: int) -> str:
        out = alphabet[v % 64]
        while v >= 64:
            v //= 64
            out = alphabet[v % 64] + out
        return out

    data, lines = b"", ["00databaseinfo\tA\tB"]
    for head, text in entries:
        raw = text.encode()
        lines.append(f"{head}\t{b64(len(data))}\t{b64(len(raw))}")
        data += raw
    return "\n".join(lines) + "\n", data


def test_dictd_numbers_and_entries() -> None:
    assert b64_number("bWIQ") == 27 * 64**3 + 22 * 64**2 + 8 * 64 + 16
    assert entry_translations("house /haʊs/ <n>\n1. casa, hogar\n2. familia (linaje)\n") == ["casa", "hogar", "familia"]
    # WikDict style: translations, then a definition in the source language (too long to be one)
    text = "Haus /haʊ̯s/ <n, neut>\nmaison, demeure\nein Gebäude, in dem Menschen wohnen und leben\n"
    assert entry_translations(text) == ["maison", "demeure"]
    index, data = _dictd([("haus", text), ("hund", "Hund /hʊnt/\nchien\n")])
    assert list(parse_dictd(index, data)) == [("haus", ["maison", "demeure"]), ("hund", ["chien"])]


def test_lexicon_stems_inflected_forms_and_round_trips() -> None:
    lex = from_pairs([("houses", ["casas"]), ("New York", ["Nueva York"]), ("walk", ["andar", "caminar"])],
                     "en", "es", "test")
    assert lex.entries["hous"] == ("cas",)  # "house", "houses" and "casa", "casas" share stems
    assert "new" not in lex.entries  # multi-word heads cannot be glossed word by word
    assert parse_lexicon(lex.to_text()) == lex
    assert invert(lex).entries["cas"] == ("hous",)
    with pytest.raises(InputError, match="not an alignkit dictionary"):
        parse_lexicon("dog\tperro\n")


def test_pivot_composition_and_merge() -> None:
    de_en = from_pairs([("Hund", ["dog"]), ("Katze", ["cat"])], "de", "en", "de-en")
    en_fr = from_pairs([("dog", ["chien"]), ("cat", ["chat"])], "en", "fr", "en-fr")
    de_fr = compose(de_en, en_fr)
    assert (de_fr.src, de_fr.tgt, de_fr.entries["hund"]) == ("de", "fr", ("chien",))
    assert de_fr.sources == ("via en: de-en + en-fr",)
    more = from_pairs([("Hund", ["clébard"])], "de", "fr", "slang")
    assert merge([de_fr, more]).entries["hund"] == ("chien", "clébard")
    with pytest.raises(InputError):
        compose(en_fr, de_en)


def _install(root: Path, pair: str, entries: list[tuple[str, str]]) -> None:
    index, data = _dictd(entries)
    root.mkdir(parents=True, exist_ok=True)
    (root / f"freedict-{pair}.index").write_text(index, encoding="utf-8")
    (root / f"freedict-{pair}.dict.dz").write_bytes(gzip.compress(data))


@pytest.fixture
def roots(tmp_path: Path) -> Roots:
    dictd = tmp_path / "dictd"
    _install(dictd, "deu-eng", [("hund", "Hund\ndog\n"), ("katze", "Katze\ncat\n")])
    _install(dictd, "fra-eng", [("chien", "chien\ndog\n"), ("chat", "chat\ncat\n")])  # used inverted
    _install(dictd, "eng-spa", [("dog", "dog\nperro\n")])
    return Roots(tmp_path / "no-apertium", dictd)


def test_build_direct_inverted_and_through_a_pivot(roots: Roots, tmp_path: Path) -> None:
    de_en = build("de", "en", roots)
    assert de_en.entries["hund"] == ("dog",) and de_en.sources == ("freedict-deu-eng.index",)
    assert build("en", "fr", roots).entries["dog"] == ("chien",)
    de_fr = build("deu", "fra", roots)  # no deu-fra file: German -> English -> French
    assert de_fr.entries["katz"] == ("chat",) and de_fr.sources[0].startswith("via en")
    with pytest.raises(NoDictionaryError, match="dict-freedict-fin-swe"):
        build("fi", "sv", roots)
    path = save(de_fr, tmp_path / "cache")
    assert path.name == "de-fr.tsv" and load_cached("de", "fr", tmp_path / "cache") == de_fr
    assert load_cached("fr", "de", tmp_path / "cache") is None


def test_cli_dict_build_then_align_uses_it(roots: Roots, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNKIT_HOME", str(tmp_path / "home"))
    res = CliRunner().invoke(main, ["dict", "--dictd-root", str(roots.dictd), "--apertium-root", str(roots.apertium),
                                    "build", "de", "fr"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "home" / "dicts" / "de-fr.tsv").is_file() and "via en" in res.output
    listed = CliRunner().invoke(main, ["dict", "--dictd-root", str(roots.dictd), "list"])
    assert "installed\tde-en" in listed.output and "cached\tde-fr" in listed.output
    src, tgt = tmp_path / "a.de", tmp_path / "a.fr"
    src.write_text("Der Hund schläft.\nDie Katze auch.\n", encoding="utf-8")
    tgt.write_text("Le chien dort.\nLe chat aussi.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["align", str(src), str(tgt), "--src-lang", "de", "--tgt-lang", "fr"])
    assert res.exit_code == 0, res.output
    assert "using" in res.stderr and "de-fr.tsv" in res.stderr
    assert [line.rsplit(":", 1)[0] for line in res.stdout.splitlines()] == ["[0]:[0]", "[1]:[1]"]
    bad = CliRunner().invoke(main, ["dict", "--dictd-root", str(roots.dictd), "build", "fi", "sv"])
    assert bad.exit_code == 2 and "no installed dictionary" in bad.output
