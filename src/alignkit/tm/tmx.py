"""A translation memory as TMX 1.4b, written and read as a stream (memory does not grow with the file).

Export writes one ``<tu>`` per entry: the source and target ``<tuv>`` of its leg, and the
entry's key as ``<prop type="x-signature">`` and ``<prop type="x-leg">`` (the engine's
unknown words as ``x-unknown``, a JSON list). The header carries each signature's
``describe()`` as ``<prop type="x-describe:DIGEST">``. Import reads that back exactly, or any
TMX when a signature is given: each unit then gives one entry per target language.

Reading never resolves entities nor touches the network (safe on untrusted files).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from alignkit import __version__, langs, textio
from alignkit.errors import InputError, UnknownNameError
from alignkit.types import EngineOutput

if TYPE_CHECKING:
    from alignkit.tm.store import TranslationMemory

log = logging.getLogger(__name__)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DESCRIBE = "x-describe:"
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TMX_TIME = "%Y%m%dT%H%M%SZ"
#: Entries written to the memory per transaction while importing.
_IMPORT_BATCH = 5000


@dataclass(frozen=True)
class Unit:
    """One ``<tu>`` as read: its source, its targets and its ``<prop>`` values."""

    src: str
    source: str
    targets: tuple[tuple[str, str], ...]
    props: dict[str, str] = field(default_factory=dict)


def _tmx_time(epoch: float) -> str:
    return time.strftime(_TMX_TIME, time.gmtime(epoch))


def _lang(code: str) -> str:
    """A TMX language (``EN-US``) as alignkit's leg language (``en``); an unknown code kept lowercased."""
    try:
        return langs.normalize(code)
    except UnknownNameError:
        return code.strip().lower()


def _tu(digest: str, leg: str, source: str, out: EngineOutput, created: float, used: float) -> etree._Element:
    src, _, tgt = leg.partition(">")
    tu = etree.Element("tu", srclang=src, creationdate=_tmx_time(created), lastusagedate=_tmx_time(used))
    etree.SubElement(tu, "prop", type="x-signature").text = digest
    etree.SubElement(tu, "prop", type="x-leg").text = leg
    if out.unknown:
        etree.SubElement(tu, "prop", type="x-unknown").text = json.dumps(list(out.unknown), ensure_ascii=False)
    for lang, text in ((src, source), (tgt, out.text)):
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, lang)
        etree.SubElement(tuv, "seg").text = text
    return tu


