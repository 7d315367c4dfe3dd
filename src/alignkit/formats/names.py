"""Language codes from corpus file names (``seed.en-es.tsv``, ``corpus.en``)."""

from __future__ import annotations

from pathlib import Path

from alignkit import langs
from alignkit.errors import AlignkitError, InputError


def langs_from_name(path: Path) -> list[str]:
    """Languages named in ``path``'s second suffix, e.g. ``x.en-es.tsv`` -> ``["en", "es"]``.

    Raises:
        InputError: the name carries no language pair; the caller must pass languages.
    """
    parts = path.name.split(".")
    if len(parts) >= 3:
        try:
            return [langs.normalize(code) for code in parts[-2].split("-")]
        except AlignkitError:
            pass
    raise InputError(f"{path}: cannot tell the languages from the file name; give them (e.g. --langs en,es)")
