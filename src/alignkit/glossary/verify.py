"""Verification of translated terms and the term exact-match accuracy metric.

Every source-term occurrence becomes one :class:`~alignkit.types.TermCheck`: it is a hit
when an allowed target form occurs in the translation of its segment. As in the WMT 2021
terminology task, any allowed variant counts and each target occurrence is used at most
once (``Kyiv ... Kyiv`` needs ``Kiev`` twice); overlapping target occurrences are exclusive
(the ``Rusia`` inside ``Madre Rusia`` does not also count for ``Russia``).
"""

from __future__ import annotations

from collections.abc import Sequence

from alignkit.glossary.match import Match, Matcher, form_regex
from alignkit.glossary.model import Glossary, nfc
from alignkit.types import Segment, TermCheck, Translation


def find_targets(glossary: Glossary, source: Sequence[Match], target: str, lang: str) -> list[tuple[int, int] | None]:
    """Assign each source occurrence a span of ``target`` holding an allowed form, or ``None``.

    Occurrences whose longest allowed form is longest choose first, each taking the leftmost
    span that no other occurrence took and that overlaps no taken span.
    """
    target = nfc(target)
    candidates: list[list[tuple[int, int]]] = []
    longest: list[int] = []
    for occ in source:
        forms = glossary.terms[occ.term].forms.get(lang, ())
        spans: set[tuple[int, int]] = set()
        for form in forms:
            spans.update((m.start(), m.end()) for m in form_regex(form, occ.plural).finditer(target))
        candidates.append(sorted(spans))
        longest.append(max((len(f) for f in forms), default=0))
    taken: list[tuple[int, int]] = []
    result: list[tuple[int, int] | None] = [None] * len(source)
    for i in sorted(range(len(source)), key=lambda k: (-longest[k], k)):
        for span in candidates[i]:
            if all(span[1] <= a or span[0] >= b for a, b in taken):
                taken.append(span)
                result[i] = span
                break
    return result


def check_segment(glossary: Glossary, matcher: Matcher, index: int, source: str, target: str,
                  lang: str) -> tuple[TermCheck, ...]:
    """The checks of one segment: one per source-term occurrence, in source order."""
    occurrences = matcher.find(source)
    if not occurrences:
        return ()
    target = nfc(target)
    spans = find_targets(glossary, occurrences, target, lang)
    return tuple(
        TermCheck(index, lang, occ.text, glossary.terms[occ.term].forms.get(lang, ()),
                  target[span[0]:span[1]] if span else None)
        for occ, span in zip(occurrences, spans)
    )


def verify(segments: Sequence[Segment], translations: Sequence[Translation], glossary: Glossary,
           src_lang: str) -> tuple[TermCheck, ...]:
    """Check every glossary-term occurrence of ``segments`` in its translation.

    ``translations`` may hold several languages; each is paired with its source segment by
    ``index``. Languages the glossary lacks are skipped (nothing can be verified).

    Returns:
        One check per (translation, source-term occurrence), in input order.
    """
    if not glossary.has(src_lang):
        return ()
    matcher = Matcher(glossary, src_lang)
    by_index = {s.index: s for s in segments}
    checks: list[TermCheck] = []
    for tr in translations:
        seg = by_index.get(tr.index)
        if seg is None or not glossary.has(tr.lang):
            continue
        checks.extend(check_segment(glossary, matcher, tr.index, seg.text, tr.text, tr.lang))
    return tuple(checks)


def term_accuracy(checks: Sequence[TermCheck]) -> dict[str, float]:
    """Term exact-match accuracy per language: hits / annotated source-term occurrences.

    Languages without any check are absent (the accuracy is undefined, not 100 %).
    """
    totals: dict[str, list[int]] = {}
    for check in checks:
        hit_total = totals.setdefault(check.lang, [0, 0])
        hit_total[0] += check.ok
        hit_total[1] += 1
    return {lang: hits / total for lang, (hits, total) in totals.items()}
