"""XLIFF 1.2 and 2.x through lxml: fill ``<target>``, keep ids, notes, attributes and inline codes.

Inline codes become protected tokens: paired elements whose content is text (1.2 ``<g>``,
``<mrk>``; 2.x ``<pc>``, ``<mrk>``) are tag pairs around translatable text, everything else
(``<x/>``, ``<bx/>``, ``<ex/>``, ``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<sc/>``, ``<ec/>``,
``<cp/>``, ``<sm/>``, ``<em/>``) is copied whole; begin/end codes keep their source order so
the target stays valid. Placeholders written in the text (``{{ limit }}``, ``%count%``, ICU
``{n, plural, …}``, printf) are protected too. An unknown namespace, an element that is not an
inline code inside ``<source>``, or an unpaired begin/end code is an error with its line.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from alignkit.documents.base import DocumentFormat, DocumentOptions, Target, Unit
from alignkit.documents.protect import MaskBuilder, Masked, Protector
from alignkit.errors import InputError

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_2 = ("urn:oasis:names:tc:xliff:document:2.0", "urn:oasis:names:tc:xliff:document:2.1",
        "urn:oasis:names:tc:xliff:document:2.2")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Inline elements per version: paired (content is text) and the others (copied whole).
PAIRED = {"1": frozenset({"g", "mrk"}), "2": frozenset({"pc", "mrk"})}
ATOMIC = {"1": frozenset({"x", "bx", "ex", "bpt", "ept", "ph", "it"}),
          "2": frozenset({"ph", "sc", "ec", "cp", "sm", "em"})}
#: Begin/end codes that must stay in their order (an end before its begin is invalid).
ORDERED = frozenset({"bx", "ex", "bpt", "ept", "sc", "ec", "sm", "em"})
#: Placeholder syntaxes protected inside XLIFF text.
SYNTAXES = Protector(("icu", "template", "symfony", "pynamed", "brace", "qt", "printf", "markup", "entity", "url"))

_DECL = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


@dataclass
class XliffDoc:
    """A parsed XLIFF file: its tree, version (``"1"`` or ``"2"``) and XML declaration."""

    root: Any
    version: str
    ns: str
    declaration: str
    trailing_newline: bool


class XliffFormat(DocumentFormat[XliffDoc]):
    """XLIFF 1.2 and 2.x files."""

    name = "xliff"
    extensions = (".xlf", ".xliff")

    def parse(self, text: str) -> XliffDoc:
        from lxml import etree

        decl = _DECL.match(text)
        declaration = decl.group(0).lstrip("\ufeff \t\r\n") if decl else ""
        body = " " * len(decl.group(0)) + text[decl.end():] if decl else text  # keeps lines and columns
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False, huge_tree=False)
        try:
            root = etree.fromstring(body.encode("utf-8"), parser)
        except etree.XMLSyntaxError as err:
            line, col = err.position if err.position else (err.lineno, 0)
            why = re.sub(r",? line \d+, column \d+$", "", err.msg)  # lxml repeats the position
            raise InputError(f"line {line}, column {col}: not well-formed XML ({why})") from None
        ns = etree.QName(root).namespace or ""
        if etree.QName(root).localname != "xliff" or (ns != NS_12 and ns not in NS_2):
            raise InputError(f"{_where(text, root)}: not XLIFF 1.2 or 2.x (root <{etree.QName(root).localname}> "
                             f"in namespace {repr(ns) if ns else 'none'})")
        doc = XliffDoc(root, "1" if ns == NS_12 else "2", ns, re.sub(r"encoding=['\"][^'\"]*['\"]",
                       'encoding="UTF-8"', declaration), text.endswith("\n"))
        for _, source in self._segments(doc, overwrite=True):
            try:
                _check_inline(source, doc)
            except _BadCode as err:
                raise InputError(f"{_where(text, err.element)}: {err}") from None
        return doc

    def source_lang(self, doc: XliffDoc) -> str | None:
        from alignkit import langs

        holder = doc.root.find(f"{{{doc.ns}}}file") if doc.version == "1" else doc.root
        code = None if holder is None else holder.get("source-language" if doc.version == "1" else "srcLang")
        try:
            return langs.normalize(code) if code else None
        except Exception:  # noqa: BLE001 - an unusual tag: the option or default decides
            return None

    def _segments(self, doc: XliffDoc, overwrite: bool) -> list[tuple[str, Any]]:
        """(id, <source>) of the segments to translate, in document order."""
        q = f"{{{doc.ns}}}"
        out = []
        if doc.version == "1":
            for tu in doc.root.iter(f"{q}trans-unit"):
                source = tu.find(f"{q}source")
                if tu.get("translate") == "no" or source is None or tu.find(f"{q}seg-source") is not None:
                    continue
                if overwrite or not _has_text(tu.find(f"{q}target")):
                    out.append((tu.get("id", ""), source))
            return out
        for unit in doc.root.iter(f"{q}unit"):
            if unit.get("translate") == "no":
                continue
            for k, seg in enumerate(unit.findall(f"{q}segment")):
                source = seg.find(f"{q}source")
                if source is not None and (overwrite or not _has_text(seg.find(f"{q}target"))):
                    out.append((f"{unit.get('id', '')}/{seg.get('id', k + 1)}", source))
        return out

    def units(self, doc: XliffDoc, options: DocumentOptions) -> list[Unit]:
        return [Unit(uid, _mask(source, doc)) for uid, source in self._segments(doc, options.overwrite)]

    def skipped(self, doc: XliffDoc, options: DocumentOptions) -> int:
        return 0 if options.overwrite else len(self._segments(doc, True)) - len(self._segments(doc, False))

    def rebuild(self, doc: XliffDoc, translations: Mapping[str, Target], options: DocumentOptions) -> str:
        from lxml import etree

        work = copy.deepcopy(doc)
        self._set_target_lang(work, options.tgt)
        for uid, source in self._segments(work, options.overwrite):
            if uid in translations:
                found = translations[uid]
                _write_target(source, found.source, found.masked, work, options)
        text = etree.tostring(work.root.getroottree(), encoding="unicode")
        if work.declaration:
            text = work.declaration + "\n" + text
        return text + ("\n" if work.trailing_newline and not text.endswith("\n") else "")

    def _set_target_lang(self, doc: XliffDoc, tgt: str) -> None:
        holders = doc.root.findall(f"{{{doc.ns}}}file") if doc.version == "1" else [doc.root]
        attr = "target-language" if doc.version == "1" else "trgLang"
        for holder in holders:
            declared = holder.get(attr)
            if declared and declared.split("-")[0].split("_")[0].lower() != tgt:
                raise InputError(f"line {holder.sourceline}: the file's {attr} is {declared!r}, not {tgt!r}")
            if not declared:
                holder.set(attr, tgt)


def _has_text(target: Any) -> bool:
    return target is not None and (bool((target.text or "").strip()) or len(target) > 0)


def _local(el: Any) -> str:
    from lxml import etree

    return etree.QName(el).localname if isinstance(el.tag, str) else ""


class _BadCode(ValueError):
    """An inline code problem at ``element`` (located in the text by :func:`_where`)."""

    def __init__(self, why: str, element: Any) -> None:
        super().__init__(why)
        self.element = element


def _where(text: str, element: Any) -> str:
    """``line L, column C`` of ``element``'s start tag (lxml knows the line; the column is searched)."""
    from lxml import etree

    line = element.sourceline or 1
    lines = text.split("\n")
    row = lines[line - 1] if line <= len(lines) else ""
    found = re.search(rf"<(?:[\w.-]+:)?{re.escape(etree.QName(element).localname)}(?=[\s/>])", row)
    return f"line {line}, column {found.start() + 1 if found else 1}"


