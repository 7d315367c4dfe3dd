"""Bilingual dictionaries for the dictionary signal, parsed from text (no file I/O here)."""

from __future__ import annotations

from alignkit.errors import InputError


def parse_dictionary(text: str, source: str = "dictionary") -> dict[str, tuple[str, ...]]:
    """Parse a word list into lower-cased ``source word -> target words``.

    Two line formats are accepted (blank lines and ``#`` comments are skipped):

    - ``source<TAB>target`` (more tab-separated targets allowed);
    - hunalign's ``target @ source``.

    Multi-word entries are split into words on both sides, so ``New York @ Nueva York`` still
    contributes word matches.

    Raises:
        InputError: a line in neither format (every bad line number is listed), or no entries.
    """
    entries: dict[str, list[str]] = {}
    bad: list[int] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "\t" in line:
            src, *tgts = line.split("\t")
        elif " @ " in line:
            tgt, src = line.split(" @ ", 1)
            tgts = [tgt]
        else:
            bad.append(number)
            continue
        targets = [w for t in tgts for w in t.lower().split()]
        if not src.strip() or not targets:
            bad.append(number)
            continue
        for word in src.lower().split():
            entries.setdefault(word, []).extend(t for t in targets if t not in entries.get(word, []))
    if bad:
        shown = ", ".join(map(str, bad[:10])) + (" ..." if len(bad) > 10 else "")
        raise InputError(f"{source}: lines not 'source<TAB>target' nor 'target @ source': {shown}")
    if not entries:
        raise InputError(f"{source}: no dictionary entries")
    return {k: tuple(v) for k, v in entries.items()}
