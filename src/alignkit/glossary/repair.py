"""Small per-language repairs around a restored term.

A placeholder is a consonant-initial proper noun, so the engine writes the words around it
as it would before such a name; when the real target form starts with a vowel, French,
Catalan and Italian need the elided forms (``de`` -> ``d'``, ``le`` -> ``l'``). Kept as data
tables, one per language, like pySBD's language modules.
"""

from __future__ import annotations

import re

#: Word before a vowel-initial form -> its elided spelling, per language.
ELISIONS: dict[str, dict[str, str]] = {
    "fr": {"le": "l'", "la": "l'", "de": "d'", "que": "qu'", "ne": "n'", "je": "j'", "se": "s'",
           "me": "m'", "te": "t'", "du": "de l'", "au": "à l'", "jusque": "jusqu'", "lorsque": "lorsqu'",
           "puisque": "puisqu'"},
    "ca": {"el": "l'", "la": "l'", "de": "d'", "del": "de l'", "al": "a l'", "pel": "per l'"},
    "it": {"il": "l'", "lo": "l'", "la": "l'", "del": "dell'", "dello": "dell'", "della": "dell'",
           "al": "all'", "allo": "all'", "alla": "all'", "dal": "dall'", "nel": "nell'", "sul": "sull'", "di": "d'"},
}
_VOWEL = re.compile(r"[aeiouàáâäèéêëìíîïòóôöùúûüœæAEIOUÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜŒÆ]")
_WORD_BEFORE = re.compile(r"(?<!\w)(\w+) $")


def elide(lang: str, before: str, form: str) -> str:
    """Return ``before`` (the text preceding ``form``) with its last word elided if needed.

    ``elide("fr", "le soutien de ", "Ukraine")`` -> ``"le soutien d'"``.
    """
    table = ELISIONS.get(lang)
    if not table or not _VOWEL.match(form[:1]):
        return before
    m = _WORD_BEFORE.search(before)
    if m is None:
        return before
    word = m.group(1)
    elided = table.get(word.lower())
    if elided is None:
        return before
    if word[:1].isupper():
        elided = elided[0].upper() + elided[1:]
    return before[: m.start()] + elided


def match_case(form: str, sentence_start: bool) -> str:
    """Capitalise a lower-case form at the start of a sentence."""
    if sentence_start and form[:1].islower():
        return form[0].upper() + form[1:]
    return form


def at_sentence_start(before: str) -> bool:
    """True when only opening punctuation/space separates ``before``'s end from a sentence start."""
    stripped = before.rstrip(" \t\"'«“‘(¿¡—–-")
    return not stripped or stripped[-1] in ".?!:"