def _check_inline(source: Any, doc: XliffDoc) -> None:
    """Raise :class:`_BadCode` for an element that is not an inline code, or an unpaired begin/end code."""
    from lxml import etree

    allowed = PAIRED[doc.version] | ATOMIC[doc.version]
    begins: dict[str, Any] = {}
    for el in source.iterdescendants():
        if not isinstance(el.tag, str):
            continue  # comments and processing instructions are copied whole
        name = _local(el)
        if etree.QName(el).namespace != doc.ns or name not in allowed:
            if el.getparent() is not None and _local(el.getparent()) in ATOMIC[doc.version]:
                continue  # inside a code (1.2 <sub>, native code): copied whole
            raise _BadCode(f"<{name}> is not an XLIFF inline code inside <source>", el)
        # 1.2 links begin/end codes by rid (without one, tools pair them by order: nothing to check);
        # 2.x links <ec startRef> to <sc id>.
        key = el.get("rid") if name in ("bx", "ex", "bpt", "ept") else el.get("startRef") or el.get("id")
        if key is None:
            continue
        if name in ("bx", "bpt", "sc") and el.get("isolated") != "yes":
            begins[key] = el
        elif name in ("ex", "ept", "ec") and el.get("isolated") != "yes":
            if key not in begins:
                raise _BadCode(f"<{name}> closes code {key!r} that was never opened", el)
            del begins[key]
    if begins:
        key, opened = next(iter(begins.items()))
        raise _BadCode(f"inline code {key!r} is opened and never closed", opened)


