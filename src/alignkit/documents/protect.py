"""Protecting what must not be translated: placeholders and inline tags become numbered tokens.

A unit's text is *masked* before it reaches an engine: every protected piece (``%s``, ``{name}``,
``<b>``, an XLIFF ``<g>``, a Markdown code span) is replaced by a token ``⟦i⟧``. Apertium (every
pair we ship, and pivots through them) copies these tokens through and keeps them glued to the
word they touch, so a sentence that spans ``<b>…</b>`` is translated as one sentence and the
tags come back around the translated words. :func:`check` then verifies a translation before
:meth:`Masked.pieces` turns it back: every token exactly once, ordered placeholders (printf
``%s %d``, ``{}``) in their source order, and open/close pairs well nested.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import regex

if TYPE_CHECKING:
    from alignkit.documents.icu import IcuMessage

#: The token brackets (MATHEMATICAL WHITE SQUARE BRACKETS): punctuation to every engine we
#: probed, so the words next to a token are still translated and the token is copied.
LEFT, RIGHT = "\u27e6", "\u27e7"
TOKEN = regex.compile(LEFT + r"(\d+)" + RIGHT)

Role = Literal["atom", "open", "close"]


@dataclass(frozen=True)
class Span:
    """One protected piece of a unit.

    Attributes:
        text: what the piece is in the source (``%s``, ``<b>``): copied to the target verbatim.
        role: ``atom`` (a placeholder or an empty tag), ``open`` or ``close`` (a paired tag).
        partner: for ``open``/``close``, the index of the other half; ``-1`` for atoms.
        ordered: the piece must keep its place among the other ordered pieces (printf ``%s``
            without a position: a swap would swap the arguments).
        data: what the format needs to rebuild the piece (an XLIFF element), not compared.
        icu: for an ICU ``plural``/``select`` message, its code and masked sub-messages: the fill
            stage translates those and replaces :attr:`text` (:mod:`alignkit.documents.icu`).
    """

    text: str
    role: Role = "atom"
    partner: int = -1
    ordered: bool = False
    data: object = field(default=None, compare=False, repr=False)
    icu: IcuMessage | None = None


@dataclass(frozen=True)
class Masked:
    """A unit's text with its protected pieces replaced by ``⟦i⟧`` tokens.

    ``problem`` says why the unit must not be translated at all (a malformed ICU message),
    ``""`` when it can be.
    """

    text: str
    spans: tuple[Span, ...] = ()
    problem: str = ""

    def pieces(self, translated: str) -> list[str | Span]:
        """``translated`` (already :func:`check`-ed) as text runs and the spans of its tokens."""
        out: list[str | Span] = []
        pos = 0
        for match in TOKEN.finditer(translated):
            if match.start() > pos:
                out.append(translated[pos:match.start()])
            out.append(self.spans[int(match.group(1))])
            pos = match.end()
        if pos < len(translated):
            out.append(translated[pos:])
        return out

    def restore(self, translated: str, escape: Callable[[str], str] | None = None) -> str:
        """The translation with every token replaced by its source piece.

        Args:
            translated: a translation of :attr:`text` that passed :func:`check`.
            escape: a ``str -> str`` applied to the text runs (HTML escaping), or ``None``.
        """
        esc = escape or (lambda s: s)
        return "".join(p.text if isinstance(p, Span) else esc(p) for p in self.pieces(translated))

    def portable(self) -> Masked:
        """The same mask without the formats' rebuild data (lxml elements): plain, picklable records.

        :meth:`restore` gives the same text; only a format's own rebuild needs ``data``.
        """
        return Masked(self.text, tuple(Span(s.text, s.role, s.partner, s.ordered, icu=s.icu) for s in self.spans),
                      self.problem)

    @property
    def has_words(self) -> bool:
        """Whether anything but tokens, spaces and punctuation is left to translate."""
        return bool(regex.search(r"\p{L}", TOKEN.sub("", self.text)))


class MaskBuilder:
    """Builds a :class:`Masked` piece by piece; formats feed it text, atoms and tag pairs."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._spans: list[Span] = []
        self._open: list[int] = []
        self._problem = ""

    def fail(self, why: str) -> None:
        """Mark the unit as one that must stay untranslated (the first reason is kept)."""
        self._problem = self._problem or why

    def text(self, text: str) -> None:
        """Add translatable text (a literal token bracket in it is protected as an atom)."""
        for i, chunk in enumerate(regex.split(f"([{LEFT}{RIGHT}])", text)):
            if i % 2:
                self.atom(chunk)
            else:
                self._parts.append(chunk)

    def atom(self, text: str, *, ordered: bool = False, data: object = None, icu: IcuMessage | None = None) -> int:
        """Add a placeholder, an empty tag or an ICU message; returns its index."""
        return self._add(Span(text, "atom", -1, ordered, data, icu))

    def open(self, text: str, data: object = None) -> int:
        """Add the opening half of a tag pair (closed by the next :meth:`close`)."""
        index = self._add(Span(text, "open", -1, False, data))
        self._open.append(index)
        return index

    def close(self, text: str, data: object = None) -> int:
        """Close the innermost open tag."""
        start = self._open.pop()
        index = self._add(Span(text, "close", start, False, data))
        old = self._spans[start]
        self._spans[start] = Span(old.text, "open", index, False, old.data)
        return index

    def _add(self, span: Span) -> int:
        self._spans.append(span)
        index = len(self._spans) - 1
        self._parts.append(f"{LEFT}{index}{RIGHT}")
        return index

    def build(self) -> Masked:
        """The masked text; tags still open become atoms (they cannot be paired)."""
        spans = list(self._spans)
        for index in self._open:
            old = spans[index]
            spans[index] = Span(old.text, "atom", -1, False, old.data)
        return Masked("".join(self._parts), tuple(spans), self._problem)


