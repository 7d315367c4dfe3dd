"""The files translators work in: gettext PO/POT, XLIFF 1.2/2.x, HTML and Markdown.

Each format turns a file's text into translatable units (ids, placeholders and inline tags
protected) and rebuilds the file from verified translations (:mod:`.base`). Formats are
registered by name and imported on use; :func:`detect` picks one from a file name or its text.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from alignkit.documents.base import DocumentFormat, DocumentOptions, DocumentReport, TranslatedDocument, Unit
from alignkit.errors import InputError
from alignkit.registry import Registry

DOCUMENT_FORMATS: Registry[type[DocumentFormat[object]]] = Registry("input format", {
    "po": "alignkit.documents.po:PoFormat",
    "xliff": "alignkit.documents.xliff:XliffFormat",
    "html": "alignkit.documents.html:HtmlFormat",
    "markdown": "alignkit.documents.markdown:MarkdownFormat",
})

#: File name endings -> format ("text" is alignkit's plain-text document path).
EXTENSIONS: dict[str, str] = {
    ".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff", ".xlif": "xliff",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown", ".markdown": "markdown",
    ".txt": "text", ".text": "text",
}
#: Endings of files alignkit cannot translate safely yet: refused rather than mangled as text.
REFUSED: tuple[str, ...] = (
    ".xml", ".tmx", ".tbx", ".json", ".yaml", ".yml", ".properties", ".strings", ".resx", ".ts", ".sdlxliff",
    ".docx", ".odt", ".pdf", ".rtf", ".srt", ".vtt", ".csv", ".tsv", ".rst", ".tex", ".ini", ".toml", ".js", ".py",
)

_PO_TEXT = re.compile(r'^\s*(?:#.*\n\s*)*(?:msgctxt|msgid)\s+"', re.MULTILINE)


def detect(name: str, text: str) -> str:
    """The format of a file from its name, or from its text when the name does not tell.

    Returns:
        ``po``, ``xliff``, ``html``, ``markdown`` or ``text`` (plain text, sentence by sentence).

    Raises:
        InputError: a format alignkit cannot translate safely (XML that is not XLIFF, JSON...).
    """
    suffix = PurePath(name).suffix.lower() if name != "-" else ""
    if suffix in REFUSED:
        raise InputError(f"{name}: alignkit cannot translate {suffix} files safely; it translates "
                         f"{', '.join(DOCUMENT_FORMATS.names())} and plain text (--input-format)")
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith("<?xml") or head.startswith("<xliff"):
        if "<xliff" in head:
            return "xliff"
        if re.search(r"<html[\s>]", head, re.IGNORECASE):
            return "html"
        raise InputError(f"{name}: XML that is not XLIFF cannot be translated safely; "
                         "give --input-format if it is one of " + ", ".join(DOCUMENT_FORMATS.names()))
    if re.match(r"<!doctype html|<html[\s>]", head, re.IGNORECASE):
        return "html"
    if _PO_TEXT.match(head) and re.search(r'^msgstr(\[\d+\])?\s+"', text, re.MULTILINE):
        return "po"
    return "text"


def get_format(name: str) -> DocumentFormat[object]:
    """An instance of the format registered as ``name``."""
    return DOCUMENT_FORMATS.get(name)()


__all__ = ["DOCUMENT_FORMATS", "DocumentFormat", "DocumentOptions", "DocumentReport", "TranslatedDocument",
           "Unit", "detect", "get_format"]
