"""The model store: one directory per installed model, with an ``alignkit.json`` beside it.

Installs are atomic: the source is copied or extracted into a hidden temporary directory
inside the store, validated by loading it with CTranslate2 (and SentencePiece), described
in ``alignkit.json``, then renamed into place. Any failure removes the temporary directory,
so the store holds either the whole model or nothing.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

from alignkit.errors import ModelError
from alignkit.models.archive import (
    ArchiveLimits,
    check_tree,
    copy_tree,
    extract_archive,
    is_archive,
)
from alignkit.models.layout import META_FILE, ModelInfo, inspect_model, read_meta

log = logging.getLogger(__name__)

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_ARCHIVE_SUFFIXES = (".argosmodel", ".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")


def store_dir(models_home: str | os.PathLike[str] | None = None) -> Path:
    """Where models live: ``models_home``, else ``$ALIGNKIT_HOME/models``, else the user data dir.

    Nothing is created here; the store directory appears on the first install.
    """
    if models_home:
        return Path(models_home).expanduser()
    home = os.environ.get("ALIGNKIT_HOME")
    if home:
        return Path(home).expanduser() / "models"
    import platformdirs  # local: only needed when no home is given

    return Path(platformdirs.user_data_dir("alignkit", appauthor=False)) / "models"


def default_name(source: Path) -> str:
    """A store name from a path: ``translate-en_es-1_0.argosmodel`` -> ``translate-en_es-1_0``."""
    base = source.resolve().name
    for suffix in _ARCHIVE_SUFFIXES:
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
            break
    return re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip("-.")[:64] or "model"


def check_name(name: str) -> str:
    """Validate a store name (letters, digits, ``._-``; at most 64 characters).

    Raises:
        ModelError: the name is unusable as a directory name.
    """
    if not _NAME.match(name):
        raise ModelError(f"invalid model name {name!r}: use letters, digits, '.', '_' or '-' (at most 64)")
    return name


class ModelStore:
    """The installed models under one directory.

    Args:
        root: the store directory (see :func:`store_dir`); it need not exist yet.
    """

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = store_dir(root)

    def names(self) -> list[str]:
        """Installed model names, sorted (hidden temporary directories excluded)."""
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and (p / META_FILE).exists())

    def list(self) -> list[ModelInfo]:
        """All installed models; a damaged one is skipped with a warning."""
        infos = []
        for name in self.names():
            try:
                infos.append(read_meta(self.root / name, name))
            except ModelError as err:
                log.warning("skipping model %s: %s", name, err)
        return infos

    def get(self, name: str) -> ModelInfo:
        """The installed model ``name``.

        Raises:
            ModelError: not installed (the message lists what is).
        """
        check_name(name)
        path = self.root / name
        if not (path / META_FILE).exists():
            have = ", ".join(self.names()) or "none"
            raise ModelError(f"no model named {name!r} in {self.root} (installed: {have}); "
                             "install one with `alignkit models install PATH`")
        return read_meta(path, name)

    def remove(self, name: str) -> Path:
        """Delete the installed model ``name``; returns the removed path.

        Raises:
            ModelError: not installed.
        """
        info = self.get(name)
        # Rename first so a crash mid-delete never leaves a half model under a valid name.
        trash = self.root / f".remove-{name}-{os.getpid()}"
        os.replace(info.root, trash)
        shutil.rmtree(trash, ignore_errors=True)
        return info.root

    def install(self, source: str | os.PathLike[str], name: str | None = None, src: str | None = None,
                tgt: str | None = None, limits: ArchiveLimits = ArchiveLimits(),
                validate: bool = True) -> ModelInfo:
        """Install a model directory or archive under ``name``.

        Args:
            source: a CTranslate2 model directory, a zip/tar of one, or an ``.argosmodel``.
            name: store name (default: from the file name).
            src: source language, for models whose files do not say.
            tgt: target language.
            limits: caps for archive extraction.
            validate: load the model with CTranslate2 before accepting it.

        Raises:
            ModelError: missing/unsafe/invalid source, name taken, or the model fails to load.
        """
        path = Path(source).expanduser()
        if not path.exists():
            raise ModelError(f"{path}: no such file or directory")
        if not path.is_dir() and not is_archive(path):
            raise ModelError(f"{path}: neither a model directory nor a zip/tar/.argosmodel archive")
        name = check_name(name or default_name(path))
        if path.is_dir():  # fail fast, before copying what may be a large wrong directory
            check_tree(path, limits)
            inspect_model(_package_root(path), name, src, tgt, hint=default_name(path))
        if (self.root / name).exists():
            raise ModelError(f"a model named {name!r} is already installed; remove it first or pick --name")
        created = not self.root.exists()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".install-{name}-", dir=self.root))
        except OSError as err:
            raise ModelError(f"{self.root}: cannot create the model store ({err.strerror or err})") from None
        try:
            return self._install_into(path, tmp, name, src, tgt, limits, validate)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            if created:
                with contextlib.suppress(OSError):
                    self.root.rmdir()  # only succeeds when nothing was installed

    def _install_into(self, path: Path, tmp: Path, name: str, src: str | None, tgt: str | None,
                      limits: ArchiveLimits, validate: bool) -> ModelInfo:
        unpacked = tmp / "unpacked"
        unpacked.mkdir()
        try:
            if path.is_dir():
                copy_tree(path, unpacked, limits)
            else:
                extract_archive(path, unpacked, limits)
        except OSError as err:
            raise ModelError(f"{path}: cannot copy ({err.strerror or err})") from None
        pkg = _package_root(unpacked)
        (pkg / META_FILE).unlink(missing_ok=True)  # metadata is ours to write, never trusted from outside
        try:
            info = inspect_model(pkg, name, src, tgt, hint=default_name(path))
            if validate:
                validate_model(info)
        except ModelError as err:  # name the user's file, not our temporary directory
            raise ModelError(str(err).replace(str(pkg), str(path))) from None
        (pkg / META_FILE).write_text(json.dumps(info.to_json(), indent=2, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
        final = self.root / name
        try:
            os.rename(pkg, final)
        except OSError as err:
            raise ModelError(f"cannot install into {final} ({err.strerror or err})") from None
        return read_meta(final, name)


def _package_root(path: Path) -> Path:
    """The directory that holds the model: descend through single wrapping directories."""
    for _ in range(3):
        if (path / "model.bin").exists() or (path / "metadata.json").exists():
            return path
        children = [p for p in path.iterdir() if not p.name.startswith((".", "__MACOSX"))]
        if len(children) != 1 or not children[0].is_dir():
            return path
        path = children[0]
    return path


def validate_model(info: ModelInfo) -> None:
    """Load the model with CTranslate2 and its SentencePiece models, and check the special tokens.

    Raises:
        ModelError: the model cannot be loaded; the message says why.
    """
    try:
        import ctranslate2
    except ImportError:
        raise ModelError("validating a model needs CTranslate2: pip install ctranslate2") from None
    try:
        ctranslate2.Translator(str(info.model_dir), device="cpu", compute_type="auto", intra_threads=1)
    except Exception as err:  # noqa: BLE001 - garbage weights raise anything (IndexError seen): all mean "invalid"
        raise ModelError(f"{info.name}: CTranslate2 cannot load the model: {type(err).__name__}: {err}") from None
    for spm in dict.fromkeys(p for p in (info.source_spm, info.target_spm) if p is not None):
        try:
            import sentencepiece
        except ImportError:
            raise ModelError("this model needs SentencePiece: pip install sentencepiece") from None
        try:
            sentencepiece.SentencePieceProcessor(model_file=str(spm))
        except Exception as err:  # noqa: BLE001 - as above: any failure means an unusable tokenizer
            raise ModelError(f"{spm}: not a valid SentencePiece model ({err})") from None


__all__ = ["ModelStore", "store_dir", "default_name", "check_name", "validate_model"]