def check(masked: Masked, translated: str) -> str | None:
    """Why ``translated`` cannot be restored safely, or ``None`` when it can.

    The rules: every token of the source exactly once and no other token or stray bracket;
    ordered placeholders in source order; every tag pair opened before it is closed and
    nested like well-formed markup.
    """
    found = [int(m.group(1)) for m in TOKEN.finditer(translated)]
    if LEFT in TOKEN.sub("", translated) or RIGHT in TOKEN.sub("", translated):
        return "a placeholder came back broken"
    counts = Counter(found)
    lost = [masked.spans[i].text for i in range(len(masked.spans)) if counts[i] == 0]
    if lost:
        return "lost " + ", ".join(repr(t) for t in lost)
    extra = [i for i, n in counts.items() if n > 1 or i >= len(masked.spans)]
    if extra:
        return "a placeholder came back twice or unknown"
    ordered = [i for i in range(len(masked.spans)) if masked.spans[i].ordered]
    if [i for i in found if masked.spans[i].ordered] != ordered:
        return "ordered placeholders were swapped"
    stack: list[int] = []
    for i in found:
        span = masked.spans[i]
        if span.role == "open":
            stack.append(i)
        elif span.role == "close":
            if not stack or stack[-1] != span.partner:
                return f"tag {masked.spans[span.partner].text!r} no longer encloses its text"
            stack.pop()
    return None


#: Placeholder syntaxes, each a regex with an optional ``unnamed`` group (the ordered ones).
#: ``icu`` names ICU ``plural``/``select`` messages: parsed (:mod:`.icu`), not matched here; the
#: pattern is what is left of them once parsed: their sub-messages' ``#``, simple arguments and
#: quoted literals (``icuhash``, ``icuarg``, ``icuquote``). Then template expressions, named
#: placeholders, printf and markup.
SYNTAX: dict[str, str] = {
    "icu": r"(?!)",
    "icuquote": r"'[{}#|](?:[^']|'')*'",
    "icuarg": r"\{\s*\w+\s*(?:,\s*\w+\s*(?:,(?:[^{}']|'[^']*')*)?)?\}",
    "icuhash": r"#",
    "template": r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^{}]+\}",
    "python": r"%\([^()\s]+\)[-+ 0#]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]|(?<unnamed>%[-+0#]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa])|%%",
    "pynamed": r"%\([^()\s]+\)[-+ 0#]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]",
    "c": r"%\d+\$[-+ 0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn]"
         r"|(?<unnamed>%[-+ 0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn])|%%",
    # Without a format flag a lone "%" is usually a percent sign ("50% of"): only plain conversions.
    "printf": r"%\d+\$[sdiuxXfc]|(?<unnamed>%(?:l|ll|z)?[sdiuxXfc])(?!\w)|%%",
    "brace": r"\{[A-Za-z_][\w.]*(?:\[[^\]]*\])*(?:![rsa])?(?::[^{}]*)?\}|\{\d+(?:![rsa])?(?::[^{}]*)?\}|(?<unnamed>\{\})",
    "qt": r"%L?\d{1,2}(?!\d)",
    "symfony": r"%[A-Za-z_][\w.-]*%",
    "markup": r"</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?/?>",
    "entity": r"&(?:[A-Za-z]\w*|#\d+|#x[0-9A-Fa-f]+);",
    # Code identifiers in running text (snake_case, camelCase): an engine would split them into words.
    "ident": r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b|\b[a-z]+[A-Z][A-Za-z0-9]*\b",
    "url": r"\b(?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)]",
}

_TAG = regex.compile(r"<(/?)([A-Za-z][\w:.-]*)[^<>]*?(/?)>")


