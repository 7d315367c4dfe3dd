"""TBX import and export (ISO 30042), parsed safely.

Reading accepts TBX 2 (``martif`` / ``termEntry`` / ``langSet`` / ``tig`` or ``ntig``) and
TBX 3 (``tbx`` / ``conceptEntry`` / ``langSec`` / ``termSec``). The parser never resolves
entities, never loads a DTD and never touches the network. Writing produces TBX-Basic style
TBX 2: one ``termEntry`` per concept, the preferred form first in each ``langSet``.
"""

from __future__ import annotations

from lxml import etree

from alignkit.errors import GlossaryError
from alignkit.glossary.model import GENDERS, NUMBERS, Glossary, Gram, Term
from alignkit.glossary.validate import VARIANT_SEP, RawRow, build, check_languages

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Element names (local, namespace stripped) of a concept, a language section and a term.
CONCEPTS = ("termEntry", "conceptEntry")
LANGSETS = ("langSet", "langSec")
NOTES = ("note", "descrip")
#: termNote types carrying grammar, and values that mean "not one we use" (read as unknown).
GRAM_NOTES = {"grammaticalGender": {v: k for k, v in GENDERS.items()},
              "grammaticalNumber": {v: k for k, v in NUMBERS.items()}}
UNUSED_VALUES = ("other", "otherGender", "otherNumber", "dual", "mass")


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
            terms = [_annotated(t, problems) for t in langset.iter() if _local(t.tag) == "term"]
            cells.setdefault(code, []).extend(terms or [""])
        note = " ".join("".join(n.itertext()) for n in entry if _local(n.tag) in NOTES)
        rows.append(RawRow(entry.sourceline or 0, {c: VARIANT_SEP.join(v) for c, v in cells.items()}, note))
    checked, lang_problems = check_languages(raw_langs)
    problems += lang_problems
    rename = {raw: code for (_, raw), code in zip(raw_langs, checked) if code is not None}
    rows = [RawRow(r.line, {rename[c]: v for c, v in r.cells.items() if c in rename}, r.note) for r in rows]
    return build([c for c in checked if c is not None], rows, name, problems)


def _annotated(term: etree._Element, problems: list[str]) -> str:
    """A term's text with its grammar ``termNote``s (siblings in ``tig``/``termGrp``/``termSec``)
    written as the table format's ``{g.n}`` suffix, so that one validator checks both formats."""
    text = "".join(term.itertext())
    parent = term.getparent()
    parts: list[str] = []
    for note in (n for n in (parent if parent is not None else ()) if _local(n.tag) == "termNote"):
        kind, value = note.get("type", ""), "".join(note.itertext()).strip()
        if kind not in GRAM_NOTES or value in UNUSED_VALUES:
            continue
        code = GRAM_NOTES[kind].get(value)
        if code is None:
            problems.append(f"line {note.sourceline}: unknown {kind} {value!r} for {text!r} "
                            f"(use {', '.join(GRAM_NOTES[kind])})")
        else:
            parts.append(code)
    return text + ("{" + ".".join(parts) + "}" if parts else "")


def dump_tbx(glossary: Glossary) -> str:
    """Serialise ``glossary`` as a TBX 2 (``martif``) document.

    Raises:
        GlossaryError: a term or note holds a character XML cannot (a control character).
    """
    try:
        return _dump_tbx(glossary)
    except ValueError as err:  # lxml refuses control characters; TSV/CSV can hold them
        raise GlossaryError(f"{glossary.name or 'glossary'}: cannot be written as TBX: {err}") from None


def _dump_tbx(glossary: Glossary) -> str:
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
            for form, gram in zip(term.forms[lang], _grams(term, lang)):
                tig = etree.SubElement(langset, "tig")
                etree.SubElement(tig, "term").text = form
                if gram is not None:
                    _gram_notes(tig, gram)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode", pretty_print=True)


def _grams(term: Term, lang: str) -> tuple[Gram | None, ...]:
    return tuple(term.grammar.get(lang, ())) or (None,) * len(term.forms[lang])


def _gram_notes(tig: etree._Element, gram: Gram) -> None:
    # TBX-Basic data categories; every variant gets its own notes (TBX has no inheritance).
    if gram.gender:
        etree.SubElement(tig, "termNote", {"type": "grammaticalGender"}).text = GENDERS[gram.gender]
    if gram.number:
        etree.SubElement(tig, "termNote", {"type": "grammaticalNumber"}).text = NUMBERS[gram.number]
