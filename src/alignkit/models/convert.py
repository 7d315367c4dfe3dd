"""Converting Hugging Face models to CTranslate2 (what ``ct2-transformers-converter`` does).

Needs the optional extra ``alignkit[convert]`` (transformers + torch); without it the user
gets one line saying how to install it. Tokenizer files the engine needs are copied next
to the converted model so that ``alignkit models install OUT`` works as is.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alignkit.errors import ModelError
from alignkit.models.layout import SHARED_SPM_NAMES

#: Files copied from the Hugging Face directory when present (Marian, NLLB/M2M, others).
COPY_FILES = ("source.spm", "target.spm", *SHARED_SPM_NAMES[:-1])


def convert_transformers(hf_dir: Path, out_dir: Path, quantization: str | None = None,
                         force: bool = False) -> Path:
    """Convert the Transformers model in ``hf_dir`` to a CTranslate2 model in ``out_dir``.

    Raises:
        ModelError: transformers/torch missing, ``hf_dir`` not a model, ``out_dir`` exists
            without ``force``, or the converter failed.
    """
    # Check the user's paths before the optional dependencies: the same input gives the same
    # error whether or not the extra is installed.
    if not (hf_dir / "config.json").exists():
        raise ModelError(f"{hf_dir}: not a Hugging Face model directory (missing config.json)")
    if out_dir.exists() and not force:
        raise ModelError(f"{out_dir}: already exists (use --force to overwrite)")
    missing = [m for m in ("transformers", "torch") if importlib.util.find_spec(m) is None]
    if missing:
        raise ModelError(f"models convert needs {' and '.join(missing)}: pip install 'alignkit[convert]'")
    from ctranslate2.converters import TransformersConverter

    copy = [name for name in dict.fromkeys(COPY_FILES) if (hf_dir / name).exists()]
    try:
        converter = TransformersConverter(str(hf_dir), copy_files=copy or None)
        return Path(converter.convert(str(out_dir), quantization=quantization, force=force))
    except Exception as err:  # the converter raises anything from transformers/torch
        raise ModelError(f"{hf_dir}: conversion failed: {type(err).__name__}: {err}") from None
