"""The ``ct2`` engine: users' own neural models (OPUS-MT, NLLB, M2M100, Argos) on CTranslate2.

The engine serves the pairs of the selected model, or of every model in the store; a
multilingual model serves all pairs between its languages. A translator encodes the
segments (SentencePiece or whitespace), splits over-long ones, adds the model's special
tokens, hands everything to one ``translate_batch`` call that batches by tokens
(CTranslate2 sorts by length and restores the order), strips the target prefix, decodes
and rejoins split segments: exactly one output per input.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from alignkit.errors import EngineError, EngineUnavailableError, ModelError
from alignkit.models.layout import (
    ModelInfo,
    inspect_model,
    read_vocabulary,
    vocabulary_files,
)
from alignkit.models.store import ModelStore
from alignkit.translate.base import Engine, Translator
from alignkit.translate.ct2_options import CT2Options, Runtime, resolve_runtime
from alignkit.translate.ct2_text import WORD_START, PieceCodec, split_pieces
from alignkit.types import EngineOutput

_INSTALL = "pip install ctranslate2 sentencepiece"


class LoadedModel:
    """A model in memory: the CTranslate2 translator, the tokenizer and the source vocabulary."""

    def __init__(self, info: ModelInfo, runtime: Runtime) -> None:
        try:
            import ctranslate2
        except ImportError:
            raise EngineUnavailableError(f"the ct2 engine needs CTranslate2: {_INSTALL}") from None
        self.info = info
        self.runtime = runtime
        try:
            self.translator = ctranslate2.Translator(
                str(info.model_dir), device=runtime.device, device_index=runtime.device_index,
                compute_type=runtime.compute_type, inter_threads=runtime.inter_threads,
                intra_threads=runtime.intra_threads)
            self.codec = PieceCodec(info.source_spm, info.target_spm)
        except (RuntimeError, ValueError, OSError) as err:
            raise ModelError(f"model {info.name}: cannot load ({err})") from None
        vocab = vocabulary_files(info.model_dir).get("source")
        self.vocab = frozenset(read_vocabulary(vocab)) if vocab else frozenset()


class CT2Translator(Translator):
    """Translates one pair with one loaded model."""

    engine = "ct2"

    def __init__(self, src: str, tgt: str, model: LoadedModel, options: CT2Options) -> None:
        super().__init__(src, tgt)
        self.model: LoadedModel | None = model
        self.options = options
        info = model.info
        self._src_prefix = [info.lang_tokens[src]] if info.multilingual else []
        self._tgt_prefix = [info.lang_tokens[tgt]] if info.multilingual else list(info.target_prefix)
        self._suffix = [info.eos_token] if info.source_eos else []
        # Never part of a text (what Transformers' skip_special_tokens drops).
        self._special = frozenset({"<s>", "<pad>", "<blank>", *info.lang_tokens.values(), *info.target_prefix})

    def describe(self) -> Mapping[str, Any]:
        model = self._loaded()
        rt = model.runtime
        return {
            "engine": self.engine, "route": list(self.route), "model": model.info.name,
            "model_kind": model.info.kind, "tokenizer": model.codec.kind, "ctranslate2": _ct2_version(),
            "device": rt.device, "compute_type": rt.compute_type,
            "inter_threads": rt.inter_threads, "intra_threads": rt.intra_threads,
            "decoding": self.options.decoding(), "max_batch_tokens": self.options.max_batch_tokens,
            "max_input_tokens": self.options.max_input_tokens,
        }

    def _loaded(self) -> LoadedModel:
        if self.model is None:
            raise EngineError(f"ct2 translator {self.src}->{self.tgt} is closed")
        return self.model

    def _translate_batch(self, texts: list[str]) -> list[EngineOutput]:
        model = self._loaded()
        pieces = model.codec.encode(texts)
        chunks, owner = self._chunk(model, pieces)
        hyps = [best[0] for best in self._run(model, chunks)] if chunks else []
        return self._join(model, pieces, owner, hyps)

    def translate_nbest(self, texts: list[str], n: int,
                        prefixes: list[str | None] | None = None) -> list[list[EngineOutput]]:
        """Up to ``n`` translations of each text, best first (beam search's n-best list).

        Args:
            texts: non-empty source texts.
            n: hypotheses per text (the beam is widened to at least ``n``).
            prefixes: per text, a target text the translation must start with (CTranslate2's
                ``target_prefix``; ``None``: free), e.g. a glossary term the source starts with.
                A prefix applies to the first chunk of a split segment only.

        Returns:
            one list per text; a text split into chunks gets the best hypothesis of its later
            chunks joined to each hypothesis of its first chunk.
        """
        model = self._loaded()
        pieces = model.codec.encode(texts)
        chunks, owner = self._chunk(model, pieces)
        forced: list[list[str] | None] = [None] * len(chunks)
        if prefixes:
            firsts = {i: k for k, i in reversed(list(enumerate(owner)))}
            wanted = [(k, prefixes[i]) for i, k in firsts.items() if prefixes[i]]
            for (k, _), enc in zip(wanted, model.codec.encode_target([p for _, p in wanted if p])):
                forced[k] = enc
        nbest = self._run(model, chunks, n, forced) if chunks else []
        width = max((len(h) for h in nbest), default=1)
        out = []
        for rank in range(width):
            hyps = [h[min(rank, len(h) - 1)] for h in nbest]
            out.append(self._join(model, pieces, owner, hyps))
        return [[outs[i] for outs in out] for i in range(len(texts))]

    def _join(self, model: LoadedModel, pieces: list[list[str]], owner: list[int],
              hyps: list[tuple[list[str], float]]) -> list[EngineOutput]:
        """One output per segment: its chunks' decoded hypotheses rejoined, confidence token-weighted."""
        decoded = model.codec.decode([h for h, _ in hyps])
        parts: list[list[str]] = [[] for _ in pieces]
        logprob = [0.0] * len(pieces)
        tokens = [0] * len(pieces)
        for i, text, (hyp, score) in zip(owner, decoded, hyps):
            parts[i].append(text)
            logprob[i] += score * (len(hyp) + 1)  # + 1: the end-of-sentence token is scored too
            tokens[i] += len(hyp) + 1
        return [EngineOutput(" ".join(p for p in part if p), self._unknown(model, src),
                             round(logprob[i] / tokens[i], 6) if tokens[i] else None)
                for i, (part, src) in enumerate(zip(parts, pieces))]

    def _chunk(self, model: LoadedModel, pieces: list[list[str]]) -> tuple[list[list[str]], list[int]]:
        """Model inputs (special tokens added, long segments split) and the segment each came from."""
        limit = max(1, self.options.max_input_tokens - len(self._src_prefix) - len(self._suffix))
        chunks, owner = [], []
        for i, seg in enumerate(pieces):
            if not seg:
                continue  # nothing the model could read (e.g. only control characters)
            for chunk in split_pieces(seg, limit, model.codec.word_starts(seg)):
                chunks.append(self._src_prefix + chunk + self._suffix)
                owner.append(i)
        return chunks, owner

    def _run(self, model: LoadedModel, chunks: list[list[str]], n: int = 1,
             forced: list[list[str] | None] | None = None) -> list[list[tuple[list[str], float]]]:
        """The hot call: one translate_batch over everything, batched by tokens.

        Returns:
            per chunk, up to ``n`` ``(target pieces, mean log-probability per token)``, best first.
        """
        opts = self.options
        prefix = self._tgt_prefix
        # The settings describe() reports are the ones applied; lengths count the target prefix.
        decoding = opts.decoding()
        decoding["max_decoding_length"] += len(prefix)
        if decoding["min_decoding_length"]:
            decoding["min_decoding_length"] += len(prefix)
        if n > 1:
            decoding["beam_size"] = max(decoding["beam_size"], n)
        prefixes = [prefix + (extra or []) for extra in (forced or [None] * len(chunks))]
        try:
            results = model.translator.translate_batch(
                chunks, target_prefix=prefixes if any(prefixes) else None,
                max_batch_size=batch_tokens(chunks, opts.max_batch_tokens, model.runtime.inter_threads),
                batch_type="tokens", max_input_length=0, num_hypotheses=n, return_scores=True, **decoding)
        except (RuntimeError, ValueError) as err:
            raise EngineError(f"ct2 {self.src}->{self.tgt} with model {model.info.name}: {err}") from None
        special = self._special
        penalty = decoding["length_penalty"]
        out = []
        for r in results:
            hyps = []
            for hyp, score in zip(r.hypotheses, r.scores):
                # CTranslate2 divides the summed log-probability by length ** length_penalty
                # (the length counts the end token): undo it to get the mean per token.
                length = len(hyp) + 1
                hyps.append(([t for t in hyp if t not in special], score * length ** (penalty - 1)))
            out.append(hyps)
        return out

    def _unknown(self, model: LoadedModel, pieces: list[str]) -> tuple[str, ...]:
        """Source pieces outside the model's vocabulary (CTranslate2 maps them to ``<unk>``)."""
        if not model.vocab:
            return ()
        missing = (p.lstrip(WORD_START) for p in pieces if p not in model.vocab)
        return tuple(dict.fromkeys(m for m in missing if m))

    def close(self) -> None:
        self.model = None  # the engine's cache holds models weakly: the last close frees it


def batch_tokens(chunks: list[list[str]], max_batch_tokens: int, workers: int) -> int:
    """Tokens per batch: at most ``max_batch_tokens``, small enough that every worker gets a batch."""
    total = sum(len(c) for c in chunks)
    longest = max((len(c) for c in chunks), default=1)
    return max(longest, min(max_batch_tokens, math.ceil(total / max(1, workers))))


def _ct2_version() -> str:
    try:
        import ctranslate2
    except ImportError:
        return "not installed"
    return str(ctranslate2.__version__)


class CT2Engine(Engine):
    """CTranslate2 models from the store (or one model directory).

    Args:
        **options: fields of :class:`~alignkit.translate.ct2_options.CT2Options`.

    Raises:
        InputError: unknown option or bad value.
        EngineUnavailableError: the named model is not installed.
        ModelError: the model directory is unusable.
    """

    name = "ct2"

    def __init__(self, **options: Any) -> None:
        self.options = CT2Options.from_mapping(options)
        self.store = ModelStore(self.options.models_home)
        self._models = self._select()
        self._runtime: Runtime | None = None
        self._cache: weakref.WeakValueDictionary[str, LoadedModel] = weakref.WeakValueDictionary()

    def _select(self) -> list[ModelInfo]:
        model = self.options.model
        if model is None:
            return self.store.list()
        path = Path(model).expanduser()
        if path.is_dir():
            return [inspect_model(path)]
        try:
            return [self.store.get(model)]
        except ModelError as err:
            raise EngineUnavailableError(str(err)) from None

    @property
    def models(self) -> tuple[ModelInfo, ...]:
        """The models this engine may use."""
        return tuple(self._models)

    def pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset().union(*(m.pairs for m in self._models))

    def model_for(self, src: str, tgt: str) -> ModelInfo:
        """The model serving ``src``->``tgt``: bilingual models first, then multilingual ones."""
        serving = [m for m in self._models if (src, tgt) in m.pairs]
        if not serving:
            raise EngineUnavailableError(self.install_hint(src, tgt))
        return sorted(serving, key=lambda m: (m.multilingual, m.name))[0]

    def open(self, src: str, tgt: str) -> CT2Translator:
        info = self.model_for(src, tgt)
        loaded = self._cache.get(str(info.root))
        if loaded is None:
            if self._runtime is None:
                try:
                    self._runtime = resolve_runtime(self.options)
                except ImportError:
                    raise EngineUnavailableError(f"the ct2 engine needs CTranslate2: {_INSTALL}") from None
            loaded = LoadedModel(info, self._runtime)
            self._cache[str(info.root)] = loaded
        return CT2Translator(src, tgt, loaded, self.options)

    def install_hint(self, src: str, tgt: str) -> str:
        where = f"model {self.options.model!r}" if self.options.model else f"the model store {self.store.root}"
        return (f"no ct2 model for {src}->{tgt} in {where}; install one with "
                f"`alignkit models install MODEL_DIR_OR_ARCHIVE` (see 'Bring your own neural models')")

    def version(self) -> str:
        return _ct2_version()


__all__ = ["CT2Engine", "CT2Translator", "CT2Options", "LoadedModel", "batch_tokens"]
