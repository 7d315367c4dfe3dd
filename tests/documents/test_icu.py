"""ICU MessageFormat: keywords, selectors, ``#`` and argument names kept; each sub-message translated."""

from __future__ import annotations

import shutil

import pytest

from alignkit.documents import DocumentOptions, get_format
from alignkit.documents.base import translate_document
from alignkit.documents.fill import fill
from alignkit.documents.protect import Protector
from alignkit.types import EngineOutput
from tests.documents.fakes import Breaks, Upper

ICU = Protector(("icu", "brace", "markup", "printf"))


def _translate(text: str, translator: object = None) -> str | None:
    masked = ICU.mask(text)
    (filled,) = fill([masked], translator or Upper(), segmenter=None)
    return None if filled.text is None else (filled.source or masked).restore(filled.text)


@pytest.mark.parametrize(("source", "expected"), [
    ("{count, plural, one {# file} other {# files}}", "{count, plural, one {# FILE} other {# FILES}}"),
    ("You have {count, plural, =0 {no files} one {# file} other {# files}} in {folder}.",
     "YOU HAVE {count, plural, =0 {NO FILES} one {# FILE} other {# FILES}} IN {folder}."),
    ("{gender, select, male {He replied} female {She replied} other {They replied}}",
     "{gender, select, male {HE REPLIED} female {SHE REPLIED} other {THEY REPLIED}}"),
    ("{place, selectordinal, one {#st place} two {#nd place} other {#th place}}",
     "{place, selectordinal, one {#ST PLACE} two {#ND PLACE} other {#TH PLACE}}"),
    ("{n, plural, offset:1 =0 {nobody} other {{name} and # others}}",
     "{n, plural, offset:1 =0 {NOBODY} other {{name} AND # OTHERS}}"),
    ("{g, select, female {{n, plural, one {she has # cat} other {she has # cats}}} other {{n, plural, "
     "one {they have # cat} other {they have # cats}}}}",
     "{g, select, female {{n, plural, one {SHE HAS # CAT} other {SHE HAS # CATS}}} other {{n, plural, "
     "one {THEY HAVE # CAT} other {THEY HAVE # CATS}}}}"),
    ("{n, plural, one {Click <b>here</b> for # item} other {Click <b>here</b> for # items}}",
     "{n, plural, one {CLICK <b>HERE</b> FOR # ITEM} other {CLICK <b>HERE</b> FOR # ITEMS}}"),
    ("{n, plural, one {the '{'braces'}' file} other {# files}}",
     "{n, plural, one {THE '{'BRACES'}' FILE} other {# FILES}}"),  # '{' and '}' are the quoted literals
], ids=["plural", "in-text-with-exact", "select", "selectordinal", "offset-and-argument", "nested",
        "markup-inside", "quoted-literal"])
def test_sub_messages_translated_code_kept(source: str, expected: str) -> None:
    assert _translate(source) == expected


def test_sub_messages_go_to_the_engine_as_texts_of_their_own() -> None:
    engine = Upper()
    _translate("You have {count, plural, one {# file} other {# files}} left.", engine)
    assert sorted(engine.seen) == sorted(["\u27e60\u27e7 file", "\u27e60\u27e7 files", "You have \u27e60\u27e7 left."])


@pytest.mark.parametrize("source", [
    "{count, plural, one {# file} other {# files}",             # not closed
    "{count, plural, one {# file}}",                            # no other
    "{count plural, one {# file} other {# files}}",             # no comma
    "{n, plural, one {x} other {{g, select, male {y}}}}",       # nested message without other
    "{n, plural, one {the '{ file} other {# files}}",           # quote not closed
], ids=["unclosed", "no-other", "no-comma", "nested-no-other", "open-quote"])
def test_malformed_message_leaves_the_unit_untranslated(source: str) -> None:
    masked = ICU.mask(source)
    assert masked.problem.startswith("malformed ICU message")
    engine = Upper()
    (filled,) = fill([masked], engine, segmenter=None)
    assert filled.how == "failed" and filled.text is None and engine.seen == []


class BreaksFiles(Upper):
    """Breaks the token brackets of texts about files only (the sub-messages below, not the text around)."""

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        return [EngineOutput(t.upper() + (" \u27e6" if "file" in t else "")) for t in texts]


def test_a_lost_placeholder_in_a_sub_message_fails_the_whole_unit() -> None:
    masked = ICU.mask("Now {n, plural, one {delete # file} other {delete # files}} or later.")
    (filled,) = fill([masked], BreaksFiles(), segmenter=None)
    assert filled.text is None and filled.problem.startswith("an ICU sub-message: ")
    assert _translate("Now {n, plural, one {delete # file} other {delete # files}}.", Breaks()) is None


XLIFF = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file source-language="en" datatype="plaintext" original="x">
    <body>
      <trans-unit id="files"><source>{count, plural, one {# file} other {# files}} were deleted.</source></trans-unit>
      <trans-unit id="bad"><source>{count, plural, one {# file} other {# files} were deleted.</source></trans-unit>
    </body>
  </file>
</xliff>
'''


def test_xliff_units_and_the_malformed_one_reported() -> None:
    done = translate_document(get_format("xliff"), XLIFF, Upper(), DocumentOptions(tgt="es"))
    assert "<target xml:lang=\"es\" state=\"needs-review-translation\" state-qualifier=\"mt-suggestion\">" \
           "{count, plural, one {# FILE} other {# FILES}} WERE DELETED.</target>" in done.text
    assert [uid for uid, _ in done.report.failed] == ["bad"]
    assert "malformed ICU message" in done.report.failed[0][1]
    assert done.text.count("<target") == 1


PO = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "{n, select, one {One message} other {Several messages}}"
msgstr ""
'''


def test_po_entry_without_format_flag() -> None:
    import polib

    done = translate_document(get_format("po"), PO, Upper(), DocumentOptions(tgt="es"))
    (entry,) = polib.pofile(done.text)
    assert entry.msgstr == "{n, select, one {ONE MESSAGE} other {SEVERAL MESSAGES}}"


@pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed")
def test_apertium_translates_each_case() -> None:
    from alignkit.translate import get_engine, open_translator

    with open_translator(get_engine("apertium", {}), "en", "es") as translator:
        out = _translate("{count, plural, one {# file was deleted} other {# files were deleted}}", translator)
    assert out is not None and out.startswith("{count, plural, one {# ") and "} other {# " in out
    assert "file" not in out and out.endswith("}}")
