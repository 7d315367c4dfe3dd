"""Model-free sentence features: numbers, punctuation, words, cognate prefixes, URLs.

Each overlap signal compares a *source-side view* with the target sentences through the same
feature extractor: the source text itself (lexical anchors), its machine translation (MT
signal), or its word-by-word dictionary gloss (dictionary signal). Features are interned to
integers once, so the search only ever touches numpy arrays.
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, islice

import numpy as np

from alignkit.align.arrays import occurrences

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_TOKEN = re.compile(r"\d+(?:[.,'\u2019]\d+)*|\w+|[^\w\s]")
_NON_DIGIT = re.compile(r"\D")
#: Punctuation worth matching across languages; quote styles differ, so they map to one feature.
_PUNCT = {
    "?": "?", "!": "!", "(": "(", ")": "(", "%": "%", "$": "$", "\u20ac": "$", "\u00a3": "$",
    '"': '"', "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2039": '"', "\u203a": '"', ":": ":", ";": ";",
}
#: Words shorter than this are too ambiguous as identical-token anchors.
_MIN_WORD = 2
#: Length of the cognate prefix (Simard et al. 1992 use four characters).
_PREFIX = 4
#: A feature is a stop word only if it is frequent both relatively (``max_df``) and absolutely:
#: in short documents a share alone would drop rare names that happen to recur.
MIN_COMMON_DF = 20
#: Sentences :func:`intern_anchors` turns into arrays at a time (bounds its temporaries).
_INTERN_BLOCK = 20_000


def anchor_features(text: str) -> set[str]:
    """The matchable features of one sentence (or gloss, or translation).

    ``#1956`` numbers (separators removed), ``w:word`` lower-cased words, ``p:word`` four-letter
    prefixes of longer words (cognates: *Himalaya* / *himalayenne*), punctuation classes and URLs.
    """
    feats: set[str] = {"u:" + url.lower() for url in _URL.findall(text)}
    for tok in _TOKEN.findall(_URL.sub(" ", text)):
        feats.update(_token_features(tok))
    return feats


def _token_features(tok: str) -> tuple[str, ...]:
    """The features one token contributes (see :func:`anchor_features`)."""
    first = tok[0]
    if first.isdigit():
        return ("#" + _NON_DIGIT.sub("", tok),)
    if tok.isalnum() or first.isalpha() or first == "_":
        low = tok.lower()
        out = []
        if len(low) >= _MIN_WORD:
            out.append("w:" + low)
        if len(low) > _PREFIX:  # accents stripped: éducation / educación, Köln / koln
            out.append("p:" + _plain(low)[:_PREFIX])
        return tuple(out)
    return (_PUNCT[tok],) if tok in _PUNCT else ()


def _plain(word: str) -> str:
    """``word`` without combining marks (``é`` -> ``e``); letters without a decomposition stay."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


#: Characters that open a dialogue turn in novels (quotes of every style, dashes).
_TURN_OPENERS = frozenset("\"'\u00ab\u00bb\u2039\u203a\u201c\u201d\u201e\u2018\u2019\u201a\u2014\u2013\u2012\u2015-")


def opens_turn(texts: Sequence[str]) -> np.ndarray:
    """True for each sentence that opens a dialogue turn: its first character is a quote or a dash."""
    out = np.zeros(len(texts), dtype=bool)
    for k, text in enumerate(texts):
        stripped = text.lstrip()
        out[k] = bool(stripped) and stripped[0] in _TURN_OPENERS
    return out


def intern_anchors(texts: Iterable[str], ids: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """``intern(anchor_features(t) for t in texts)``, several times faster on long documents.

    Features are memoised per distinct token (a novel has ~20,000 distinct tokens and ~2,000,000
    occurrences): each distinct token's feature ids go into a table once, and the occurrences of a
    block of sentences are that table gathered by token and made unique per sentence with numpy.
    Ids are given in order of first appearance, which depends only on the texts.
    """
    index: dict[str, int] = {}  # distinct token -> row of `table`
    table = np.empty((0, 2), dtype=np.int64)  # per distinct token its (at most two) feature ids, -1 for none
    feats: list[np.ndarray] = []
    pos: list[np.ndarray] = []
    setdefault = ids.setdefault
    findall, url_search = _TOKEN.findall, _URL.search
    it = iter(texts)
    done = 0
    while batch := list(islice(it, _INTERN_BLOCK)):
        rows = []
        for text in batch:
            if ("://" in text or "www." in text.lower()) and url_search(text):
                # a URL is one feature, met before the sentence's tokens; "\0..." is no token findall returns
                rows.append(["\0" + url.lower() for url in _URL.findall(text)] + findall(_URL.sub(" ", text)))
            else:
                rows.append(findall(text))
        flat = list(chain.from_iterable(rows))
        new = []
        for tok in dict.fromkeys(flat):  # distinct tokens in order of first appearance
            if tok not in index:
                index[tok] = len(index)
                got = ((setdefault("u:" + tok[1:], len(ids)),) if tok[0] == "\0" and len(tok) > 1
                       else tuple(setdefault(f, len(ids)) for f in _token_features(tok)))
                new.append(got + (-1,) * (2 - len(got)))
        if new:
            table = np.concatenate([table, np.array(new, dtype=np.int64)])
        got = table[np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))].ravel()
        at = np.repeat(np.arange(done, done + len(batch), dtype=np.int64), [2 * len(r) for r in rows])
        ok = got >= 0
        f, p = occurrences(at[ok], got[ok])  # by sentence, then id, each once
        feats.append(f)
        pos.append(p)
        done += len(batch)
    if not feats:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(feats), np.concatenate(pos)


