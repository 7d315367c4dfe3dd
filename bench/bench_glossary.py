"""Glossary enforcement benchmark: term accuracy and fluency, raw engine vs enforced, side by side.

1. Seed document (segmented with alignkit.segment), Apertium en->{es,ca,gl,pt,it,fr} (pt, it, fr
   through Spanish): WMT21 term exact-match accuracy without and with GlossaryTranslator.
2. Agreement: for every target term whose glossary form is annotated with gender/number, the
   determiner right before it (article or preposition+article) is checked against the annotation
   and the form's first sound (elision, Italian lo/gli) with the bench's own feature tables
   (written independently of alignkit.glossary.agree); errors counted for raw Apertium, enforced
   without the agreement step (EnforceOptions(agree=False)) and enforced with it.
3. newstest2013 en->es, the lines where the seed glossary matches a source term: chrF (sacrebleu)
   of both outputs against the reference, and the term accuracy on those lines.

Usage: python bench/bench_glossary.py   (writes bench/results/glossary.json and glossary.md)
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import sacrebleu

from alignkit.glossary import (
    EnforceOptions,
    GlossaryTranslator,
    Matcher,
    load,
    term_accuracy,
    verify,
)
from alignkit.glossary.agree import gram_at
from alignkit.glossary.model import nfc
from alignkit.glossary.verify import find_targets
from alignkit.segment import segment_text
from alignkit.translate.apertium import ApertiumEngine
from alignkit.translate.base import Translator, translate_segments
from alignkit.translate.route import open_translator
from alignkit.types import Segment

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LANGS = ("es", "ca", "gl", "pt", "it", "fr")


#: How the engine is reached (kept in the results JSON as "via").
VIA = "alignkit.translate.apertium"


def open_apertium(src: str, tgt: str) -> Translator:
    """The team's Apertium translator; pt, it and fr are reached through Spanish."""
    return open_translator(ApertiumEngine(), src, tgt)


# -- agreement checker: determiner features per language (spelling -> "gender.number", "*" = either
# gender); an apostrophe marks an elided form. Deliberately not taken from alignkit.glossary.agree.
def _feats(table: dict[str, str]) -> dict[str, str]:
    return {w: feat for feat, words in table.items() for w in words.split()}


FEATS = {
    "es": _feats({"m.sg": "el del al", "f.sg": "la", "m.pl": "los", "f.pl": "las"}),
    "gl": _feats({"m.sg": "o do no ao polo co", "f.sg": "a da na á pola coa", "m.pl": "os dos nos aos polos cos",
                  "f.pl": "as das nas ás polas coas"}),
    "pt": _feats({"m.sg": "o do no ao pelo", "f.sg": "a da na à pela", "m.pl": "os dos nos aos pelos",
                  "f.pl": "as das nas às pelas"}),
    "ca": _feats({"m.sg": "el del al pel", "*.sg": "l'", "f.sg": "la", "m.pl": "els dels als pels", "f.pl": "les"}),
    "fr": _feats({"m.sg": "le du au", "f.sg": "la", "*.sg": "l'", "*.pl": "les des aux"}),
    "it": _feats({"m.sg": "il lo del dello al allo dal dallo nel nello sul sullo",
                  "*.sg": "l' dell' all' dall' nell' sull'", "f.sg": "la della alla dalla nella sulla",
                  "m.pl": "i gli dei degli ai agli dai dagli nei negli sui sugli",
                  "f.pl": "le delle alle dalle nelle sulle"}),
}
AMBIGUOUS = {"pt": {"a"}, "gl": {"a"}}   # also the bare preposition "a": judged only when it fits
IT_IMPURE = {"lo", "gli", "dello", "degli", "allo", "agli", "dallo", "dagli", "nello", "negli", "sullo", "sugli"}
VOWEL = re.compile(r"[aeiouàáâèéêìíîòóôùúûAEIOUÀÁÂÈÉÊÌÍÎÒÓÔÙÚÛ]")


