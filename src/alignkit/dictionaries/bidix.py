"""Word pairs from a compiled Apertium bilingual dictionary, as printed by ``lt-print``.

``lt-print X-Y.autobil.bin`` writes the transducer in AT&T text form: sections separated by
``--`` lines, each with arcs ``from<TAB>to<TAB>input<TAB>output<TAB>weight`` and final states
``state<TAB>weight``. Every path from state 0 to a final state is one entry, e.g.
``h o u s e <n>`` : ``c a s a <n> <f>``. Tags (``<n>``) and epsilons are dropped from the
spelled words; the first tag of the input gives the part of speech.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

#: lt-print's spelling of the empty symbol.
EPSILON = "ε"
#: Longest path followed (characters and tags): bidix lemmas are short; this bounds cycles.
MAX_PATH = 60
#: Walk steps allowed per arc of a section: a word list is walked in a few steps per arc.
STEPS_PER_ARC = 20
#: Parts of speech kept: content words carry the alignment signal; closed classes match everywhere.
CONTENT_TAGS = frozenset({"n", "np", "vblex", "vbmod", "adj", "adv", "num", "vbser", "vbhaver"})


@dataclass(frozen=True)
class _Section:
    arcs: dict[int, list[tuple[int, str, str]]]
    finals: frozenset[int]


def parse_lt_print(text: str, content_only: bool = True) -> Iterator[tuple[str, str]]:
    """``(source lemma, target lemma)`` pairs of every path through the printed transducer.

    Args:
        text: ``lt-print`` output.
        content_only: keep only the entries whose part of speech is in :data:`CONTENT_TAGS`.
    """
    seen: set[tuple[str, str]] = set()
    for section in _sections(text):
        for src, tgt, pos in _paths(section):
            src, tgt = src.strip(), tgt.strip()
            if not src or not tgt or (content_only and pos not in CONTENT_TAGS):
                continue
            if (src, tgt) not in seen:
                seen.add((src, tgt))
                yield src, tgt


def _sections(text: str) -> Iterator[_Section]:
    arcs: dict[int, list[tuple[int, str, str]]] = {}
    finals: set[int] = set()
    for line in text.split("\n"):
        if line.startswith("--"):
            yield _Section(arcs, frozenset(finals))
            arcs, finals = {}, set()
            continue
        parts = line.split("\t")
        if len(parts) >= 4:
            arcs.setdefault(int(parts[0]), []).append((int(parts[1]), parts[2], parts[3]))
        elif parts[0].strip().isdigit():
            finals.add(int(parts[0]))
    if arcs:
        yield _Section(arcs, frozenset(finals))


def _paths(section: _Section) -> Iterator[tuple[str, str, str]]:
    """Depth-first walk of every path from state 0: (input word, output word, first input tag).

    No state is entered twice on one path (the regex sections loop) and arcs reading digits are
    not followed (numbers are matched as numbers by the lexical signal); after the first input tag
    only tag and epsilon arcs are followed (the rest of the lemma's tags, while the target may
    still be spelling a longer word).
    """
    arcs, finals = section.arcs, section.finals
    on_path: set[int] = {0}
    out: list[tuple[str, str, str]] = []
    budget = [STEPS_PER_ARC * sum(len(a) for a in arcs.values()) + 10_000]

    def walk(state: int, src: list[str], tgt: list[str], pos: str) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            return  # a regex section with exponentially many paths: its entries are not words anyway
        if state in finals and pos:
            out.append(("".join(src), "".join(tgt), pos))
        if len(on_path) >= MAX_PATH:
            return
        for nxt, a, b in arcs.get(state, ()):
            if nxt in on_path or a.isdigit():
                continue
            tag_a = _is_tag(a)
            if pos and not (tag_a or a == EPSILON):
                continue
            grow_src = not (tag_a or a == EPSILON)
            grow_tgt = not (_is_tag(b) or b == EPSILON)
            if grow_src:
                src.append(a)
            if grow_tgt:
                tgt.append(b)
            on_path.add(nxt)
            walk(nxt, src, tgt, pos or (a[1:-1] if tag_a else ""))
            on_path.discard(nxt)
            if grow_src:
                src.pop()
            if grow_tgt:
                tgt.pop()

    walk(0, [], [], "")
    return iter(out)


def _is_tag(symbol: str) -> bool:
    return len(symbol) > 2 and symbol[0] == "<" and symbol[-1] == ">"
