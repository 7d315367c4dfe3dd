"""gettext catalogues (PO/POT) through polib: fill ``msgstr``, keep everything else.

Kept as they are: the header comments, ``msgctxt``, translator and extracted comments,
references, flags, previous msgids and obsolete (``#~``) entries. Machine output is marked
``#, fuzzy`` (the gettext convention for "needs review") unless ``fuzzy=False``; entries that
already have a translation are left alone unless ``overwrite``. Plural entries get every
``msgstr[n]`` of the target language's ``Plural-Forms``: ``msgstr[0]`` from ``msgid``, the
others from ``msgid_plural``. Placeholders of the entry's format flag are protected and verified
(:mod:`.protect`); an entry whose placeholders could not be kept stays untranslated.

Keyboard accelerators (``&Open``, ``_Save``, ``~Quit``: the marker of the ``X-Accelerator-Marker``
header or ``DocumentOptions.accelerator``) are taken out before translation, so the engine sees
words, and put back in the target before the same letter when the translation has it (outside
placeholders), else before its first letter: one marker per message, as
``msgfmt --check-accelerators`` and pofilter's ``accelerators`` check want.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping

from alignkit.documents.base import DocumentFormat, DocumentOptions, Target, Unit
from alignkit.documents.protect import Protector
from alignkit.errors import InputError

#: gettext's ``Plural-Forms`` per language (from the gettext manual, "Plural forms").
PLURAL_FORMS: dict[str, str] = {
    **{lang: "nplurals=2; plural=(n != 1);" for lang in (
        "en", "es", "ca", "gl", "pt", "it", "de", "nl", "sv", "da", "nb", "nn", "no", "fi", "el", "eu",
        "eo", "et", "hu", "bg", "he", "af", "an", "ast")},
    **{lang: "nplurals=2; plural=(n > 1);" for lang in ("fr", "oc", "br", "pt_BR", "tr")},
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "ja": "nplurals=1; plural=0;", "zh": "nplurals=1; plural=0;", "ko": "nplurals=1; plural=0;",
}

#: Placeholder syntaxes protected for an entry, by its format flag; entries with none get the
#: named syntaxes and a cautious printf (a lone ``%`` is usually a percent sign there).
FLAG_SYNTAXES: dict[str, tuple[str, ...]] = {
    "c-format": ("c",), "objc-format": ("c",), "php-format": ("c",), "sh-format": ("template",),
    "python-format": ("python",), "python-brace-format": ("brace",),
    "qt-format": ("qt",), "qt-plural-format": ("qt",), "kde-format": ("qt",),
}
DEFAULT_SYNTAXES: tuple[str, ...] = ("icu", "template", "pynamed", "brace", "qt", "symfony", "printf")
#: ``no-*-format`` flags: the translator said this text is not a format string.
NO_FLAGS: dict[str, str] = {"no-c-format": "printf", "no-python-format": "pynamed",
                            "no-python-brace-format": "brace", "no-qt-format": "qt"}
#: Protected in every entry whatever its flag.
ALWAYS: tuple[str, ...] = ("markup", "entity", "url")

_PLURAL = "\x04#plural"
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def entry_key(entry: object) -> str:
    """gettext's key of an entry: ``msgctxt\\x04msgid``, or ``msgid`` without a context."""
    ctxt = getattr(entry, "msgctxt", None)
    msgid = getattr(entry, "msgid")
    return f"{ctxt}\x04{msgid}" if ctxt is not None else msgid


def protector_for(flags: list[str]) -> Protector:
    """The :class:`Protector` for an entry with ``flags`` (``no-c-format`` turns a syntax off)."""
    names: list[str] = []
    for flag in flags:
        names.extend(FLAG_SYNTAXES.get(flag, ()))
    if not names:
        off = {NO_FLAGS[f] for f in flags if f in NO_FLAGS}
        names = [n for n in DEFAULT_SYNTAXES if n not in off]
    return Protector(tuple(dict.fromkeys([*names, *ALWAYS])))


