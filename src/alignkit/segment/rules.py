"""The ``rules`` segmenter: compiled candidate regexes plus a short decision per candidate.

One regex finds every *candidate* boundary (end punctuation, optional closing quotes or
brackets, then whitespace); Python then decides each candidate from the word before and the
word after, using the language's :class:`~alignkit.segment.rulebase.LanguageRules`. Text
between candidates is never visited character by character, which keeps the segmenter fast.

The decision, for a candidate followed by more text:

* ``?`` ``!`` and unspaced ellipses end a sentence unless a lower-case word follows.
* ``. . .`` (a spaced three-dot ellipsis) marks an omission and does not end a sentence;
  four spaced dots do. ``word. . . . Next`` ends the sentence after ``word.``; ``[...]`` never.
* ``.`` before a lower-case word never ends a sentence. Otherwise, after a prepositive
  abbreviation (``Dr.``, ``Sr.``, ``M.``) it never does; after another abbreviation
  (a listed one, an initial ``E.``, ``U.S.``, a German ordinal ``3.``) it does only when
  the next word is a typical sentence starter ("Co. It closed"), or a title after a sentence
  of at least a few words ("at 6 P.M. Mr. Smith"); after any other word it does.
"""

from __future__ import annotations

import re

from alignkit.segment.base import Segmenter, Span, split_at
from alignkit.segment.lang import rules_for
from alignkit.segment.structure import BULLETS, layout_cuts

_TERM = ".!?…‼⁇⁈⁉؟"
_CJK_TERM = "。！？｡।॥"
_CLOSERS = "\"'”’“‘»«)\\]}›‹"
# Characters that may open a word before its first letter: quotes, brackets, Spanish ¿ ¡, dashes.
_OPENERS = "\"'“‘”’«»‚„‹›¿¡([{—–-*_" + BULLETS

