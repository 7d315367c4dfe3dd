"""ICU MessageFormat ``plural``, ``select`` and ``selectordinal`` messages: code kept, sub-messages translated.

``{count, plural, one {# file} other {# files}}`` is code around text: the argument name, the
type, ``offset:``, the selectors (``one``, ``=0``, ``male``) and ``#`` must reach the target
unchanged, while each sub-message (``# file``, ``# files``) is text to translate. :func:`parse`
reads one message at a position into an :class:`IcuMessage`: its code pieces (*frames*) and its
sub-messages, each masked like any unit text (``#``, simple arguments ``{name}``, quoted
literals ``'{'`` and nested messages protected), so the fill stage translates the sub-messages
as units of their own and puts the message back together (:meth:`IcuMessage.render`).

Apostrophes follow ICU's default (``DOUBLE_OPTIONAL``): ``''`` is one apostrophe and a quote
starting with ``'`` before ``{``, ``}``, ``#`` or ``|`` runs to the next apostrophe; any other
apostrophe is literal (``don't``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from alignkit.documents.protect import Masked

#: The start of a message: ``{name, plural,`` (what makes the braces ICU code).
HEAD = regex.compile(r"\{\s*(\w+)\s*,\s*(plural|selectordinal|select)\s*,")
#: Something that looks like the start of a message but is not well formed (``{n plural, ...``).
LOOSE_HEAD = regex.compile(r"\{\s*\w+\s*,?\s*(?:plural|selectordinal|select)\s*,?\s*(?:offset\s*:\s*\d+\s*)?"
                           r"(?:=\d+|\w+)\s*\{")
_OFFSET = regex.compile(r"\s*offset\s*:\s*\d+")
_SELECTOR = regex.compile(r"\s*(=\s*-?\d+(?:\.\d+)?|[\w-]+)\s*")
_SPACE = regex.compile(r"\s*")


class IcuSyntaxError(ValueError):
    """A message that is not well formed; ``pos`` is the offset of the problem in the text."""

    def __init__(self, why: str, pos: int) -> None:
        super().__init__(why)
        self.pos = pos


@dataclass(frozen=True)
class IcuMessage:
    """One ``plural``/``select``/``selectordinal`` message.

    Attributes:
        frames: the code between the sub-messages, one more than ``bodies``:
            ``("{count, plural, one {", "} other {", "}}")``.
        bodies: the sub-messages, masked (``#`` and arguments are tokens).
        plural: ``plural`` or ``selectordinal`` (where ``#`` is the number).
    """

    frames: tuple[str, ...]
    bodies: tuple[Masked, ...]
    plural: bool = False

    def render(self, bodies: Sequence[str]) -> str:
        """The message with ``bodies`` (the translated sub-messages, placeholders restored) in place."""
        parts = [self.frames[0]]
        for body, frame in zip(bodies, self.frames[1:]):
            parts += [body, frame]
        return "".join(parts)

    @property
    def text(self) -> str:
        """The message as the source has it."""
        return self.render([b.restore(b.text) for b in self.bodies])


def parse(text: str, start: int, mask_body: Callable[[str, bool], Masked], plural: bool = False
          ) -> tuple[IcuMessage, int]:
    """The message that starts at ``text[start]`` (a ``{``) and the offset just after it.

    Args:
        text: the unit text.
        start: where the message's ``{`` is.
        mask_body: masks a sub-message's text; the flag says whether ``#`` is a placeholder there.
        plural: inside a ``plural``/``selectordinal`` message already (``#`` stays its number).

    Raises:
        IcuSyntaxError: the message is not well formed (an unclosed brace, no ``other`` case...).
    """
    head = HEAD.match(text, start)
    if head is None:
        raise IcuSyntaxError("not the start of a plural/select message", start)
    kind = head.group(2)
    is_plural = plural or kind != "select"
    pos = head.end()
    if kind != "select":
        offset = _OFFSET.match(text, pos)
        pos = offset.end() if offset else pos
    frames: list[str] = []
    bodies: list[Masked] = []
    selectors: list[str] = []
    frame_start = start
    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= len(text):
            raise IcuSyntaxError(f"the {kind} message is not closed", start)
        if text[pos] == "}":
            if not selectors:
                raise IcuSyntaxError(f"the {kind} message has no case", pos)
            if "other" not in selectors:
                raise IcuSyntaxError(f"the {kind} message has no 'other' case", pos)
            frames.append(text[frame_start:pos + 1])
            return IcuMessage(tuple(frames), tuple(bodies), kind != "select"), pos + 1
        selector = _SELECTOR.match(text, pos)
        if selector is None or selector.end() >= len(text) or text[selector.end()] != "{":
            raise IcuSyntaxError(f"expected a selector and '{{' in the {kind} message", pos)
        selectors.append(regex.sub(r"\s+", "", selector.group(1)))
        body_start = selector.end() + 1
        body_end = _closing(text, body_start, start)
        frames.append(text[frame_start:body_start])
        bodies.append(mask_body(text[body_start:body_end], is_plural))
        frame_start, pos = body_end, body_end + 1


def _closing(text: str, pos: int, start: int) -> int:
    """The offset of the ``}`` that closes the sub-message starting at ``pos`` (quotes skipped)."""
    depth = 0
    i = pos
    while i < len(text):
        ch = text[i]
        if ch == "'" and i + 1 < len(text):
            if text[i + 1] == "'":
                i += 2
                continue
            if text[i + 1] in "{}#|":
                end = text.find("'", i + 1)
                if end < 0:
                    raise IcuSyntaxError("a quoted literal is not closed", i)
                i = end + 1
                continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    raise IcuSyntaxError("a sub-message is not closed", start)


__all__ = ["HEAD", "LOOSE_HEAD", "IcuMessage", "IcuSyntaxError", "parse"]
