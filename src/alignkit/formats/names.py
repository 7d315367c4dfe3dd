"""What file names say: languages (``article.en.txt``, ``seed.en-es.tsv``) and document ids.

One place for these conventions, so ``run``, ``segment`` and ``score`` read a name alike.
"""

from __future__ import annotations

import re
from pathlib import Path

from alignkit import langs
from alignkit.errors import AlignkitError, InputError


def _lang(part: str) -> str | None:
    """``es``, ``spa``, ``pt-BR`` -> a code; ``en-es`` (a pair, not a region) or a non-language -> ``None``."""
    _, sep, region = part.replace("_", "-").partition("-")
    if sep and region != region.upper():
        return None
    try:
        return langs.normalize(part)
    except AlignkitError:
        return None


def lang_from_name(path: str | Path) -> str | None:
    """The last language code among the name's suffixes: ``hyp.es``, ``newstest2013.spa``,
    ``article.en.txt`` -> ``es``, ``es``, ``en``; ``None`` when no suffix is a language."""
    for part in reversed(Path(path).name.split(".")[1:]):
        code = _lang(part)
        if code is not None:
            return code
    return None


def langs_from_name(path: Path) -> list[str]:
    """Languages named in ``path``'s second suffix, e.g. ``x.en-es.tsv`` -> ``["en", "es"]``.

    Raises:
        InputError: the name carries no language pair; the caller must pass languages.
    """
    parts = path.name.split(".")
    if len(parts) >= 3:
        codes = [_lang(code) for code in parts[-2].lower().split("-")]
        if all(codes):
            return [str(c) for c in codes]
    raise InputError(f"{path}: cannot tell the languages from the file name; give them (e.g. --langs en,es)")


def doc_id_from_name(path: str | Path) -> str:
    """A document id from a file name: without its extension and language suffixes.

    ``putin-war.en.txt`` -> ``putin-war``, ``seed.en`` -> ``seed``, ``my.notes.txt`` -> ``my.notes``,
    ``-`` (stdin) -> ``stdin``. Characters other than word characters, ``.`` and ``-`` become ``_``.
    """
    if str(path) == "-":
        return "stdin"
    parts = Path(path).name.split(".")
    if len(parts) > 1:
        parts = parts[:-1]  # the extension
    while len(parts) > 1 and _lang(parts[-1]) is not None:
        parts = parts[:-1]
    return re.sub(r"[^\w.-]+", "_", ".".join(parts)) or "doc"


#: Longest document id accepted: ids become file names (``<id>.en-es.tsv``), which filesystems cap at 255 bytes.
MAX_DOC_ID = 100
_SAFE_ID = re.compile(r"\w[\w.-]*")


def safe_doc_id(text: str) -> str:
    """``text`` if it is usable as a document id, which becomes part of output file names.

    An id is 1-100 letters, digits, ``_``, ``.`` or ``-`` (at most 200 bytes in UTF-8), starting
    with a letter, digit or ``_``: no ``/``, no ``..``, no hidden name, so the files it names stay
    in the output directory. Ids made by :func:`doc_id_from_name` pass unless they start
    with ``.`` or ``-`` or are too long.
    Call it before any work is done, so a bad id fails in a second, not after a translation.

    Raises:
        InputError: the id is empty, too long or has other characters (the message says which).
    """
    if not text:
        raise InputError("document id is empty")
    if len(text) > MAX_DOC_ID or len(text.encode("utf-8", "surrogatepass")) > 2 * MAX_DOC_ID:
        raise InputError(f"document id is longer than {MAX_DOC_ID} characters ({2 * MAX_DOC_ID} bytes)")
    if not _SAFE_ID.fullmatch(text):
        bad = sorted({c for c in text if not re.fullmatch(r"[\w.-]", c)})
        why = f"characters {''.join(bad)!r}" if bad else "a leading '.' or '-'"
        raise InputError(f"document id {text[:40]!r} has {why}: use letters, digits, '_', '.' or '-' "
                         "(it becomes part of file names)")
    return text