def determiner_ok(lang: str, before: str, form: str, gender: str | None, number: str | None) -> bool | None:
    """Does the article/contraction right before ``form`` fit? ``None``: no (unambiguous) determiner."""
    m = re.search(r"(?<![\w'’])(\w+['’]|\w+\s+)$", before)
    word = m.group(1).strip().replace("’", "'").lower() if m else ""
    feat = FEATS.get(lang, {}).get(word)
    if feat is None:
        return None
    g, n = feat.split(".")
    vowel = bool(VOWEL.match(form))
    ok = (number in (None, n)) and (g == "*" or gender in (None, g))
    if lang in ("fr", "ca", "it") and n == "sg":
        wants_elision = vowel and not (lang == "ca" and gender == "f" and form[:1] in "iuIU" and not form.isupper())
        ok = ok and (word.endswith("'") == wants_elision)
    if lang == "it" and not word.endswith("'") and g == "m":
        impure = bool(re.match(r"(?i)(s[^aeiouàèéìòù\W]|z|gn|ps|pn|x|y)", form)) or (n == "pl" and vowel)
        ok = ok and ((word in IT_IMPURE) == impure)
    return None if (not ok and word in AMBIGUOUS.get(lang, ())) else ok


def agreement(segments: tuple[Segment, ...], outputs: list[str], glossary, lang: str) -> dict:
    """Count determiner agreement errors before annotated target terms in ``outputs``."""
    matcher = Matcher(glossary, "en")
    checked, errors, examples = 0, 0, []
    for seg, out in zip(segments, outputs):
        occs, text = matcher.find(seg.text), nfc(out)
        for occ, span in zip(occs, find_targets(glossary, occs, text, lang)):
            gram = gram_at(glossary.terms[occ.term], lang, text[span[0]:span[1]]) if span else None
            if gram is None:
                continue
            ok = determiner_ok(lang, text[:span[0]], text[span[0]:span[1]], gram.gender, gram.number)
            if ok is None:
                continue
            checked += 1
            if not ok:
                errors += 1
                examples.append(text[max(0, span[0] - 12):span[1]])
    return {"checked": checked, "errors": errors, "examples": examples}


def run_pair(segments: tuple[Segment, ...], glossary, tgt: str) -> dict:
    inner = open_apertium("en", tgt)
    translate_segments(segments[:1], inner)  # start the engine's pipelines outside the timings
    t0 = time.perf_counter()
    raw = translate_segments(segments, inner)
    t1 = time.perf_counter()
    enforced = translate_segments(segments, GlossaryTranslator(inner, glossary))
    t2 = time.perf_counter()
    no_agree = translate_segments(segments, GlossaryTranslator(inner, glossary, EnforceOptions(agree=False)))
    t3 = time.perf_counter()
    before, after = verify(segments, raw, glossary, "en"), verify(segments, enforced, glossary, "en")
    return {
        "lang": tgt, "route": "-".join(inner.route), "via": VIA, "occurrences": len(after),
        "raw_hits": sum(c.ok for c in before), "enforced_hits": sum(c.ok for c in after),
        "raw_accuracy": term_accuracy(before).get(tgt, float("nan")),
        "enforced_accuracy": term_accuracy(after).get(tgt, float("nan")),
        "segments_changed": sum(a.text != b.text for a, b in zip(raw, enforced)),
        "time_ratio": (t2 - t1) / (t1 - t0), "time_ratio_no_agree": (t3 - t2) / (t1 - t0),
        "agreement": {"raw": agreement(segments, [t.text for t in raw], glossary, tgt),
                      "enforced_no_agree": agreement(segments, [t.text for t in no_agree], glossary, tgt),
                      "enforced": agreement(segments, [t.text for t in enforced], glossary, tgt)},
        "no_agree_hits": sum(c.ok for c in verify(segments, no_agree, glossary, "en")),
        "misses": [[c.index, c.term, list(c.expected), c.found] for c in after if not c.ok],
        "raw": [t.text for t in raw], "enforced": [t.text for t in enforced],
    }


