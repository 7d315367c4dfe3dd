"""TMX 1.4b: multi-way translation memory, built and parsed with lxml (never string concatenation).

Reading never resolves entities nor touches the network (safe on untrusted files).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from alignkit import __version__, textio
from alignkit.errors import FormatError
from alignkit.types import Row

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 forbids; engines and OCR text occasionally produce them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Row fields written as ``<prop type="x-FIELD">`` (``unit``, ``context``, ``plural``: the ids of a
#: PO/XLIFF unit, see :mod:`alignkit.corpus.readers`).
_META_PROPS = ("id", "context", "unit", "plural", "index", "para", "sent", "cost")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def _root(langs: Sequence[str]) -> tuple[etree._Element, etree._Element]:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root, "header",
        creationtool="alignkit", creationtoolversion=__version__, segtype="sentence",
        **{"o-tmf": "alignkit", "adminlang": "en", "srclang": langs[0] if langs else "*all*",
           "datatype": "plaintext"},
    )
    return root, etree.SubElement(root, "body")


def _tu(parent: etree._Element | None, row: Row, n: int, langs: Sequence[str]) -> etree._Element:
    attrs = {"tuid": str(row.meta.get("id", n))}
    tu = etree.Element("tu", attrs) if parent is None else etree.SubElement(parent, "tu", attrs)
    for key in _META_PROPS[1:]:
        if key in row.meta:
            etree.SubElement(tu, "prop", type=f"x-{key}").text = str(row.meta[key])
    for lang in langs:
        text = row.texts.get(lang)
        if text is None:
            continue
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, lang)
        etree.SubElement(tuv, "seg").text = _clean(text)
    return tu


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')


def build(rows: Sequence[Row], langs: Sequence[str]) -> bytes:
    """Serialise rows as a TMX 1.4b document (deterministic bytes)."""
    root, body = _root(langs)
    for n, row in enumerate(rows):
        _tu(body, row, n, langs)
    return _serialise(root)


class TmxWriter:
    """Streams a TMX file one ``<tu>`` at a time; the bytes equal :func:`build` of all rows."""

    def __init__(self, path: Path, langs: Sequence[str]) -> None:
        self.path, self.langs, self._n = path, list(langs), 0
        head = _serialise(_root(self.langs)[0])
        self._fh = open(path, "wb")  # noqa: SIM115 - closed in close()
        self._fh.write(head.replace(b"<body/>", b"<body>", 1).removesuffix(b"</tmx>\n"))

    def write(self, rows: Sequence[Row]) -> None:
        for row in rows:
            tu = _tu(None, row, self._n, self.langs)
            etree.indent(tu, space="  ", level=2)
            self._fh.write(b"    " + etree.tostring(tu, encoding="UTF-8") + b"\n")
            self._n += 1

    def close(self) -> list[Path]:
        if self._n:
            self._fh.write(b"  </body>\n</tmx>\n")
        else:  # an empty body is written <body/>
            self._fh.seek(0)
            self._fh.truncate()
            self._fh.write(build([], self.langs))
        self._fh.close()
        return [self.path]

    def abort(self) -> None:
        self._fh.close()


def parse(data: bytes, source: str = "TMX") -> tuple[Row, ...]:
    """Parse TMX bytes into rows (``tuid`` becomes ``meta["id"]``).

    Raises:
        FormatError: not well-formed XML, not a TMX document, or a ``<tuv>`` without a language
            or with the language of another ``<tuv>`` of its ``<tu>`` (the line is given).
    """
    # huge_tree=False keeps libxml2's limits: nesting depth 256, 10 MB per text node.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise FormatError(source, f"not well-formed XML ({err})") from None
    body = root.find("body")
    if root.tag != "tmx" or body is None:
        raise FormatError(source, "not a TMX document (no <tmx><body>)")
    rows = []
    for tu in body.iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").strip().lower()
            if not lang:
                raise FormatError(source, "<tuv> without a language", tuv.sourceline, "xml:lang")
            if lang in texts:
                raise FormatError(source, f"a second <tuv> for {lang!r} in one <tu>", tuv.sourceline, "xml:lang")
            seg = tuv.find("seg")
            texts[lang] = "".join(seg.itertext()) if seg is not None else ""
        meta: dict[str, object] = {}
        if tu.get("tuid") is not None:
            meta["id"] = tu.get("tuid")
        rows.append(Row(texts, meta))
    return tuple(rows)


class _Tmx:
    suffix = ".tmx"

    def read(self, path: Path, langs: Sequence[str] | None) -> tuple[Row, ...]:
        rows = parse(textio.read_bytes(path), str(path))
        if langs:
            rows = tuple(Row({lang: r.texts.get(lang, "") for lang in langs}, r.meta) for r in rows)
        return rows

    def write(self, rows: Sequence[Row], path: Path, langs: Sequence[str]) -> list[Path]:
        with textio.atomic_open(path, "wb", encoding=None) as fh:
            fh.write(build(rows, langs))
        return [path]

    def open_writer(self, path: Path, langs: Sequence[str]) -> TmxWriter:
        """A streaming writer (for a staging directory: the file is written in place)."""
        return TmxWriter(path, langs)


FORMAT = _Tmx()
