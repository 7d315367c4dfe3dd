"""Make the determiner before a glossary form agree with the form's gender and number.

A placeholder is a masculine singular name, so an engine writes ``le``/``du``/``el``/``il``
before it; the restored form may be feminine or plural (``les États-Unis``, ``los acuerdos de
Minsk``, ``la crisis``), start with a vowel (``l'URSS``) or, in Italian, with ``s`` + consonant
(``gli Stati Uniti``). The glossary states a form's gender/number (``États-Unis{m.pl}``); this
module rewrites the definite article or preposition + article contraction right before it.

Data: one table per language (like pySBD's language modules): a *family* is one determiner
(the article, or a preposition fused with it) and maps a slot ``"g.n"`` or ``"g.n.S"`` (``S``
a sound class of the form's first letters, see :func:`sound`) to its spelling. Only definite
articles and contractions are handled; a missing article is never inserted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from alignkit.glossary.match import form_regex
from alignkit.glossary.model import Gram, Term

Family = Mapping[str, str]


def _fr(prefix: str, m: str, f: str, pl: str) -> dict[str, str]:
    # French: "l'" before a vowel in the singular, one plural for both genders.
    return {"m.sg": m, "m.sg.V": f"{prefix}l'", "f.sg": f, "f.sg.V": f"{prefix}l'", "m.pl": pl, "f.pl": pl}


def _ca(prefix: str, m: str, mpl: str) -> dict[str, str]:
    return {"m.sg": m, "m.sg.V": f"{prefix}l'", "f.sg": f"{prefix}la", "f.sg.V": f"{prefix}l'",
            "m.pl": mpl, "f.pl": f"{prefix}les"}


def _it(prep: str) -> dict[str, str]:
    """Italian article (``prep=""``) or ``prep`` fused with it: di -> del, dello, dell', degli..."""
    arts = {"m.sg": "il", "m.sg.S": "lo", "m.sg.V": "l'", "f.sg": "la", "f.sg.V": "l'",
            "m.pl": "i", "m.pl.S": "gli", "m.pl.V": "gli", "f.pl": "le"}
    if not prep:
        return arts
    fused = {"il": prep + "l", "i": prep + "i", "gli": prep + "gli"}
    return {slot: fused.get(a, prep + "l" + a) for slot, a in arts.items()}


def _four(m: str, f: str, mpl: str, fpl: str) -> dict[str, str]:
    return {"m.sg": m, "f.sg": f, "m.pl": mpl, "f.pl": fpl}


#: Language -> determiner families (named by their masculine singular spelling).
DETERMINERS: dict[str, dict[str, Family]] = {
    "es": {"el": _four("el", "la", "los", "las"), "del": _four("del", "de la", "de los", "de las"),
           "al": _four("al", "a la", "a los", "a las")},
    "gl": {"o": _four("o", "a", "os", "as"), "do": _four("do", "da", "dos", "das"),
           "no": _four("no", "na", "nos", "nas"), "ao": _four("ao", "á", "aos", "ás"),
           "polo": _four("polo", "pola", "polos", "polas"), "co": _four("co", "coa", "cos", "coas")},
    "pt": {"o": _four("o", "a", "os", "as"), "do": _four("do", "da", "dos", "das"),
           "no": _four("no", "na", "nos", "nas"), "ao": _four("ao", "à", "aos", "às"),
           "pelo": _four("pelo", "pela", "pelos", "pelas")},
    "ca": {"el": _ca("", "el", "els"), "del": _ca("de ", "del", "dels"), "al": _ca("a ", "al", "als"),
           "pel": _ca("per ", "pel", "pels")},
    "fr": {"le": _fr("", "le", "la", "les"), "du": _fr("de ", "du", "de la", "des"),
           "au": _fr("à ", "au", "à la", "aux")},
    "it": {"il": _it(""), "del": _it("de"), "al": _it("a"), "dal": _it("da"), "nel": _it("ne"),
           "sul": _it("su")},
}
#: Spellings that are also a bare preposition (Portuguese/Galician "a" = "to" or "the"): they
#: are rewritten never, and judged only when they already agree.
AMBIGUOUS: dict[str, frozenset[str]] = {"pt": frozenset({"a"}), "gl": frozenset({"a"})}

_VOWELS = "aeiouàáâäèéêëìíîïòóôöùúûüœæ"
_IT_S = re.compile(r"(?:s[^aeiouàèéìòù\W]|z|gn|ps|pn|x|y)", re.IGNORECASE)
_TOKEN_END = re.compile(r"(?<![\w'’])([^\W\d_]+)(['’]|[ \t]+)$")
_WORD_END = re.compile(r"(?<![\w'’])([^\W\d_]+)[ \t]+$")


