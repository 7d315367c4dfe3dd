"""Reading and writing glossary files: TSV/CSV tables and TBX.

The table format is one concept per row and a column per language (ISO 639-1 codes in a
header row), variants separated by ``|`` (preferred first), an optional ``note`` column, and
``#`` comment lines::

    en\tes\tfr\tnote
    Kyiv|Kiev\tKiev\tKiev|Kyiv\tcapital of Ukraine
    US\tEE.UU.{m.pl}|Estados Unidos\tÉtats-Unis{m.pl}\tplace

A form may end with its grammatical gender and/or number in braces (``{m}``, ``{f}``, ``{n}``,
``{sg}``, ``{pl}``, ``{f.pl}``...); later variants without one take the first form's. Enforcement
uses it to make the articles before a restored form agree (:mod:`.agree`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from alignkit import textio
from alignkit.errors import GlossaryError, InputError
from alignkit.glossary import tbx
from alignkit.glossary.model import Glossary, Term
from alignkit.glossary.validate import VARIANT_SEP, RawRow, build, check_languages

#: Header names of the free-text column (any other column must be a language code).
NOTE_COLUMNS = ("note", "notes", "comment")
#: File extensions -> format.
FORMATS = {".tsv": "tsv", ".txt": "tsv", ".csv": "csv", ".tbx": "tbx", ".xml": "tbx"}
#: How UTF-16 XML starts (byte-order marks, or "<" without one): its NUL bytes are text.
_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")


def format_of(path: str | Path) -> str:
    """The glossary format of ``path`` from its extension.

    Raises:
        InputError: an extension no reader handles.
    """
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown glossary format; use one of {', '.join(sorted(FORMATS))}")
    return fmt


def load(path: str | Path) -> Glossary:
    """Read and validate a glossary (TSV/CSV or TBX, chosen by extension).

    Raises:
        InputError: the file is missing or unreadable.
        GlossaryError: the content is malformed; the message lists every problem with line numbers.
    """
    fmt = format_of(path)
    name = Path(path).name
    if fmt == "tbx":
        data = textio.read_bytes(path)
        # NUL bytes outside UTF-16 XML mean a binary file: say so instead of listing XML errors.
        if b"\x00" in data and data[:2] not in _UTF16_STARTS:
            raise InputError(f"{path}: looks like binary data (NUL bytes), not a TBX file")
        return tbx.parse_tbx(data, name)
    return parse_table(textio.read_text(path), "\t" if fmt == "tsv" else ",", name)


def parse_table(text: str, delimiter: str = "\t", name: str = "") -> Glossary:
    """Parse a TSV (``delimiter="\\t"``) or CSV glossary table.

    Raises:
        GlossaryError: listing every problem with its line number.
    """
    lines = [(i, line) for i, line in enumerate(text.split("\n"), 1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return build([], [], name)
    header_line, header = lines[0]
    columns = _cells(header, delimiter, name, header_line)
    note_col = next((i for i, c in enumerate(columns) if c.strip().lower() in NOTE_COLUMNS), None)
    lang_cols = [(i, c) for i, c in enumerate(columns) if i != note_col]
    checked, problems = check_languages([(header_line, c) for _, c in lang_cols])
    positions = {code: i for code, (i, _) in zip(checked, lang_cols) if code is not None}
    codes = list(positions)
    rows: list[RawRow] = []
    for line_no, line in lines[1:]:
        cells = _cells(line, delimiter, name, line_no)
        if len(cells) > len(columns):
            problems.append(f"line {line_no}: {len(cells)} cells but the header has {len(columns)} columns")
            continue
        cells += [""] * (len(columns) - len(cells))
        note = cells[note_col] if note_col is not None else ""
        rows.append(RawRow(line_no, {code: cells[i] for code, i in positions.items()}, note))
    return build(codes, rows, name, problems)


def _cells(line: str, delimiter: str, name: str, line_no: int) -> list[str]:
    if delimiter == "\t":
        return line.split("\t")
    try:
        return next(csv.reader([line], delimiter=delimiter))
    except csv.Error as err:  # e.g. a cell over csv.field_size_limit() (131,072 characters)
        raise GlossaryError(f"{name or 'glossary'}: line {line_no}: {err}") from None


def dump_table(glossary: Glossary, delimiter: str = "\t") -> str:
    """Serialise a glossary as a TSV (or CSV) table that :func:`parse_table` reads back."""
    header = list(glossary.langs) + ["note"]
    rows = [[_cell(t, lang) for lang in glossary.langs] + [t.note] for t in glossary.terms]
    if delimiter == "\t":
        return "".join("\t".join(r) + "\n" for r in [header, *rows])
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])
    return buf.getvalue()


def _cell(term: Term, lang: str) -> str:
    """One cell: the forms, each annotated unless it inherits the preferred form's annotation."""
    forms = term.forms[lang]
    grams = term.grammar.get(lang, (None,) * len(forms))
    out = []
    for i, (form, gram) in enumerate(zip(forms, grams)):
        inherited = i > 0 and gram == grams[0]
        out.append(form + (f"{{{gram}}}" if gram is not None and not inherited else ""))
    return VARIANT_SEP.join(out)


def save(glossary: Glossary, path: str | Path) -> None:
    """Write ``glossary`` atomically in the format given by the extension of ``path``."""
    fmt = format_of(path)
    text = tbx.dump_tbx(glossary) if fmt == "tbx" else dump_table(glossary, "\t" if fmt == "tsv" else ",")
    textio.write_text(path, text)


def convert(src: str | Path, dst: str | Path) -> Glossary:
    """Rewrite the glossary ``src`` as ``dst``, each in the format its extension names.

    The target format is checked before ``src`` is read, so a bad ``dst`` fails fast and writes nothing.

    Returns:
        The glossary written.

    Raises:
        InputError: an unknown extension, or ``src`` missing or unreadable.
        GlossaryError: ``src`` is malformed.
    """
    format_of(dst)
    glossary = load(src)
    save(glossary, dst)
    return glossary