class PoFormat(DocumentFormat["polib.POFile"]):  # type: ignore[name-defined]
    """PO and POT files."""

    name = "po"
    extensions = (".po", ".pot")

    def parse(self, text: str) -> polib.POFile:  # type: ignore[name-defined]  # noqa: F821
        import polib

        check_syntax(text)
        try:
            # polib takes a string as a path when such a file exists: a newline rules that out.
            return polib.pofile(text if "\n" in text else text + "\n", wrapwidth=78)
        except (OSError, ValueError) as err:
            where = re.search(r"line (\d+)", str(err))
            prefix = f"line {where.group(1)}, column 1: " if where else ""
            why = re.sub(r" *[(]line \d+[)]", "", str(err))
            raise InputError(f"{prefix}not a valid PO file ({why})") from None

    def corpus_props(self, uid: str) -> tuple[tuple[str, str], ...]:
        plural = uid.endswith(_PLURAL)
        key = uid.removesuffix(_PLURAL)
        ctxt, sep, msgid = key.rpartition("\x04")
        props = ((("context", ctxt),) if sep else ()) + (("unit", msgid if sep else key),)
        return props + ((("plural", "1"),) if plural else ())

    def _todo(self, doc: object, overwrite: bool) -> list[object]:
        return [e for e in doc if not e.obsolete and e.msgid != ""  # type: ignore[attr-defined]
                and (overwrite or not _has_translation(e))]

    def skipped(self, doc: object, options: DocumentOptions) -> int:
        if options.overwrite:
            return 0
        return sum(1 for e in doc if not e.obsolete and e.msgid != "" and _has_translation(e))  # type: ignore[attr-defined]

    def units(self, doc: object, options: DocumentOptions) -> list[Unit]:
        if options.tgt:
            _check_language(doc, options.tgt)
        marker = accelerator_marker(doc, options)
        units: list[Unit] = []
        for entry in self._todo(doc, options.overwrite):
            protector = protector_for(entry.flags)  # type: ignore[attr-defined]
            key = entry_key(entry)
            units.append(Unit(key, protector.mask(strip_accelerator(entry.msgid, marker)[0])))  # type: ignore[attr-defined]
            if entry.msgid_plural:  # type: ignore[attr-defined]
                plural = strip_accelerator(entry.msgid_plural, marker)[0]  # type: ignore[attr-defined]
                units.append(Unit(key + _PLURAL, protector.mask(plural)))
        return units

    def rebuild(self, doc: object, translations: Mapping[str, Target], options: DocumentOptions) -> str:
        po = copy.deepcopy(doc)
        marker = accelerator_marker(po, options)
        nplurals = self._prepare_header(po, options.tgt)
        for entry in self._todo(po, options.overwrite):
            key = entry_key(entry)
            if key not in translations:
                continue
            if entry.msgid_plural:  # type: ignore[attr-defined]
                found = translations.get(key + _PLURAL)
                if found is None:
                    continue  # both forms or neither: a half-filled plural entry is wrong
                one = with_accelerator(translations[key], entry.msgid, marker)  # type: ignore[attr-defined]
                plural = with_accelerator(found, entry.msgid_plural, marker)  # type: ignore[attr-defined]
                entry.msgstr_plural = {0: one, **{n: plural for n in range(1, nplurals)}}  # type: ignore[attr-defined]
                if nplurals == 1:
                    entry.msgstr_plural = {0: plural}  # type: ignore[attr-defined]
            else:
                entry.msgstr = with_accelerator(translations[key], entry.msgid, marker)  # type: ignore[attr-defined]
            flags = entry.flags  # type: ignore[attr-defined]
            if options.fuzzy and "fuzzy" not in flags:
                flags.insert(0, "fuzzy")
            elif not options.fuzzy and "fuzzy" in flags:
                flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None  # type: ignore[attr-defined]
        return str(po)

    def _prepare_header(self, po: object, tgt: str) -> int:
        """Set ``Language``, ``Plural-Forms`` and a UTF-8 charset; returns ``nplurals``.

        Raises:
            InputError: the catalogue is for another language, or the target's plural forms are
                unknown and the catalogue has plural entries but no ``Plural-Forms``.
        """
        meta = po.metadata  # type: ignore[attr-defined]
        declared = meta.get("Language", "").strip()
        if not _same_language(declared, tgt):
            declared = ""  # an untranslated catalogue of another language (Django's en/): a template
            meta.pop("Plural-Forms", None)
        meta["Language"] = declared or tgt
        meta["Content-Type"] = "text/plain; charset=UTF-8"
        if "Content-Transfer-Encoding" in meta:
            meta["Content-Transfer-Encoding"] = "8bit"
        forms = meta.get("Plural-Forms", "")
        found = _NPLURALS.search(forms)
        if found is None or "INTEGER" in forms:
            has_plurals = any(e.msgid_plural for e in po)  # type: ignore[attr-defined]
            known = PLURAL_FORMS.get(declared or tgt) or PLURAL_FORMS.get(tgt)
            if known is None:
                if has_plurals:
                    raise InputError(f"the plural forms of {tgt!r} are not known; add a Plural-Forms header")
                return 2
            meta["Plural-Forms"] = known
            found = _NPLURALS.search(known)
        return int(found.group(1))  # type: ignore[union-attr]


