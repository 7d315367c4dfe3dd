"""What a model directory holds and needs: layout, languages, tokenizer, source conventions.

Three layouts are understood, decided by the files present (the user never hand-sets flags):

* a CTranslate2 directory (``model.bin``, vocabularies, ``config.json``) with optional
  SentencePiece models: ``source.spm`` + ``target.spm`` (OPUS-MT) or one shared
  ``*.model``/``*.spm`` (NLLB, M2M100); without any, text is split on whitespace;
* a multilingual model (NLLB ``eng_Latn`` or M2M100 ``__en__`` language tokens in the
  vocabulary): the source starts with its language token, the target language is forced
  with a target prefix;
* an Argos Translate package: ``metadata.json``, ``model/``, ``sentencepiece.model``.

The result is a frozen :class:`ModelInfo`, stored as ``alignkit.json`` beside an installed model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alignkit import langs
from alignkit.errors import AlignkitError, FormatError, ModelError
from alignkit.formats.check import load_json

META_FILE = "alignkit.json"
META_VERSION = 1
#: SentencePiece file names tried, in order, when a model has one shared tokenizer.
SHARED_SPM_NAMES = ("sentencepiece.bpe.model", "sentencepiece.model", "spm.model", "source.spm")
_NLLB_TOKEN = re.compile(r"^([a-z]{3})_[A-Z][a-z]{3}$")
_M2M_TOKEN = re.compile(r"^__([a-z]{2,3})__$")
# Lookahead so that overlapping candidates are all seen: "opus-mt-en-es" -> (mt, en), (en, es).
_PAIR_IN_NAME = re.compile(r"(?=(?:^|[-_.])([a-z]{2,3})[-_]([a-z]{2,3})(?:$|[-_.]))")


@dataclass(frozen=True)
class ModelInfo:
    """Everything the engine needs to run a model, read from its files.

    Attributes:
        name: store name (or the directory name for a model used from a path).
        root: the model's top directory.
        model_dir: the directory holding ``model.bin``.
        kind: ``"ct2"`` or ``"argos"``.
        sources: source languages (ISO 639-1).
        targets: target languages.
        lang_tokens: language -> token for multilingual models (``"en" -> "eng_Latn"``), else empty.
        source_spm: SentencePiece model for the source, or ``None`` (whitespace tokens).
        target_spm: SentencePiece model for the target, or ``None``.
        source_eos: append the end-of-sentence token to the source (Marian/fairseq convention).
        target_prefix: tokens forced at the start of every output (Argos ``target_prefix``).
        eos_token: the model's end-of-sentence token.
        unk_token: the model's unknown-word token.
    """

    name: str
    root: Path
    model_dir: Path
    kind: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    lang_tokens: Mapping[str, str] = field(default_factory=dict)
    source_spm: Path | None = None
    target_spm: Path | None = None
    source_eos: bool = False
    target_prefix: tuple[str, ...] = ()
    eos_token: str = "</s>"
    unk_token: str = "<unk>"

    @property
    def multilingual(self) -> bool:
        """True for NLLB/M2M-style models that serve many pairs."""
        return bool(self.lang_tokens)

    @property
    def tokenizer(self) -> str:
        """``"sentencepiece"`` or ``"whitespace"``."""
        return "sentencepiece" if self.source_spm else "whitespace"

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """Directly served (src, tgt) pairs."""
        return frozenset((s, t) for s in self.sources for t in self.targets if s != t)

    def to_json(self) -> dict[str, Any]:
        """The ``alignkit.json`` content: paths relative to ``root``."""
        def rel(p: Path | None) -> str | None:
            return None if p is None else p.relative_to(self.root).as_posix()

        return {
            "format": META_VERSION, "name": self.name, "kind": self.kind,
            "model_dir": rel(self.model_dir), "sources": list(self.sources), "targets": list(self.targets),
            "lang_tokens": dict(self.lang_tokens), "source_spm": rel(self.source_spm),
            "target_spm": rel(self.target_spm), "source_eos": self.source_eos,
            "target_prefix": list(self.target_prefix), "eos_token": self.eos_token, "unk_token": self.unk_token,
        }


def read_meta(root: Path, name: str | None = None) -> ModelInfo:
    """Load ``root/alignkit.json`` written at install time.

    Raises:
        ModelError: the file is missing or malformed.
    """
    path = root / META_FILE
    try:
        data = _load_json(path)
        return ModelInfo(
            name=name or data["name"], root=root, model_dir=_inside(root, data["model_dir"]), kind=data["kind"],
            sources=tuple(data["sources"]), targets=tuple(data["targets"]),
            lang_tokens=dict(data.get("lang_tokens", {})),
            source_spm=_inside(root, data["source_spm"]) if data.get("source_spm") else None,
            target_spm=_inside(root, data["target_spm"]) if data.get("target_spm") else None,
            source_eos=bool(data.get("source_eos", False)), target_prefix=tuple(data.get("target_prefix", ())),
            eos_token=data.get("eos_token", "</s>"), unk_token=data.get("unk_token", "<unk>"),
        )
    except FileNotFoundError:
        raise ModelError(f"{root}: missing {META_FILE} (reinstall the model)") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise ModelError(f"{path}: malformed model metadata ({err})") from None


def _load_json(path: Path) -> Any:
    """A JSON file's value, parsed with the checked reader (bounded nesting, no NaN).

    Raises:
        FileNotFoundError: no such file.
        ValueError: unreadable as UTF-8 or as JSON (the message says where).
    """
    try:
        return load_json(path.read_text(encoding="utf-8"), str(path))
    except FormatError as err:
        raise ValueError(str(err).removeprefix(f"{path}: ")) from None


def _inside(root: Path, rel: str) -> Path:
    path = (root / rel).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ValueError(f"path {rel!r} leaves the model directory")
    return root / rel


def inspect_model(root: Path, name: str | None = None, src: str | None = None,
                  tgt: str | None = None, hint: str | None = None) -> ModelInfo:
    """Describe the model in directory ``root`` (``alignkit.json`` wins when present).

    Args:
        root: a CTranslate2 model directory or an unpacked Argos package.
        name: the name to report (default: the directory name).
        src: source language, for models whose files do not say (required with ``tgt``).
        tgt: target language.
        hint: another name that may contain the pair (``opus-mt-en-es``), e.g. the archive's.

    Raises:
        ModelError: files are missing (every missing file is named) or languages are unknown.
    """
    root = Path(root)
    if not root.is_dir():
        raise ModelError(f"{root}: not a directory")
    if (root / META_FILE).exists() and src is None and tgt is None:
        return read_meta(root, name)
    name = name or root.name
    argos = _read_json(root / "metadata.json") if (root / "metadata.json").exists() else None
    nested = argos is not None or (root / "model" / "model.bin").exists()
    model_dir = root / "model" if nested else root
    problems = _missing_files(root, model_dir, argos)
    if problems:
        raise ModelError(f"{root}: not a usable model: " + "; ".join(problems))
    config = _read_json(model_dir / "config.json") if (model_dir / "config.json").exists() else {}
    source_spm, target_spm = _find_spm(root, model_dir, argos is not None)
    lang_tokens = {} if argos is not None else _language_tokens(model_dir)
    sources, targets = _languages((name, hint or "", root.name), argos, lang_tokens, src, tgt)
    prefix = str(argos.get("target_prefix") or "") if argos else ""
    return ModelInfo(
        name=name, root=root, model_dir=model_dir, kind="argos" if argos is not None else "ct2",
        sources=sources, targets=targets, lang_tokens=lang_tokens,
        source_spm=source_spm, target_spm=target_spm,
        source_eos=argos is None and _needs_source_eos(config),
        target_prefix=(prefix,) if prefix else (),
        eos_token=str(config.get("eos_token") or "</s>"), unk_token=str(config.get("unk_token") or "<unk>"),
    )


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = _load_json(path)
    except (OSError, ValueError) as err:
        raise ModelError(f"{path}: unreadable JSON ({err})") from None
    if not isinstance(data, dict):
        raise ModelError(f"{path}: expected a JSON object")
    return data


def _missing_files(root: Path, model_dir: Path, argos: Mapping[str, Any] | None) -> list[str]:
    """Every problem at once (declare-then-validate), so the user fixes them in one go."""
    problems = []
    if not (model_dir / "model.bin").exists():
        where = "model/model.bin" if model_dir != root else "model.bin"
        problems.append(f"missing {where} (is it a CTranslate2 model? convert it with `alignkit models convert`)")
    if model_dir.exists() and not vocabulary_files(model_dir):
        problems.append("missing the vocabulary (shared_vocabulary.* or source_/target_vocabulary.*)")
    if argos is not None:
        for key in ("from_code", "to_code"):
            if not argos.get(key):
                problems.append(f"metadata.json has no {key!r}")
        if not (root / "sentencepiece.model").exists():
            if (root / "bpe.model").exists():
                problems.append("bpe.model (subword-nmt BPE) packages are not supported, only sentencepiece.model")
            else:
                problems.append("missing sentencepiece.model")
    return problems


def vocabulary_files(model_dir: Path) -> dict[str, Path]:
    """``{"source": path, "target": path}`` for the model's vocabularies (shared counts for both)."""
    found: dict[str, Path] = {}
    for side in ("source", "target"):
        for stem in (f"{side}_vocabulary", "shared_vocabulary"):
            for ext in (".json", ".txt"):
                if (model_dir / f"{stem}{ext}").exists():
                    found.setdefault(side, model_dir / f"{stem}{ext}")
    return found


