"""Real files nobody here wrote, through `alignkit translate`: PO, XLIFF, HTML, Markdown.

For every file: units translated (whole / split at tags / left untranslated), placeholders in
the source and how many came back, and the format's own check: `msgfmt --check` (PO),
translate-toolkit re-reading the file (XLIFF), the tag sequence before and after (HTML and
Markdown, parsed with lxml.html and markdown-it-py). Where the project ships its own human
translation (Django's es catalogues, Symfony's es XLIFF), chrF of alignkit and of raw Apertium
(`apertium -u eng-spa`, one string per line, nothing protected) on the same strings against it,
and the same placeholder count and msgfmt check for the raw output filled into the catalogue.

Inputs (nothing is copied into the repository; fetched with the ordinary clients when absent):
- Django 5.2.19 (`pip download --no-deps django==5.2.19`): the en templates of django/conf,
  contrib/admin and contrib/auth, with the es catalogues as references.
- Symfony 5.4 (`apt-get download php-symfony-validator php-symfony-security-core php-symfony-form`):
  validators/security es XLIFF 1.2, retranslated with --overwrite, their human targets as references.
- gawk's example catalogue (/usr/share/doc/gawk/examples/data/guide.po, package gawk).
- HTML: libffi8's manual (/usr/share/doc/libffi8/html), base-passwd's users-and-groups.html.
- Markdown: python3-pip's docs (/usr/share/doc/python3-pip/html/*.md), python3-yaml's README.md.

Run: .venv/bin/python bench/bench_documents.py  (needs Apertium eng-spa and gettext's msgfmt).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import polib
import sacrebleu

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from alignkit.documents import DocumentOptions, get_format  # noqa: E402
from alignkit.documents.base import translate_document  # noqa: E402
from alignkit.documents.po import entry_key, protector_for  # noqa: E402
from alignkit.documents.xliff import SYNTAXES  # noqa: E402
from alignkit.translate import get_engine, open_translator  # noqa: E402

RESULTS = ROOT / "bench" / "results"
CACHE = Path(tempfile.gettempdir()) / "alignkit-bench-documents"
DJANGO = "django==5.2.19"
DJANGO_CATALOGUES = ("django/conf/locale", "django/contrib/admin/locale", "django/contrib/auth/locale")
SYMFONY = ("php-symfony-validator", "php-symfony-security-core", "php-symfony-form")


def fetch() -> tuple[Path, Path]:
    """The Django and Symfony trees under CACHE (downloaded once)."""
    CACHE.mkdir(exist_ok=True)
    django = CACHE / "django"
    if not django.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(CACHE), DJANGO], check=True)
        wheel = next(CACHE.glob("django-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            for name in z.namelist():
                if name.endswith(".po") and any(name.startswith(c) for c in DJANGO_CATALOGUES) \
                        and ("/en/" in name or "/es/" in name):
                    z.extract(name, django)
    symfony = CACHE / "symfony"
    if not symfony.exists():
        subprocess.run(["apt-get", "download", *SYMFONY], cwd=CACHE, check=True, capture_output=True)
        for deb in CACHE.glob("*.deb"):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(symfony)], check=True)
    return django, symfony


def raw_apertium(texts: list[str]) -> list[str]:
    """Whole-file `apertium -u eng-spa`, one string per line (line breaks inside become spaces)."""
    data = "".join(" ".join(t.split()) + "\n" for t in texts)
    done = subprocess.run(["apertium", "-u", "eng-spa"], input=data.encode(), capture_output=True, check=True)
    return done.stdout.decode().split("\n")[: len(texts)]


def msgfmt(text: str) -> dict[str, object]:
    """`msgfmt --check` and `--check --use-fuzzy` (machine entries are fuzzy) on a PO text."""
    with tempfile.NamedTemporaryFile("w", suffix=".po", encoding="utf-8", delete=False) as fh:
        fh.write(text)
    out = {}
    for name, extra in (("check", []), ("check_use_fuzzy", ["--use-fuzzy"])):
        done = subprocess.run(["msgfmt", "--check", *extra, "-o", "/dev/null", fh.name], capture_output=True, text=True)
        errors = [line for line in done.stderr.splitlines() if "warning" not in line]
        out[name] = {"rc": done.returncode, "errors": len(errors), "first": errors[0][-160:] if errors else ""}
    Path(fh.name).unlink()
    return out


def kept(source: str, target: str, pieces: list[str]) -> bool:
    """Every placeholder of the source in the target as often as in the source."""
    need = Counter(pieces)
    return all(target.count(p) >= n for p, n in need.items())


def bench_po(name: str, template: Path, reference: Path | None, translator: object) -> dict[str, object]:
    text = template.read_text(encoding="utf-8")
    done = translate_document(get_format("po"), text, translator, DocumentOptions(tgt="es"))  # type: ignore[arg-type]
    out = polib.pofile(done.text)
    src_entries = [e for e in polib.pofile(text) if e.msgid and not e.obsolete]
    by_key = {entry_key(e): e for e in out}
    refs = {entry_key(e): e for e in polib.pofile(str(reference))} if reference else {}
    holders, total, ok, raw_inputs = 0, 0, 0, []
    for e in src_entries:
        for src, tgt in _forms(e, by_key[entry_key(e)]):
            pieces = [s.text for s in protector_for(e.flags).mask(src).spans]
            raw_inputs.append((e, src, pieces))
            if pieces:
                holders += 1
                total += len(pieces)
                ok += len(pieces) if tgt and kept(src, tgt, pieces) else 0
    raw = raw_apertium([src for _, src, _ in raw_inputs])
    raw_ok = sum(len(p) for (_, src, p), r in zip(raw_inputs, raw) if p and kept(src, r, p))
    result: dict[str, object] = {
        "file": name, "entries": len(src_entries), "report": done.report.summary(),
        "translated_whole": done.report.whole, "split_at_tags": done.report.split,
        "left_untranslated": len(done.report.failed), "entries_with_placeholders": holders,
        "placeholders": total, "placeholders_kept": ok, "raw_apertium_placeholders_kept": raw_ok,
        "msgfmt": msgfmt(done.text), "raw_apertium_msgfmt": msgfmt(_fill_raw(text, raw_inputs, raw)),
    }
    if refs:
        hyp, base, ref = [], [], []
        for (e, src, _), r in zip(raw_inputs, raw):
            human = refs.get(entry_key(e))
            if human is None or human.fuzzy or e.msgid_plural or not human.msgstr:
                continue
            hyp.append(by_key[entry_key(e)].msgstr)
            base.append(r)
            ref.append(human.msgstr)
        result["chrf_vs_human"] = {"strings": len(ref), "alignkit": round(sacrebleu.corpus_chrf(hyp, [ref]).score, 2),
                                   "raw_apertium": round(sacrebleu.corpus_chrf(base, [ref]).score, 2)}
    return result


def _forms(src: polib.POEntry, out: polib.POEntry) -> list[tuple[str, str]]:
    if src.msgid_plural:
        return [(src.msgid, out.msgstr_plural.get(0, "")), (src.msgid_plural, out.msgstr_plural.get(1, ""))]
    return [(src.msgid, out.msgstr)]


def _fill_raw(text: str, inputs: list[tuple[polib.POEntry, str, list[str]]], raw: list[str]) -> str:
    """The catalogue with raw Apertium output filled in (fuzzy), for msgfmt."""
    po = polib.pofile(text)
    po.metadata.update({"Language": "es", "Content-Type": "text/plain; charset=UTF-8",
                        "Plural-Forms": "nplurals=2; plural=(n != 1);"})
    outputs = iter(raw)
    by_key = {entry_key(e): e for e in po}
    for e, _, _ in inputs:
        target = by_key[entry_key(e)]
        line = next(outputs)
        if e.msgid_plural:
            if 0 in target.msgstr_plural and target.msgstr_plural.get(1, "") == "":
                target.msgstr_plural[0] = line
            else:
                target.msgstr_plural[1] = line
        else:
            # raw output loses a msgid's leading/trailing newline: keep them so only placeholders count
            lead = "\n" if e.msgid.startswith("\n") else ""
            trail = "\n" if e.msgid.endswith("\n") else ""
            target.msgstr = lead + line.strip() + trail
        if "fuzzy" not in target.flags:
            target.flags.insert(0, "fuzzy")
    return str(po)


def bench_xliff(name: str, path: Path, translator: object) -> dict[str, object]:
    from translate.storage import xliff

    text = path.read_text(encoding="utf-8")
    fmt = get_format("xliff")
    doc = fmt.parse(text)
    units = fmt.units(doc, DocumentOptions(tgt="es", overwrite=True))
    human = {u.getid().split("\x04")[-1]: u.target for u in xliff.xlifffile(path.read_bytes()).units}
    done = translate_document(fmt, text, translator, DocumentOptions(tgt="es", overwrite=True))  # type: ignore[arg-type]
    store = xliff.xlifffile(done.text.encode("utf-8"))
    mt = {u.getid().split("\x04")[-1]: u.target for u in store.units}
    sources = [u.text for u in units]
    raw = raw_apertium(sources)
    pieces = [[s.text for s in SYNTAXES.mask(src).spans] for src in sources]
    hyp = [mt[u.id] or "" for u in units]
    ref = [human[u.id] or "" for u in units]
    return {
        "file": name, "units": len(units), "report": done.report.summary(),
        "left_untranslated": len(done.report.failed),
        "placeholders": sum(map(len, pieces)),
        "placeholders_kept": sum(len(p) for s, h, p in zip(sources, hyp, pieces) if p and kept(s, h, p)),
        "raw_apertium_placeholders_kept": sum(len(p) for s, r, p in zip(sources, raw, pieces) if p and kept(s, r, p)),
        "translate_toolkit_reparsed_units": len(store.units), "targets_with_state": done.text.count('state="'),
        "chrf_vs_human": {"strings": len(ref), "alignkit": round(sacrebleu.corpus_chrf(hyp, [ref]).score, 2),
                          "raw_apertium": round(sacrebleu.corpus_chrf(raw, [ref]).score, 2)},
    }


def html_tags(page: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    import lxml.html

    root = lxml.html.document_fromstring(page)
    return [(el.tag, tuple((k, v) for k, v in el.attrib.items() if k not in ("alt", "title", "placeholder",
                                                                            "aria-label")))
            for el in root.iter() if isinstance(el.tag, str)]


def md_tokens(text: str) -> list[tuple[str, str, str]]:
    """Block and inline tokens (code, HTML, link targets, image sources with their content), no text."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    out = []
    for t in md.parse(text):
        out.append((t.type, t.tag, t.content if t.type in ("fence", "code_block", "html_block") else ""))
        for c in t.children or []:
            if c.type in ("softbreak", "text"):
                continue  # soft line breaks render as spaces: alignkit joins a paragraph's lines
            out.append((c.type, c.tag, c.content if c.type in ("code_inline", "html_inline") else
                        (c.attrs.get("href", "") if c.type == "link_open" else c.attrs.get("src", "")
                         if c.type == "image" else "")))
    return out