def _mask(source: Any, doc: XliffDoc) -> Masked:
    from lxml import etree

    out = MaskBuilder()

    def walk(el: Any) -> None:
        if el.text:
            SYNTAXES.feed(el.text, out)
        for child in el:
            name = _local(child)
            if name in PAIRED[doc.version]:
                shell = etree.Element(child.tag, attrib=dict(child.attrib), nsmap=None)
                out.open(_start_tag(child), data=shell)
                walk(child)
                out.close(f"</{name}>")
            else:
                whole = copy.deepcopy(child)
                whole.tail = None
                # copied out of its tree, the element declares the XLIFF namespace: not part of its text
                text = etree.tostring(whole, encoding="unicode", with_tail=False).replace(f' xmlns="{doc.ns}"', "", 1)
                out.atom(text, ordered=name in ORDERED, data=whole)
            if child.tail:
                SYNTAXES.feed(child.tail, out)

    walk(source)
    return out.build()


def _start_tag(el: Any) -> str:
    attrs = "".join(f' {k}="{v}"' for k, v in el.attrib.items())
    return f"<{_local(el)}{attrs}>"


def _write_target(source: Any, masked: Masked, translated: str, doc: XliffDoc, options: DocumentOptions) -> None:
    """Create or fill the ``<target>`` after ``source`` and set the translation state."""
    from lxml import etree

    q = f"{{{doc.ns}}}"
    parent = source.getparent()
    target = parent.find(f"{q}target")
    if target is None:
        target = etree.Element(f"{q}target")
        target.tail = source.tail
        prev = source.getprevious()
        indent = prev.tail if prev is not None else parent.text
        if indent is not None and not indent.strip() and (source.tail or "").strip() == "":
            source.tail = indent  # the new line gets the source's indentation
        source.addnext(target)
    else:
        for child in list(target):
            target.remove(child)
        target.text = None
    _fill(target, masked, translated)
    if doc.version == "1":
        target.set(XML_LANG, options.tgt)
        target.set("state", "needs-review-translation" if options.fuzzy else "translated")
        if options.fuzzy:
            target.set("state-qualifier", "mt-suggestion")
        elif target.get("state-qualifier") == "mt-suggestion":
            del target.attrib["state-qualifier"]
    else:
        parent.set("state", "translated")
        if options.fuzzy:
            parent.set("subState", "alignkit:machine")


def _fill(target: Any, masked: Masked, translated: str) -> None:
    """Build the target's content from the translation's text runs and spans."""
    stack = [target]

    def add_text(text: str) -> None:
        node = stack[-1]
        if len(node):
            node[-1].tail = (node[-1].tail or "") + text
        else:
            node.text = (node.text or "") + text

    for piece in masked.pieces(translated):
        if isinstance(piece, str):
            add_text(piece)
        elif piece.role == "close":
            if masked.spans[piece.partner].data is None:
                add_text(piece.text)  # markup written as text (&lt;b&gt;)
            else:
                stack.pop()
        elif piece.data is None:
            add_text(piece.text)  # a placeholder written in the text
        elif piece.role == "open":
            el = copy.deepcopy(piece.data)
            stack[-1].append(el)
            stack.append(el)
        else:
            stack[-1].append(copy.deepcopy(piece.data))
