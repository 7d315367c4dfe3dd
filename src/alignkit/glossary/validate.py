"""Declare-then-validate: turn raw rows into a :class:`Glossary`, collecting every problem.

Both readers (TSV/CSV and TBX) produce :class:`RawRow` objects and hand them here, so a
glossary is checked the same way whatever its format. All problems are reported at once,
each with its line number, in one :class:`~alignkit.errors.GlossaryError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from alignkit import langs as langcodes
from alignkit.errors import GlossaryError, UnknownNameError
from alignkit.glossary.model import GENDERS, NUMBERS, Glossary, Gram, Term, nfc


class GlossaryProblems(GlossaryError):
    """A glossary with problems; ``problems`` lists each one (``str(err)`` joins them on one line)."""

    def __init__(self, name: str, problems: Sequence[str]) -> None:
        super().__init__(_message(name, problems))
        self.problems = tuple(problems)


#: Separator of variant forms inside one cell.
VARIANT_SEP = "|"
#: Most problems listed in one error message (the count of the rest is given).
MAX_LISTED = 50


@dataclass(frozen=True)
class RawRow:
    """One concept as read from a file, before validation.

    Attributes:
        line: line number in the file (1-based).
        cells: language column -> the cell's text (variants still joined by ``|``).
        note: the note cell.
    """

    line: int
    cells: Mapping[str, str]
    note: str = ""


def check_languages(columns: Sequence[tuple[int, str]]) -> tuple[list[str | None], list[str]]:
    """Normalise the language codes of ``(line, code)`` columns.

    Returns:
        One code per column (``None`` for an unknown or repeated one), and the problems found.
    """
    codes: list[str | None] = []
    problems: list[str] = []
    for line, raw in columns:
        try:
            code: str | None = langcodes.normalize(raw)
        except UnknownNameError:
            problems.append(f"line {line}: unknown language code {raw!r}")
            code = None
        if code is not None and code in codes:
            problems.append(f"line {line}: language {code!r} appears twice")
            code = None
        codes.append(code)
    return codes, problems


def split_cell(cell: str) -> tuple[str, ...]:
    """Split a cell into NFC, whitespace-collapsed variant forms (empty variants kept as "")."""
    return tuple(" ".join(nfc(v).split()) for v in cell.split(VARIANT_SEP))


_ANNOTATED = re.compile(r"(.*?)\s*\{([^{}]*)\}")


def parse_gram(text: str) -> Gram | None:
    """Parse an annotation body (``"f.pl"``, ``"m"``, ``"pl"``); ``None`` if it is not valid."""
    parts = text.strip().split(".")
    genders = [p for p in parts if p in GENDERS]
    numbers = [p for p in parts if p in NUMBERS]
    if len(genders) > 1 or len(numbers) > 1 or len(genders) + len(numbers) != len(parts) or not parts:
        return None
    return Gram(genders[0] if genders else None, numbers[0] if numbers else None)


def split_annotated(cell: str) -> tuple[tuple[str, ...], tuple[Gram | None, ...], list[str]]:
    """Split a cell into forms and their grammar annotations (``États-Unis{m.pl}|USA``).

    A variant without an annotation takes the preferred (first) form's, since variants are
    spellings of one name.

    Returns:
        The forms, one :class:`Gram` or ``None`` per form, and the problems found (no line).
    """
    forms: list[str] = []
    grams: list[Gram | None] = []
    problems: list[str] = []
    for variant in split_cell(cell):
        m = _ANNOTATED.fullmatch(variant)
        form, gram = (m.group(1), parse_gram(m.group(2))) if m else (variant, None)
        if m and gram is None:
            problems.append(f"bad grammar annotation {{{m.group(2)}}} on {form!r} "
                            "(use {m}, {f}, {n}, {sg}, {pl} or gender.number such as {f.pl})")
        if "{" in form or "}" in form:
            problems.append(f"misplaced brace in {variant!r} (an annotation goes at the end: 'form{{f.pl}}')")
        forms.append(form)
        grams.append(gram if gram is not None or not grams else grams[0])
    return tuple(forms), tuple(grams), problems


def build(langs: Sequence[str], rows: Sequence[RawRow], name: str, problems: Sequence[str] = ()) -> Glossary:
    """Validate ``rows`` and return the glossary.

    Checks: no empty cells or empty variants, a variant listed once per cell, no concept
    whose source (first-column) form repeats another row's (duplicate concept when the
    targets agree, conflicting targets when they differ).

    Raises:
        GlossaryProblems: listing every problem (with ``problems`` found earlier by the reader).
    """
    found = list(problems)
    if not langs:
        found.append("no language columns")
    if not rows and not found:
        found.append("no terms")
    terms = [_check_row(langs, row, found) for row in rows]
    if langs:
        # Checked on every row, even one with other problems, so that all are reported at once.
        _check_duplicates(langs[0], terms, found)
    if found:
        raise GlossaryProblems(name, sorted(found, key=_line_of))
    return Glossary(tuple(langs), tuple(terms), name)


def _check_row(langs: Sequence[str], row: RawRow, found: list[str]) -> Term:
    forms: dict[str, tuple[str, ...]] = {}
    grammar: dict[str, tuple[Gram | None, ...]] = {}
    for lang in langs:
        cell = row.cells.get(lang, "")
        variants, grams, problems = split_annotated(cell)
        found.extend(f"line {row.line}: {p} in {lang!r} cell" for p in problems)
        if any(grams):
            grammar[lang] = grams
        if not cell.strip():
            found.append(f"line {row.line}: empty cell for {lang!r}")
        elif "" in variants:
            found.append(f"line {row.line}: empty variant in {lang!r} cell {cell!r}")
        elif len(set(variants)) != len(variants):
            found.append(f"line {row.line}: repeated variant in {lang!r} cell {cell!r}")
        forms[lang] = variants
    return Term(forms, " ".join(row.note.split()), row.line, grammar)


def _check_duplicates(src: str, terms: Sequence[Term], found: list[str]) -> None:
    seen: dict[str, Term] = {}
    for term in terms:
        for form in (f for f in term.forms[src] if f):
            first = seen.get(form)
            if first is None:
                seen[form] = term
            elif first.forms == term.forms:
                found.append(f"line {term.line}: duplicate concept {form!r} (first on line {first.line})")
            else:
                found.append(
                    f"line {term.line}: conflicting targets for {form!r} (also on line {first.line} "
                    f"with different forms)"
                )


def _line_of(problem: str) -> int:
    head = problem.split(":", 1)[0]
    return int(head[5:]) if head.startswith("line ") and head[5:].isdigit() else 0


def _message(name: str, problems: Sequence[str]) -> str:
    shown = list(problems[:MAX_LISTED])
    if len(problems) > MAX_LISTED:
        shown.append(f"... and {len(problems) - MAX_LISTED} more")
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{name or 'glossary'}: {len(problems)} {noun}: " + "; ".join(shown)
