"""Spanish opening marks ``¿``/``¡``: case table on real Apertium eng-spa 0.8.1 outputs."""

from __future__ import annotations

import pytest

from alignkit.translate import repair as R
from tests.conftest import needs_apertium_pair

# (source, raw Apertium output, repaired) — outputs of eng-spa 0.8.1 (newstest2013 lines, some shortened).
CASES = [
    ("Take the test or not?", "Tomar la prueba o no?", "¿Tomar la prueba o no?"),
    ("Prostate cancer screening: take the test or not?",
     "Exploración de cáncer de la próstata: tomar la prueba o no?",
     "Exploración de cáncer de la próstata: ¿tomar la prueba o no?"),
    ("- Kirill, why do you walk around the city all in red?", "- Kirill, por qué   andas alrededor de la ciudad todo en rojo?",
     "- Kirill, ¿por qué andas alrededor de la ciudad todo en rojo?"),
    ("However, what is Armani Polo?", "Aun así, qué es Armani Polo?", "Sin embargo, ¿qué es Armani Polo?"),
    ("They beat each other, don't they?", "Batieron cada cual otro, no ellos?", "Batieron cada cual otro, ¿no ellos?"),
    ("It is good, isn't it?", "Es bien, no es lo?", "Es bien, ¿no es lo?"),
    ("Is it good for you, or bad?", "Es bien para ti, o malo?", "¿Es bien para ti, o malo?"),
    ("What? Why not?", "Qué? Por qué no?", "¿Qué? ¿Por qué no?"),
    ('"How do Tories have sex?" one asked.', '"Qué hacer Tories tener sexo?" Uno pidió.',
     '"¿Qué hacer Tories tener sexo?" Uno pidió.'),
    ('The tagline "Who shot JR?," designed to generate hype.', 'El tagline "Quién disparó JR?," diseñado para generar hype.',
     'El tagline "¿Quién disparó JR?," diseñado para generar hype.'),
    ("Are there differences between the USA and the European nations?",
     "Es allí diferencias entre los EE.UU. y las naciones europeas?",
     "¿Es allí diferencias entre los EE.UU. y las naciones europeas?"),
    ("Or is it the way of life? In Lerik lives Rubaba.", "O es el modo de vida? En Lerik vidas Rubaba.",
     "¿O es el modo de vida? En Lerik vidas Rubaba."),
    ('"PSG is not FC Barcelona!"', '"PSG no es FC Barcelona!"', '"¡PSG no es FC Barcelona!"'),
    ("No explanation for gravity (oops!) or dark matter.", "Ninguna explicación para gravedad (oops!) O asunto oscuro.",
     "Ninguna explicación para gravedad (¡oops!) O asunto oscuro."),
    ("His children, aged between 18 [months?] and 10.", "Sus niños, envejecidos entre 18 [meses?] Y 10.",
     "Sus niños, envejecidos entre 18 [¿meses?] Y 10."),
    ("It was uncertain (?) then.", " Era incierto (?) Entonces.", "Era incierto (?) Entonces."),
    ("The file is called what.txt.", "El archivo se llama qué?.txt", "El archivo se llama qué?.txt"),  # made up
]
IDS = ["start", "after-colon", "after-vocative", "after-connector", "tag", "tag-es", "comma-not-question",
       "two-questions", "closing-quote", "quote-comma", "abbreviation", "second-sentence-plain", "exclamation-quote",
       "exclamation-paren", "bracket", "no-words", "not-in-source"]


@pytest.mark.parametrize(("source", "raw", "expected"), CASES, ids=IDS)
def test_opening_marks(source: str, raw: str, expected: str) -> None:
    assert R.repair(raw, source=source, lang="es") == expected


@pytest.mark.parametrize(("source", "raw", "expected"), CASES, ids=IDS)
def test_opening_marks_are_idempotent(source: str, raw: str, expected: str) -> None:
    assert R.fix_opening_marks(expected, source, "es", ()) == expected


@pytest.mark.parametrize("lang", ["gl", "ca", "pt", "it", "fr"])
def test_only_languages_whose_norm_requires_them(lang: str) -> None:
    # Galician (RAG/ILG 2003) and Catalan (IEC) make them optional; pt/it/fr never use them.
    assert R.fix_opening_marks("Que queres? Ola!", "What do you want? Hi!", lang, ()) == "Que queres? Ola!"


def test_a_mark_the_engine_kept_is_not_doubled() -> None:
    assert R.fix_opening_marks("Dijo: ¿vienes?", "He said: are you coming?", "es", ()) == "Dijo: ¿vienes?"


def test_live_engine_adds_the_opening_mark() -> None:
    needs_apertium_pair("eng-spa")
    from alignkit.translate import get_engine

    with get_engine("apertium").open("en", "es") as t:
        assert t.translate(["What does Putin want to stop the war?"])[0].text.startswith("¿Qué")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [("¿Che vuoi?", "it", "Che vuoi?"), ("Il a dit : ¡ Non !", "fr", "Il a dit : Non !"),
     ("¿Qué quieres?", "es", "¿Qué quieres?"), ("Que queres?", "gl", "Que queres?")],
    ids=["it", "fr-spaced", "es-kept", "gl-none"],
)
def test_marks_dropped_where_the_language_does_not_write_them(text: str, lang: str, expected: str) -> None:
    from alignkit.translate.repair import drop_foreign_opening_marks

    assert drop_foreign_opening_marks(text, "", lang, ()) == expected
