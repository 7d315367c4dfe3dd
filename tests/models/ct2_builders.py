"""Build tiny CTranslate2 models for tests, in seconds, with no network.

A SentencePiece model is trained on a few synthetic sentences; a Transformer with random
weights is declared with ``ctranslate2.specs`` and saved. At these tiny sizes (d_model 32)
weights of std 0.3 (projection 0.5) are needed for outputs to depend on the input (std 0.02
gives the same output for every input); the ``</s>`` projection bias gets +5 so that most
outputs end by themselves after a few tokens. Tests still set ``max_decoding_length``.

Test modules load this file by path (tests have no packages).
"""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import numpy as np

SPECIALS = ["<blank>", "<unk>", "<s>", "</s>"]
WORDS = ("house tree river stone cloud light water green quick bright small old new city road "
         "garden window music paper bread winter summer market village mountain question answer").split()


def corpus(n: int = 400, seed: int = 0) -> list[str]:
    """Synthetic sentences over a small word list (enough for a 300-piece SentencePiece model)."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize() + "."
            for _ in range(n)]


def train_spm(out: Path, vocab_size: int = 90) -> Path:
    """Train a unigram SentencePiece model; returns the ``.model`` path."""
    import sentencepiece

    out.mkdir(parents=True, exist_ok=True)
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus()), model_prefix=str(out / "spm"), vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, minloglevel=2, num_threads=1)
    return out / "spm.model"


def spm_pieces(model: Path) -> list[str]:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(model))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build_model(out: Path, vocab: list[str], *, d_model: int = 32, ffn: int = 64, heads: int = 2,
                layers: int = 1, seed: int = 1, config: dict | None = None, out_std: float = 0.5,
                weight_std: float = 0.3) -> Path:
    """Save a random Transformer with a shared ``vocab`` to ``out`` (a CTranslate2 directory)."""
    from ctranslate2.specs import TransformerSpec

    rng = np.random.default_rng(seed)
    spec = TransformerSpec.from_config((layers, layers), heads)
    v = len(vocab)
    shapes = {"embeddings": (v, d_model), "projection": (v, d_model)}

    def fill(obj, path: str, value) -> None:  # noqa: ANN001
        if value is not None:
            return
        leaf = path.rsplit("/", 1)[-1]
        if leaf == "gamma":
            arr = np.ones(d_model)
        elif leaf == "beta":
            arr = np.zeros(d_model)
        else:
            std = out_std if path == "decoder/projection/weight" else weight_std
            arr = rng.normal(0, std, _shape(path, d_model, ffn, shapes)) if leaf == "weight" else None
        if arr is not None:
            _set(spec, path, arr.astype(np.float32))

    spec._visit(lambda s, name, value: fill(s, name, value))
    bias = np.zeros(v, dtype=np.float32)
    bias[vocab.index("</s>")] = 5.0  # a natural end: random models never emit EOS otherwise
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    for key, value in (config or {}).items():
        setattr(spec.config, key, value)
    spec.validate()
    out.mkdir(parents=True, exist_ok=True)
    spec.save(str(out))
    return out


def _shape(path: str, d: int, ffn: int, shapes: dict) -> tuple[int, int]:
    parts = path.split("/")
    if "embeddings" in parts[-2]:
        return shapes["embeddings"]
    if parts[-2] == "projection":
        return shapes["projection"]
    block, linear = parts[-3], parts[-2]
    if block == "ffn":
        return (ffn, d) if linear == "linear_0" else (d, ffn)
    if block == "self_attention":
        return (3 * d, d) if linear == "linear_0" else (d, d)
    return (2 * d, d) if linear == "linear_1" else (d, d)  # cross-attention: q, fused kv, out


def _set(spec, path: str, value) -> None:  # noqa: ANN001
    obj = spec
    parts = path.split("/")
    for part in parts[:-1]:
        if hasattr(obj, part):
            obj = getattr(obj, part)
        else:
            name, _, idx = part.rpartition("_")
            obj = getattr(obj, name)[int(idx)]
    setattr(obj, parts[-1], value)


def bilingual(out: Path, spm: Path) -> Path:
    """OPUS-MT layout: Marian-style config (decoder starts with <pad>), source.spm + target.spm."""
    vocab = SPECIALS + [p for p in spm_pieces(spm) if p not in SPECIALS]
    build_model(out, vocab, config={"decoder_start_token": "<blank>"})
    for name in ("source.spm", "target.spm"):
        (out / name).write_bytes(spm.read_bytes())
    return out


LANG_TOKENS = ["__en__", "__es__", "__fr__"]


def multilingual(out: Path, spm: Path) -> Path:
    """M2M100 layout: language tokens in the vocabulary, decoder starts with </s>, one .model."""
    vocab = SPECIALS + [p for p in spm_pieces(spm) if p not in SPECIALS] + LANG_TOKENS
    build_model(out, vocab, seed=2, config={"decoder_start_token": "</s>"})
    (out / "sentencepiece.bpe.model").write_bytes(spm.read_bytes())
    return out


def argos_package(out: Path, model_dir: Path, spm: Path, src: str = "en", tgt: str = "es",
                  top: str = "translate-en_es-1_0") -> Path:
    """An ``.argosmodel`` zip: one top directory with metadata.json, model/, sentencepiece.model."""
    meta = {"package_version": "1.0", "argos_version": "1.9", "from_code": src, "to_code": tgt,
            "from_name": "English", "to_name": "Spanish", "type": "translate"}
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(f"{top}/metadata.json", json.dumps(meta))
        zf.write(spm, f"{top}/sentencepiece.model")
        for f in sorted(model_dir.iterdir()):
            if f.suffix not in (".spm", ".model"):
                zf.write(f, f"{top}/model/{f.name}")
    return out