# The leading lookahead gives the regex engine a one-character set to scan for (3x faster).
# ``mk`` (empty) is set when the period follows a list marker ("1.", "12.", "b." after a space
# or bullet); re needs fixed-width lookbehinds, hence one alternative per marker length.
_NOT_LEAD = rf"[^\s{BULLETS}]"
_MARKER_BEFORE = "|".join(
    rf"(?<={body})(?<!{_NOT_LEAD}{body})" for body in (r"\d", r"\d\d", r"\d\d\d", "[a-z]")
)
_CANDIDATE = re.compile(
    rf"(?=[{_TERM}{_CJK_TERM}])"
    rf"(?:(?:(?:{_MARKER_BEFORE})(?P<mk>)(?=\.\s))?"
    rf"(?P<term>[{_TERM}]+(?:[ \u00a0]\.)*)(?P<close>[{_CLOSERS}]*)(?=(?P<ws>\s+)|\Z)"
    rf"|(?P<cjk>[{_CJK_TERM}]+[{_CLOSERS}]*))"
)
# The next word, with an elision apostrophe if any ("L'", "J'": French/Catalan/Italian starters).
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*(\w*['’]?)(\.?)")
# U.S, a.m, Ph.D, J.-C: letters in groups of one or two joined by periods.
_MULTI_PERIOD = re.compile(r"[^\W\d_]{1,2}(?:\.-?[^\W\d_]{1,2})+")
# A list marker ("1", "b", "iv") that starts its sentence is never a sentence of its own.
_MARKER_WORD = re.compile(r"\d{1,3}|[^\W\d_]|[ivxIVX]{1,4}")
# An elided article or preposition before a word: French/Catalan "l'", "d'", Italian "dell'",
# "all'", "nell'" (at most five letters, and at least two letters after the apostrophe so
# that English "don't" is left alone).
_ELISION = re.compile(r"[^\W\d_]{1,5}['’](?=[^\W\d_]{2})")
_ONLY_LEAD = re.compile(rf"[\s{re.escape(_OPENERS)}]*")
_WINDOW = 48  # characters looked at before a candidate to find the word it ends


class RulesSegmenter(Segmenter):
    """Rule-based sentence segmentation for any language (see the module docstring).

    Args:
        lang: language code; languages without their own rules use the generic fallback.
    """

    name = "rules"

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.rules = rules_for(self.lang)

    def sentences(self, text: str, start: int, end: int) -> list[Span]:
        """Sentence spans of the paragraph ``text[start:end]``."""
        candidates = list(_CANDIDATE.finditer(text, start, end))
        markers = any(m.group("mk") is not None for m in candidates)
        forced = layout_cuts(text, start, end, markers)
        bounds = self._boundaries(text, candidates, start, end, forced)
        if forced:
            return split_at(text, start, end, sorted({cut for cut, _ in bounds}.union(forced)))
        # Without layout cuts the boundaries are already exact: no stripping needed.
        spans: list[Span] = []
        pos = start
        for cut, nxt in bounds:
            spans.append((pos, cut))
            pos = nxt
        if pos < end:
            spans.append((pos, end))
        return spans

    def _boundaries(
        self, text: str, candidates: list[re.Match[str]], start: int, end: int, forced: list[int]
    ) -> list[tuple[int, int]]:
        """The documented hot loop: one decision per candidate, cheap checks first.

        Returns:
            ``(end of a sentence, start of the next)`` pairs, in order.
        """
        rules = self.rules
        out: list[tuple[int, int]] = []
        sent_start = start  # first character of the current sentence
        k = 0  # next forced cut not yet passed
        for m in candidates:
            ts = m.start()
            while k < len(forced) and forced[k] <= ts:
                sent_start = forced[k]
                k += 1
            _mk, _term, _close, ws, cjk = m.groups()
            cut = m.end()
            if cjk:
                nxt = self._skip_space(text, cut, end)
                if nxt >= end:
                    continue
            else:
                if ws is None:
                    continue  # end of paragraph: a boundary anyway
                nxt = cut + len(ws)
                if text[nxt].islower():
                    continue  # the commonest non-boundary: "Yahoo! in", "Co. at noon"
                closer_end = -1
                if rules.spaced_closers and text[nxt] in rules.spaced_closers:
                    closer_end = nxt + 1  # "fini. »": the closer belongs to the sentence
                    nxt = self._skip_space(text, closer_end, end)
                    if nxt >= end:
                        continue
                cut = self._decide(text, m, nxt, sent_start)
                if cut < 0:
                    continue
                if cut == m.end() and closer_end > 0:
                    cut = closer_end
                elif cut < m.end():
                    nxt = self._skip_space(text, cut, end)  # "word. . . . Next": inside the term
            out.append((cut, nxt))
            sent_start = nxt
        return out

    @staticmethod
    def _skip_space(text: str, pos: int, end: int) -> int:
        """The first non-space offset at or after ``pos`` (or ``end``)."""
        while pos < end and text[pos].isspace():
            pos += 1
        return pos

    def _decide(self, text: str, m: re.Match[str], nxt: int, sent_start: int) -> int:
        """Where candidate ``m`` cuts the text, or -1 (``nxt``: first character after it).

        The caller has already skipped candidates followed directly by a lower-case letter.
        """
        nw = None
        if not text[nxt].isalnum():  # '"he said', '(and', '¿Qué': look past the opening marks
            nw = _NEXT_WORD.match(text, nxt)
            if nw.group(1)[:1].islower():  # type: ignore[union-attr]
                return -1
        term = m.group("term")
        if "." not in term:
            return m.end()
        ts = m.start()
        window = text[max(sent_start, ts - _WINDOW) : ts]
        tok = "" if not window or window[-1].isspace() else window.rsplit(None, 1)[-1]
        if len(term) > 1:
            return self._ellipsis(m, term, tok)
        core = tok.lstrip(_OPENERS)
        if "'" in core or "’" in core:
            elided = _ELISION.match(core)
            if elided:
                core = core[elided.end():]  # "l'Ing.", "dell'Avv.": the abbreviation after the article
        low = core.lower()
        rules = self.rules
        if len(core) > 3 and low not in rules.known and "." not in core:
            return m.end()  # fast path: an ordinary word ends the sentence
        if low in rules.prepositive:
            return -1
        word, dot = (nw or _NEXT_WORD.match(text, nxt)).groups()  # type: ignore[union-attr]
        if word[:1].isdigit():
            if low in rules.number or low in rules.abbreviations or _is_initial(core):
                return -1
            return m.end()
        if _MARKER_WORD.fullmatch(core) and _ONLY_LEAD.fullmatch(text, sent_start, ts - len(core)):
            return -1  # "1. Introduction", "a. The first item": a marker, not a sentence
        if not (
            low in rules.abbreviations
            or _is_initial(core)
            or _MULTI_PERIOD.fullmatch(core)
            or (rules.numeric_ordinals and core.isdigit() and len(core) <= 3)
        ):
            return m.end()
        if word.replace("’", "'") in rules.starters:
            return m.end()
        if dot and word.lower() in rules.prepositive:
            if len(text[sent_start:ts].split()) >= rules.min_words_before_title:
                return m.end()
        return -1

    @staticmethod
    def _ellipsis(m: re.Match[str], term: str, tok: str) -> int:
        """Decide a run of several periods (``...``, ``....``, ``. . .``, ``?.``)."""
        if tok.endswith(("[", "(")) and m.group("close")[:1] in ("]", ")"):
            return -1  # "[...]" marks an omission inside a quotation
        if " " in term or "\u00a0" in term:
            dots = term.count(".")
            if tok and dots >= 4 and not m.group("close"):
                return m.start() + 1  # "word. . . . Next": the sentence ends at "word."
            if not tok and dots == 3:
                return -1  # " . . . " inside a sentence
        return m.end()


def _is_initial(word: str) -> bool:
    """A single letter such as the ``E`` of "Jonas E. Smith"."""
    return len(word) == 1 and word.isalpha()
