"""TBX import and export (ISO 30042), parsed safely.

Reading accepts TBX 2 (``martif`` / ``termEntry`` / ``langSet`` / ``tig`` or ``ntig``) and
TBX 3 (``tbx`` / ``conceptEntry`` / ``langSec`` / ``termSec``). The parser never resolves
entities, never loads a DTD and never touches the network. Writing produces TBX-Basic style
TBX 2: one ``termEntry`` per concept, the preferred form first in each ``langSet``.
"""

from __future__ import annotations

from lxml import etree

from alignkit.glossary.model import Glossary
from alignkit.glossary.validate import VARIANT_SEP, RawRow, build, check_languages

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Element names (local, namespace stripped) of a concept, a language section and a term.
CONCEPTS = ("termEntry", "conceptEntry")
LANGSETS = ("langSet", "langSec")
NOTES = ("note", "descrip")


def _parser() -> etree.XMLParser:
    # Safety first: no entity expansion (billion laughs), no DTD, no network, bounded trees.
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def parse_tbx(data: bytes, name: str = "") -> Glossary:
    """Parse TBX bytes into a validated glossary.

    Raises:
        GlossaryError: malformed XML, a DOCTYPE with entities, or content problems (all listed).
    """
    problems: list[str] = []
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as err:
        return build([], [], name, [f"line {err.lineno}: not well-formed XML ({err.msg})"])
    if root.getroottree().docinfo.internalDTD is not None and "<!ENTITY" in data.decode("utf-8", "replace"):
        return build([], [], name, ["line 1: DTD entity declarations are not allowed in a glossary"])
    entries = [e for e in root.iter() if _local(e.tag) in CONCEPTS]
    if not entries:
        problems.append(f"line {root.sourceline}: no termEntry/conceptEntry elements")
    raw_langs: list[tuple[int, str]] = []
    rows: list[RawRow] = []
    for entry in entries:
        cells: dict[str, list[str]] = {}
        for langset in (e for e in entry.iter() if _local(e.tag) in LANGSETS):
            code = langset.get(XML_LANG) or langset.get("lang") or ""
            if code not in [c for _, c in raw_langs]:
                raw_langs.append((langset.sourceline or 0, code))
            terms = ["".join(t.itertext()) for t in langset.iter() if _local(t.tag) == "term"]
            cells.setdefault(code, []).extend(terms or [""])
        note = " ".join("".join(n.itertext()) for n in entry if _local(n.tag) in NOTES)
        rows.append(RawRow(entry.sourceline or 0, {c: VARIANT_SEP.join(v) for c, v in cells.items()}, note))
    checked, lang_problems = check_languages(raw_langs)
    problems += lang_problems
    rename = {raw: code for (_, raw), code in zip(raw_langs, checked) if code is not None}
    rows = [RawRow(r.line, {rename[c]: v for c, v in r.cells.items() if c in rename}, r.note) for r in rows]
    return build([c for c in checked if c is not None], rows, name, problems)


def dump_tbx(glossary: Glossary) -> str:
    """Serialise ``glossary`` as a TBX 2 (``martif``) document."""
    src = glossary.langs[0] if glossary.langs else "en"
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: src})
    header = etree.SubElement(etree.SubElement(root, "martifHeader"), "fileDesc")
    etree.SubElement(etree.SubElement(header, "sourceDesc"), "p").text = (
        f"alignkit glossary {glossary.name}".strip() + f" ({glossary.digest()})"
    )
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for i, term in enumerate(glossary.terms, 1):
        entry = etree.SubElement(body, "termEntry", {"id": f"c{i}"})
        if term.note:
            etree.SubElement(entry, "note").text = term.note
        for lang in glossary.langs:
            langset = etree.SubElement(entry, "langSet", {XML_LANG: lang})
            for form in term.forms[lang]:
                etree.SubElement(etree.SubElement(langset, "tig"), "term").text = form
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode", pretty_print=True)
