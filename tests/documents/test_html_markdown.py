"""HTML and Markdown: only text changes; tags, code, URLs and front matter stay; sentences span tags."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignkit.documents import DocumentOptions, get_format
from alignkit.documents.base import translate_document
from tests.documents.fakes import DropsTokens, Upper

PAGE = '''<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>The user guide</title>
<script>var x = "Do not translate";</script><style>p { color: red }</style></head>
<body>
<h1 class="title">Welcome to the <em>new</em> site</h1>
<p>Read the <a href="/guide.html" title="The complete guide">user
guide</a> before you start. Call <code>open()</code> first &amp; then save.</p>
<img src="cat.png" alt="A black cat">
<pre>code stays here</pre>
<p translate="no">alignkit</p><div class="x notranslate">keep me</div>
<ul><li>First item<br>second line</li><li>Tom &amp; Jerry &lt;3</li></ul>
<!-- a comment -->
</body></html>
'''

DOC = '''---
title: The user guide
---

# Welcome to the *new* site

Read the [user guide](https://example.com/guide "The guide") before you start.
Call `open()` first and **then save the file**.  
This line follows a hard break.

> A quoted sentence that
> spans two lines.

- First item with ![a black cat](cat.png)
- Second item, see <https://example.com>

| Name | Description |
|------|-------------|
| cat  | A small animal |

```python
print("do not translate")
```

    indented code stays

Some snake_case_name and a \\*literal star\\*.
'''


def translate(fmt: str, text: str, translator: object = None) -> tuple[str, object]:
    done = translate_document(get_format(fmt), text, translator or Upper(), DocumentOptions(tgt="es"))
    return done.text, done.report


def tags(page: str) -> list[tuple[str, dict[str, str]]]:
    """The element sequence with attributes, text attributes left out."""
    root = lxml.html.document_fromstring(page)
    return [(el.tag, {k: v for k, v in el.attrib.items() if k not in ("alt", "title")})
            for el in root.iter() if isinstance(el.tag, str)]


def test_html_text_and_attributes_translated_tags_identical() -> None:
    out, report = translate("html", PAGE)
    assert tags(out) == tags(PAGE)
    assert "<title>THE USER GUIDE</title>" in out
    assert '<h1 class="title">WELCOME TO THE <em>NEW</em> SITE</h1>' in out
    assert ('<p>READ THE <a href="/guide.html" title="THE COMPLETE GUIDE">USER GUIDE</a> BEFORE YOU START. '
            'CALL <code>open()</code> FIRST &amp; THEN SAVE.</p>') in out
    assert '<img src="cat.png" alt="A BLACK CAT">' in out
    assert "<li>FIRST ITEM<br>SECOND LINE</li><li>TOM &amp; JERRY &lt;3</li>" in out
    assert report.failed == ()  # type: ignore[attr-defined]


def test_html_code_script_and_no_translate_untouched() -> None:
    out, _ = translate("html", PAGE)
    for kept in ('var x = "Do not translate";', "p { color: red }", "<pre>code stays here</pre>",
                 '<p translate="no">alignkit</p>', '<div class="x notranslate">keep me</div>', "<!-- a comment -->",
                 "<!DOCTYPE html>", '<html lang="en">'):
        assert kept in out


def test_html_sentence_across_inline_tags_is_one_segment() -> None:
    engine = Upper()
    translate("html", PAGE, engine)
    assert "Welcome to the ⟦0⟧new⟦1⟧ site" in engine.seen
    assert any(s.startswith("Read the ⟦0⟧user guide⟦1⟧ before you start.") for s in engine.seen)


def test_html_tags_survive_an_engine_that_drops_tokens() -> None:
    out, report = translate("html", PAGE, DropsTokens())
    assert tags(out) == tags(PAGE)
    assert report.split >= 2  # type: ignore[attr-defined]


def test_html_untranslatable_page_is_unchanged() -> None:
    page = "<html><body><pre>only code</pre><script>x()</script></body></html>"
    assert translate("html", page)[0] == page


def test_markdown_syntax_kept_text_translated() -> None:
    out, report = translate("markdown", DOC)
    assert out.startswith("---\ntitle: The user guide\n---\n\n# WELCOME TO THE *NEW* SITE\n")
    assert 'READ THE [USER GUIDE](https://example.com/guide "The guide") BEFORE YOU START.' in out
    assert "CALL `open()` FIRST AND **THEN SAVE THE FILE**.  \nTHIS LINE FOLLOWS A HARD BREAK." in out
    assert "> A QUOTED SENTENCE THAT SPANS TWO LINES." in out
    assert "- FIRST ITEM WITH ![A BLACK CAT](cat.png)" in out
    assert "- SECOND ITEM, SEE <https://example.com>" in out
    assert "| NAME | DESCRIPTION |\n|------|-------------|\n| CAT  | A SMALL ANIMAL |" in out
    assert '```python\nprint("do not translate")\n```\n\n    indented code stays\n' in out
    assert "SOME snake_case_name AND A \\*LITERAL STAR\\*." in out
    assert report.failed == ()  # type: ignore[attr-defined]


def test_markdown_tags_identical_even_when_tokens_are_dropped() -> None:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    shape = [(t.type, t.tag) for t in md.parse(DOC)]
    for engine in (Upper(), DropsTokens()):
        out, _ = translate("markdown", DOC, engine)
        assert [(t.type, t.tag) for t in md.parse(out)] == shape


def test_markdown_one_unit_per_block_with_ids() -> None:
    fmt = get_format("markdown")
    units = fmt.units(fmt.parse(DOC), DocumentOptions(tgt="es"))
    assert units[0].id == "5:3" and units[0].text == "Welcome to the *new* site"
    assert len(units) == 10


@pytest.mark.parametrize("fmt, text", [
    ("markdown", "```\nonly code\n```\n"), ("markdown", "<div>html block</div>\n"),
    ("html", "<p>   </p>"),
], ids=["fence", "html-block", "blank"])
def test_nothing_to_translate_is_unchanged(fmt: str, text: str) -> None:
    assert translate(fmt, text)[0] == text


def test_markdown_reference_links_keep_their_label() -> None:
    text = "Please [install Python] and read [the docs][guide], not [plain `x`] text.\n\n" \
           "[install Python]: https://example.com/py\n[guide]: https://example.com/g\n"
    out, _ = translate("markdown", text)
    assert out == ("PLEASE [install Python] AND READ [THE DOCS][guide], NOT [PLAIN `x`] TEXT.\n\n"
                   "[install Python]: https://example.com/py\n[guide]: https://example.com/g\n")


_WORDS = st.sampled_from(["the", "red", "house", "is", "big", "&amp;", "x.", " "])


@st.composite
def inline_html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["words", "tag", "br", "code"] if depth < 2 else ["words"]))
        if kind == "tag":
            tag = draw(st.sampled_from(["b", "i", "a", "span"]))
            attrs = ' href="/x" title="A title"' if tag == "a" else ""
            parts.append(f"<{tag}{attrs}>{draw(inline_html(depth + 1))}</{tag}>")
        elif kind == "br":
            parts.append("<br>")
        elif kind == "code":
            parts.append("<code>f(x)</code>")
        else:
            parts.append(" ".join(draw(st.lists(_WORDS, min_size=1, max_size=4))))
    return "".join(parts)


@settings(max_examples=60, deadline=None)
@given(st.lists(inline_html(), min_size=1, max_size=3))
def test_html_property_tags_survive_any_engine(paragraphs: list[str]) -> None:
    page = "<html><body>" + "".join(f"<p>{p}</p>\n" for p in paragraphs) + "</body></html>"
    for engine in (Upper(), DropsTokens()):
        out, _ = translate("html", page, engine)
        assert tags(out) == tags(page)
        assert out.count("<code>f(x)</code>") == page.count("<code>f(x)</code>")


@pytest.mark.parametrize(("fmt", "text", "message"), [
    ("html", "<html><body>\n<p>Hello\x07 world</p></body></html>", "line 2, column 9: control character U+0007"),
    ("html", "<p>ok</p>\n\n  \x1b[31mred\x1b[0m", "line 3, column 3: control character U+001B: not HTML text"),
    ("markdown", "# Title\n\nSome\x00 text\n", "line 3, column 5: control character U+0000: not Markdown text"),
], ids=["html-bell", "html-terminal-escape", "markdown-nul"])
def test_not_text_is_refused_with_line_and_column(fmt: str, text: str, message: str) -> None:
    from alignkit.errors import InputError

    import re

    with pytest.raises(InputError, match=re.escape(message)):
        get_format(fmt).parse(text)
