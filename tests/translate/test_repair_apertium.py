"""Post-edit repairs: case tables on real Apertium eng-spa output, and live checks."""

from __future__ import annotations

import pytest

from alignkit.translate import repair as R
from tests.conftest import needs_apertium_pair

# (source, raw Apertium output, unknown words, repaired) — outputs captured from eng-spa 0.8.1.
CASES = [
    ("Kyiv's army said no.", "Kyiv  ejército núm. dicho", ("Kyiv",), "ejército de Kyiv núm. dicho"),
    ("Brezhnev's successor is here.", "Brezhnev  el sucesor es aquí.", ("Brezhnev",), "el sucesor de Brezhnev es aquí."),
    ("They cite Petr Necas's approach.", "Citan Petr Necas  aproximación.", ("Petr", "Necas"), "Citan aproximación de Petr Necas."),
    ("Putin's case is different.", "El caso de Putin es diferente.", (), "El caso de Putin es diferente."),
    ("Kyiv refused the offer.", "Kyiv Rechazó la oferta.", ("Kyiv",), "Kyiv rechazó la oferta."),
    ("Le Devoir attempted to look.", "Le Devoir Intentado para mirar.", ("Le",), "Le Devoir Intentado para mirar."),
    ("The current 28-point proposal.", "La corriente propuestade28 puntos.", (), "La corriente propuesta de 28 puntos."),
    ("A 93-year-old man.", "Un hombrede93años.", (), "Un hombre de 93 años."),
    ("An 8,733-kilometre flight.", "Un vuelode8,733 kilómetros.", (), "Un vuelo de 8,733 kilómetros."),
    ("Over two years, they sponsored bills.", "Sobre dos años,  patrocinaron facturas.", (), "Sobre dos años, patrocinaron facturas."),
    ("It is a new particle, and it is.", "Es una partícula nueva , y es.", (), "Es una partícula nueva, y es."),
    ("In other words, Russia occupies it.", "En otras palabras,, Rusia lo ocupa.", (), "En otras palabras, Rusia lo ocupa."),
    ("Wait , really ?", "Espera , de veras ?", (), "¿Espera , de veras ?"),
]
IDS = ["possessive", "possessive-article", "possessive-name", "possessive-known", "capital", "capital-name",
       "glued-28", "glued-year-old", "glued-thousands", "double-space", "space-comma", "double-comma",
       "source-spacing-kept"]


@pytest.mark.parametrize(("source", "raw", "unknown", "expected"), CASES, ids=IDS)
def test_repairs_on_real_outputs(source: str, raw: str, unknown: tuple[str, ...], expected: str) -> None:
    assert R.repair(raw, source=source, lang="es", unknown=unknown) == expected


@pytest.mark.parametrize(("source", "raw", "unknown", "expected"), CASES, ids=IDS)
def test_repairs_are_idempotent(source: str, raw: str, unknown: tuple[str, ...], expected: str) -> None:
    assert R.repair(expected, source=source, lang="es", unknown=unknown) == expected


def test_glued_number_needs_a_hyphen_compound_in_the_source() -> None:
    assert R.fix_glued_number("codigode28", "code 28", "es", ()) == "codigode28"


def test_french_keeps_spaces_before_high_punctuation() -> None:
    assert R.fix_spacing("Vraiment ? Oui ; non , si", "Really? Yes; no, if", "fr", ()) == "Vraiment ? Oui ; non, si"


def test_possessive_needs_a_known_preposition() -> None:
    assert R.fix_possessive("Kyiv  army", "Kyiv's army", "de", ("Kyiv",)) == "Kyiv  army"


@pytest.mark.parametrize(("source", "expected"), [
    ("The current 28-point proposal was rejected.", "propuesta de 28 puntos"),
    ("Kyiv refused the offer.", "Kyiv rechazó la oferta."),
    ("Over the past two years, they sponsored bills in 34 States.", "años, patrocinaron"),
], ids=["glued", "capital", "pronoun-space"])
def test_live_engine_applies_repairs(source: str, expected: str) -> None:
    needs_apertium_pair("eng-spa")
    from alignkit.translate import get_engine

    with get_engine("apertium").open("en", "es") as fixed, \
            get_engine("apertium", {"repair": "false"}).open("en", "es") as raw:
        assert expected in fixed.translate([source])[0].text
        assert expected not in raw.translate([source])[0].text
