"""``alignkit run``: the whole job on one document or a whole corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from alignkit import textio
from alignkit.cli.common import lang_callback, langs_callback
from alignkit.config import load_engine_config, parse_options
from alignkit.errors import InputError
from alignkit.formats.run import DEFAULT_FORMATS
from alignkit.pipeline import EngineSpec, RunOptions

if TYPE_CHECKING:
    from alignkit.corpus.records import DocumentInfo, RunMeta
    from alignkit.progress import ProgressTask
    from alignkit.glossary import Glossary
    from alignkit.pipeline import CorpusRun


@click.command(context_settings={"max_content_width": 100})
@click.argument("inputs", metavar="INPUT...", nargs=-1)
@click.option("--files-from", "files_from", metavar="LIST",
              help="Also read the input paths from LIST, one per line ('-' for stdin).")
@click.option("--to", "-t", "targets", required=True, callback=langs_callback, help="Target languages, comma-separated.")
@click.option("--from", "-f", "src", callback=lang_callback,
              help="Source language [default: from each name (x.en.txt); XLIFF: its source-language; PO: en].")
@click.option("--input-format", "input_format", default="auto", show_default=True,
              type=click.Choice(["auto", "text", "po", "xliff", "html", "markdown"]),
              help="Format of every INPUT; auto: from each name (.po .pot .xlf .html .md; else text).")
@click.option("--out", "outdir", type=click.Path(path_type=Path), default=Path("corpora/out"), show_default=True,
              help="Output directory for the corpora.")
@click.option("--name", help="Stem of the corpus files [default: the document id for one document, else 'corpus'].")
@click.option("--engine", default="apertium", show_default=True, help="Default engine (see `alignkit engines`).")
@click.option("--model", help="Model for the engine (ct2: a name from `alignkit models list` or a path).")
@click.option("--option", "engine_opts", multiple=True, metavar="KEY=VALUE", help="Engine option, repeatable.")
@click.option("--config", type=click.Path(path_type=Path), help="TOML file choosing an engine per language.")
@click.option("--glossary", type=click.Path(path_type=Path), help="Glossary to enforce and verify (TSV or TBX).")
@click.option("--segmenter", default="rules", show_default=True, help="Sentence segmenter.")
@click.option("--formats", default=",".join(DEFAULT_FORMATS), show_default=True, help="Corpus formats to write.")
@click.option("--roundtrip/--no-roundtrip", default=False, help="Score round-trip chrF (translates back; slower).")
@click.option("--report/--no-report", default=True, show_default=True, help="Write report.html next to the corpora.")
@click.option("--doc-id", help="Document id used in segment ids (one input only; default: from the file name).")
@click.option("--jobs", "-j", type=int, default=None, help="Parallel engine workers [default: the machine's cores].")
@click.option("--tm", "tm_path", type=click.Path(path_type=Path),
              help="Translation memory file [default: $ALIGNKIT_HOME/tm.sqlite].")
@click.option("--no-tm", is_flag=True, help="Do not read or write a translation memory.")
@click.option("--shard-size", type=click.IntRange(1), default=1000, show_default=True,
              help="Segments per work unit (a killed run loses at most the units in flight).")
@click.option("--executor", default="local", show_default=True, help="Where units run: local, or ray.")
@click.option("--ray-address", metavar="auto|HOST:PORT",
              help="With --executor ray: join this Ray cluster [default: start a local Ray for the run].")
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
def run(inputs: tuple[str, ...], files_from: str | None, targets: tuple[str, ...], src: str | None,
        input_format: str, outdir: Path,
        name: str | None, engine: str, model: str | None, engine_opts: tuple[str, ...], config: Path | None,
        glossary: Path | None, segmenter: str, formats: str, roundtrip: bool, report: bool, doc_id: str | None,
        jobs: int | None, tm_path: Path | None, no_tm: bool, shard_size: int, executor: str, ray_address: str | None,
        quiet: bool) -> None:
    """Segment every INPUT, translate it into every --to language, verify, score, write corpora.

    An INPUT is a file, a directory (its documents, recursively, in sorted order) or '-'.
    Plain text is split into sentences; a PO/POT, XLIFF, HTML or Markdown file gives one row
    per translatable unit (translated with its placeholders and tags protected), and a PO or
    XLIFF unit's ids (msgctxt, msgid, XLIFF unit id) go with its rows (TMX x-unit, x-context).
    Every engine call goes through the translation memory, so running the same command
    again after an interruption (Ctrl-C, kill, power loss) resumes where it stopped and
    writes the same files. The output directory is locked while a run writes it, and its
    files are replaced all at once at the end.

    \b
    Examples:
      alignkit run seeds/putin-war-israel-2025.en.txt --to es,ca,gl,pt,it,fr \\
          --glossary glossaries/seed.tsv --out corpora/seed/
      alignkit run news/ --from en --to es,fr --out corpora/news/ --jobs 2
      alignkit run messages.pot --to es,ca --out corpora/messages/
      alignkit run --files-from list.txt --from en --to es --out corpora/list/ --quiet
      alignkit run article.txt --from en --to de --engine ct2 --model opus-mt-en-de --out out/
      alignkit run article.en.txt --to es,de --config engines.toml
    """
    from alignkit.corpus.executor import EXECUTORS, default_jobs
    from alignkit.corpus.inputs import collect, read_list
    from alignkit.formats import FORMATS
    from alignkit.formats.names import corpus_file_stem

    # Everything a user can get wrong is checked here, before the slow part.
    paths = list(inputs)
    if files_from is not None:
        paths += read_list(textio.read_text(files_from), files_from)
    if not paths:
        raise InputError("no INPUT given (files, directories, '-' or --files-from LIST)")
    if paths.count("-") + (files_from == "-") > 1:
        raise InputError("stdin ('-') can be read only once")
    sources = collect(paths, src=src, doc_id=doc_id, exclude=[outdir], input_format=input_format)
    fmt_list = tuple(f.strip() for f in formats.split(",") if f.strip())
    for fmt in fmt_list:
        FORMATS.get(fmt)
    stem = corpus_file_stem(name or (sources[0].id if len(sources) == 1 and "/" not in sources[0].id else "corpus"))
    jobs = jobs if jobs is not None else default_jobs()
    make_executor = EXECUTORS.get(executor)
    if ray_address is not None and executor != "ray":
        raise InputError("--ray-address goes with --executor ray")
    options = _options(targets, engine, model, engine_opts, config, segmenter, roundtrip, shard_size, jobs)
    gloss = _load_glossary(glossary) if glossary else None
    textio.check_writable_dir(outdir)
    from alignkit.pipeline import check_routes

    check_routes(sources[0].lang, options)
    tm = None if no_tm else _open_tm(tm_path, quiet)
    pool = make_executor(jobs) if ray_address is None else make_executor(jobs, address=ray_address)  # type: ignore[call-arg]
    try:
        result = _run(sources, options, outdir, stem, fmt_list, gloss, tm, pool, report, quiet)
    finally:
        if tm is not None:
            tm.close()
    click.echo(summary_table(result.meta, result))
    calls = ", ".join(f"{leg} {n}" for leg, n in result.engine_calls.items()) or "none (all from the TM)"
    click.echo(f"engine calls: {calls}")
    if result.untranslated:
        first = ", ".join(f"{doc}:{uid!r} {lang} ({why})" for doc, uid, lang, why in result.untranslated[:3])
        more = " ..." if len(result.untranslated) > 3 else ""
        click.echo(f"left untranslated (empty target, mt.LANG.untranslated in the JSONL): "
                   f"{len(result.untranslated)}: {first}{more}")
    report_note = f"  report: {outdir / 'report.html'}" if report else ""
    click.echo(f"\nwrote {len(result.meta.files) + 1} files to {outdir}/{report_note}")


def _run(sources, options, outdir, stem, formats, gloss, tm, pool, report, quiet) -> CorpusRun:  # type: ignore[no-untyped-def]
    from alignkit.pipeline import run_corpus
    from alignkit.progress import Progress

    with Progress(quiet=quiet) as progress:
        # One document: segments done / its segment count. Several: documents done / all of them
        # (their segment counts are known only once each is read).
        many = len(sources) > 1
        tasks: dict[str, ProgressTask] = {}  # made once the first document is read: an early error shows no bar
        current: dict[str, str] = {}

        def on_document(info: DocumentInfo) -> None:
            for lang in options.targets:
                if lang not in tasks:
                    tasks[lang] = progress.task(lang, total=len(sources) if many else info.segments,
                                                unit="doc" if many else "seg")

        def on_progress(lang: str, doc: str, segments: int) -> None:
            if not many:
                tasks[lang].update(segments)
            elif current.get(lang, doc) != doc:
                tasks[lang].update(1)  # the previous document is done
            current[lang] = doc

        result = run_corpus(sources, options, outdir, name=stem, formats=formats, glossary=gloss, tm=tm,
                            executor=pool, report=report, on_progress=on_progress, on_document=on_document)
        for lang, task in tasks.items():
            if many and lang in current:
                task.update(1)
            task.close()
    return result


def _options(targets: tuple[str, ...], engine: str, model: str | None, engine_opts: tuple[str, ...],
             config: Path | None, segmenter: str, roundtrip: bool, shard_size: int, jobs: int) -> RunOptions:
    options = parse_options(engine_opts)
    if model:
        options["model"] = model
    default, per_lang = EngineSpec(engine, options), {}
    if config is not None:
        cfg_default, per_lang = load_engine_config(config)
        default = cfg_default or default
    return RunOptions(targets=targets, engine=_threads(default, jobs),
                      per_language={k: _threads(v, jobs) for k, v in per_lang.items()},
                      segmenter=segmenter, roundtrip=roundtrip, shard_size=shard_size)


def _threads(spec: EngineSpec, jobs: int) -> EngineSpec:
    """CTranslate2 workers split the cores: ``jobs`` × threads = cores, unless the user chose."""
    if spec.name != "ct2" or jobs <= 1 or {"inter_threads", "intra_threads"} & set(spec.options):
        return spec
    from alignkit.corpus.executor import default_jobs

    return EngineSpec(spec.name, {**spec.options, "inter_threads": 1,
                                  "intra_threads": max(1, default_jobs() // jobs)})


def _open_tm(path: Path | None, quiet: bool):  # type: ignore[no-untyped-def]
    from alignkit.tm import TranslationMemory, default_tm_path

    tm = TranslationMemory(path or default_tm_path())
    if tm.notice and not quiet:
        click.echo(f"alignkit: {tm.notice}", err=True)
    return tm


def _load_glossary(path: Path) -> Glossary:
    # Imported here: the glossary package pulls in lxml, which `alignkit --help` must not pay for.
    from alignkit.glossary import load

    return load(path)


def summary_table(meta: RunMeta, result: CorpusRun | None = None) -> str:
    """The per-language summary table (the one definition ``score`` uses too:
    :func:`alignkit.score.tables.summary_table`), with the source line above and the total time below.
    """
    from alignkit.score.tables import summary_table as table

    seconds = result.seconds if result is not None else {}
    rows = {}
    for lang in meta.languages:
        tr = meta.translators.get(lang, {})
        rows[lang] = {**meta.summary.get(lang, {}), "engine": tr.get("engine"), "route": tuple(tr.get("route") or ()),
                      "seconds": seconds.get(lang, 0.0)}
    docs = f"{len(meta.documents)} documents" if len(meta.documents) != 1 else meta.documents[0].id
    lines = [f"source: {docs} ({meta.source_lang}), {meta.segments} segments", *table(rows)]
    if result is not None:
        lines.append(f"total {result.seconds.get('total', 0.0):.1f}s")
    return "\n".join(lines)