def read_vocabulary(path: Path) -> list[str]:
    """Tokens of a CTranslate2 vocabulary file (JSON list or one token per line).

    Raises:
        ModelError: unreadable, not UTF-8, or (``.json``) not a list of strings.
    """
    try:
        if path.suffix == ".json":
            tokens = _load_json(path)
            if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
                raise ValueError("expected a JSON list of strings")
            return tokens
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError) as err:
        raise ModelError(f"{path}: unreadable vocabulary ({err})") from None
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")


def _find_spm(root: Path, model_dir: Path, argos: bool) -> tuple[Path | None, Path | None]:
    if argos:
        return root / "sentencepiece.model", root / "sentencepiece.model"
    for base in dict.fromkeys((model_dir, root)):
        if (base / "source.spm").exists() and (base / "target.spm").exists():
            return base / "source.spm", base / "target.spm"
        for fname in SHARED_SPM_NAMES:
            if (base / fname).exists():
                return base / fname, base / fname
        others = sorted([*base.glob("*.model"), *base.glob("*.spm")])
        if len(others) == 1:
            return others[0], others[0]
    return None, None


def _language_tokens(model_dir: Path) -> dict[str, str]:
    """NLLB/M2M language tokens of the source vocabulary, by ISO 639-1 code (first one wins)."""
    vocab = vocabulary_files(model_dir).get("source")
    if vocab is None:
        return {}
    found: dict[str, str] = {}
    for token in read_vocabulary(vocab):
        match = _NLLB_TOKEN.match(token) or _M2M_TOKEN.match(token)
        if match:
            try:
                found.setdefault(langs.normalize(match.group(1)), token)
            except AlignkitError:
                continue  # a language alignkit has no code for: not served
    return found if len(found) >= 2 else {}