def sound(lang: str, form: str, gender: str | None) -> str:
    """The sound class of ``form``'s start that decides the article: ``V``, ``S`` or ``C``.

    ``V``: elision before a vowel (fr, ca, it; ``h`` is not treated as silent in French since
    ``h aspiré`` cannot be told from spelling). ``S``: Italian ``s`` + consonant, ``z``, ``gn``,
    ``ps``, ``pn``, ``x``, ``y`` (``lo``/``gli``). Catalan feminine ``la`` is not elided before
    an unstressed ``i``/``u`` (``la Universitat``): an unaccented one in a word not in capitals.
    """
    first = form[:1].lower()
    if lang == "it" and _IT_S.match(form):
        return "S"
    if lang == "ca" and first == "h" and form[1:2].lower() in _VOWELS:
        form, first = form[1:], form[1:2].lower()
    if lang not in ("fr", "ca", "it") or first not in _VOWELS:
        return "C"
    if lang == "ca" and gender == "f" and first in "iu" and not form.isupper():
        return "C"
    return "V"


def _choose(family: Family, gender: str, number: str, cls: str) -> str | None:
    return family.get(f"{gender}.{number}.{cls}", family.get(f"{gender}.{number}"))


@lru_cache(maxsize=None)
def _index(lang: str) -> dict[str, list[tuple[str, str, str]]]:
    """Spelling -> every (family, gender, number) it can be, for reading text back."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for name, family in DETERMINERS.get(lang, {}).items():
        for slot, spelling in family.items():
            gender, number = slot.split(".")[:2]
            entry = (name, gender, number)
            if entry not in out.setdefault(spelling, []):
                out[spelling].append(entry)
    return out


def find_determiner(lang: str, before: str) -> tuple[int, str] | None:
    """The determiner ending ``before`` (the text right before a form): its offset and spelling.

    Two-word spellings (``de la``, ``à l'``) are preferred over one word. Apostrophes are read
    as ``'``.
    """
    index = _index(lang)
    last = _TOKEN_END.search(before)
    if not index or last is None:
        return None
    word = last.group(1) + ("'" if last.group(2) in "'’" else "")
    prev = _WORD_END.search(before, 0, last.start())
    if prev is not None and f"{prev.group(1)} {word}".lower() in index:
        return prev.start(), f"{prev.group(1)} {word}"
    return (last.start(), word) if word.lower() in index else None


def _allowed(lang: str, spelling: str, form: str, gram: Gram) -> set[str]:
    """Every spelling that ``spelling``'s determiner may take before ``form`` given ``gram``."""
    gender = gram.gender if gram.gender in ("m", "f") else None
    out: set[str] = set()
    for name, g0, n0 in _index(lang).get(spelling.lower(), []):
        g, n = gender or g0, gram.number or n0
        choice = _choose(DETERMINERS[lang][name], g, n, sound(lang, form, g))
        if choice is not None:
            out.add(choice)
    return out


def agrees(lang: str, before: str, form: str, gram: Gram) -> bool | None:
    """Whether the determiner right before ``form`` fits ``gram`` (``None``: no determiner, or
    an ambiguous one such as Portuguese ``a`` that does not fit)."""
    found = find_determiner(lang, before)
    if found is None:
        return None
    ok = found[1].lower() in _allowed(lang, found[1], form, gram)
    return True if ok else (None if found[1].lower() in AMBIGUOUS.get(lang, ()) else False)


def agree(lang: str, before: str, form: str, gram: Gram) -> str:
    """Return ``before`` with its final determiner made to agree with ``form``.

    ``agree("fr", "soutenu par l'", "États-Unis", Gram("m", "pl"))`` -> ``"soutenu par les "``.
    Unchanged when there is no determiner, it already agrees, it is ambiguous, or the
    annotation leaves more than one choice (Italian ``l'`` + ``{pl}`` without a gender).
    """
    found = find_determiner(lang, before)
    if found is None or found[1].lower() in AMBIGUOUS.get(lang, ()):
        return before
    start, spelling = found
    allowed = _allowed(lang, spelling, form, gram)
    if spelling.lower() in allowed or len(allowed) != 1:
        return before
    new = allowed.pop()
    if spelling.isupper() and sum(c.isalpha() for c in spelling) > 1:  # "DE LA" but not "L'"
        new = new.upper()
    elif spelling[:1].isupper():
        new = new[0].upper() + new[1:]
    return before[:start] + new + ("" if new.endswith("'") else " ")


def gram_at(term: Term, lang: str, surface: str) -> Gram | None:
    """The annotation of the form of ``term`` written as ``surface`` in a text.

    A plural suffix beyond the form (``Coreas`` for ``Corea{f}``) makes it plural.
    """
    for form in term.forms.get(lang, ()):
        gram = term.gram(lang, form)
        if gram is None:
            continue
        if form_regex(form, plural=False).fullmatch(surface):
            return gram
        if form_regex(form, plural=True).fullmatch(surface):
            return Gram(gram.gender, "pl")
    return None
