"""Which language a file to translate is in: the option, what the file declares, its name.

``translate article.es.txt --to en`` reads Spanish from the name, as ``run`` does; a source
equal to the target is refused instead of running Spanish through en->es.
"""

from __future__ import annotations

from alignkit.errors import InputError
from alignkit.formats.names import lang_from_name

#: The source language when nothing tells it.
DEFAULT_SOURCE = "en"


def source_language(explicit: str | None, tgt: str, *, declared: str | None = None,
                    name: str | None = None) -> str:
    """The source language: ``explicit`` (``--from``), else ``declared`` (XLIFF ``source-language``),
    else a language suffix of ``name`` (``article.es.txt``), else :data:`DEFAULT_SOURCE`.

    Args:
        explicit: the language given on the command line, or ``None``.
        tgt: the target language.
        declared: what the file itself says, or ``None``.
        name: the file name when its suffixes name the *source* (not for PO catalogues, whose
            ``es.po`` names the target), or ``None``.

    Raises:
        InputError: the source found is the target language.
    """
    found, why = explicit, "--from"
    if found is None and declared:
        found, why = declared, "the file's source language"
    if found is None and name and name != "-":
        found, why = lang_from_name(name), f"the file name {name}"
    if found is None:
        found, why = DEFAULT_SOURCE, "the default"
    if found == tgt:
        raise InputError(f"source and target language are both {tgt!r} ({why}); give --from LANG or another --to")
    return found