def bench_markup(kind: str, path: Path, translator: object) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    done = translate_document(get_format(kind), text, translator, DocumentOptions(tgt="es"))  # type: ignore[arg-type]
    shape = html_tags if kind == "html" else md_tokens
    before, after = shape(text), shape(done.text)
    return {"file": str(path), "units": done.report.units, "report": done.report.summary(),
            "split_at_tags": done.report.split, "left_untranslated": len(done.report.failed),
            "placeholders_kept": done.report.placeholders, "text_changed": done.text != text,
            "tags_before": len(before), "tags_identical": before == after}


def main() -> None:
    if shutil.which("apertium") is None or shutil.which("msgfmt") is None:
        sys.exit("needs apertium (eng-spa) and gettext's msgfmt")
    django, symfony = fetch()
    results: dict[str, list[dict[str, object]]] = {"po": [], "xliff": [], "html": [], "markdown": []}
    with open_translator(get_engine("apertium", {}), "en", "es") as translator:
        for catalogue in DJANGO_CATALOGUES:
            base = django / catalogue
            results["po"].append(bench_po(f"{catalogue}/en/LC_MESSAGES/django.po (Django 5.2.19)",
                                          base / "en/LC_MESSAGES/django.po", base / "es/LC_MESSAGES/django.po",
                                          translator))
        gawk = Path("/usr/share/doc/gawk/examples/data/guide.po")
        if gawk.exists():
            results["po"].append(bench_po(str(gawk), gawk, None, translator))
        for path in sorted(symfony.rglob("*.es.xlf")):
            results["xliff"].append(bench_xliff(str(path.relative_to(symfony)), path, translator))
        pages = sorted(Path("/usr/share/doc/libffi8/html").glob("*.html"))[:12]
        pages += [p for p in [Path("/usr/share/doc/base-passwd/users-and-groups.html")] if p.exists()]
        for path in pages:
            results["html"].append(bench_markup("html", path, translator))
        docs = sorted(Path("/usr/share/doc/python3-pip/html").rglob("*.md"))[:12]
        docs += [p for p in [Path("/usr/share/doc/python3-yaml/README.md"),
                             Path("/usr/share/doc/systemd/TRANSLATORS.md")] if p.exists()]
        for path in docs:
            results["markdown"].append(bench_markup("markdown", path, translator))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "documents.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / "documents.md").write_text(render(results), encoding="utf-8")
    print(render(results))


