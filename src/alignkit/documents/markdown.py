"""Markdown documents: translate paragraphs, headings and table cells; keep all the syntax.

markdown-it-py finds the blocks (so code blocks, fenced code, HTML blocks, link definitions
and front matter are never touched) and where their inline text lies in the source; the
output is the input with only those stretches replaced. Inside a block, code spans, URLs,
autolinks, inline HTML, escapes and the link/image syntax around a link's text become
protected tokens, and emphasis markers tag pairs, so a sentence that spans them is
translated as one sentence. Soft line breaks inside a paragraph become spaces (the
paragraph is rewrapped on one line); hard breaks are kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from alignkit.documents.base import DocumentFormat, DocumentOptions, Target, Unit, check_text
from alignkit.documents.protect import MaskBuilder, Masked, Protector

_FRONT = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?\n(?:\1|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
#: One inline construct: code span, autolink, inline HTML, link or image (groups open/inner/close),
#: backslash escape, entity, emphasis marker.
_INLINE = re.compile(
    r"(?P<code>(`+)(?:.+?)\2)"
    r"|(?P<auto><(?:https?|ftp|mailto):[^<>\s]+>)"
    r"|(?P<link>(?P<lopen>!?\[)(?P<inner>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)"
    r"(?P<lclose>\]\((?:[^()\s\\]|\\.|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)|\]\[[^\[\]]*\]))"
    r"|(?P<ref>!?\[(?P<label>[^\[\]]+)\](?:\[\])?)"
    r"|(?P<html></?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<entity>&(?:[A-Za-z]\w*|#\d+|#[xX][0-9A-Fa-f]+);)"
    r"|(?P<emph>(?<![\w\\])(?:\*\*|__|\*|_|~~)(?=\S)|(?<=\S)(?:\*\*|__|\*|_|~~)(?!\w))",
    re.DOTALL,
)
TEXT_SYNTAXES = Protector(("template", "url", "ident"))


@dataclass
class Block:
    """The source stretch ``[begin, end)`` of one inline text and its masked form."""

    id: str
    begin: int
    end: int
    masked: Masked


@dataclass
class MarkdownDoc:
    """A Markdown file's text and its translatable blocks."""

    text: str
    blocks: list[Block]


class MarkdownFormat(DocumentFormat[MarkdownDoc]):
    """Markdown (CommonMark with GFM tables)."""

    name = "markdown"
    extensions = (".md", ".markdown")

    def parse(self, text: str) -> MarkdownDoc:
        from markdown_it import MarkdownIt

        check_text(text, "Markdown")
        front = _FRONT.match(text)
        # Front matter lines are blanked for the parser (line numbers stay) and never translated.
        body = re.sub(r"[^\n]", " ", front.group(0)) + text[front.end():] if front else text
        env: dict[str, object] = {}
        tokens = MarkdownIt("commonmark").enable("table").parse(body, env)
        refs = frozenset(_label(k) for k in env.get("references", {}))  # type: ignore[union-attr]
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        blocks: list[Block] = []
        cursor: dict[int, int] = {}  # line -> column searched up to (table cells share a line)
        for token in tokens:
            if token.type != "inline" or token.map is None or not re.search(r"[^\W\d_]", token.content):
                continue
            block = _locate(text, starts, token.map[0], token.content, cursor, refs)
            if block is not None:
                blocks.append(block)
        return MarkdownDoc(text, blocks)

    def units(self, doc: MarkdownDoc, options: DocumentOptions) -> list[Unit]:
        return [Unit(b.id, b.masked) for b in doc.blocks]

    def rebuild(self, doc: MarkdownDoc, translations: Mapping[str, Target], options: DocumentOptions) -> str:
        out = doc.text
        for block in sorted(doc.blocks, key=lambda b: b.begin, reverse=True):
            found = translations.get(block.id)
            if found is not None:
                out = out[:block.begin] + found.text + out[block.end:]
        return out


def _label(label: str) -> str:
    """A link label as reference definitions match it (case and inner whitespace folded)."""
    return " ".join(label.split()).casefold()


def _locate(text: str, starts: list[int], first: int, content: str, cursor: dict[int, int],
            refs: frozenset[str] = frozenset()) -> Block | None:
    """Where ``content`` (lines from line ``first`` on) lies in ``text``, masked; ``None`` if not found."""
    lines = content.split("\n")
    spans: list[tuple[int, int]] = []
    for k, line in enumerate(lines):
        n = first + k
        if n >= len(starts):
            return None
        end_of_line = starts[n + 1] - 1 if n + 1 < len(starts) else len(text)
        source = text[starts[n]:end_of_line]
        piece = line.strip()
        col = source.find(piece, cursor.get(n, 0))
        if col < 0 or not piece:
            return None
        cursor[n] = col + len(piece)
        spans.append((starts[n] + col, starts[n] + col + len(piece)))
    begin, end = spans[0][0], spans[-1][1]
    out = MaskBuilder()
    for k, (a, b) in enumerate(spans):
        _mask_inline(text[a:b], out, refs)
        if k + 1 < len(spans):
            between = text[b:spans[k + 1][0]]
            hard = between.split("\n")[0]
            if hard.endswith("  ") or text[a:b].endswith("\\"):
                out.atom(between)  # a hard line break and the next line's prefix, as they were
            else:
                out.text(" ")
    line = text.count("\n", 0, begin) + 1
    return Block(f"{line}:{begin - starts[line - 1] + 1}", begin, end, out.build())


def _mask_inline(source: str, out: MaskBuilder, refs: frozenset[str] = frozenset()) -> None:
    """Feed one line (or a link's text) of inline Markdown to ``out``, protecting the syntax.

    A shortcut reference link (``[install Python]`` with a ``[install Python]: URL`` definition)
    is kept whole: translating its text would unlink it from the definition.
    """
    matches = _scan(source, refs)
    roles = _emphasis_roles(matches)
    pos = 0
    for i, m in enumerate(matches):
        TEXT_SYNTAXES.feed(source[pos:m.start()], out)
        if m.group("link"):
            out.open(m.group("lopen"))
            _mask_inline(m.group("inner"), out, refs)
            out.close(m.group("lclose"))
        elif m.group("emph") and roles.get(i) == "open":
            out.open(m.group(0))
        elif m.group("emph") and roles.get(i) == "close":
            out.close(m.group(0))
        else:
            out.atom(m.group(0))
        pos = m.end()
    TEXT_SYNTAXES.feed(source[pos:], out)


def _scan(source: str, refs: frozenset[str]) -> list[re.Match[str]]:
    """The inline constructs of ``source``; ``[text]`` that names no reference is text (scanned inside)."""
    found: list[re.Match[str]] = []
    pos = 0
    while (m := _INLINE.search(source, pos)) is not None:
        if m.group("ref") and _label(m.group("label")) not in refs:
            pos = m.start() + 1
            continue
        found.append(m)
        pos = m.end()
    return found


def _emphasis_roles(matches: list[re.Match[str]]) -> dict[int, str]:
    """Pair emphasis markers (same marker, innermost first); others stay atoms."""
    roles: dict[int, str] = {}
    stack: list[int] = []
    for i, m in enumerate(matches):
        if not m.group("emph"):
            continue
        marker = m.group(0)
        before = m.string[m.start() - 1] if m.start() else " "
        opener = not before.strip() or not (before.isalnum() or before in ".,;:!?)")
        if stack and matches[stack[-1]].group(0) == marker and not (opener and m.end() < len(m.string)
                                                                   and m.string[m.end()].isalnum()):
            roles[stack.pop()] = "open"
            roles[i] = "close"
        elif opener:
            stack.append(i)
    return roles
