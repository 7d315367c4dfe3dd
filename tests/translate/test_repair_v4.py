"""Repairs v4: quotes, relatives, French elision, number formats (what each fixes, and a near miss it leaves)."""

from __future__ import annotations

import pytest

from alignkit.translate import repair as R
from alignkit.translate.repair_clauses import fix_french_elision, fix_quote_punctuation, fix_relatives
from alignkit.translate.repair_names import fix_forms_of_address, fix_title_case
from alignkit.translate.repair_numbers import fix_number_format, fix_year_modifier

# (repair, source, output, lang, repaired) — outputs as eng-spa 0.8.1 / es-fr 0.9.4 write them.
CASES = [
    (fix_quote_punctuation, '"It is hard," he says.', '"Es duro," dice.', "es", '"Es duro", dice.'),
    (fix_quote_punctuation, 'He said "no."', 'Dijo "no."', "fr", 'Dijo "no".'),
    (fix_quote_punctuation, '"Why?" he asked.', '"Por qué?" preguntó.', "es", '"Por qué?" preguntó.'),
    (fix_quote_punctuation, 'He said "no".', 'Dijo "no."', "es", 'Dijo "no."'),  # source has it outside
    (fix_quote_punctuation, 'A "b," c', 'A "b," c', "de", 'A "b," c'),  # not a Romance target
    (fix_relatives, "The judge, who voted, left.", "El juez, quien votó, se fue.", "es", "El juez, que votó, se fue."),
    (fix_relatives, "The law, which passed.", "La ley, el cual pasó.", "es", "La ley, que pasó."),
    (fix_relatives, "The law by which it passed.", "La ley por el cual pasó.", "es", "La ley por el cual pasó."),
    (fix_relatives, "The law, which passed.", "La loi, lequel est passée.", "fr", "La loi, qui est passée."),
    (fix_relatives, "The law with which.", "La loi avec lequel.", "fr", "La loi avec lequel."),
    (fix_relatives, "Laws that restrict it.", "Des lois que restreignent ce que est.", "fr",
     "Des lois qui restreignent ce qui est."),
    (fix_relatives, "Because it is.", "Parce que est bien que souvent que les.", "fr",
     "Parce que est bien que souvent que les."),
    (fix_title_case, "President Obama and Republican voters.", "El Presidente Obama y votantes Republicanos.",
     "es", "El presidente Obama y votantes republicanos."),
    (fix_title_case, "The Republican Party.", "El Partido Republicano.", "es", "El Partido Republicano."),
    (fix_title_case, "President Obama.", "Presidente Obama.", "es", "Presidente Obama."),  # sentence start
    (fix_title_case, "PRESIDENT OBAMA.", "El Presidente OBAMA.", "es", "El Presidente OBAMA."),
    (fix_forms_of_address, "Mr Hollande and Mrs Merkel met.", "Señor Hollande y Señora Merkel se encontraron.",
     "es", "Sr. Hollande y Sra. Merkel se encontraron."),
    (fix_forms_of_address, "Mr. Hollande said.", "Monsieur Hollande a dit.", "fr", "M. Hollande a dit."),
    (fix_forms_of_address, "Sir Paul said.", "Señor Paul dijo.", "es", "Señor Paul dijo."),  # no Mr in the source
    (fix_year_modifier, "During the 2008 general election in Florida.", "Durante la 2008 elección general en Florida.",
     "es", "Durante la elección general de 2008 en Florida."),
    (fix_year_modifier, "Before the 2006 elections, no.", "Avant des 2006 élections, non.", "fr",
     "Avant des élections de 2006, non."),
    (fix_year_modifier, "In 2008 elections were held.", "En 2008 elecciones fueron celebradas.", "es",
     "En 2008 elecciones fueron celebradas."),  # no "the <year> <noun>"
    (fix_year_modifier, "The 2008 in review.", "El 2008 en revista.", "es", "El 2008 en revista."),
    (fix_french_elision, "The election.", "La élection et le héros.", "fr", "L'élection et le héros."),
    (fix_french_elision, "This is hard.", "Ceci est dur.", "fr", "C'est dur."),
    (fix_french_elision, "If he comes.", "Si il vient et si ils partent.", "fr", "S'il vient et s'ils partent."),
    (fix_french_elision, "And if there is.", "Et si  il y a", "fr", "Et s'il y a"),  # a dropped pronoun's double space
    (fix_french_elision, "The price of the house.", "Le prix de le maison aux à les gens.", "fr",
     "Le prix du maison aux aux gens."),
    (fix_french_elision, "To do it.", "Il faut de le faire.", "fr", "Il faut de le faire."),  # pronoun before a verb
    (fix_french_elision, "This is hard.", "Ceci est dur.", "es", "Ceci est dur."),
    (fix_number_format, "It grew 1.5 percent to 35,000.", "Creció 1.5 por ciento a 35,000.", "es",
     "Creció 1,5 por ciento a 35.000."),
    (fix_number_format, "It grew 1.5 percent to 35,000.", "Il a crû 1.5 pour cent à 35,000.", "fr",
     "Il a crû 1,5 pour cent à 35,000."),
    (fix_number_format, "Version 1.2.3 on 10.0.0.1 and v2.5.", "Versión 1.2.3 en 10.0.0.1 y v2.5.", "es",
     "Versión 1.2.3 en 10.0.0.1 y v2.5."),
    (fix_number_format, "In 2014.", "En 2014.", "es", "En 2014."),
    (fix_number_format, "It grew 1.5 percent.", "Cresce 1.5 per cento.", "en", "Cresce 1.5 per cento."),
]


@pytest.mark.parametrize(("fix", "source", "output", "lang", "expected"), CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_repair_v4(fix, source, output, lang, expected) -> None:
    assert fix(output, source, lang, ()) == expected
    assert fix(expected, source, lang, ()) == expected  # idempotent


def test_v4_repairs_are_registered() -> None:
    for fix in (fix_quote_punctuation, fix_relatives, fix_french_elision, fix_number_format, fix_title_case,
                    fix_forms_of_address, fix_year_modifier):
        assert fix in R.REPAIRS
    assert R.REPAIRS_VERSION == "4"
    # the quote is moved after fix_spacing (which would not undo it) and before the opening marks
    assert R.REPAIRS.index(fix_quote_punctuation) > R.REPAIRS.index(R.fix_spacing)
    # the year moves before the article is elided ("la 2022 invasion" -> "l'invasion de 2022")
    assert R.REPAIRS.index(fix_year_modifier) < R.REPAIRS.index(fix_french_elision)
    assert R.repair("avec la 2022 invasion.", source="with the 2022 invasion.", lang="fr") == "avec l'invasion de 2022."


@pytest.mark.parametrize("text", ["", ",\"", "1.", ".5", "1,", "\"", "Ceci", "si il", "de le"])
def test_v4_bad_input(text: str) -> None:
    for fix in (fix_quote_punctuation, fix_relatives, fix_french_elision, fix_number_format, fix_title_case,
                    fix_forms_of_address, fix_year_modifier):
        for lang in ("es", "fr", "xx"):
            assert isinstance(fix(text, text, lang, ()), str)