#: Accelerator markers gettext and translate-toolkit know (KDE/Qt/Mozilla ``&``, GNOME ``_``, OpenOffice ``~``).
ACCELERATORS = ("&", "_", "~")


def accelerator_marker(po: object, options: DocumentOptions) -> str:
    """The marker in use: the option, else the ``X-Accelerator-Marker`` header, else none (``""``).

    Raises:
        InputError: a marker that is not one character.
    """
    marker = options.accelerator
    if marker is None:
        marker = po.metadata.get("X-Accelerator-Marker", "").strip()  # type: ignore[attr-defined]
    if len(marker) > 1:
        raise InputError(f"accelerator marker {marker!r}: one character (such as {', '.join(ACCELERATORS)})")
    return marker


def strip_accelerator(text: str, marker: str) -> tuple[str, str]:
    """``text`` without its accelerator and the accelerated character (``""`` when there is none).

    The accelerator is the first marker before a letter or digit; a doubled marker (``&&``) is
    a literal one and an HTML entity (``&amp;``) is not an accelerator.
    """
    if not marker:
        return text, ""
    found = _accelerator(marker).search(text)
    if found is None:
        return text, ""
    return text[:found.start()] + text[found.start() + 1:], found.group(1)


def with_accelerator(target: Target, msgid: str, marker: str) -> str:
    """The target's text with the marker of ``msgid``'s accelerator put back.

    Before the same letter (either case) if the translation has it in its words (at the start of
    a word first), else before its first letter or digit; never inside a placeholder or a tag. Without an accelerator in
    ``msgid`` the text is returned as it is.
    """
    letter = strip_accelerator(msgid, marker)[1]
    if not letter:
        return target.text
    pieces = target.source.pieces(target.masked)
    runs = [(k, p) for k, p in enumerate(pieces) if isinstance(p, str)]
    def same(run: str, i: int) -> bool:
        return run[i].lower() == letter.lower()

    def word_start(run: str, i: int) -> bool:
        return same(run, i) and (i == 0 or not run[i - 1].isalnum())

    for wanted in (word_start, same, lambda run, i: run[i].isalnum()):
        for k, run in runs:
            at = next((i for i in range(len(run)) if wanted(run, i)), None)
            if at is not None:
                pieces[k] = run[:at] + marker + run[at:]
                return "".join(p if isinstance(p, str) else p.text for p in pieces)
    return target.text  # nothing to accelerate: no letter outside the placeholders


def _accelerator(marker: str) -> re.Pattern[str]:
    m = re.escape(marker)
    entity = r"(?![A-Za-z]\w*;|#\d+;|#x[0-9A-Fa-f]+;)" if marker == "&" else ""
    return re.compile(rf"(?<!{m}){m}{entity}([^\W_])")


_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?("(?:[^"\\]|\\.)*")?[ \t]*')


