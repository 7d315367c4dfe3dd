"""HTML pages: translate the text and the ``alt``/``title`` attributes, leave every tag as it is.

The page is read with the standard library's tokenizer, which reports where every tag and
run of text starts, so the output is the input with only text replaced: tags, attributes,
comments, entities outside translated text and the layout between blocks stay byte for byte.
A block (the text between two block-level tags: a paragraph, a heading, a list item, a cell)
is one unit; its inline tags (``<b>``, ``<a href>``, ``<br>``…) become protected tokens, so a
sentence that spans them is translated as one sentence. ``<script>``, ``<style>``, ``<pre>``,
``<code>``, ``<textarea>`` and elements marked ``translate="no"`` or ``class="notranslate"``
are not translated.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

from alignkit.documents.base import DocumentFormat, DocumentOptions, Target, Unit, check_text
from alignkit.documents.protect import MaskBuilder, Masked, Protector, Span

#: Elements that flow inside a sentence: their tags become tokens inside a block's unit.
INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "data", "del", "dfn", "em", "font", "i", "img", "ins", "kbd",
    "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    "tt", "big", "nobr", "acronym", "code",
})
#: Elements whose content is code or data: never translated.
SKIP = frozenset({"script", "style", "pre", "code", "textarea", "template", "svg", "math", "kbd", "samp", "var"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
#: Attributes whose values are text for people.
ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
TEXT_SYNTAXES = Protector(("template", "url", "ident"))
#: Marks a span whose text is source HTML (a tag, a comment), written back unescaped.
RAW = "raw"


@dataclass
class Event:
    """One token of the page: ``start``/``end``/``data``/``other`` at ``[begin, end)`` of the text."""

    kind: str
    begin: int
    end: int = -1
    tag: str = ""
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    data: str = ""


class _Tokenizer(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []
        self._lines = [0]
        for m in re.finditer("\n", text):
            self._lines.append(m.end())

    def _at(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(Event("start", self._at(), tag=tag, attrs=attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(Event("start", self._at(), tag=tag, attrs=attrs, data="/"))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(Event("end", self._at(), tag=tag))

    def handle_data(self, data: str) -> None:
        self.events.append(Event("data", self._at(), data=data))

    def handle_comment(self, data: str) -> None:
        self.events.append(Event("other", self._at()))

    handle_decl = handle_pi = unknown_decl = handle_comment


@dataclass
class HtmlDoc:
    """A tokenized page: its text, events with spans, blocks (event index ranges) and attribute units."""

    text: str
    events: list[Event]
    blocks: list[tuple[int, int]]
    attributes: list[tuple[int, str]]  # (event index, attribute name)


def tokenize(text: str) -> list[Event]:
    """The page's events, each with its ``[begin, end)`` in ``text``."""
    parser = _Tokenizer(text)
    parser.feed(text)
    parser.close()
    events = parser.events
    for event, after in zip(events, events[1:]):
        event.end = after.begin
    if events:
        events[-1].end = len(text)
    return events


def _skipped(event: Event) -> bool:
    attrs = dict(event.attrs)
    return (event.tag in SKIP or attrs.get("translate") == "no"
            or "notranslate" in (attrs.get("class") or "").split())


