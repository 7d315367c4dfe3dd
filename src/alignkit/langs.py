"""Language codes: validation and mapping between ISO 639-1 and ISO 639-3.

alignkit speaks ISO 639-1 codes (``en``, ``es``) everywhere; engines that use other codes
(Apertium's ``eng``/``spa``, NLLB's ``eng_Latn``) map at their edge with these helpers.
"""

from __future__ import annotations

from alignkit.errors import UnknownNameError

# ISO 639-1 -> (ISO 639-3, English name). Languages with sentence rules, Apertium pairs or
# common MT models; extend freely, the code paths do not special-case any of them.
LANGUAGES: dict[str, tuple[str, str]] = {
    "ar": ("ara", "Arabic"),
    "bg": ("bul", "Bulgarian"),
    "ca": ("cat", "Catalan"),
    "cs": ("ces", "Czech"),
    "cy": ("cym", "Welsh"),
    "da": ("dan", "Danish"),
    "de": ("deu", "German"),
    "el": ("ell", "Greek"),
    "en": ("eng", "English"),
    "eo": ("epo", "Esperanto"),
    "es": ("spa", "Spanish"),
    "et": ("est", "Estonian"),
    "eu": ("eus", "Basque"),
    "fi": ("fin", "Finnish"),
    "fr": ("fra", "French"),
    "ga": ("gle", "Irish"),
    "gl": ("glg", "Galician"),
    "he": ("heb", "Hebrew"),
    "hi": ("hin", "Hindi"),
    "hu": ("hun", "Hungarian"),
    "id": ("ind", "Indonesian"),
    "is": ("isl", "Icelandic"),
    "it": ("ita", "Italian"),
    "ja": ("jpn", "Japanese"),
    "ko": ("kor", "Korean"),
    "lt": ("lit", "Lithuanian"),
    "lv": ("lav", "Latvian"),
    "mt": ("mlt", "Maltese"),
    "nb": ("nob", "Norwegian Bokmål"),
    "nl": ("nld", "Dutch"),
    "nn": ("nno", "Norwegian Nynorsk"),
    "oc": ("oci", "Occitan"),
    "pl": ("pol", "Polish"),
    "pt": ("por", "Portuguese"),
    "ro": ("ron", "Romanian"),
    "ru": ("rus", "Russian"),
    "sk": ("slk", "Slovak"),
    "sl": ("slv", "Slovenian"),
    "sv": ("swe", "Swedish"),
    "tr": ("tur", "Turkish"),
    "uk": ("ukr", "Ukrainian"),
    "zh": ("zho", "Chinese"),
}

_BY_ISO3 = {iso3: iso1 for iso1, (iso3, _) in LANGUAGES.items()}
# ISO 639-2/B and other spellings engines use.
_BY_ISO3.update({"fre": "fr", "ger": "de", "dut": "nl", "chi": "zh", "gre": "el", "por": "pt", "nor": "nb"})


def normalize(code: str) -> str:
    """Return the ISO 639-1 code for ``code`` (``"ES"``, ``"spa"``, ``"es_ES"`` -> ``"es"``).

    Raises:
        UnknownNameError: the code is not a known language.
    """
    raw = code.strip()
    base = raw.replace("-", "_").split("_")[0].lower()
    if base in LANGUAGES:
        return base
    if base in _BY_ISO3:
        return _BY_ISO3[base]
    raise UnknownNameError(
        f"unknown language code {raw!r}; use an ISO 639-1 code such as en, es, ca, gl, pt, it, fr"
    )


def parse_list(codes: str) -> tuple[str, ...]:
    """Parse ``"es,ca, gl"`` into normalised codes, keeping order and dropping duplicates."""
    out: list[str] = []
    for part in codes.split(","):
        if part.strip():
            code = normalize(part)
            if code not in out:
                out.append(code)
    if not out:
        raise UnknownNameError("no language given")
    return tuple(out)


def iso3(code: str) -> str:
    """ISO 639-3 code of an ISO 639-1 code."""
    return LANGUAGES[normalize(code)][0]


def name(code: str) -> str:
    """English name of a language code."""
    return LANGUAGES[normalize(code)][1]