def _languages(names: tuple[str, ...], argos: Mapping[str, Any] | None, lang_tokens: Mapping[str, str],
               src: str | None, tgt: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if (src is None) != (tgt is None):
        raise ModelError("give both --from and --to, or neither")
    if src and tgt:
        return (langs.normalize(src),), (langs.normalize(tgt),)
    if argos is not None:
        return (langs.normalize(str(argos["from_code"])),), (langs.normalize(str(argos["to_code"])),)
    if lang_tokens:
        codes = tuple(sorted(lang_tokens))
        return codes, codes
    for name in names:
        for match in reversed(list(_PAIR_IN_NAME.finditer(name.lower()))):  # the pair comes last
            try:
                return (langs.normalize(match.group(1)),), (langs.normalize(match.group(2)),)
            except AlignkitError:
                continue
    raise ModelError(f"cannot tell the languages of model {names[0]!r}; give them with --from LANG --to LANG")


def _needs_source_eos(config: Mapping[str, Any]) -> bool:
    """Whether the source must end with ``</s>`` (CTranslate2 does not add it unless told).

    Models converted from Transformers/fairseq (Marian/OPUS-MT, NLLB, M2M100) were trained
    with ``</s>`` closing the source and start decoding with ``</s>`` or ``<pad>``; OpenNMT
    models start decoding with ``<s>`` and use no source ``</s>``. Old models without a
    ``config.json`` are OpenNMT models.
    """
    if not config or config.get("add_source_eos"):
        return False
    start = config.get("decoder_start_token", "<s>")
    return start is not None and start != config.get("bos_token", "<s>")
