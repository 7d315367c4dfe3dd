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


#: What a document id may hold: it becomes part of segment ids and, for one-document runs, of
#: file names (``<id>.tmx``). ``/`` separates directories of a directory input.
_DOC_ID = re.compile(r"[\w][\w.-]*(?:/[\w][\w.-]*)*")


def check_doc_id(doc_id: str) -> str:
    """Return ``doc_id`` if it is a safe document id, else raise.

    Safe: word characters, ``.``, ``-`` and ``/`` between path parts; no part starts with ``.``
    (so no ``..``, no hidden names), no leading ``/``, at most 200 characters.

    Raises:
        InputError: an unsafe id (checked before any work).
    """
    if len(doc_id) > 200 or not _DOC_ID.fullmatch(doc_id):
        raise InputError(f"document id {doc_id!r}: use letters, digits, '_', '.', '-' (and '/' between "
                         "parts), not starting with '.' or '/'")
    return doc_id


def corpus_file_stem(name: str) -> str:
    """A corpus name safe as a file name stem (``check_doc_id`` without ``/``).

    Raises:
        InputError: the name holds ``/`` or is otherwise unsafe.
    """
    if "/" in check_doc_id(name):
        raise InputError(f"corpus name {name!r}: no '/' allowed (it names the corpus files)")
    return name
