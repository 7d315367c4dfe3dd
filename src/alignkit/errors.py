"""The only exceptions alignkit raises on purpose.

The CLI turns each into a one-line message on stderr and the class's exit code.
"""

from __future__ import annotations


class AlignkitError(Exception):
    """Base class: a problem a user can act on. ``str(err)`` is the one-line message."""

    exit_code = 1


class InputError(AlignkitError):
    """An input file or value is unusable (missing, empty, binary, wrong encoding...)."""

    exit_code = 2


class FormatError(InputError):
    """A corpus or alignment file is malformed: the message names the file, the line and the field.

    Attributes:
        source: the file (or stream) name.
        line: 1-based line number, or ``None`` when the problem is not on one line.
        field: the field at fault (``"mt.es.scores.bleu"``), or ``None``.
    """

    def __init__(self, source: str, problem: str, line: int | None = None, field: str | None = None) -> None:
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: " + (f"field {field!r}: " if field else "") + problem)
        self.source, self.line, self.field = source, line, field


class UnknownNameError(AlignkitError):
    """A name (engine, format, metric, language...) that no registry knows."""

    exit_code = 2


class EngineError(AlignkitError):
    """A translation engine failed while running."""

    exit_code = 3


class EngineUnavailableError(AlignkitError):
    """An engine, model or language pair is not installed; the message says how to get it."""

    exit_code = 3


class ModelError(AlignkitError):
    """A model or model archive is missing files, malformed or unsafe."""

    exit_code = 4


class GlossaryError(AlignkitError):
    """A glossary file is malformed; the message lists every problem found."""

    exit_code = 5


class OutputError(AlignkitError):
    """An output location cannot be written."""

    exit_code = 6


class TMError(AlignkitError):
    """The translation memory cannot be used: corrupt, not an alignkit TM, or locked too long.

    Exit code 7. The message names the file. (A read-only TM is not an error: it is read
    without writing, and the caller is told so.)
    """

    exit_code = 7