def render(results: dict[str, list[dict[str, object]]]) -> str:
    lines = ["# Real files through `alignkit translate` (en -> es, Apertium)", "",
             "Produced by `bench/bench_documents.py`; inputs and how they were fetched are in its docstring.", "",
             "## PO (gettext)", "",
             "| file | entries | whole / split / untranslated | placeholders kept (raw Apertium) | msgfmt --check [--use-fuzzy] errors (raw) | chrF vs human: alignkit / raw Apertium (strings) |",
             "|---|---|---|---|---|---|"]
    for r in results["po"]:
        m, rm = r["msgfmt"], r["raw_apertium_msgfmt"]  # type: ignore[index]
        chrf = r.get("chrf_vs_human")
        lines.append(
            f"| {r['file']} | {r['entries']} | {r['translated_whole']} / {r['split_at_tags']} / {r['left_untranslated']} "
            f"| {r['placeholders_kept']}/{r['placeholders']} ({r['raw_apertium_placeholders_kept']}) "
            f"| {m['check']['errors']} / {m['check_use_fuzzy']['errors']} ({rm['check_use_fuzzy']['errors']}) "  # type: ignore[index]
            f"| {chrf['alignkit']} / {chrf['raw_apertium']} ({chrf['strings']}) |" if chrf else
            f"| {r['file']} | {r['entries']} | {r['translated_whole']} / {r['split_at_tags']} / {r['left_untranslated']} "
            f"| {r['placeholders_kept']}/{r['placeholders']} ({r['raw_apertium_placeholders_kept']}) "
            f"| {m['check']['errors']} / {m['check_use_fuzzy']['errors']} ({rm['check_use_fuzzy']['errors']}) | no human translation |")  # type: ignore[index]
    lines += ["", "## XLIFF 1.2 (retranslated with --overwrite)", "",
              "| file | units | untranslated | placeholders kept (raw Apertium) | translate-toolkit re-read units | chrF vs human: alignkit / raw Apertium |",
              "|---|---|---|---|---|---|"]
    for r in results["xliff"]:
        c = r["chrf_vs_human"]
        lines.append(f"| {r['file']} | {r['units']} | {r['left_untranslated']} | {r['placeholders_kept']}/{r['placeholders']} "
                     f"({r['raw_apertium_placeholders_kept']}) | {r['translate_toolkit_reparsed_units']} "
                     f"| {c['alignkit']} / {c['raw_apertium']} |")  # type: ignore[index]
    for kind in ("html", "markdown"):
        lines += ["", f"## {kind.upper() if kind == 'html' else 'Markdown'}", "",
                  "| file | units | split at tags | untranslated | placeholders/tags kept | tags before | tag sequence identical |",
                  "|---|---|---|---|---|---|---|"]
        for r in results[kind]:
            lines.append(f"| {r['file']} | {r['units']} | {r['split_at_tags']} | {r['left_untranslated']} "
                         f"| {r['placeholders_kept']} | {r['tags_before']} | {r['tags_identical']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
