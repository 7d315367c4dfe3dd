"""``read_corpus(write_corpus(c)) == c`` for generated one-document corpora, document text included."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignkit.corpus.records import RunMeta
from alignkit.formats.run import read_corpus, write_corpus
from alignkit.types import Corpus, Document, Segment, TermCheck, Translation

TARGETS = ("es", "fr", "de")
_chars = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
#: Segment texts as a segmenter makes them: no whitespace at either end, none of it but spaces inside.
_sentence = st.text(_chars, min_size=1, max_size=30).map(lambda t: " ".join(t.split())).filter(bool)
_gap = st.sampled_from([" ", "  ", "\n", "\n\n", " \n\t", "\u00a0"])
_score = st.dictionaries(st.sampled_from(["chrf", "length_ratio", "lang_prob", "copy"]),
                         st.floats(allow_nan=False, allow_infinity=False, width=64), max_size=3)


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    texts = draw(st.lists(_sentence, min_size=1, max_size=6))
    lead, tail = draw(st.sampled_from(["", " ", "\n"])), draw(st.sampled_from(["", "\n", " \n"]))
    doc = draw(st.sampled_from(["doc", "news-1", "a.b_c"]))
    pieces, segments, pos, para, sent = [lead], [], len(lead), 0, 0
    for i, text in enumerate(texts):
        if i:
            gap = draw(_gap)
            pieces.append(gap)
            pos += len(gap)
            if "\n\n" in gap:
                para, sent = para + 1, 0
        segments.append(Segment(doc, i, para, sent, text, pos, pos + len(text)))
        pieces.append(text)
        pos += len(text)
        sent += 1
    pieces.append(tail)
    langs = draw(st.lists(st.sampled_from(TARGETS), min_size=1, max_size=3, unique=True))
    translations, scores, checks = {}, {}, []
    for lang in langs:
        route = ("en", lang) if lang == "es" else ("en", "es", lang)
        translations[lang] = tuple(
            Translation(s.index, lang, draw(st.text(_chars, max_size=20).map(lambda t: " ".join(t.split()))),
                        draw(st.sampled_from(["apertium", "ct2"])), route,
                        tuple(draw(st.lists(st.sampled_from(["Smith", "Zürich", "p.m."]), max_size=2))))
            for s in segments)
        scores[lang] = tuple(draw(_score) for _ in segments)
        for s in segments:  # checks ordered by language, then segment
            for term in draw(st.lists(st.sampled_from(["house", "red", "Dr."]), max_size=2, unique=True)):
                found = draw(st.one_of(st.none(), st.sampled_from(["casa", "rojo"])))
                checks.append(TermCheck(s.index, lang, term, tuple(draw(st.lists(_sentence, min_size=1,
                                                                                  max_size=2))), found))
    return Corpus(Document(doc, "en", "".join(pieces)), tuple(segments), translations, scores, tuple(checks))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_write_then_read_gives_the_same_corpus(corpus: Corpus) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(corpus, Path(tmp) / "out")
        back = read_corpus(Path(tmp) / "out")
        written = RunMeta.from_json(json.loads((Path(tmp) / "out" / "run.json").read_text(encoding="utf-8")))
    assert back.document == corpus.document  # the text too, rebuilt from segments and layout
    assert back.segments == corpus.segments
    assert dict(back.translations) == dict(corpus.translations)
    assert {k: tuple(map(dict, v)) for k, v in back.scores.items()} == \
        {k: tuple(map(dict, v)) for k, v in corpus.scores.items()}
    assert back.checks == corpus.checks
    assert back.meta == written
    assert RunMeta.from_json(written.to_json()) == written
