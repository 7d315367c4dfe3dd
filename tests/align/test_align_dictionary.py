"""Dictionary parsing and the dictionary signal."""

from __future__ import annotations

import pytest

from alignkit.align import AlignOptions, align_sentences, parse_dictionary
from alignkit.errors import InputError

EN = ["dog runs fast", "cat sleeps", "bird sings loudly today", "horse eats grass", "fish swims"]
ES = ["perro corre rápido", "gato duerme", "pájaro canta", "fuerte hoy", "caballo come hierba", "pez nada"]
GOLD = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,))]
DICT = "dog\tperro\ncat\tgato\nbird\tpájaro\nloudly\tfuerte\ntoday\thoy\nhorse\tcaballo\ngrass\thierba\nfish\tpez\n"


def test_parse_both_formats_and_report_bad_lines() -> None:
    d = parse_dictionary("# comment\ndog\tperro\tcan\nNueva York @ New York\n")
    assert d["dog"] == ("perro", "can")
    assert d["new"] == ("nueva", "york") and d["york"] == ("nueva", "york")
    with pytest.raises(InputError, match="3, 4"):
        parse_dictionary("dog\tperro\n\nbroken line\nalso broken\n")
    with pytest.raises(InputError, match="no dictionary entries"):
        parse_dictionary("# nothing\n")


def test_dictionary_signal_finds_what_length_cannot() -> None:
    options = AlignOptions(length=False)
    with_dict = align_sentences(EN, ES, src_lang="en", tgt_lang="es", options=options,
                                dictionary=parse_dictionary(DICT))
    assert [(b.src, b.tgt) for b in with_dict.beads] == GOLD
    off = align_sentences(EN, ES, src_lang="en", tgt_lang="es", options=AlignOptions(length=False, dictionary=False),
                          dictionary=parse_dictionary(DICT))
    assert [(b.src, b.tgt) for b in off.beads] != GOLD
