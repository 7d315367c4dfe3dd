"""All settings of the CTranslate2 engine in one frozen options object.

``"auto"`` / ``0`` values are resolved once per machine by :func:`resolve_runtime`:
CUDA when a GPU is visible; ``int8`` on CPU, ``int8_float16`` (else ``float16``) on CUDA;
on CPU one worker per core with one thread each (measured on 2 cores: 2 workers x 1 thread
beat 1 x 2 by ~40 % with int8, since the decoder's small matrix products scale poorly
across threads while independent batches scale almost linearly).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from alignkit.errors import InputError
from alignkit.options import from_mapping

DEVICES = ("auto", "cpu", "cuda")
#: Most workers used automatically: more replicas cost memory for little gain.
MAX_AUTO_WORKERS = 4


@dataclass(frozen=True)
class CT2Options:
    """Options of the ``ct2`` engine (model choice, runtime, decoding, batching).

    Attributes:
        model: a store name or a path to a model directory; ``None`` uses every installed model.
        models_home: the model store directory (default: ``$ALIGNKIT_HOME/models`` or the user data dir).
        device: ``auto``, ``cpu`` or ``cuda``.
        device_index: GPU index on CUDA.
        compute_type: ``auto`` or a CTranslate2 type (``int8``, ``float32``, ``float16``, ``int8_float16``...).
        inter_threads: parallel workers (0 = auto).
        intra_threads: threads per worker (0 = auto).
        beam_size: beam width (1 = greedy).
        length_penalty: beam length penalty.
        max_decoding_length: most target tokens per input chunk.
        min_decoding_length: fewest target tokens (0 = none; benchmarks force lengths with it).
        max_input_tokens: longer segments are split into chunks of at most this many tokens
            and their translations rejoined (CTranslate2 would silently truncate them).
        max_batch_tokens: most source tokens per batch (CTranslate2 ``batch_type="tokens"``).
    """

    model: str | None = None
    models_home: str | None = None
    device: str = "auto"
    device_index: int = 0
    compute_type: str = "auto"
    inter_threads: int = 0
    intra_threads: int = 0
    beam_size: int = 4
    length_penalty: float = 1.0
    max_decoding_length: int = 512
    min_decoding_length: int = 0
    max_input_tokens: int = 256
    max_batch_tokens: int = 4096

    def __post_init__(self) -> None:
        problems = []
        if self.device not in DEVICES:
            problems.append(f"device must be one of {', '.join(DEVICES)}, not {self.device!r}")
        for key in ("beam_size", "max_decoding_length", "max_input_tokens", "max_batch_tokens"):
            if int(getattr(self, key)) < 1:
                problems.append(f"{key} must be at least 1")
        for key in ("inter_threads", "intra_threads", "min_decoding_length", "device_index"):
            if int(getattr(self, key)) < 0:
                problems.append(f"{key} must not be negative")
        if problems:
            raise InputError("ct2 options: " + "; ".join(problems))

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any]) -> CT2Options:
        """Build from keyword options (CLI / config), converting strings and rejecting unknown keys.

        Raises:
            InputError: an unknown option or a bad value.
        """
        return from_mapping(cls, options, "ct2")

    def decoding(self) -> dict[str, Any]:
        """Decoding options for the run's metadata and for ``translate_batch``."""
        return {"beam_size": self.beam_size, "length_penalty": self.length_penalty,
                "max_decoding_length": self.max_decoding_length,
                "min_decoding_length": self.min_decoding_length, "sampling_topk": 1}


@dataclass(frozen=True)
class Runtime:
    """Resolved device, precision and threads for one machine."""

    device: str
    device_index: int
    compute_type: str
    inter_threads: int
    intra_threads: int


def cpu_cores() -> int:
    """Cores this process may use (affinity-aware)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_runtime(options: CT2Options) -> Runtime:
    """Turn ``auto`` settings into concrete ones for this machine (imports CTranslate2)."""
    import ctranslate2

    device = options.device
    if device == "auto":
        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    compute = options.compute_type
    if compute == "auto":
        supported = set(ctranslate2.get_supported_compute_types(device))
        preferred = ("int8", "float32") if device == "cpu" else ("int8_float16", "float16", "float32")
        compute = next((c for c in preferred if c in supported), "default")
    if device == "cuda":
        inter, intra = options.inter_threads or 1, options.intra_threads or 1
    else:
        cores = cpu_cores()
        inter = options.inter_threads or min(cores, MAX_AUTO_WORKERS)
        intra = options.intra_threads or max(1, cores // inter)
    return Runtime(device, options.device_index, compute, inter, intra)