@dataclass(frozen=True)
class OverlapData:
    """Interned features of both sides, ready for band-limited overlap.

    Occurrence arrays are parallel: ``src_feat[k]`` occurs in source sentence ``src_pos[k]``,
    sorted by feature, then position, and unique per (feature, sentence).
    Only features seen on both sides count (others can never match) and very frequent ones
    are dropped (they match everywhere); ``weight`` is an idf per feature id.

    Attributes:
        name: signal name (``lexical``, ``mt``, ``dictionary``).
        src_feat, src_pos, tgt_feat, tgt_pos: occurrence arrays (int64).
        weight: float64 idf weight per feature id.
        n, m: number of source and target sentences.
    """

    name: str
    src_feat: np.ndarray
    src_pos: np.ndarray
    tgt_feat: np.ndarray
    tgt_pos: np.ndarray
    weight: np.ndarray
    n: int
    m: int


def intern(views: Iterable[Iterable[str]], ids: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Feature occurrences as integer arrays ``(feature ids, sentence positions)``.

    ``ids`` maps feature strings to integers and grows as new features are seen; share one
    dict between the two sides (and between signals) so equal features get equal ids.
    Views are consumed one at a time, so a generator keeps memory flat.
    """
    feats = array("q")
    pos = array("q")
    setdefault = ids.setdefault
    for i, view in enumerate(views):
        for f in sorted(view):  # set order varies with PYTHONHASHSEED; ids (and float sums) must not
            feats.append(setdefault(f, len(ids)))
            pos.append(i)
    return np.frombuffer(feats, dtype=np.int64), np.frombuffer(pos, dtype=np.int64)


def build_overlap(
    name: str,
    src: tuple[np.ndarray, np.ndarray],
    tgt: tuple[np.ndarray, np.ndarray],
    n: int,
    m: int,
    nfeat: int,
    max_df: float,
    repeat_window: int = 1,
) -> OverlapData:
    """Weigh and filter interned occurrences into an :class:`OverlapData`.

    Args:
        name: signal name.
        src: ``(feature ids, positions)`` of the source-side view (from :func:`intern`).
        tgt: the same for the target sentences.
        n, m: number of source and target sentences.
        nfeat: number of feature ids in use (``len(ids)``).
        max_df: drop features found in more than this share of all sentences (and in more than ``MIN_COMMON_DF``).
        repeat_window: drop an occurrence when its feature also occurs in another sentence of the
            same side less than this many sentences away (1 keeps all): a topic word repeated in
            neighbouring sentences matches every nearby pairing, and summed over the pairs of a
            merged bead it would reward merging correct 1:1 beads.
    """
    sf, sp = src
    tf, tp = tgt
    df_src = np.bincount(sf, minlength=nfeat)
    df_tgt = np.bincount(tf, minlength=nfeat)
    total = n + m
    df = df_src + df_tgt
    keep = (df_src > 0) & (df_tgt > 0) & ~((df > max_df * total) & (df > MIN_COMMON_DF))
    weight = np.where(keep, np.log((total + 1) / (df + 0.5)), 0.0)
    sf, sp, ks = _by_feature(sf, sp, keep, repeat_window)
    tf, tp, kt = _by_feature(tf, tp, keep, repeat_window)
    return OverlapData(name, sf[ks], sp[ks], tf[kt], tp[kt], weight, n, m)


def _by_feature(
    feat: np.ndarray, pos: np.ndarray, keep: np.ndarray, window: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Occurrences sorted by (feature, position), and which of them to keep.

    The search's finest level uses this order as it is (its joins are sorted searches).
    Occurrences are unique per (feature, sentence), so equal neighbours are different sentences;
    with ``window > 1`` one whose feature recurs less than ``window`` sentences away is dropped.
    """
    key = np.sort((feat << 32) | pos)  # one sort of (feature, position) keys: a lexsort is several times slower
    f, p = key >> 32, key & 0xFFFFFFFF
    ok = keep[f]
    if window > 1:
        same = (f[1:] == f[:-1]) & (p[1:] - p[:-1] < window)
        ok[1:] &= ~same
        ok[:-1] &= ~same
    return f, p, ok


def char_lengths(texts: Sequence[str]) -> np.ndarray:
    """Sentence lengths in characters, whitespace runs counted once (float64)."""
    return np.fromiter((len(" ".join(t.split())) for t in texts), dtype=np.float64, count=len(texts))


def length_ratio(src_len: np.ndarray, tgt_len: np.ndarray) -> float:
    """Target characters per source character, estimated from the documents themselves.

    For documents of similar sentence counts (within a factor of 2) this is the ratio of the
    totals (translations of the same content). Otherwise one document covers only part of the
    other, totals say nothing about the language pair, and the ratio of mean sentence lengths
    is used instead.
    """
    n, m = len(src_len), len(tgt_len)
    s, t = float(src_len.sum()), float(tgt_len.sum())
    if n == 0 or m == 0 or s <= 0 or t <= 0:
        return 1.0
    ratio = t / s if 0.5 <= n / m <= 2 else (t / m) / (s / n)
    return ratio if math.isfinite(ratio) else 1.0


def split_after(texts: Sequence[str], prefixes: frozenset[str]) -> np.ndarray:
    """True for each line that ends in a non-breaking prefix (``Mr.``, ``Sra.``): a sentence
    splitter cut it off from the line after it, so the two belong to one bead."""
    out = np.zeros(len(texts), dtype=bool)
    if not prefixes:
        return out
    for k, text in enumerate(texts):
        if text.endswith("."):
            last = text.rsplit(None, 1)[-1].lstrip("\"'(\u00ab\u201c\u2018\u2014-")
            out[k] = last[:-1].lower() in prefixes
    return out