def check_syntax(text: str) -> None:
    """Refuse what polib would read leniently (an unterminated string, a stray word).

    Every line must be blank, a comment (``#``, ``#~`` obsolete entries included), a keyword
    with one quoted string, or a continuation string.

    Raises:
        InputError: the first bad line, with its line and column.
    """
    entries = _Entries()
    for n, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        body = line.lstrip()
        match = _LINE.fullmatch(body)
        if match is None or match.group(1) is None:
            col = len(line) - len(body) + 1 + (match.start(1) if match and match.group(1) else 0)
            quote = body.find('"')
            if quote >= 0 and (match is None or match.group(1) is None):
                col = len(line) - len(body) + quote + 1
            raise InputError(f"line {n}, column {col}: not a valid PO line: {stripped[:60]!r}")
        keyword = body[:match.start(1)].strip()
        entries.add(keyword, match.group(1), n, len(line) - len(body) + 1)
    entries.close()


class _Entries:
    """The entries of a catalogue as its lines come: keywords in gettext's order, each complete, each once.

    What msgfmt refuses and polib reads leniently: a ``msgstr`` before its ``msgid``, an entry
    without ``msgstr``, ``msgstr[n]`` without ``msgid_plural`` (or the reverse), a second
    definition of the same ``msgctxt``/``msgid``.
    """

    #: Keyword -> the keywords that may come right before it in one entry.
    AFTER = {"msgid": ("", "msgctxt"), "msgid_plural": ("msgid",), "msgstr": ("msgid",),
             "msgstr[]": ("msgid_plural", "msgstr[]")}

    def __init__(self) -> None:
        self.seen: dict[tuple[str | None, str], int] = {}
        self._reset()

    def _reset(self) -> None:
        self.start: tuple[int, int] | None = None
        self.last = ""
        self.values: dict[str, str] = {}

    def add(self, keyword: str, string: str, line: int, col: int) -> None:
        if not keyword:  # a continuation of the last keyword's string
            self.values[self.last] = self.values.get(self.last, "") + string[1:-1]
            return
        kind = "msgstr[]" if keyword.startswith("msgstr[") else keyword
        if kind == "msgctxt" or (kind == "msgid" and self.last != "msgctxt"):
            self.close()
            self.start = (line, col)
        elif self.last not in self.AFTER[kind]:
            before = " or ".join(k for k in self.AFTER[kind] if k) or "msgid"
            raise InputError(f"line {line}, column {col}: {keyword} must follow {before.replace('[]', '[n]')}")
        self.last = kind
        self.values[kind] = self.values.get(kind, "") + string[1:-1]

    def close(self) -> None:
        """Check the entry read so far (at the next entry and at the end of the file)."""
        if self.start is None:
            return
        line, col = self.start
        where = f"line {line}, column {col}"
        if "msgid" not in self.values:
            raise InputError(f"{where}: msgctxt without msgid")
        if "msgstr" not in self.values and "msgstr[]" not in self.values:
            raise InputError(f"{where}: the entry has no msgstr")
        if ("msgid_plural" in self.values) != ("msgstr[]" in self.values):
            raise InputError(f"{where}: msgstr[n] and msgid_plural go together")
        key = (self.values.get("msgctxt"), self.values["msgid"])
        if key in self.seen:
            raise InputError(f"{where}: duplicate message definition (first defined at line {self.seen[key]})")
        self.seen[key] = line
        self._reset()


def _same_language(declared: str, tgt: str) -> bool:
    """``es_ES``, ``es@valencia`` and ``es`` are all ``es``; an empty declaration matches anything."""
    return not declared or declared == tgt or re.split(r"[_@.-]", declared)[0].lower() == tgt


def _check_language(po: object, tgt: str) -> None:
    """Refuse to add ``tgt`` translations to a catalogue that has translations in another language.

    Raises:
        InputError: ``Language`` is another language and some entries are translated.
    """
    declared = po.metadata.get("Language", "").strip()  # type: ignore[attr-defined]
    if not _same_language(declared, tgt) and any(
            _has_translation(e) for e in po if e.msgid and not e.obsolete):  # type: ignore[attr-defined]
        raise InputError(f"the catalogue is for language {declared!r}, not {tgt!r}; translate its template (.pot)")


def _has_translation(entry: object) -> bool:
    if getattr(entry, "msgid_plural", ""):
        return any(v for v in entry.msgstr_plural.values())  # type: ignore[attr-defined]
    return bool(entry.msgstr)  # type: ignore[attr-defined]