class HtmlFormat(DocumentFormat[HtmlDoc]):
    """HTML (and XHTML) pages."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    def parse(self, text: str) -> HtmlDoc:
        check_text(text, "HTML")
        events = tokenize(text)
        blocks: list[tuple[int, int]] = []
        attributes: list[tuple[int, str]] = []
        skip: list[str] = []
        first = -1  # first event of the current block
        for i, ev in enumerate(events):
            if skip:
                if ev.kind == "start" and ev.tag == skip[-1] and not ev.data and ev.tag not in VOID:
                    skip.append(ev.tag)
                elif ev.kind == "end" and ev.tag == skip[-1]:
                    skip.pop()
                continue
            if ev.kind == "start":
                attributes.extend((i, a) for a, v in ev.attrs if a in ATTRIBUTES and v and v.strip())
            inline = ev.kind in ("data", "other") or ev.tag in INLINE
            if ev.kind == "start" and _skipped(ev) and ev.tag not in VOID and not ev.data:
                if ev.tag in INLINE:
                    first = i if first < 0 else first  # inline code: one token of the block (_mask)
                else:
                    first = self._close(blocks, first, i)
                skip.append(ev.tag)
                continue
            if inline:
                if first < 0 and ev.kind != "other":
                    first = i
                continue
            first = self._close(blocks, first, i)
        self._close(blocks, first, len(events))
        return HtmlDoc(text, events, [b for b in blocks if _has_words(events, b)], attributes)

    @staticmethod
    def _close(blocks: list[tuple[int, int]], first: int, end: int) -> int:
        if first >= 0:
            blocks.append((first, end))
        return -1

    def units(self, doc: HtmlDoc, options: DocumentOptions) -> list[Unit]:
        units = [Unit(_block_id(doc, a), _mask(doc, a, b)) for a, b in doc.blocks]
        for i, attr in doc.attributes:
            value = dict(doc.events[i].attrs)[attr] or ""
            units.append(Unit(f"{_pos(doc, doc.events[i].begin)}@{attr}", TEXT_SYNTAXES.mask(value)))
        return units

    def rebuild(self, doc: HtmlDoc, translations: Mapping[str, Target], options: DocumentOptions) -> str:
        tags = self._tags_with_attributes(doc, translations)
        edits: list[tuple[int, int, str]] = []
        covered = set()
        for a, b in doc.blocks:
            covered.update(range(a, b))
            found = translations.get(_block_id(doc, a))
            if found is None:
                continue
            begin, end = doc.events[a].begin, doc.events[b - 1].end
            text = "".join(_render(p, tags) for p in found.source.pieces(found.masked))
            edits.append((begin, end, text))
        for i, new in tags.items():
            if i not in covered:
                edits.append((doc.events[i].begin, doc.events[i].begin + len(_raw(doc, i)), new))
        out = doc.text
        for begin, end, text in sorted(edits, reverse=True):
            out = out[:begin] + text + out[end:]
        return out

    def _tags_with_attributes(self, doc: HtmlDoc, translations: Mapping[str, Target]) -> dict[int, str]:
        """Event index -> its start tag with translated attribute values."""
        tags: dict[int, str] = {}
        for i, attr in doc.attributes:
            found = translations.get(f"{_pos(doc, doc.events[i].begin)}@{attr}")
            if found is None:
                continue
            raw = tags.get(i, _raw(doc, i))
            pattern = re.compile(rf"(\s{re.escape(attr)}\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
            value = '"' + html.escape(found.text, quote=True) + '"'
            tags[i] = pattern.sub(lambda m: m.group(1) + value, raw, count=1)
        return tags


def _render(piece: str | Span, tags: Mapping[int, str]) -> str:
    """HTML for one piece of a translated block: text escaped, source tags as they were."""
    if isinstance(piece, str):
        return html.escape(piece, quote=False)
    if isinstance(piece.data, int):
        return tags.get(piece.data, piece.text)  # a start tag, maybe with translated attributes
    return piece.text if piece.data is RAW else html.escape(piece.text, quote=False)


def _raw(doc: HtmlDoc, i: int) -> str:
    """The source text of a start tag (up to its closing ``>``)."""
    ev = doc.events[i]
    chunk = doc.text[ev.begin:ev.end]
    return chunk[:_tag_end(chunk)]


def _tag_end(chunk: str) -> int:
    quote = ""
    for k, ch in enumerate(chunk):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == ">":
            return k + 1
    return len(chunk)


def _pos(doc: HtmlDoc, offset: int) -> str:
    line = doc.text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (doc.text.rfind(chr(10), 0, offset) + 1) + 1}"


def _block_id(doc: HtmlDoc, first: int) -> str:
    return _pos(doc, doc.events[first].begin)


def _has_words(events: list[Event], block: tuple[int, int]) -> bool:
    return any(ev.kind == "data" and re.search(r"[^\W\d_]", ev.data) for ev in events[block[0]:block[1]])


def _mask(doc: HtmlDoc, a: int, b: int) -> Masked:
    """A block's text with its inline tags (and inline code, whole) as tokens."""
    events = doc.events
    pairs = _pairs(events, a, b)
    out = MaskBuilder()
    i = a
    while i < b:
        ev = events[i]
        if ev.kind == "data":
            TEXT_SYNTAXES.feed(ev.data, out)
        elif ev.kind == "start" and _skipped(ev) and ev.tag not in VOID and not ev.data:
            j = _matching_end(events, i, b)
            out.atom(doc.text[ev.begin:events[j].end if j < b else events[b - 1].end], data=RAW)
            i = j + 1
            continue
        elif ev.kind == "start" and i in pairs:
            out.open(_raw(doc, i), data=i)
        elif ev.kind == "end" and i in pairs.values():
            out.close(doc.text[ev.begin:ev.end], data=RAW)
        elif ev.kind == "start":
            out.atom(_raw(doc, i), data=i)
        else:
            out.atom(doc.text[ev.begin:ev.end], data=RAW)
        i += 1
    masked = out.build()
    return Masked(_unwrap(masked.text), masked.spans)


def _unwrap(text: str) -> str:
    """Line breaks inside a block are spaces in HTML: join the lines (outer whitespace kept)."""
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    core = re.sub(r"[ \t]*\n\s*", " ", text.strip())
    return lead + core + trail if core else text


def _pairs(events: list[Event], a: int, b: int) -> dict[int, int]:
    """Start event index -> end event index, for inline tags properly closed inside the block."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    i = a
    while i < b:
        ev = events[i]
        if ev.kind == "start" and _skipped(ev) and ev.tag not in VOID and not ev.data:
            i = _matching_end(events, i, b) + 1
            continue
        if ev.kind == "start" and ev.tag not in VOID and not ev.data:
            stack.append(i)
        elif ev.kind == "end" and stack and events[stack[-1]].tag == ev.tag:
            pairs[stack.pop()] = i
        elif ev.kind == "end":
            stack.clear()
        i += 1
    return pairs


def _matching_end(events: list[Event], i: int, b: int) -> int:
    depth = 0
    for j in range(i, b):
        ev = events[j]
        if ev.tag == events[i].tag and ev.kind == "start" and not ev.data:
            depth += 1
        elif ev.tag == events[i].tag and ev.kind == "end":
            depth -= 1
            if depth == 0:
                return j
    return b


