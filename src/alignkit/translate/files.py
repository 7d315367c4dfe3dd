"""``alignkit translate`` on one input: pick its format, its source language, translate it.

Plain text goes through the segmenter (or line by line); PO, XLIFF, HTML and Markdown through
:mod:`alignkit.documents`. The caller reads the input and writes :attr:`InputResult.text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alignkit.errors import InputError
from alignkit.translate.base import Engine, Translator
from alignkit.translate.route import LegWrapper
from alignkit.translate.source import source_language


@dataclass(frozen=True)
class InputResult:
    """The translated text and, for document formats, a one-line summary for stderr."""

    text: str
    summary: str = ""


def translate_input(text: str, *, name: str | None, tgt: str, src: str | None, engine: Engine,
                    input_format: str = "auto", lines: bool = False, glossary: str | Path | None = None,
                    segmenter: str = "rules", fuzzy: bool = True, overwrite: bool = False,
                    wrap: LegWrapper | None = None, accelerator: str | None = None) -> InputResult:
    """Translate one input's ``text`` (``name`` is its file name, ``None`` for ``--text``).

    ``wrap`` is applied to every direct leg (the translation memory); ``accelerator`` is the PO
    accelerator marker (``None``: the catalogue's ``X-Accelerator-Marker``).

    Raises:
        InputError: a format that cannot be translated safely, a file that does not parse,
            a source language equal to ``tgt``, ``--lines`` with a document format.
        EngineUnavailableError: no route for the pair.
    """
    from alignkit.documents import detect, get_format
    from alignkit.documents.base import DocumentOptions, translate_parsed
    fmt_name = detect(name or "-", text) if input_format == "auto" else input_format
    if accelerator is not None and fmt_name != "po":
        raise InputError(f"--accelerator is for PO catalogues; {name or 'the input'} is {fmt_name}")
    if fmt_name == "text":
        src = source_language(src, tgt, name=name)
        with _open(engine, src, tgt, glossary, wrap) as translator:
            return InputResult(_plain(text, translator, lines, segmenter))
    if lines:
        raise InputError(f"--lines is for plain text; {name} is {fmt_name}")
    fmt = get_format(fmt_name)
    doc = fmt.parse(text)
    declared = fmt.source_lang(doc)
    src = source_language(src, tgt, declared=declared, name=name if fmt_name in ("html", "markdown") else None)
    options = DocumentOptions(tgt=tgt, fuzzy=fuzzy, overwrite=overwrite, segmenter=segmenter, accelerator=accelerator)
    with _open(engine, src, tgt, glossary, wrap) as translator:
        done = translate_parsed(fmt, doc, translator, options)
    return InputResult(done.text, done.report.summary())


def _open(engine: Engine, src: str, tgt: str, glossary: str | Path | None, wrap: LegWrapper | None = None
          ) -> Translator:
    """The translator for ``src``->``tgt``, enforcing ``glossary`` (loaded first: a bad one opens nothing)."""
    from alignkit.translate import open_translator

    terms = None
    if glossary is not None:
        from alignkit.glossary import load

        terms = load(glossary)
    translator = open_translator(engine, src, tgt, wrap=wrap)
    if terms is not None:
        from alignkit.glossary import GlossaryTranslator

        translator = GlossaryTranslator(translator, terms)
    return translator


def _plain(text: str, translator: Translator, lines: bool, segmenter: str) -> str:
    from alignkit.translate.document import translate_document, translate_lines

    if lines:
        return translate_lines(text, translator)
    from alignkit.segment import segment_text

    return translate_document(text, segment_text(text, translator.src, segmenter=segmenter), translator)
