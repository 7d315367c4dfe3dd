"""PO/POT catalogues: msgstr filled, everything else kept, placeholders verified, msgfmt-clean."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from alignkit.documents import DocumentOptions, get_format
from alignkit.documents.base import source_units, translate_document
from alignkit.errors import InputError
from tests.documents.fakes import Breaks, DropsTokens, Upper

POT = r'''# SOME DESCRIPTIVE TITLE.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\n"
"Language: \n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=CHARSET\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n"

#. Shown in the toolbar
#: src/main.c:10
#, c-format
msgid "Could not open file %s: %d bytes left."
msgstr ""

#: src/main.c:20
#, c-format
msgid "Deleted %d file"
msgid_plural "Deleted %d files"
msgstr[0] ""
msgstr[1] ""

#, python-format
msgid "Hello %(name)s, you have %(count)d new messages."
msgstr ""

msgctxt "menu"
msgid "Open the <b>red</b> file"
msgstr ""

#, python-brace-format
msgid "Welcome back, {user}!\n"
msgstr ""

#, qt-format
msgid "Copy %1 to %2"
msgstr ""

msgid "Already done"
msgstr "Ya hecho"

#~ msgid "Old string"
#~ msgstr "Cadena vieja"
'''


def run(text: str = POT, translator: object = None, **options: object) -> tuple[str, object]:
    opts = DocumentOptions(tgt=str(options.pop("tgt", "es")), **options)  # type: ignore[arg-type]
    done = translate_document(get_format("po"), text, translator or Upper(), opts)
    return done.text, done.report


def entries(text: str) -> dict[str, polib.POEntry]:
    return {(e.msgctxt or "") + "|" + e.msgid: e for e in polib.pofile(text)}


def test_msgstr_filled_and_placeholders_kept() -> None:
    out, report = run()
    got = entries(out)
    assert got["|Could not open file %s: %d bytes left."].msgstr == "COULD NOT OPEN FILE %s: %d BYTES LEFT."
    assert got["|Hello %(name)s, you have %(count)d new messages."].msgstr == \
        "HELLO %(name)s, YOU HAVE %(count)d NEW MESSAGES."
    assert got["menu|Open the <b>red</b> file"].msgstr == "OPEN THE <b>RED</b> FILE"
    assert got["|Welcome back, {user}!\n"].msgstr == "WELCOME BACK, {user}!\n"
    assert got["|Copy %1 to %2"].msgstr == "COPY %1 TO %2"
    assert report.placeholders == 2 + 2 + 2 + 2 + 1 + 2  # type: ignore[attr-defined]
    assert report.failed == ()  # type: ignore[attr-defined]


def test_plurals_follow_target_plural_forms() -> None:
    out, _ = run(tgt="es")
    entry = entries(out)["|Deleted %d file"]
    assert entry.msgstr_plural == {0: "DELETED %d FILE", 1: "DELETED %d FILES"}
    po = polib.pofile(out)
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert po.metadata["Language"] == "es"
    ro = polib.pofile(run(tgt="ro")[0])
    assert ro.metadata["Plural-Forms"].startswith("nplurals=3")
    assert entries(str(ro))["|Deleted %d file"].msgstr_plural[2] == "DELETED %d FILES"
    fr = polib.pofile(run(tgt="fr")[0])
    assert fr.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"


def test_fuzzy_by_default_and_no_fuzzy() -> None:
    out, _ = run()
    got = entries(out)
    assert "fuzzy" in got["|Could not open file %s: %d bytes left."].flags
    assert "c-format" in got["|Could not open file %s: %d bytes left."].flags
    assert "fuzzy" not in got["|Already done"].flags
    plain = entries(run(fuzzy=False)[0])
    assert "fuzzy" not in plain["|Could not open file %s: %d bytes left."].flags


def test_comments_context_references_obsolete_and_translated_kept() -> None:
    out, report = run()
    got = entries(out)
    first = got["|Could not open file %s: %d bytes left."]
    assert first.comment == "Shown in the toolbar" and first.occurrences == [("src/main.c", "10")]
    assert got["|Already done"].msgstr == "Ya hecho"
    assert "#~ msgid \"Old string\"\n#~ msgstr \"Cadena vieja\"" in out
    assert report.skipped == 1  # type: ignore[attr-defined]
    assert entries(run(overwrite=True)[0])["|Already done"].msgstr == "ALREADY DONE"


def test_lost_placeholder_falls_back_to_fragments() -> None:
    out, report = run(translator=DropsTokens())
    assert entries(out)["menu|Open the <b>red</b> file"].msgstr == "OPEN THE <b>RED</b> FILE"
    assert report.split >= 1  # type: ignore[attr-defined]


def test_entry_that_cannot_be_kept_is_left_untranslated_and_reported() -> None:
    out, report = run(translator=Breaks())
    got = entries(out)
    assert got["|Could not open file %s: %d bytes left."].msgstr == ""
    assert "fuzzy" not in got["|Could not open file %s: %d bytes left."].flags
    assert len(report.failed) == 7  # type: ignore[attr-defined]
    assert "left untranslated" in report.summary()  # type: ignore[attr-defined]


def test_catalogue_for_another_language_is_refused() -> None:
    es = run()[0]
    with pytest.raises(InputError, match="for language 'es', not 'fr'"):
        run(es, tgt="fr")


def test_unknown_plural_forms_with_plural_entries_refused() -> None:
    with pytest.raises(InputError, match="plural forms of 'xh'"):
        run(tgt="xh")


@pytest.mark.parametrize("text, message", [
    ('msgid "a"\nmsgstr "b"\n\nmsgid "c\nfoo\n', "line 4, column 7: not a valid PO line"),
    ('msgid "a"\nmsgstr "b\n', "line 2, column 8"),
    ('msgid "a"\nmsgstr "b"\nstray words\n', "line 3, column 1"),
    ('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgid "c"\n', "line 3, column 1: the entry has no msgstr"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "line 4, column 1: duplicate message definition "
                                                         r"\(first defined at line 1\)"),
    ('msgctxt "m"\nmsgid "a"\nmsgstr ""\n\nmsgctxt "m"\nmsgid ""\n"a"\nmsgstr ""\n', "line 5, column 1: duplicate"),
    ('msgid "a"\nmsgstr[0] "b"\n', r"line 2, column 1: msgstr\[0\] must follow msgid_plural"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', "line 3, column 1: msgstr must follow msgid"),
    ('msgstr "b"\n', "line 1, column 1: msgstr must follow msgid"),
    ('msgctxt "m"\n\n#, fuzzy\nmsgctxt "n"\nmsgid "a"\nmsgstr ""\n', "line 1, column 1: msgctxt without msgid"),
    ('msgid "a"\n  msgstr "b"\n', None),  # indented keywords are fine for gettext
], ids=["unterminated", "unterminated-last", "stray", "no-msgstr", "duplicate", "duplicate-in-context",
        "plural-without-msgid-plural", "msgstr-for-a-plural", "msgstr-first", "lone-msgctxt", "indented"])
def test_parse_error_names_the_line(text: str, message: str | None) -> None:
    if message is None:
        get_format("po").parse(text)
        return
    with pytest.raises(InputError, match=message):
        get_format("po").parse(text)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext's msgfmt (apt-get install gettext)")
@pytest.mark.parametrize("text", [
    'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 'msgid "a"\nmsgstr[0] "b"\n', 'msgstr "b"\n',
    'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n',
], ids=["duplicate", "plural-without-msgid-plural", "msgstr-first", "msgstr-for-a-plural"])
def test_what_alignkit_refuses_msgfmt_refuses_too(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    assert subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True).returncode != 0


def test_source_units_lists_every_message_with_ids() -> None:
    fmt = get_format("po")
    units = dict(source_units(fmt, fmt.parse(POT)))
    assert units["menu\x04Open the <b>red</b> file"] == "Open the <b>red</b> file"
    assert units["Deleted %d file\x04#plural"] == "Deleted %d files"
    assert "Already done" in units and "Old string" not in units


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext's msgfmt (apt-get install gettext)")
@pytest.mark.parametrize("tgt", ["es", "fr", "ro"])
def test_output_passes_msgfmt_check(tmp_path: Path, tgt: str) -> None:
    path = tmp_path / f"{tgt}.po"
    path.write_text(run(tgt=tgt)[0], encoding="utf-8")
    for extra in ([], ["--use-fuzzy"]):
        done = subprocess.run(["msgfmt", "--check", *extra, "-o", "/dev/null", str(path)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr


def test_translate_toolkit_reads_the_output() -> None:
    from translate.storage import po as ttk_po

    store = ttk_po.pofile(run()[0].encode("utf-8"))
    units = {u.source: u for u in store.units if not u.isheader()}
    assert units["Copy %1 to %2"].target == "COPY %1 TO %2"
    assert units["Copy %1 to %2"].isfuzzy()


def test_untranslated_catalogue_of_the_source_language_is_a_template() -> None:
    en = POT.replace('"Language: \\n"', '"Language: en\\n"').replace('msgstr "Ya hecho"', 'msgstr ""')
    po = polib.pofile(run(en, tgt="ro")[0])
    assert po.metadata["Language"] == "ro" and po.metadata["Plural-Forms"].startswith("nplurals=3")


ACCEL = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"X-Accelerator-Marker: &\n"

msgid "&Open file"
msgstr ""

msgid "Save &as %s"
msgstr ""

msgid "Tom && Jerry &amp; friends"
msgstr ""

#, c-format
msgid "&%s"
msgstr ""
'''


def _accel(text: str, translator: object, **options: object) -> dict[str, str]:
    done = translate_document(get_format("po"), text, translator, DocumentOptions(tgt="es", **options))
    return {e.msgid: e.msgstr for e in polib.pofile(done.text)}


class Spanish(Upper):
    """A fixed 'translation' per masked text (the marker must be gone before the engine)."""

    OUT = {"Open file": "Abrir archivo", "Save as \u27e60\u27e7": "Guardar como \u27e60\u27e7",
           "Tom && Jerry \u27e60\u27e7 friends": "Tom && Jerry \u27e60\u27e7 amigos"}

    def _translate_batch(self, texts: list[str]) -> list:  # type: ignore[type-arg]
        from alignkit.types import EngineOutput

        self.seen.extend(texts)
        return [EngineOutput(self.OUT[t]) for t in texts]


def test_accelerator_header_stripped_and_put_back_before_the_same_letter() -> None:
    engine = Spanish()
    out = _accel(ACCEL, engine)
    assert not any("&" in t.replace("&&", "").replace("\u27e60\u27e7", "") for t in engine.seen)
    assert out["&Open file"] == "Abrir archiv&o"  # the same letter, wherever it is
    assert out["Save &as %s"] == "Gu&ardar como %s"  # 'a' starts no word: the first 'a' then
    assert out["Tom && Jerry &amp; friends"] == "Tom && Jerry &amp; amigos"  # no accelerator there
    assert out["&%s"] == "&%s"  # a marker before no letter is no accelerator: copied as it is


@pytest.mark.parametrize(("marker", "msgid", "expected"), [
    ("_", "_Quit", "Salir"), ("~", "~Quit", "Salir"), ("&", "&Quit", "Salir"),
], ids=["gnome", "openoffice", "kde"])
def test_accelerator_option_and_first_letter_fallback(marker: str, msgid: str, expected: str) -> None:
    pot = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "{msgid}"\nmsgstr ""\n'

    class Quit(Upper):
        def _translate_batch(self, texts: list[str]) -> list:  # type: ignore[type-arg]
            from alignkit.types import EngineOutput

            assert texts == ["Quit"]
            return [EngineOutput(expected)]

    out = _accel(pot, Quit(), accelerator=marker)
    assert out[msgid] == marker + expected  # no "q" in "Salir": before the first letter


def test_no_marker_means_no_accelerator_handling() -> None:
    pot = ACCEL.replace('"X-Accelerator-Marker: &\\n"\n', "")
    engine = Upper()
    out = _accel(pot, engine)
    assert out["&Open file"] == "&OPEN FILE" and "&Open file" in engine.seen


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext's msgfmt (apt-get install gettext)")
@pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed")
def test_apertium_output_passes_msgfmt_check_accelerators(tmp_path: Path) -> None:
    from alignkit.translate import get_engine, open_translator

    pot = ACCEL + '\nmsgid "_Edit the &house"\nmsgstr ""\n\nmsgid "&Red house"\nmsgstr ""\n'
    with open_translator(get_engine("apertium", {}), "en", "es") as translator:
        done = translate_document(get_format("po"), pot, translator, DocumentOptions(tgt="es", fuzzy=False))
    path = tmp_path / "es.po"
    path.write_text(done.text, encoding="utf-8")
    res = subprocess.run(["msgfmt", "--check", "--check-accelerators=&", "-o", "/dev/null", str(path)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr + done.text
    out = {e.msgid: e.msgstr for e in polib.pofile(done.text)}
    assert all(out[m].count("&") == 1 for m in ("&Red house", "&Open file", "_Edit the &house"))
    assert out["&Red house"] == "Casa &roja"  # the same letter at a word's start