def export_tmx(tm: TranslationMemory, path: Path) -> int:
    """Write every entry of ``tm`` to ``path`` (atomically); returns the entries written.

    An entry whose text XML cannot carry (control characters) is left out, with a warning:
    writing it altered would change its key.
    """
    header = etree.Element("header", creationtool="alignkit", creationtoolversion=__version__,
                           segtype="sentence", adminlang="en", srclang="*all*", datatype="plaintext",
                           **{"o-tmf": "alignkit-tm"})
    for digest, describe in sorted(tm.descriptions().items()):
        etree.SubElement(header, "prop", type=f"{_DESCRIBE}{digest}").text = describe
    written = skipped = 0
    with textio.atomic_open(path, "wb", encoding=None) as fh, etree.xmlfile(fh, encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
        with xf.element("tmx", version="1.4"):
            xf.write("\n", header, "\n", pretty_print=True)
            with xf.element("body"):
                xf.write("\n")
                for digest, leg, source, out, created, used in tm.iter_entries():
                    if _INVALID_XML.search(source + out.text + "".join(out.unknown)):
                        skipped += 1
                        continue
                    xf.write(_tu(digest, leg, source, out, created, used), pretty_print=True)
                    written += 1
    if skipped:
        log.warning("%s: %d entries left out (characters XML cannot hold)", path, skipped)
    return written


def _unit(tu: etree._Element, srclang: str) -> Unit:
    props = {p.get("type", ""): p.text or "" for p in tu.findall("prop")}
    tuvs = []
    for tuv in tu.findall("tuv"):
        seg = tuv.find("seg")
        code = tuv.get(XML_LANG) or tuv.get("lang") or ""
        tuvs.append((_lang(code), "".join(seg.itertext()) if seg is not None else ""))
    declared = tu.get("srclang") or srclang
    # No source language declared: the first variant is the source.
    src = _lang(declared) if declared not in ("", "*all*") else (tuvs[0][0] if tuvs else "")
    source = next((text for lang, text in tuvs if lang == src), None)
    if source is None:
        return Unit(src, "", (), props)
    return Unit(src, source, tuple((lang, text) for lang, text in tuvs if lang != src), props)


def read_units(path: Path) -> Iterator[tuple[Unit | None, dict[str, str]]]:
    """Stream ``(unit, describes)`` from a TMX file; the header's describes come first, with unit None.

    Raises:
        InputError: the file is missing, not well-formed XML or not TMX.
    """
    srclang = ""
    seen_root = False
    try:
        events = etree.iterparse(str(path), events=("start", "end"), resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False)
        for event, elem in events:
            if event == "start":
                if not seen_root and elem.tag != "tmx":
                    raise InputError(f"{path}: not a TMX document (root <{elem.tag}>, expected <tmx>)")
                seen_root = True
                continue
            if elem.tag == "header":
                srclang = elem.get("srclang") or ""
                describes = {p.get("type", "")[len(_DESCRIBE):]: p.text or "" for p in elem.findall("prop")
                             if p.get("type", "").startswith(_DESCRIBE)}
                yield None, describes
            elif elem.tag == "tu":
                yield _unit(elem, srclang), {}
                elem.clear(keep_tail=False)
                while elem.getprevious() is not None:  # drop finished units: constant memory
                    del elem.getparent()[0]
    except OSError as err:
        raise InputError(f"{path}: cannot read ({getattr(err, 'strerror', None) or err})") from None
    except etree.XMLSyntaxError as err:
        raise InputError(f"{path}: not well-formed XML ({err})") from None


def import_tmx(tm: TranslationMemory, path: Path, *, signature: str | None = None) -> int:
    """Add the units of ``path`` to ``tm``; returns the entries written.

    Units exported by alignkit keep their own signature and leg (their ``<prop>``); any other
    unit is stored under ``signature``, leg from its languages, one entry per target.

    Raises:
        InputError: a unit has no ``x-signature`` and no ``signature`` was given, or the file is unusable.
    """
    batches: dict[tuple[str, str], list[tuple[str, EngineOutput]]] = {}
    describes: dict[str, str] = {}
    written = pending = 0
    for unit, header in read_units(path):
        describes.update(header)
        if unit is None or not unit.source.strip():
            continue
        digest = unit.props.get("x-signature") or signature
        if not digest:
            raise InputError(f"{path}: a unit has no x-signature (not an alignkit export); "
                             f"pass --signature, e.g. --signature import:{path.name}")
        unknown = tuple(json.loads(unit.props["x-unknown"])) if unit.props.get("x-unknown") else ()
        leg_given = unit.props.get("x-leg")
        for lang, text in unit.targets:
            leg = leg_given or f"{unit.src}>{lang}"
            batches.setdefault((digest, leg), []).append((unit.source, EngineOutput(text, unknown)))
            pending += 1
        if pending >= _IMPORT_BATCH:
            written += _flush(tm, batches, describes, signature)
            pending = 0
    return written + _flush(tm, batches, describes, signature)


def _flush(tm: TranslationMemory, batches: dict[tuple[str, str], list[tuple[str, EngineOutput]]],
           describes: dict[str, str], signature: str | None) -> int:
    written = 0
    for (digest, leg), items in batches.items():
        describe = json.loads(describes[digest]) if digest in describes else (
            {"engine": "import", "import": digest} if digest == signature else None)
        written += tm.put_many(digest, leg, items, describe=describe)
    batches.clear()
    return written
