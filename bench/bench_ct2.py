"""Benchmark: alignkit's ``ct2`` engine vs raw CTranslate2 vs Hugging Face ``generate()``.

Every contender runs the same weights: a random Marian model with OPUS-MT en-es dimensions
(d_model 512, 6+6 layers, 8 heads, FFN 2048, SentencePiece vocabulary trained on
newstest2013 English) built in ``transformers`` and converted offline to CTranslate2 with
``alignkit.models.convert`` (what ``ct2-transformers-converter`` does). Output lengths are
forced equal (min = max decoding length; HF ``min_new_tokens = max_new_tokens``, no forced
EOS), so target tokens/second compares like with like.

Contenders run interleaved (round-robin, several repeats, medians), so the load of a
shared machine hits them equally. Needs the optional extra: pip install torch transformers.

Usage: python bench/bench_ct2.py [--sentences 96] [--tokens 24] [--repeats 5] [--beam 1]
Writes bench/results/ct2.json and bench/results/ct2.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSTEST = ROOT.parent / "shared" / "data" / "newstest2013" / "newstest2013.eng"
RESULTS = ROOT / "bench" / "results"


def build_marian(work: Path, sentences: list[str], vocab_size: int) -> Path:
    """A random MarianMT model with OPUS-MT en-es dimensions, saved with its tokenizer files."""
    import sentencepiece
    import torch
    from transformers import MarianConfig, MarianMTModel

    hf = work / "opus-mt-en-es-random"
    hf.mkdir()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences), model_prefix=str(work / "spm"), vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, minloglevel=2, unk_piece="<unk>",
        bos_id=-1, eos_id=1, unk_id=2, pad_id=-1, eos_piece="</s>", hard_vocab_limit=False)
    sp = sentencepiece.SentencePieceProcessor(model_file=str(work / "spm.model"))
    pieces = ["</s>", "<unk>", *[sp.id_to_piece(i) for i in range(sp.get_piece_size())
                                 if sp.id_to_piece(i) not in ("</s>", "<unk>")], "<pad>"]
    vocab = {p: i for i, p in enumerate(pieces)}
    (hf / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        (hf / name).write_bytes((work / "spm.model").read_bytes())
    (hf / "tokenizer_config.json").write_text(json.dumps({"source_lang": "en", "target_lang": "es"}))
    config = MarianConfig(
        vocab_size=len(vocab), d_model=512, encoder_layers=6, decoder_layers=6,
        encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048,
        max_position_embeddings=512, pad_token_id=vocab["<pad>"], eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"], forced_eos_token_id=None, scale_embedding=True,
        share_encoder_decoder_embeddings=True, tie_word_embeddings=True)
    torch.manual_seed(0)
    MarianMTModel(config).eval().save_pretrained(hf)
    return hf


def timed(fn: Callable[[], int]) -> float:
    """Target tokens per second of one call of ``fn`` (which returns the tokens it produced)."""
    start = time.perf_counter()
    tokens = fn()
    return tokens / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=96)
    parser.add_argument("--tokens", type=int, default=24, help="forced target tokens per sentence")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--beam", type=int, default=1)
    parser.add_argument("--vocab", type=int, default=8000)
    parser.add_argument("--hf-batch", type=int, default=16)
    args = parser.parse_args()
    if not NEWSTEST.exists():
        print(f"needs {NEWSTEST}", file=sys.stderr)
        return 2
    try:
        import torch
        import transformers  # noqa: F401
    except ImportError:
        print("needs torch and transformers: pip install torch transformers", file=sys.stderr)
        return 2
    import ctranslate2
    import sentencepiece

    from alignkit.models.convert import convert_transformers
    from alignkit.translate.base import translate_segments
    from alignkit.translate.ct2 import CT2Engine, batch_tokens
    from alignkit.translate.ct2_options import cpu_cores
    from alignkit.types import Segment

    lines = [s for s in NEWSTEST.read_text(encoding="utf-8").splitlines() if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="bench-ct2-"))
    spa = NEWSTEST.with_suffix(".spa").read_text(encoding="utf-8").splitlines()
    hf_dir = build_marian(work, lines + spa, args.vocab)
    ct2_dir = convert_transformers(hf_dir, work / "opus-mt-en-es-ct2")
    # A document of whole sentences; each contender translates the same segments.
    text = "\n".join(lines[: args.sentences])
    L, beam, cores = args.tokens, args.beam, cpu_cores()

    def segment(doc: str) -> list[Segment]:
        """Line segmentation (one sentence per line), with offsets, as the pipeline's stage does."""
        out, pos = [], 0
        for i, line in enumerate(doc.split("\n")):
            out.append(Segment("bench", i, 0, i, line, pos, pos + len(line)))
            pos += len(line) + 1
        return out

    sources = [s.text for s in segment(text)]
    n_out = len(sources) * L

    # --- HF generate, fp32 -------------------------------------------------------------
    from transformers import MarianMTModel, MarianTokenizer

    torch.set_num_threads(cores)
    tok = MarianTokenizer.from_pretrained(str(hf_dir))
    hf_model = MarianMTModel.from_pretrained(str(hf_dir)).eval()

    def run_hf() -> int:
        produced = 0
        with torch.inference_mode():
            for i in range(0, len(sources), args.hf_batch):
                enc = tok(sources[i:i + args.hf_batch], return_tensors="pt", padding=True)
                out = hf_model.generate(**enc, num_beams=beam, do_sample=False, max_new_tokens=L,
                                        min_new_tokens=L, forced_eos_token_id=None)
                produced += (out.shape[1] - 1) * out.shape[0]  # minus the decoder start token
        return produced

    # --- raw CTranslate2 ---------------------------------------------------------------
    sp = sentencepiece.SentencePieceProcessor(model_file=str(ct2_dir / "source.spm"))
    pretok = [p + ["</s>"] for p in sp.encode(sources, out_type=str)]
    raw_batch = batch_tokens(pretok, 4096, cores)

    def raw(compute: str, inter: int, intra: int) -> Callable[[], int]:
        tr = ctranslate2.Translator(str(ct2_dir), device="cpu", compute_type=compute,
                                    inter_threads=inter, intra_threads=intra)

        def run() -> int:
            res = tr.translate_batch(pretok, max_batch_size=raw_batch, batch_type="tokens", beam_size=beam,
                                     min_decoding_length=L, max_decoding_length=L, max_input_length=0)
            return sum(len(r.hypotheses[0]) for r in res)
        return run

    # --- alignkit ct2 engine: segmentation + SentencePiece + batching + detokenisation ---------
    def alignkit(**threads: int) -> tuple[Callable[[], int], dict]:
        engine = CT2Engine(model=str(ct2_dir), beam_size=beam, min_decoding_length=L, max_decoding_length=L,
                           **threads)
        translator = engine.open("en", "es")

        def run() -> int:
            out = translate_segments(segment(text), translator)
            assert len(out) == len(sources) and all(t.text for t in out)
            return n_out
        return run, dict(translator.describe())

    auto_run, settings = alignkit()  # what a user gets: auto device, precision and threads
    auto = f"{settings['compute_type']} {settings['inter_threads']}x{settings['intra_threads']}"
    contenders: dict[str, Callable[[], int]] = {
        "HF generate fp32": run_hf,
        "raw CT2 fp32 2x1": raw("float32", cores, 1),
        "raw CT2 int8 1x2": raw("int8", 1, cores),
        "alignkit ct2 int8 1x2": alignkit(compute_type="int8", inter_threads=1, intra_threads=cores)[0],
        "raw CT2 int8 2x1": raw("int8", cores, 1),
        f"alignkit ct2 auto ({auto})": auto_run,
    }
    for fn in contenders.values():  # warm-up: first-call allocations and caches
        fn()
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.repeats):
        for name, fn in contenders.items():
            samples[name].append(timed(fn))
    medians = {name: statistics.median(v) for name, v in samples.items()}
    hf = medians["HF generate fp32"]

    def paired(ours: str, theirs: str) -> float:
        """Median of per-round ratios: each pair ran back to back, under the same load."""
        return round(statistics.median(a / b for a, b in zip(samples[ours], samples[theirs])), 3)

    best_ours = max((n for n in medians if n.startswith("alignkit")), key=medians.__getitem__)
    result = {
        "machine": {"cores": cores, "platform": platform.platform(), "python": platform.python_version(),
                    "ctranslate2": ctranslate2.__version__, "torch": torch.__version__,
                    "transformers": transformers.__version__, "loadavg_after": os.getloadavg()},
        "setup": {"sentences": len(sources), "forced_target_tokens": L, "beam_size": beam,
                  "vocab": args.vocab, "repeats": args.repeats, "hf_batch": args.hf_batch,
                  "ct2_batch_tokens": raw_batch, "alignkit_auto": settings},
        "tokens_per_s": {name: {"median": round(m, 1), "samples": [round(x, 1) for x in samples[name]]}
                         for name, m in medians.items()},
        "ratios": {
            "alignkit / raw CT2, int8 1x2 (paired)": paired("alignkit ct2 int8 1x2", "raw CT2 int8 1x2"),
            f"alignkit / raw CT2, {auto} (paired)": paired(f"alignkit ct2 auto ({auto})", f"raw CT2 {auto}"),
            f"alignkit auto ({auto}) / HF fp32": round(medians[f"alignkit ct2 auto ({auto})"] / hf, 2),
            f"best alignkit ({best_ours}) / HF fp32": round(medians[best_ours] / hf, 2),
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ct2.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = [f"CTranslate2 benchmark — {len(sources)} newstest2013 sentences, {L} forced target tokens each, "
          f"beam {beam}, {cores} cores, medians of {args.repeats} interleaved runs", "",
          "| contender | target tokens/s (median) | × HF fp32 |", "|---|---:|---:|"]
    md += [f"| {name} | {m:,.0f} | {m / hf:.2f} |" for name, m in medians.items()]
    md += ["", *(f"- {k}: **{v}**" for k, v in result["ratios"].items())]
    (RESULTS / "ct2.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