def newstest(glossary) -> dict:
    src = (SHARED / "data/newstest2013/newstest2013.eng").read_text(encoding="utf-8").split("\n")
    ref = (SHARED / "data/newstest2013/newstest2013.spa").read_text(encoding="utf-8").split("\n")
    matcher = Matcher(glossary, "en")
    idx = [i for i, line in enumerate(src[:3000]) if line.strip() and matcher.find(line)]
    segs = tuple(Segment("nt", i, 0, i, src[i], 0, len(src[i])) for i in idx)
    res = run_pair(segs, glossary, "es")
    refs = [ref[i] for i in idx]
    chrf = sacrebleu.CHRF()
    chrf_raw = chrf.corpus_score(res["raw"], [refs])
    chrf_enf = chrf.corpus_score(res["enforced"], [refs])
    bleu_raw, bleu_enf = sacrebleu.corpus_bleu(res["raw"], [refs]), sacrebleu.corpus_bleu(res["enforced"], [refs])
    agree = {k: res["agreement"][k]["errors"] for k in ("raw", "enforced_no_agree", "enforced")}
    return {"agreement_errors": agree, "lines": len(idx), "occurrences": res["occurrences"], "raw_accuracy": res["raw_accuracy"],
            "enforced_accuracy": res["enforced_accuracy"], "segments_changed": res["segments_changed"],
            "chrf_raw": chrf_raw.score, "chrf_enforced": chrf_enf.score, "chrf_delta": chrf_enf.score - chrf_raw.score,
            "bleu_raw": bleu_raw.score, "bleu_enforced": bleu_enf.score,
            "signature": str(chrf.get_signature()), "time_ratio": res["time_ratio"]}


def main() -> None:
    glossary = load(ROOT / "glossaries" / "seed.tsv")
    seed = (ROOT / "seeds" / "putin-war-israel-2025.en.txt").read_text(encoding="utf-8")
    segments = segment_text(seed, "en", "seed")
    pairs = [run_pair(segments, glossary, lang) for lang in LANGS]
    nt = newstest(glossary) if (SHARED / "data/newstest2013").exists() else None
    lines = ["| target | route | term occurrences | raw Apertium | + GlossaryTranslator | segments changed | time enforced/raw |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for p in pairs:
        lines.append(f"| {p['lang']} | {p['route']} | {p['occurrences']} | {p['raw_accuracy']:.1%} ({p['raw_hits']}) "
                     f"| {p['enforced_accuracy']:.1%} ({p['enforced_hits']}) | {p['segments_changed']} | {p['time_ratio']:.2f}x |")
    lines += ["", "| target | determiners checked (enforced) | errors raw Apertium | errors enforced, no agree "
              "| errors enforced + agree |", "|---|---:|---:|---:|---:|"]
    for p in pairs:
        a = p["agreement"]
        lines.append(f"| {p['lang']} | {a['enforced']['checked']} | {a['raw']['errors']} | "
                     f"{a['enforced_no_agree']['errors']} | {a['enforced']['errors']} |")
    if nt:
        lines += ["", "| newstest2013 en->es (lines with a glossary term) | lines | term acc. raw | term acc. enforced "
                  "| chrF raw | chrF enforced | delta | BLEU raw | BLEU enforced |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
                  f"| Apertium eng-spa | {nt['lines']} | {nt['raw_accuracy']:.1%} | {nt['enforced_accuracy']:.1%} "
                  f"| {nt['chrf_raw']:.2f} | {nt['chrf_enforced']:.2f} | {nt['chrf_delta']:+.2f} "
                  f"| {nt['bleu_raw']:.2f} | {nt['bleu_enforced']:.2f} |"]
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    summary = {"glossary": glossary.digest(), "segments": len(segments), "via": pairs[0]["via"],
               "pairs": [{k: v for k, v in p.items() if k not in ("raw", "enforced")} for p in pairs],
               "newstest2013": nt, "python": sys.version.split()[0]}
    (out / "glossary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "glossary.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
