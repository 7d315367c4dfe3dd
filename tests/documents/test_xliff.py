"""XLIFF 1.2 and 2.x: targets filled with a state, inline codes well formed, bad input refused."""

from __future__ import annotations

import pytest
from lxml import etree

from alignkit.documents import DocumentOptions, get_format
from alignkit.documents.base import translate_document
from alignkit.errors import InputError
from tests.documents.fakes import DropsTokens, Swaps, Upper

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2", "y": "urn:oasis:names:tc:xliff:document:2.0"}

X12 = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file source-language="en-US" datatype="plaintext" original="file.ext">
    <body>
      <trans-unit id="1" resname="blank">
        <source>This value should not be blank.</source>
        <note>Shown under a form field</note>
      </trans-unit>
      <trans-unit id="2">
        <source>It should have {{ limit }} characters or less, %count% left.</source>
      </trans-unit>
      <trans-unit id="3">
        <source>Click <g id="b1" ctype="bold">the red button</g> to save<x id="br"/> now.</source>
        <target/>
      </trans-unit>
      <trans-unit id="4"><source><bx id="1" rid="r1"/>Open<ex id="2" rid="r1"/> the file.</source></trans-unit>
      <trans-unit id="5" translate="no"><source>alignkit</source></trans-unit>
      <trans-unit id="6"><source>Hello</source><target state="final">Hola</target></trans-unit>
      <trans-unit id="7"><source>{count, plural, one {# file} other {# files}} were deleted.</source></trans-unit>
    </body>
  </file>
</xliff>
'''

X20 = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
  <file id="f1">
    <unit id="u1">
      <notes><note>Greeting</note></notes>
      <segment id="s1"><source>Welcome to <pc id="1" dataRefStart="d1">our home page</pc>.</source></segment>
    </unit>
    <unit id="u2">
      <segment><source>Press <sc id="1"/>Enter<ec startRef="1"/> to go on<ph id="2"/></source></segment>
    </unit>
  </file>
</xliff>
'''


def run(text: str, translator: object = None, **options: object) -> tuple[etree._Element, object, str]:
    done = translate_document(get_format("xliff"), text, translator or Upper(),
                              DocumentOptions(tgt="es", **options))  # type: ignore[arg-type]
    return etree.fromstring(done.text.split("\n", 1)[1].encode()), done.report, done.text


def target(root: etree._Element, uid: str) -> etree._Element:
    return root.find(f".//x:trans-unit[@id='{uid}']/x:target", NS)


def test_12_targets_with_state_and_kept_codes() -> None:
    root, report, text = run(X12)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<xliff')
    first = target(root, "1")
    assert first.text == "THIS VALUE SHOULD NOT BE BLANK."
    assert first.get("state") == "needs-review-translation" and first.get("state-qualifier") == "mt-suggestion"
    assert root.find(".//x:trans-unit[@id='1']/x:note", NS).text == "Shown under a form field"
    assert target(root, "2").text == "IT SHOULD HAVE {{ limit }} CHARACTERS OR LESS, %count% LEFT."
    third = target(root, "3")
    assert etree.tostring(third, encoding="unicode", with_tail=False).split(">", 1)[1] == \
        'CLICK <g id="b1" ctype="bold">THE RED BUTTON</g> TO SAVE<x id="br"/> NOW.</target>'
    assert [el.tag.split("}")[1] for el in target(root, "4")] == ["bx", "ex"]
    assert target(root, "5") is None
    assert target(root, "6").text == "Hola" and target(root, "6").get("state") == "final"
    assert target(root, "7").text.startswith("{count, plural, one {# FILE} other {# FILES}} WERE")  # sub-messages
    assert root.find("x:file", NS).get("target-language") == "es"
    assert report.skipped == 1 and report.units == 6  # type: ignore[attr-defined]


def test_12_no_fuzzy_state_translated() -> None:
    root, _, _ = run(X12, fuzzy=False)
    assert target(root, "1").get("state") == "translated"
    assert target(root, "1").get("state-qualifier") is None


def test_20_targets_and_inline_codes() -> None:
    root, report, _ = run(X20)
    seg = root.find(".//y:unit[@id='u1']/y:segment", NS)
    assert seg.get("state") == "translated"
    tgt = seg.find("y:target", NS)
    assert tgt.text == "WELCOME TO " and tgt[0].get("dataRefStart") == "d1" and tgt[0].text == "OUR HOME PAGE"
    second = root.find(".//y:unit[@id='u2']/y:segment/y:target", NS)
    assert [el.tag.split("}")[1] for el in second] == ["sc", "ec", "ph"]
    assert root.get("trgLang") == "es"
    assert report.placeholders == 5  # type: ignore[attr-defined]


def test_begin_end_codes_keep_their_order_when_the_engine_swaps_them() -> None:
    root, report, _ = run(X20, translator=Swaps())
    second = root.find(".//y:unit[@id='u2']/y:segment/y:target", NS)
    assert [el.tag.split("}")[1] for el in second] == ["sc", "ec", "ph"]
    assert report.split >= 1  # type: ignore[attr-defined]


def test_lost_code_falls_back_and_stays_well_formed() -> None:
    root, _, _ = run(X12, translator=DropsTokens())
    third = target(root, "3")
    assert third[0].text == "THE RED BUTTON" and third[1].get("id") == "br"


def test_translate_toolkit_reparses_the_output() -> None:
    from translate.storage import xliff

    store = xliff.xlifffile(run(X12)[2].encode("utf-8"))
    units = {u.getid().split("\x04")[-1]: u for u in store.units}  # ids are "original\x04id"
    assert units["1"].target == "THIS VALUE SHOULD NOT BE BLANK."
    assert units["3"].target == "CLICK THE RED BUTTON TO SAVE NOW."
    assert units["6"].target == "Hola"


def test_source_language_declared() -> None:
    fmt = get_format("xliff")
    assert fmt.source_lang(fmt.parse(X12)) == "en"


@pytest.mark.parametrize("text, message", [
    ('<xliff xmlns="urn:example:other" version="1.2"/>', "line 1, column 1: not XLIFF 1.2 or 2.x"),
    ('<xliff version="1.2"><file/></xliff>', "namespace none"),
    (X12.replace("<x id=\"br\"/>", "<b>bold</b>"), "line 13, column 73: <b> is not an XLIFF inline code"),
    (X12.replace('<ex id="2" rid="r1"/>', ""), "line 16, column 34: inline code 'r1' is opened and never closed"),
    (X20.replace('<sc id="1"/>', ""), "line 9, column 35: <ec> closes code '1' that was never opened"),
    (X12.replace("</source>\n        <note>", "<source>\n        <note>"), r"line \d+, column \d+: not well-formed XML \(Opening and ending tag mismatch"),
], ids=["namespace", "no-namespace", "foreign-inline", "unclosed-bx", "orphan-ec", "syntax"])
def test_bad_input_refused_with_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        get_format("xliff").parse(text)


def test_begin_end_codes_without_rid_are_paired_by_order() -> None:
    text = X12.replace('<bx id="1" rid="r1"/>Open<ex id="2" rid="r1"/>', '<bx id="1"/>Open<ex id="2"/>')
    root, report, _ = run(text)
    assert [el.tag.split("}")[1] for el in target(root, "4")] == ["bx", "ex"]
    assert report.failed == ()  # type: ignore[attr-defined]
