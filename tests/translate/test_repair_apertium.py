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
    ("An 8,733-kilometre flight.", "Un vuelode8,733 kilómetros.", (), "Un vuelo de 8.733 kilómetros."),
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


# Artefacts of the seed and the issue, in every target language (outputs captured from
# eng-spa 0.8.1, eng-cat 1.0.1, en-gl 0.5.4 and the es pivots es-pt 1.1.6, spa-ita 0.2.1, fr-es 0.9.4).
NATO = "If there has been any defeat, it has been NATO's, which, let's remember, has limited its support."
ARTEFACTS = [
    ("es", NATO, "Si ha habido cualquier derrota, ha sido DE LA OTAN es, el cual, dejado es recuerda, ha limitado su apoyo.",
     "Si ha habido cualquier derrota, ha sido de la OTAN, que, dejado es recuerda, ha limitado su apoyo."),
    ("pt", NATO, "Se tem tido qualquer derrota, tem sido DA NATO é, o qual, deixado é recorda, tem limitado seu apoio.",
     "Se tem tido qualquer derrota, tem sido da NATO, o qual, deixado é recorda, tem limitado seu apoio."),
    ("it", NATO, "Se c'è avuto qualsiasi sconfitta, è stato DELLA NATO è, il quale, lasciato è ricorda, ha limitato il suo appoggio.",
     "Se c'è avuto qualsiasi sconfitta, è stato della NATO, il quale, lasciato è ricorda, ha limitato il suo appoggio."),
    ("fr", NATO, "Si il a avoir n'importe quelle défaite, il a été DE L'OTAN il est, lequel, laissé est il rappelle, il a limité son soutien.",
     "S'il a avoir n'importe quelle défaite, il a été de l'OTAN, qui, laissé est il rappelle, il a limité son soutien."),
    ("gl", NATO, "Se houbo calquera derrota, foi OTAN é, o cal, deixado é lembra, limitou o seu apoio.",
     "Se houbo calquera derrota, foi OTAN, o cal, deixado é lembra, limitou o seu apoio."),
    ("es", "NATO's support for Kyiv is limited.", "DE LA OTAN apoyo para Kyiv está limitado.",
     "De la OTAN apoyo para Kyiv está limitado."),
    ("es", "THE NATO SUMMIT OPENS", "DE LA OTAN CUMBRE ABRE", "DE LA OTAN CUMBRE ABRE"),
    ("es", "It is what it is.", "Es qué es.", "Es lo que es."),  # the real "is" stays; "qué" is the relative
    ("es", "Hello world.", "Hola Mundo.", "Hola mundo."),
    ("gl", "Hello world.", "Ola Mundo.", "Ola mundo."),
    ("fr", "How do you explain this progression?", "Comment Tu expliques cette progression?",
     "Comment tu expliques cette progression?"),
    ("fr", "Gorbachev, being so different from Putin, also asserted it.",
     "Gorbachev, En étant tellement différent de Poutine, aussi l'a affirmé.",
     "Gorbachev, en étant tellement différent de Poutine, aussi l'a affirmé."),
    ("es", "Visit London today.", "Visita Londres hoy.", "Visita Londres hoy."),
    ("es", "What does Putin want to stop the war?", "Qué Putin quiere parar la guerra?",
     "¿Qué Putin quiere parar la guerra?"),
    ("es", "What does the Kremlin want?", "Qué Kremlin quiere?", "¿Qué Kremlin quiere?"),
    ("es", "The NATO summit.", "La OTAN cumbre.", "La OTAN cumbre."),
    ("es", "Share:     Share in whatsapp", "Acción:     Acción en whatsapp", "Compartir:     Compartir en whatsapp"),
    ("ca", "Share:     Share in whatsapp", "Participació:     Participació dins whatsapp",
     "Compartir:     Compartir dins whatsapp"),
    ("pt", "Share:     Share in whatsapp", "Acção:     Acção em whatsapp", "Partilhar:     Partilhar em whatsapp"),
    ("it", "Share", "Azione", "Condividi"),
    ("es", "The share price fell.", "El precio de acción cayó.", "El precio de acción cayó."),
]


@pytest.mark.parametrize(("lang", "source", "raw", "expected"), ARTEFACTS,
                         ids=["nato-es", "nato-pt", "nato-it", "nato-fr", "nato-gl", "nato-initial", "headline-caps",
                              "real-is", "hello-es", "hello-gl", "pivot-second-capital", "after-comma", "name-kept", "name-moved-forward", "name-translated", "acronym-kept",
                              "share-es", "share-ca", "share-pt", "share-alone", "share-noun-kept"])
def test_artefact_repairs(lang: str, source: str, raw: str, expected: str) -> None:
    assert R.repair(raw, source=source, lang=lang) == expected
    assert R.repair(expected, source=source, lang=lang) == expected


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
    ("If there has been any defeat, it has been NATO's, which, let's remember, has limited it.", "de la OTAN,"),
    ("Hello world.", "Hola mundo."),
    ("Share:     Share in whatsapp", "Compartir:"),
], ids=["glued", "capital", "pronoun-space", "nato", "hello", "share"])
def test_live_engine_applies_repairs(source: str, expected: str) -> None:
    needs_apertium_pair("eng-spa")
    from alignkit.translate import get_engine

    with get_engine("apertium").open("en", "es") as fixed, \
            get_engine("apertium", {"repair": "false"}).open("en", "es") as raw:
        assert expected in fixed.translate([source])[0].text
        assert expected not in raw.translate([source])[0].text


def test_translator_signature_names_the_repairs_version() -> None:
    needs_apertium_pair("eng-spa")
    from alignkit.translate import get_engine

    with get_engine("apertium").open("en", "es") as fixed, \
            get_engine("apertium", {"repair": "false"}).open("en", "es") as raw:
        assert fixed.describe()["repairs"] == R.REPAIRS_VERSION and raw.describe()["repairs"] is None
