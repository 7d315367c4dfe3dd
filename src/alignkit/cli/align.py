"""``alignkit align`` and ``alignkit eval-align``: sentence alignment and its evaluation."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import click

from alignkit.cli.common import lang_callback
from alignkit.errors import InputError

if TYPE_CHECKING:
    from alignkit.types import Segment

log = logging.getLogger(__name__)

_FORMATS = ["ladder", "tsv", "moses", "tmx", "jsonl"]


@click.command()
@click.argument("src", type=click.Path(dir_okay=False, allow_dash=True), required=False)
@click.argument("tgt", type=click.Path(dir_okay=False, allow_dash=True), required=False)
@click.option("--pairs-from", "pairs_from", type=click.Path(dir_okay=False), default=None,
              help="Align many document pairs instead of SRC TGT: a file of 'SRC<TAB>TGT' lines. One word-association "
                   "model is learned from all of them; --out DIR gets one output per pair, named after its SRC.")
@click.option("--from", "-f", "--src-lang", "src_lang", required=True, callback=lang_callback,
              help="Source language, of SRC (ISO 639-1/3; --src-lang: old name).")
@click.option("--to", "-t", "--tgt-lang", "tgt_lang", required=True, callback=lang_callback,
              help="Target language, of TGT (--tgt-lang: old name).")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="ladder", show_default=True,
              help="ladder: vecalign '[0]:[0, 1]:cost' lines; the others write sentence pairs.")
@click.option("--out", type=click.Path(), default=None,
              help="Output file (Moses: path prefix, required; with --pairs-from: a directory). Default: stdout.")
@click.option("--segment", is_flag=True, help="Inputs are running text: segment them first (paragraphs bound the search).")
@click.option("--mt/--no-mt", default=False, show_default=True,
              help="Use the MT signal (translate SRC with --engine, through a pivot if needed). Off by default: "
                   "on the dev books it lowered strict F1 (en-es -0.001, es-it -0.09) and made align several times slower.")
@click.option("--engine", default="apertium", show_default=True, help="Engine for the MT signal.")
@click.option("--dict", "dict_path", type=click.Path(dir_okay=False), default=None,
              help="Bilingual dictionary: 'source<TAB>target' or hunalign 'target @ source' lines. "
                   "Default: the pair's cached dictionary from `alignkit dict build`, when there is one.")
@click.option("--no-dict", is_flag=True, help="Use no dictionary, not even the cached one.")
@click.option("--no-learn", is_flag=True, help="One pass only: no dictionary or bead priors learned from a first pass.")
@click.option("--embeddings", "embeddings_dir", metavar="DIR", default=None,
              help="Add vecalign-style sentence-embedding costs from the local sentence-transformers model in DIR "
                   "(e.g. LaBSE; nothing is downloaded). Needs pip install 'alignkit[embeddings]'.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None,
              help="Also write an HTML report: alignment plot, every bead that is not 1:1, all beads side by side.")
def align(src: str | None, tgt: str | None, pairs_from: str | None, src_lang: str, tgt_lang: str, fmt: str,
          out: str | None, segment: bool, mt: bool, engine: str, dict_path: str | None, no_dict: bool,
          no_learn: bool, embeddings_dir: str | None, report_path: str | None) -> None:
    """Align the sentences of SRC and TGT (one sentence per line unless --segment).

    Finds a monotonic alignment with beads from 0:1 and 1:0 up to 1:4 and 4:1, using sentence
    lengths, model-free anchors (numbers, names, punctuation, cognates), a machine translation
    of SRC when available, an optional dictionary, and sentence embeddings with --embeddings. Indices in the ladder are 0-based line
    (or, with --segment, sentence) numbers. Pair formats skip beads empty on one side.

    \b
    Examples:
      alignkit align doc.en doc.es --from en --to es > doc.ladder
      alignkit align doc.en doc.es --from en --to es --format tsv > doc.en-es.tsv
      alignkit align article.de article.fr --from de --to fr --segment --no-mt --format tmx --out a.tmx
      alignkit align doc.en doc.es --from en --to es --report doc.html > doc.ladder
      alignkit align book.de book.fr --from de --to fr --embeddings ~/models/LaBSE > book.ladder
      alignkit align --pairs-from books.tsv --from en --to fr --out aligned/

    A one-line summary (beads, beads that are not 1:1, mean cost, report) goes to stderr.
    """
    from alignkit.align import AlignOptions, align_sentences
    from alignkit.align.segments import align_segments
    from alignkit.textio import read_text

    if pairs_from is not None:
        if src is not None or tgt is not None:
            raise InputError("give either SRC TGT or --pairs-from LIST, not both")
        if out is None or report_path is not None:
            raise InputError("--pairs-from needs --out DIR (one output per pair) and takes no --report")
        _align_pairs(pairs_from, Path(out), src_lang, tgt_lang, fmt, segment, mt, engine, dict_path, no_dict,
                     no_learn, embeddings_dir)
        return
    if src is None or tgt is None:
        raise InputError("give SRC and TGT (or --pairs-from LIST)")
    if fmt == "moses" and out is None:
        raise InputError("--format moses writes one file per language: give --out PREFIX")
    if out is not None and Path(out).is_dir():
        from alignkit.errors import OutputError

        raise OutputError(f"--out {out} is a directory (a directory is for --pairs-from)")
    if report_path is not None:
        _check_report_path(report_path, out)
    src_sents, src_segs = read_sentences(src, src_lang, segment=segment, doc="src")
    tgt_sents, tgt_segs = read_sentences(tgt, tgt_lang, segment=segment, doc="tgt")
    dictionary = None if no_dict else _dictionary(dict_path, src_lang, tgt_lang)
    embedder = _embedder(embeddings_dir)
    translator = _translator(engine, src_lang, tgt_lang, mt)
    options = AlignOptions(mt=translator is not None, learn=not no_learn)
    try:
        if src_segs is not None and tgt_segs is not None:
            alignment = align_segments(src_segs, tgt_segs, src_lang=src_lang, tgt_lang=tgt_lang,
                                       options=options, translator=translator, dictionary=dictionary,
                                       embedder=embedder)
        else:
            alignment = align_sentences(src_sents, tgt_sents, src_lang=src_lang, tgt_lang=tgt_lang,
                                        options=options, translator=translator, dictionary=dictionary,
                                        embedder=embedder)
    finally:
        if translator is not None:
            translator.close()
    _write(alignment, src_sents, tgt_sents, src_lang, tgt_lang, fmt, out)
    if report_path is not None:
        from alignkit.report import render_alignment
        from alignkit.textio import write_text

        write_text(report_path, render_alignment(src_sents, tgt_sents, alignment, src_lang=src_lang,
                                                 tgt_lang=tgt_lang, title=report_title(src, tgt)))
        log.info("wrote %s", report_path)  # a log line, not stdout: the ladder may be on stdout
    click.echo(align_summary(alignment, report_path), err=True)


def _align_pairs(pairs_from: str, out: Path, src_lang: str, tgt_lang: str, fmt: str, segment: bool, mt: bool,
                 engine: str, dict_path: str | None, no_dict: bool, no_learn: bool,
                 embeddings_dir: str | None) -> None:
    """``align --pairs-from``: read every pair, align them together, write one output per pair."""
    from alignkit.align import AlignOptions, DocumentPair, align_corpus
    from alignkit.align.segments import paragraph_boundaries
    from alignkit.errors import OutputError
    from alignkit.textio import read_text

    listed = read_pairs_list(read_text(pairs_from), pairs_from)
    names = [Path(s).name for s, _ in listed]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise InputError(f"{pairs_from}: two pairs have a source named {dup!r} (outputs are named after it)")
    if not out.is_dir():
        if out.exists():
            raise OutputError(f"--out {out} is not a directory")
        out.mkdir(parents=True)
    dictionary = None if no_dict else _dictionary(dict_path, src_lang, tgt_lang)
    embedder = _embedder(embeddings_dir)
    translator = _translator(engine, src_lang, tgt_lang, mt)
    options = AlignOptions(mt=translator is not None, learn=not no_learn)
    docs, pairs = [], []
    for s_path, t_path in listed:
        s_sents, s_segs = read_sentences(s_path, src_lang, segment=segment, doc="src")
        t_sents, t_segs = read_sentences(t_path, tgt_lang, segment=segment, doc="tgt")
        bounds = None
        if s_segs is not None and t_segs is not None:
            bounds = paragraph_boundaries(s_segs, t_segs, src_lang=src_lang, tgt_lang=tgt_lang, options=options)
        docs.append((s_sents, t_sents))
        pairs.append(DocumentPair(s_sents, t_sents, bounds))
    try:
        alignments = align_corpus(pairs, src_lang=src_lang, tgt_lang=tgt_lang, options=options,
                                  translator=translator, dictionary=dictionary, embedder=embedder)
    finally:
        if translator is not None:
            translator.close()
    for name, (s_sents, t_sents), alignment in zip(names, docs, alignments):
        target = out / (name if fmt == "moses" else f"{name}.{fmt}")
        _write(alignment, s_sents, t_sents, src_lang, tgt_lang, fmt, str(target))
        click.echo(f"{target}: " + align_summary(alignment).removeprefix("alignkit: "), err=True)


def read_pairs_list(text: str, name: str) -> list[tuple[str, str]]:
    """``SRC<TAB>TGT`` lines (blank lines and ``#`` comments skipped) as path pairs.

    Raises:
        InputError: a line without exactly two tab-separated paths, or no pairs at all.
    """
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise InputError(f"{name}:{number}: expected 'SRC<TAB>TGT', got {line[:60]!r}")
        pairs.append((parts[0].strip(), parts[1].strip()))
    if not pairs:
        raise InputError(f"{name}: no 'SRC<TAB>TGT' lines")
    return pairs


def align_summary(alignment, report_path: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """One line for stderr: beads, how many are not 1:1, mean cost, and the report written."""
    beads = alignment.beads
    other = sum(1 for b in beads if (len(b.src), len(b.tgt)) != (1, 1))
    mean = sum(b.cost for b in beads) / len(beads) if beads else 0.0
    line = f"alignkit: aligned {len(beads)} beads, {other} not 1:1, mean cost {mean:.3f}"
    return line + (f"; report: {report_path}" if report_path else "")


def _check_report_path(report_path: str, out: str | None) -> None:
    """Refuse a report path that cannot work before aligning, rather than after a long alignment."""
    from alignkit.errors import OutputError

    if report_path == "-":
        raise InputError("--report needs a file name (stdout is for the alignment)")
    if out is not None and Path(report_path).resolve() == Path(out).resolve():
        raise InputError(f"--report {report_path} is also --out")
    parent = Path(report_path).parent
    if not parent.is_dir():
        raise OutputError(f"--report {report_path}: directory {parent} does not exist")


def read_sentences(path: str, lang: str, *, segment: bool, doc: str) -> tuple[list[str], list[Segment] | None]:
    """The sentences of an input file as ``align`` numbers them, and its segments with ``segment``.

    ``report --align`` reads its inputs through this too, so a ladder's indices name the same sentences.
    """
    from alignkit.textio import read_text

    text = read_text(path, allow_empty=True)
    if not segment:
        return split_lines(text), None
    from alignkit.segment import segment_text

    segments = segment_text(text, lang, doc=doc)
    return [s.text for s in segments], segments


def report_title(src: str, tgt: str) -> str:
    """The alignment report's title, the same from ``align --report`` and ``report --align``."""
    return f"alignkit alignment — {Path(src).name} ↔ {Path(tgt).name}"


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` (one sentence each), without the empty one after a final newline."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start a new one
    return lines


def _dictionary(dict_path: str | None, src_lang: str, tgt_lang: str):  # type: ignore[no-untyped-def]
    """The ``--dict`` file's dictionary, else the pair's cached one, else None; logs which."""
    from alignkit.align import parse_dictionary
    from alignkit.align.resources import cache_path, load_cached
    from alignkit.textio import read_text

    if dict_path:
        return parse_dictionary(read_text(dict_path), dict_path)
    lexicon = load_cached(src_lang, tgt_lang)
    if lexicon is None:
        log.info("no cached %s-%s dictionary (alignkit dict build %s %s makes one)", src_lang, tgt_lang, src_lang, tgt_lang)
    else:
        click.echo(f"alignkit: using {cache_path(src_lang, tgt_lang)} ({lexicon.describe()})", err=True)
    return lexicon


def _embedder(embeddings_dir: str | None):  # type: ignore[no-untyped-def]
    """The ``--embeddings`` model, loaded before any alignment work; None without the option."""
    if embeddings_dir is None:
        return None
    from alignkit.align.embeddings import load_embedder

    embedder = load_embedder(embeddings_dir)
    click.echo(f"alignkit: using embeddings from {embedder.path}", err=True)
    return embedder


def _translator(engine: str, src_lang: str, tgt_lang: str, mt: bool):  # type: ignore[no-untyped-def]
    """The MT translator when ``--mt`` asks for it, else None.

    The route is chosen as for ``alignkit translate``: the direct pair, else through a pivot.
    """
    if not mt:
        return None
    from alignkit.translate import get_engine, open_translator

    try:
        return open_translator(get_engine(engine), src_lang, tgt_lang)
    except ImportError as err:  # the engine's module is not in this installation
        raise InputError(f"engine {engine!r} cannot be loaded ({err})") from None


def _write(alignment, src_sents, tgt_sents, src_lang, tgt_lang, fmt, out) -> None:  # type: ignore[no-untyped-def]
    from alignkit.textio import write_text

    if fmt == "ladder":
        from alignkit.formats.ladder import format_ladder

        write_text(out or "-", format_ladder(alignment))
        return
    from alignkit.formats import write_rows
    from alignkit.types import Row

    rows = [
        Row({src_lang: " ".join(src_sents[i] for i in b.src), tgt_lang: " ".join(tgt_sents[j] for j in b.tgt)},
            {"src_ids": list(b.src), "tgt_ids": list(b.tgt), "cost": b.cost})
        for b in alignment.beads
        if b.src and b.tgt
    ]
    langs = [src_lang, tgt_lang] if src_lang != tgt_lang else [src_lang, tgt_lang + "-x"]
    if out is None or out == "-":
        _write_stdout(rows, fmt, langs)
        return
    for path in write_rows(rows, Path(out), fmt, langs):
        log.info("wrote %s", path)


def _write_stdout(rows, fmt: str, langs: list[str]) -> None:  # type: ignore[no-untyped-def]
    """A one-file pair format on stdout: written by its own writer to a temporary file, then copied."""
    import sys
    import tempfile

    from alignkit.formats import write_rows

    with tempfile.TemporaryDirectory(prefix="alignkit-") as tmp:
        (path,) = write_rows(rows, Path(tmp) / f"align.{fmt}", fmt, langs)
        sys.stdout.buffer.write(path.read_bytes())
        sys.stdout.flush()


@click.command("eval-align")
@click.option("--gold", "pairs", nargs=2, multiple=True, required=True, metavar="GOLD PRED",
              type=click.Path(dir_okay=False), help="A gold ladder and the predicted ladder (repeat for more documents).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_align(pairs: tuple[tuple[str, str], ...], as_json: bool) -> None:
    """Strict and lax precision/recall/F1 of predicted alignments against gold ones.

    Counts exactly as vecalign's score.py (Sennrich & Volk 2011), summed over all documents
    (micro-average). Files are ladders: '[0]:[0, 1]' lines, an optional ':cost' is ignored.

    \b
    Examples:
      alignkit eval-align --gold dev.defr pred.ladder
      alignkit eval-align --gold gold1 pred1 --gold gold2 pred2 --json
    """
    from alignkit.align import score_alignments
    from alignkit.formats.ladder import parse_ladder
    from alignkit.textio import read_text

    gold = [parse_ladder(read_text(g, allow_empty=True), g) for g, _ in pairs]
    pred = [parse_ladder(read_text(p, allow_empty=True), p) for _, p in pairs]
    scores = score_alignments(gold, pred)
    if as_json:
        click.echo(json.dumps({**scores.as_dict(), "documents": scores.documents}, indent=2))
        return
    s = scores.as_dict()
    click.echo("|           | strict | lax    |")
    click.echo("|-----------|--------|--------|")
    click.echo(f"| precision | {s['precision_strict']:.4f} | {s['precision_lax']:.4f} |")
    click.echo(f"| recall    | {s['recall_strict']:.4f} | {s['recall_lax']:.4f} |")
    click.echo(f"| F1        | {s['f1_strict']:.4f} | {s['f1_lax']:.4f} |")
