"""What every translatable file format does: parse, list its units, rebuild with translations.

A :class:`DocumentFormat` turns a file's text into *units* (an id and a masked source text:
placeholders and inline tags protected, see :mod:`.protect`) and rebuilds the file from the
verified translations, keeping everything that is not text. Formats are pure: the caller
reads and writes the files. :func:`translate_document` wires parse -> fill -> rebuild.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Generic, TypeVar

import regex

from alignkit.documents.fill import Filled, fill
from alignkit.documents.protect import Masked
from alignkit.errors import InputError
from alignkit.translate.base import Translator

D = TypeVar("D")


@dataclass(frozen=True)
class Unit:
    """One translatable piece of a file: a PO message, an XLIFF segment, an HTML paragraph.

    Attributes:
        id: stable within the file (PO: ``msgctxt\\x04msgid``; XLIFF: the unit/segment id;
            HTML/Markdown: the block's position), reported and kept as a corpus property.
        source: the masked source text.
    """

    id: str
    source: Masked

    @property
    def text(self) -> str:
        """The source text as the file has it (placeholders in place)."""
        return self.source.restore(self.source.text)


@dataclass(frozen=True)
class Target:
    """A verified translation of a unit, still masked, with the masked source to restore it."""

    source: Masked
    masked: str

    @property
    def text(self) -> str:
        """The translation with the source's placeholders and tags put back."""
        return self.source.restore(self.masked)


@dataclass(frozen=True)
class DocumentOptions:
    """How a file is filled.

    Attributes:
        tgt: target language (ISO 639-1).
        fuzzy: mark machine output for review (PO ``#, fuzzy``; XLIFF ``needs-review-translation``).
        overwrite: translate units that already have a translation too.
        segmenter: sentence segmenter inside a unit (``None``: a line is one segment).
        accelerator: PO keyboard accelerator marker (``&``, ``_``, ``~``): stripped before
            translation and put back in the target; ``None``: the catalogue's
            ``X-Accelerator-Marker`` header, if any; ``""``: none.
    """

    tgt: str
    fuzzy: bool = True
    overwrite: bool = False
    segmenter: str | None = "rules"
    accelerator: str | None = None


@dataclass(frozen=True)
class DocumentReport:
    """What happened to a file's units (counts, and the ids left untranslated with why)."""

    format: str
    units: int
    whole: int = 0
    split: int = 0
    copied: int = 0
    skipped: int = 0
    placeholders: int = 0
    failed: tuple[tuple[str, str], ...] = field(default=())

    def summary(self) -> str:
        """One line for stderr."""
        done = self.whole + self.split + self.copied
        line = (f"{self.format}: {done}/{self.units} units translated ({self.split} split at tags, "
                f"{self.copied} copied), {self.placeholders} placeholders kept, {self.skipped} already translated")
        if self.failed:
            first = ", ".join(f"{uid!r} ({why})" for uid, why in self.failed[:3])
            line += f"; {len(self.failed)} left untranslated: {first}" + (" ..." if len(self.failed) > 3 else "")
        return line


@dataclass(frozen=True)
class TranslatedDocument:
    """A rebuilt file and its report."""

    text: str
    report: DocumentReport


class DocumentFormat(abc.ABC, Generic[D]):
    """A translatable file format; subclasses are registered in :data:`alignkit.documents.DOCUMENT_FORMATS`."""

    name: ClassVar[str]
    #: File name endings that select this format (lower case, with the dot).
    extensions: ClassVar[tuple[str, ...]] = ()

    @abc.abstractmethod
    def parse(self, text: str) -> D:
        """Parse a file's text.

        Raises:
            InputError: the text is not this format; the message has the line (and column).
        """

    def source_lang(self, doc: D) -> str | None:
        """The source language the file declares (XLIFF ``source-language``), if any."""
        return None

    @abc.abstractmethod
    def units(self, doc: D, options: DocumentOptions) -> list[Unit]:
        """The units to translate (already translated ones only with ``options.overwrite``)."""

    @abc.abstractmethod
    def rebuild(self, doc: D, translations: Mapping[str, Target], options: DocumentOptions) -> str:
        """The file's text with ``translations`` (unit id -> :class:`Target`) filled in.

        Units missing from ``translations`` are left as they are in the source file.
        """

    def skipped(self, doc: D, options: DocumentOptions) -> int:
        """How many units were left alone because they already have a translation."""
        return 0

    def corpus_props(self, uid: str) -> tuple[tuple[str, str], ...]:
        """What a corpus row says about the unit ``uid`` (TMX ``<prop type="x-KEY">``, JSONL keys).

        The default is the id itself as ``unit``; PO splits gettext's key into ``context``,
        ``unit`` (the msgid) and ``plural`` (the ``msgid_plural`` row).
        """
        return (("unit", uid),)


_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def check_text(text: str, what: str) -> None:
    """Refuse a file that is not text: a control character (other than tab, newline, form feed).

    Raises:
        InputError: the first one, with its line and column.
    """
    found = _CONTROL.search(text)
    if found is not None:
        line, col = line_column(text, found.start())
        raise InputError(f"line {line}, column {col}: control character U+{ord(found.group()):04X}: "
                         f"not {what} text")


def translate_document(fmt: DocumentFormat[D], text: str, translator: Translator,
                       options: DocumentOptions) -> TranslatedDocument:
    """Translate a file's text: parse, mask, translate and verify, rebuild.

    Raises:
        InputError: the text does not parse as ``fmt``.
    """
    return translate_parsed(fmt, fmt.parse(text), translator, options)


def translate_parsed(fmt: DocumentFormat[D], doc: D, translator: Translator,
                     options: DocumentOptions) -> TranslatedDocument:
    """Translate a parsed file (see :func:`translate_document`)."""
    units = fmt.units(doc, options)
    filled = fill([u.source for u in units], translator, segmenter=options.segmenter)
    translations = {u.id: Target(f.source or u.source, f.text) for u, f in zip(units, filled) if f.text is not None}
    report = _report(fmt.name, units, filled, fmt.skipped(doc, options))
    return TranslatedDocument(fmt.rebuild(doc, translations, options), report)


@dataclass(frozen=True)
class Sourced:
    """One unit of :func:`translate_sources`: its text (``None``: left untranslated, ``problem`` says
    why), the words the engine did not know and the mean model confidence (``None`` without one)."""

    text: str | None
    problem: str
    unknown: tuple[str, ...] = ()
    confidence: float | None = None


def translate_sources(sources: Sequence[Masked], translator: Translator, segmenter: str | None = "rules"
                      ) -> list[Sourced]:
    """Translate masked unit sources as :func:`translate_parsed` fills a file, without the file.

    Returns:
        Per source, the verified translation with its placeholders put back, or ``text=None``
        and why for a unit left untranslated; with the engine's unknown words and confidence.
    """
    out: list[Sourced] = []
    for source, filled in zip(sources, fill(sources, translator, segmenter=segmenter)):
        if filled.text is None:
            out.append(Sourced(None, filled.problem))
        else:
            out.append(Sourced(Target(filled.source or source, filled.text).text, "", filled.unknown, filled.confidence))
    return out


def source_units(fmt: DocumentFormat[D], doc: D) -> list[tuple[str, str]]:
    """Every translatable unit of a parsed file as ``(id, source text)``, translated or not."""
    return [(u.id, u.text) for u in all_units(fmt, doc)]


def all_units(fmt: DocumentFormat[D], doc: D) -> list[Unit]:
    """Every translatable unit of a parsed file, translated or not, as portable data.

    The shape ``alignkit run`` makes corpora of (its ids become TMX properties): masks keep
    only strings and frozen records (:meth:`Masked.portable`), so units cross process boundaries.
    """
    return [Unit(u.id, u.source.portable()) for u in fmt.units(doc, DocumentOptions(tgt="", overwrite=True))]


def _report(name: str, units: Sequence[Unit], filled: Sequence[Filled], skipped: int) -> DocumentReport:
    kept = sum(len(u.source.spans) for u, f in zip(units, filled) if f.how != "failed")
    return DocumentReport(
        format=name, units=len(units) + skipped,
        whole=sum(f.how == "whole" for f in filled), split=sum(f.how == "split" for f in filled),
        copied=sum(f.how == "copy" for f in filled), skipped=skipped, placeholders=kept,
        failed=tuple((u.id, f.problem) for u, f in zip(units, filled) if f.how == "failed"),
    )
