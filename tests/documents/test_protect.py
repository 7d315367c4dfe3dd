"""Masking placeholders and tags, checking translations, and the whole/split/failed fill."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignkit.documents.fill import fill
from alignkit.documents.protect import MaskBuilder, Protector, check
from tests.documents.fakes import Breaks, DropsTokens, Swaps, Unsure, Upper

C = Protector(("c", "markup"))


@pytest.mark.parametrize("syntaxes, text, pieces", [
    (("c",), "Could not open %s: %d bytes", ["%s", "%d"]),
    (("c",), "%1$s of %2$d and 100%%", ["%1$s", "%2$d", "%%"]),
    (("pynamed",), "Hello %(name)s, %(count)d new", ["%(name)s", "%(count)d"]),
    (("brace",), "Welcome {user}, {0} and {}", ["{user}", "{0}", "{}"]),
    (("qt",), "Copy %1 to %2", ["%1", "%2"]),
    (("template",), "At most {{ limit }} characters", ["{{ limit }}"]),
    (("symfony",), "You have %count% files", ["%count%"]),
    (("icu",), "{n, plural, one {# file} other {# files}} left", ["{n, plural, one {# file} other {# files}}"]),
    (("printf",), "50% of users and %s", ["%s"]),
    (("url",), "See https://example.com/a?b=1.", ["https://example.com/a?b=1"]),
    (("ident",), "Call snake_case_name and camelCase", ["snake_case_name", "camelCase"]),
], ids=["c", "c-positional", "python", "brace", "qt", "twig", "symfony", "icu", "percent-sign", "url", "ident"])
def test_syntaxes_protect_exactly_their_placeholders(syntaxes: tuple[str, ...], text: str, pieces: list[str]) -> None:
    masked = Protector(syntaxes).mask(text)
    assert [s.text for s in masked.spans] == pieces
    assert masked.restore(masked.text) == text


def test_markup_pairs_and_unpaired_tags() -> None:
    masked = C.mask("Open <b>the <i>red</i></b> file<br/> <u>x")
    roles = [(s.text, s.role) for s in masked.spans]
    assert roles == [("<b>", "open"), ("<i>", "open"), ("</i>", "close"), ("</b>", "close"),
                     ("<br/>", "atom"), ("<u>", "atom")]


@pytest.mark.parametrize("translated, problem", [
    ("⟦0⟧ X ⟦1⟧", None),
    ("⟦0⟧ X", "lost '%d'"),
    ("⟦0⟧ X ⟦1⟧ ⟦1⟧", "twice"),
    ("⟦1⟧ X ⟦0⟧", "swapped"),
    ("⟦0⟧ X ⟦1⟧ ⟦", "broken"),
    ("⟦0⟧ X ⟦1⟧ ⟦7⟧", "twice or unknown"),
], ids=["kept", "lost", "twice", "swapped", "broken", "unknown"])
def test_check_rules_for_ordered_placeholders(translated: str, problem: str | None) -> None:
    masked = C.mask("%s and %d")
    found = check(masked, translated)
    assert (found is None) if problem is None else (problem in (found or ""))


def test_check_tag_pairs_must_stay_nested() -> None:
    masked = C.mask("<b>bold <i>it</i></b>")
    assert check(masked, "⟦0⟧X ⟦1⟧Y⟦2⟧⟦3⟧") is None
    assert "encloses" in (check(masked, "⟦0⟧X ⟦1⟧Y⟦3⟧⟦2⟧") or "")
    assert "encloses" in (check(masked, "⟦3⟧X⟦0⟧ ⟦1⟧Y⟦2⟧") or "")


def test_literal_brackets_in_text_are_protected() -> None:
    masked = Protector(()).mask("a ⟦ b")
    assert [s.text for s in masked.spans] == ["⟦"]
    assert masked.restore(masked.text) == "a ⟦ b"


def test_fill_whole_split_copy_failed() -> None:
    units = [C.mask("Open <b>the file</b> now"), C.mask("%s"), C.mask("Plain text")]
    assert [f.how for f in fill(units, Upper(), segmenter=None)] == ["whole", "copy", "whole"]
    dropped = fill(units, DropsTokens(), segmenter=None)
    assert [f.how for f in dropped] == ["split", "copy", "whole"]
    assert units[0].restore(dropped[0].text or "") == "OPEN <b>THE FILE</b> NOW"
    assert "lost" in dropped[0].problem
    broken = fill(units, Breaks(), segmenter=None)
    assert [f.how for f in broken] == ["failed", "copy", "failed"]


def test_fill_split_keeps_source_order_of_swapped_placeholders() -> None:
    unit = C.mask("Copy %s to %d now")
    (result,) = fill([unit], Swaps(), segmenter=None)
    assert result.how == "split"
    assert unit.restore(result.text or "") == "COPY %s TO %d NOW"


def test_fill_keeps_outer_whitespace_and_line_breaks() -> None:
    (result,) = fill([C.mask("  First line.\nSecond %s line.\n")], Upper())
    assert result.text == "  FIRST LINE.\nSECOND ⟦0⟧ LINE.\n"


@given(st.lists(st.one_of(st.text("ab %sd<>/{}", max_size=6), st.sampled_from(["<b>", "</b>", "%s", "{x}"])),
                max_size=8))
def test_mask_restore_round_trip(parts: list[str]) -> None:
    text = "".join(parts)
    masked = Protector(("c", "brace", "markup")).mask(text)
    assert check(masked, masked.text) is None
    assert masked.restore(masked.text) == text


def test_builder_leaves_unclosed_open_as_atom() -> None:
    out = MaskBuilder()
    out.open("<g>")
    out.text("x")
    masked = out.build()
    assert masked.spans[0].role == "atom"


def test_fill_keeps_the_unknown_words_without_tokens_and_the_mean_confidence() -> None:
    whole, split, copy = fill([C.mask("Open the fizzy <b>buzzer</b>. Now."), C.mask("A <b>jazz</b> %s bit"), C.mask("%s")],
                              Unsure(drops=True), segmenter="rules")
    assert whole.how == "whole" and whole.unknown == ("fizzy", "buzzer")  # not "buzzer⟦1⟧"
    assert whole.confidence == pytest.approx((-0.4 + -0.1) / 2)  # two sentences: their mean
    assert split.how == "split" and split.unknown == ("jazz",)
    assert split.confidence is not None
    assert copy.how == "copy" and copy.unknown == () and copy.confidence is None  # nothing was translated


def test_fill_counts_the_unknown_words_of_icu_sub_messages() -> None:
    (filled,) = fill([Protector(("icu",)).mask("{n, plural, one {# fuzzy file} other {# fuzzy files}} in a jazzy box")],
                     Unsure(), segmenter=None)
    assert filled.unknown == ("fuzzy", "fuzzy", "jazzy")