@dataclass(frozen=True)
class Protector:
    """Masks the placeholder syntaxes in ``syntaxes`` (names of :data:`SYNTAX`) in plain text."""

    syntaxes: tuple[str, ...]

    @property
    def pattern(self) -> regex.Pattern[str]:
        return _compile(self.syntaxes)

    def mask(self, text: str, builder: MaskBuilder | None = None) -> Masked:
        """``text`` with every placeholder an atom and every matched markup pair a tag pair."""
        out = builder or MaskBuilder()
        self.feed(text, out)
        return out.build()

    def feed(self, text: str, out: MaskBuilder) -> None:
        """Add ``text`` to ``out``, protecting its placeholders (for formats that mix in elements).

        A malformed ICU message makes the unit one to leave untranslated (:meth:`MaskBuilder.fail`).
        """
        pieces = self._pieces(text, out)
        pairs = _pair_tags([p[2] for p in pieces])
        pos = 0
        for i, (start, end, piece, ordered, message) in enumerate(pieces):
            out.text(text[pos:start])
            if pairs.get(i) == "open":
                out.open(piece)
            elif pairs.get(i) == "close":
                out.close(piece)
            else:
                out.atom(piece, ordered=ordered, icu=message)
            pos = end
        out.text(text[pos:])

    def _pieces(self, text: str, out: MaskBuilder) -> list[tuple[int, int, str, bool, IcuMessage | None]]:
        """``(start, end, text, ordered, ICU message)`` of every protected piece, in order."""
        from alignkit.documents import icu

        pieces: list[tuple[int, int, str, bool, IcuMessage | None]] = []
        pattern, messages = self.pattern, "icu" in self.syntaxes
        pos = 0
        # the next message starts, searched again only once passed (a long text stays linear)
        heads: dict[str, Any] = {}

        def after(name: str, found: regex.Pattern[str]) -> Any:
            if name not in heads or (heads[name] is not None and heads[name].start() < pos):
                heads[name] = found.search(text, pos)
            return heads[name]

        while pos <= len(text):
            match = pattern.search(text, pos)
            limit = match.start() if match else len(text)
            head = after("head", icu.HEAD) if messages else None
            head = head if head is not None and head.start() <= limit else None
            loose = after("loose", icu.LOOSE_HEAD) if messages else None
            if loose is not None and loose.start() <= limit and (head is None or loose.start() < head.start()):
                out.fail(f"malformed ICU message at character {loose.start() + 1}: "
                         f"{text[loose.start():loose.end()]!r} is not '{{name, plural|select, ...'")
                messages, head = False, None
            if head is not None:
                try:
                    message, end = icu.parse(text, head.start(), self._mask_body, "icuhash" in self.syntaxes)
                except icu.IcuSyntaxError as err:
                    out.fail(f"malformed ICU message at character {err.pos + 1}: {err}")
                    messages = False  # the rest is protected as plain text; the unit stays untranslated
                    continue
                pieces.append((head.start(), end, text[head.start():end], False, message))
                pos = end
                continue
            if match is None:
                break
            if match.end() == match.start():  # an empty match cannot protect anything
                pos = match.end() + 1
                continue
            ordered = any(v for k, v in match.groupdict().items() if k.startswith("unnamed"))
            pieces.append((match.start(), match.end(), match.group(0), ordered, None))
            pos = match.end()
        return pieces

    def _mask_body(self, body: str, plural: bool) -> Masked:
        """A sub-message of an ICU message, masked with this protector's syntaxes and ICU's own.

        Raises:
            IcuSyntaxError: a nested message is malformed.
        """
        from alignkit.documents.icu import IcuSyntaxError

        names = ("icuquote", "icu", "icuarg", *(("icuhash",) if plural else ()),
                 *(n for n in self.syntaxes if n not in ("icu", "icuhash")))
        masked = Protector(tuple(dict.fromkeys(names))).mask(body)
        if masked.problem:
            raise IcuSyntaxError(f"in a sub-message: {masked.problem}", 0)
        return masked


def _pair_tags(pieces: list[str]) -> dict[int, str]:
    """Which pieces are markup tags with a partner (``<b>`` … ``</b>``), well nested."""
    roles: dict[int, str] = {}
    stack: list[tuple[int, str]] = []
    for i, piece in enumerate(pieces):
        tag = _TAG.fullmatch(piece)
        if tag is None or tag.group(3):
            continue
        name = tag.group(2).lower()
        if not tag.group(1):
            stack.append((i, name))
        elif stack and stack[-1][1] == name:
            start, _ = stack.pop()
            roles[start], roles[i] = "open", "close"
        else:
            stack.clear()  # crossed tags: leave the rest as atoms in their places
    return roles


_COMPILED: dict[tuple[str, ...], regex.Pattern[str]] = {}


def _compile(names: tuple[str, ...]) -> regex.Pattern[str]:
    if names not in _COMPILED:
        if not names:
            _COMPILED[names] = regex.compile(r"(?!)")
        else:
            # Each syntax's ``unnamed`` group gets its own name; groupdict() is read by prefix.
            parts = [f"(?:{SYNTAX[n].replace('(?<unnamed>', f'(?<unnamed{i}>')})" for i, n in enumerate(names)]
            _COMPILED[names] = regex.compile("|".join(parts), regex.DOTALL)
    return _COMPILED[names]
