"""Number formats in the target language (repairs v4): decimal comma and thousands separator.

Apertium copies English numerals as they are ("1.5", "35,000"). The references of
newstest2013 (lines 1-1000) write the decimal comma (es "9,9" 9 times, fr 9 times, "9.9" in
neither) and group thousands with a full stop (es "35.000", 15 times) or a space (fr
"35 000", 11 times, but see :data:`NUMBER_MARKS`); the Apertium output has 14 decimal points and 15 comma groups.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

#: Target language -> (decimal mark, thousands separator; "," keeps the English grouping). French
#: would group with a space, but the references disagree: "35 000" 11 times and "35,000" once
#: in lines 1-1000, 1 and 41 times in lines 1001-3000; the grouping is left as written.
NUMBER_MARKS: dict[str, tuple[str, str]] = {"es": (",", "."), "ca": (",", "."), "gl": (",", "."),
                                           "pt": (",", "."), "it": (",", "."), "fr": (",", ",")}
# An English number with thousands groups and/or one decimal part, not part of a longer dotted
# run (versions "1.2.3", IP addresses) nor glued to letters ("v1.5", "3.5mm" stay).
_NUMBER = regex.compile(r"(?<![\w.,]|[.,]\d)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w]|[.,]\d)")


def fix_number_format(text: str, source: str, lang: str, unknown: Sequence[str]) -> str:
    """``"1.5 millones"`` -> ``"1,5 millones"``, ``"35,000"`` -> es ``"35.000"`` (fr keeps ``"35,000"``: :data:`NUMBER_MARKS`).

    Only a number that the source has written the same way is rewritten (Apertium copied it);
    a plain integer ("2014"), a version ("1.2.3") and a number glued to a word stay.
    """
    marks = NUMBER_MARKS.get(lang)
    if marks is None or not any(ch.isdigit() for ch in source):
        return text
    decimal, group = marks
    in_source = set(_NUMBER.findall(source))

    def convert(m: regex.Match[str]) -> str:
        if (m.group(1), m.group(2) or "") not in in_source:
            return m.group(0)
        whole = m.group(1).replace(",", group)
        return whole + (decimal + m.group(2) if m.group(2) else "")

    return _NUMBER.sub(convert, text)


#: Articles and the preposition of a year after its noun, per target language.
_YEAR_ARTICLES: dict[str, tuple[str, str]] = {
    "es": (r"el|la|los|las|del|al", "de"), "gl": (r"o|a|os|as|do|da|dos|das", "de"),
    "pt": (r"o|a|os|as|do|da|dos|das", "de"), "ca": (r"el|la|els|les|del|dels", "de"),
    "it": (r"il|la|i|le|gli|del|della|dei|delle", "del"), "fr": (r"le|la|les|des|du|l'", "de"),
}
#: Words that end the noun phrase a year modifies (prepositions, conjunctions, relatives).
_PHRASE_END = frozenset("de del a al en y e o u que por para con sin sobre entre como dans et ou qui pour avec sur "
                        "par à au aux du des di e il la le les el los las un una une da do em no na com".split())
_SOURCE_YEAR = regex.compile(r"\b(?:[Tt]he|[Tt]his|[Ll]ast) (?:19|20)\d\d \p{Ll}")
#: Per language: an article, a year, then the noun and maybe one more word.
_YEAR_PHRASE = {lang: regex.compile(rf"\b((?:{articles})\s?)((?:19|20)\d\d) (\p{{Ll}}+)(?: (\p{{Ll}}+))?")
                for lang, (articles, _) in _YEAR_ARTICLES.items()}


def fix_year_modifier(text: str, source: str, lang: str, unknown: Sequence[str]) -> str:
    """``"the 2008 general election"`` -> ``"la 2008 elección general"`` becomes ``"la elección general de 2008"``.

    Apertium keeps the English position of a year used as a modifier. The noun and up to one
    more word (an adjective) move before ``de`` + year; the phrase ends at a preposition,
    conjunction or punctuation. Only where the source has "the <year> <word>".
    """
    articles = _YEAR_ARTICLES.get(lang)
    if articles is None or not _SOURCE_YEAR.search(source):
        return text
    pattern = _YEAR_PHRASE[lang]

    def move(m: regex.Match[str]) -> str:
        words = [w for w in (m.group(3), m.group(4)) if w]
        if words[0] in _PHRASE_END:
            return m.group(0)
        kept = [words[0]] + ([words[1]] if len(words) > 1 and words[1] not in _PHRASE_END else [])
        rest = m.group(0)[len(m.group(1)) + len(m.group(2)) + 1 + len(" ".join(kept)):]
        return f"{m.group(1)}{' '.join(kept)} {articles[1]} {m.group(2)}{rest}"

    return pattern.sub(move, text)
