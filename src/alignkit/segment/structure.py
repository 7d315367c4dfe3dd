"""Boundaries that come from layout rather than punctuation: bullets and list items.

``1. The first item 2. The second item`` has no sentence-final punctuation before ``2.``,
yet each item is a segment; ``a. The first item b. ...`` likewise. A run of consecutive
markers (1, 2, 3... or a, b, c...) makes a list when it starts the paragraph or starts at
1 / ``a``, which keeps stray numbers in prose ("scored 3. Then 4.") out of it.
"""

from __future__ import annotations

import re

BULLETS = "•‣⁃◦▪▫●○■□"
# Cheap pre-check: without one of these characters (or a period marker, which the caller
# finds among its candidates) a paragraph has no layout boundaries.
_HINT = re.compile(rf"[{BULLETS}\n)]")
_BULLET = re.compile(rf"[{BULLETS}]")  # a bullet after whitespace (checked in code: faster scan)
_MARKER = re.compile(rf"(?<![^\s{BULLETS}])(?:(?P<num>\d{{1,3}})|(?P<let>[a-z]))(?:\.\)|\.|\))(?=\s)")
# A line that starts with a bullet, a dash or a list marker starts a new segment.
_LINE_ITEM = re.compile(rf"\n[^\S\n]*(?=[-*–—{BULLETS}]|(?:\d{{1,3}}|[a-z])[.)]\s)")
_LEAD = re.compile(rf"[\s{BULLETS}]*")
_BULLET_BEFORE = re.compile(rf"[{BULLETS}][^\S\n]*\Z")
_MAX_BULLET_GAP = 8  # how far back a bullet may sit before its marker ("•   10.")


def layout_cuts(text: str, start: int, end: int, period_markers: bool = True) -> list[int]:
    """Offsets inside the paragraph ``text[start:end]`` where a list item or bullet begins.

    Args:
        period_markers: whether the paragraph may hold markers such as ``1.`` or ``b.``
            (``False`` lets a caller that already knows skip the search).

    Returns:
        sorted offsets (possibly empty); each is the first character of a new segment or
        whitespace just before it.
    """
    if not period_markers and _HINT.search(text, start, end) is None:
        return []
    cuts = [m.start() for m in _BULLET.finditer(text, start, end)
            if m.start() > start and text[m.start() - 1].isspace()]
    cuts.extend(m.start() + 1 for m in _LINE_ITEM.finditer(text, start, end))
    cuts.extend(_list_item_cuts(text, start, end))
    return sorted(set(cuts))


def _list_item_cuts(text: str, start: int, end: int) -> list[int]:
    """Cuts before the markers of every list run (see the module docstring)."""
    lead_end = _LEAD.match(text, start, end).end()  # type: ignore[union-attr]
    cuts: list[int] = []
    run: list[re.Match[str]] = []
    for m in _MARKER.finditer(text, start, end):
        if run and _follows(run[-1], m):
            run.append(m)
            continue
        cuts.extend(_run_cuts(run, lead_end))
        run = [m]
    cuts.extend(_run_cuts(run, lead_end))
    return cuts


def _value(m: re.Match[str]) -> tuple[str, int]:
    num = m.group("num")
    return ("num", int(num)) if num is not None else ("let", ord(m.group("let")))


def _follows(prev: re.Match[str], m: re.Match[str]) -> bool:
    (kind_a, a), (kind_b, b) = _value(prev), _value(m)
    return kind_a == kind_b and b == a + 1


def _run_cuts(run: list[re.Match[str]], lead_end: int) -> list[int]:
    if len(run) < 2:
        return []
    first = run[0]
    if first.start() != lead_end and _value(first)[1] not in (1, ord("a")):
        return []
    return [_item_start(m) for m in run if m.start() > lead_end]


def _item_start(m: re.Match[str]) -> int:
    """Where the item of marker ``m`` starts: before its bullet ("• 10."), not between them."""
    pos = m.start()
    lead = _BULLET_BEFORE.search(m.string, max(0, pos - _MAX_BULLET_GAP), pos)
    return lead.start() if lead else pos
