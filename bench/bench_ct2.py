"""Benchmark: alignkit's ``ct2`` engine vs raw CTranslate2 vs Hugging Face ``generate()``.

Every contender runs the same weights: a random Marian model with OPUS-MT en-es dimensions
(d_model 512, 6+6 layers, 8 heads, FFN 2048) at each vocabulary size asked for (default
~8k and ~58k, the sizes of OPUS-MT vocabularies; a joint SentencePiece model trained on newstest2013
en+es, padded with unused symbols where the text yields fewer pieces) built in ``transformers`` and converted offline to CTranslate2 with
``alignkit.models.convert`` (what ``ct2-transformers-converter`` does). Output lengths are
forced equal (min = max decoding length; HF ``min_new_tokens = max_new_tokens``, no forced
EOS), so target tokens/second compares like with like.

Contenders run interleaved (round-robin, several repeats, medians), so the load of a
shared machine hits them equally. Needs the optional extra: pip install torch transformers.

Usage: python bench/bench_ct2.py [--vocab 8000,58000] [--sentences 96] [--tokens 24] [--repeats 7] [--beam 1]
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


def train_spm(work: Path, sentences: list[str], vocab_size: int) -> tuple[Path, int, int]:
    """A joint SentencePiece model of ``vocab_size`` pieces: (model, trained pieces, padding pieces).

    newstest2013 (6,000 en+es sentences) yields at most ~14k unigram pieces. A larger
    vocabulary (~58k, OPUS-MT-sized) is reached honestly by padding: the shortfall is
    added as user-defined symbols ``<extra_N>`` that never occur in text, so the SentencePiece
    model, ``vocab.json`` and the model's embedding / output projection all have the full size
    (the projection is what a large vocabulary costs per decoding step), while the source
    segmentation stays that of the trained pieces.
    """
    import sentencepiece

    def train(prefix: str, extra: list[str]) -> Path:
        sentencepiece.SentencePieceTrainer.train(
            sentence_iterator=iter(sentences), model_prefix=str(work / prefix), vocab_size=vocab_size,
            model_type="unigram", character_coverage=1.0, minloglevel=2, unk_piece="<unk>", bos_id=-1,
            eos_id=1, unk_id=2, pad_id=-1, eos_piece="</s>", hard_vocab_limit=False,
            user_defined_symbols=extra)
        return work / f"{prefix}.model"

    model = train(f"spm{vocab_size}-trained", [])
    trained = sentencepiece.SentencePieceProcessor(model_file=str(model)).get_piece_size()
    if trained >= vocab_size:
        return model, trained, 0
    extra = [f"<extra_{i}>" for i in range(vocab_size - trained)]
    return train(f"spm{vocab_size}", extra), trained, len(extra)


def build_marian(work: Path, sentences: list[str], vocab_size: int) -> tuple[Path, dict]:
    """A random MarianMT model with OPUS-MT en-es dimensions, saved with its tokenizer files."""
    import sentencepiece
    import torch
    from transformers import MarianConfig, MarianMTModel

    hf = work / f"opus-mt-en-es-random-{vocab_size}"
    hf.mkdir()
    spm, trained, padded = train_spm(work, sentences, vocab_size)
    sp = sentencepiece.SentencePieceProcessor(model_file=str(spm))
    pieces = ["</s>", "<unk>", *[sp.id_to_piece(i) for i in range(sp.get_piece_size())
                                 if sp.id_to_piece(i) not in ("</s>", "<unk>")], "<pad>"]
    vocab = {p: i for i, p in enumerate(pieces)}
    (hf / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        (hf / name).write_bytes(spm.read_bytes())
    (hf / "tokenizer_config.json").write_text(json.dumps({"source_lang": "en", "target_lang": "es"}))
    config = MarianConfig(
        vocab_size=len(vocab), d_model=512, encoder_layers=6, decoder_layers=6,
        encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048,
        max_position_embeddings=512, pad_token_id=vocab["<pad>"], eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"], forced_eos_token_id=None, scale_embedding=True,
        share_encoder_decoder_embeddings=True, tie_word_embeddings=True)
    torch.manual_seed(0)
    MarianMTModel(config).eval().save_pretrained(hf)
    return hf, {"model_vocab": len(vocab), "spm_trained_pieces": trained, "spm_padding_pieces": padded}


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
    parser.add_argument("--vocab", default="8000,58000", help="comma-separated vocabulary sizes")
    parser.add_argument("--hf-batch", type=int, default=16)
    args = parser.parse_args()
    vocab_sizes = [int(v) for v in args.vocab.split(",")]
    if not NEWSTEST.exists():
        print(f"needs {NEWSTEST}", file=sys.stderr)
        return 2
    try:
        import torch
        import transformers
    except ImportError:
        print("needs torch and transformers: pip install torch transformers", file=sys.stderr)
        return 2
    import ctranslate2

    from alignkit.translate.ct2_options import cpu_cores

    lines = [s for s in NEWSTEST.read_text(encoding="utf-8").splitlines() if s.strip()]
    spa = NEWSTEST.with_suffix(".spa").read_text(encoding="utf-8").splitlines()
    work = Path(tempfile.mkdtemp(prefix="bench-ct2-"))
    text = "\n".join(lines[: args.sentences])  # a document of whole sentences
    cores = cpu_cores()
    torch.set_num_threads(cores)
    setups = {v: Contenders(work, lines + spa, v, text, args) for v in vocab_sizes}
    for setup in setups.values():  # warm-up: first-call allocations and caches
        for fn in setup.runs.values():
            fn()
    # Round-robin over every contender of every vocabulary: the shared machine's load hits all alike.
    # Every other round runs in reverse order, so no contender always runs first / after the same one.
    for r in range(args.repeats):
        order = [(setup, name, fn) for setup in setups.values() for name, fn in setup.runs.items()]
        for setup, name, fn in order[::-1] if r % 2 else order:
            setup.samples[name].append(timed(fn))
    result = {
        "machine": {"cores": cores, "platform": platform.platform(), "python": platform.python_version(),
                    "ctranslate2": ctranslate2.__version__, "torch": torch.__version__,
                    "transformers": transformers.__version__, "loadavg_after": os.getloadavg()},
        "setup": {"sentences": text.count("\n") + 1, "forced_target_tokens": args.tokens, "beam_size": args.beam,
                  "repeats": args.repeats, "hf_batch": args.hf_batch},
        "vocabularies": {str(v): setup.report() for v, setup in setups.items()},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ct2.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = markdown(result)
    (RESULTS / "ct2.md").write_text(md, encoding="utf-8")
    print(md, end="")
    return 0 if all(c for r in result["vocabularies"].values() for c in r["checks"].values()) else 1


class Contenders:
    """Every contender for one vocabulary size, sharing one random model, and their samples."""

    def __init__(self, work: Path, corpus: list[str], vocab_size: int, text: str, args: argparse.Namespace) -> None:
        import torch
        from transformers import MarianMTModel, MarianTokenizer

        from alignkit.models.convert import convert_transformers
        from alignkit.translate.ct2_options import cpu_cores

        self.vocab_size = vocab_size
        hf_dir, self.vocab = build_marian(work, corpus, vocab_size)
        self.ct2_dir = convert_transformers(hf_dir, work / f"opus-mt-en-es-ct2-{vocab_size}")
        self.text, self.L, self.beam, cores = text, args.tokens, args.beam, cpu_cores()
        self.sources = [s.text for s in segment(text)]
        tok = MarianTokenizer.from_pretrained(str(hf_dir))
        hf_model = MarianMTModel.from_pretrained(str(hf_dir)).eval()
        sources, L, beam, hf_batch = self.sources, self.L, self.beam, args.hf_batch

        def run_hf() -> int:
            produced = 0
            with torch.inference_mode():
                for i in range(0, len(sources), hf_batch):
                    enc = tok(sources[i:i + hf_batch], return_tensors="pt", padding=True)
                    out = hf_model.generate(**enc, num_beams=beam, do_sample=False, max_new_tokens=L,
                                            min_new_tokens=L, forced_eos_token_id=None)
                    produced += (out.shape[1] - 1) * out.shape[0]  # minus the decoder start token
            return produced

        auto_run, self.settings = self._alignkit()  # what a user gets: auto device, precision, threads
        self.auto = f"{self.settings['compute_type']} {self.settings['inter_threads']}x{self.settings['intra_threads']}"
        self.runs: dict[str, Callable[[], int]] = {
            "HF generate fp32": run_hf,
            "raw CT2 fp32 2x1": self._raw("float32", cores, 1),
            "raw CT2 int8 1x2": self._raw("int8", 1, cores),
            "alignkit ct2 int8 1x2": self._alignkit(compute_type="int8", inter_threads=1, intra_threads=cores)[0],
            "raw CT2 int8 2x1": self._raw("int8", cores, 1),
            f"alignkit ct2 auto ({self.auto})": auto_run,
        }
        self.samples: dict[str, list[float]] = {name: [] for name in self.runs}

    def _raw(self, compute: str, inter: int, intra: int) -> Callable[[], int]:
        """CTranslate2 on pre-tokenised input: no segmentation, no detokenisation."""
        import ctranslate2
        import sentencepiece

        from alignkit.translate.ct2 import batch_tokens
        from alignkit.translate.ct2_options import cpu_cores

        sp = sentencepiece.SentencePieceProcessor(model_file=str(self.ct2_dir / "source.spm"))
        pretok = [p + ["</s>"] for p in sp.encode(self.sources, out_type=str)]
        # One batch size for every raw contender (as before): enough batches for every core.
        self.raw_batch = batch_tokens(pretok, 4096, cpu_cores())
        tr = ctranslate2.Translator(str(self.ct2_dir), device="cpu", compute_type=compute,
                                    inter_threads=inter, intra_threads=intra)
        L, beam, batch = self.L, self.beam, self.raw_batch

        def run() -> int:
            res = tr.translate_batch(pretok, max_batch_size=batch, batch_type="tokens", beam_size=beam,
                                     min_decoding_length=L, max_decoding_length=L, max_input_length=0)
            return sum(len(r.hypotheses[0]) for r in res)
        return run

    def _alignkit(self, **threads: int) -> tuple[Callable[[], int], dict]:
        """alignkit's engine: segments, SentencePiece, token batching, detokenisation, order."""
        from alignkit.translate.base import translate_segments
        from alignkit.translate.ct2 import CT2Engine

        engine = CT2Engine(model=str(self.ct2_dir), beam_size=self.beam, min_decoding_length=self.L,
                           max_decoding_length=self.L, **threads)
        translator = engine.open("en", "es")
        text, n = self.text, len(self.sources)

        def run() -> int:
            out = translate_segments(segment(text), translator)
            assert len(out) == n and all(t.text for t in out)
            return n * self.L
        return run, dict(translator.describe())

    def paired(self, ours: str, theirs: str) -> float:
        """Median of per-round ratios: each pair ran back to back, under the same load."""
        return round(statistics.median(a / b for a, b in zip(self.samples[ours], self.samples[theirs])), 3)

    def report(self) -> dict:
        """Medians, paired ratios and the issue's checks (>= 0.95x raw CT2, >= 4x HF fp32)."""
        medians = {name: statistics.median(v) for name, v in self.samples.items()}
        hf, auto = medians["HF generate fp32"], f"alignkit ct2 auto ({self.auto})"
        best = max((n for n in medians if n.startswith("alignkit")), key=medians.__getitem__)
        ratios = {
            "alignkit / raw CT2, int8 1x2 (paired)": self.paired("alignkit ct2 int8 1x2", "raw CT2 int8 1x2"),
            f"alignkit / raw CT2, {self.auto} (paired)": self.paired(auto, f"raw CT2 {self.auto}"),
            f"alignkit auto ({self.auto}) / HF fp32 (paired)": self.paired(auto, "HF generate fp32"),
            f"best alignkit ({best}) / HF fp32": round(medians[best] / hf, 2),
        }
        return {
            "vocab": self.vocab, "ct2_batch_tokens": self.raw_batch, "alignkit_auto": self.settings,
            "tokens_per_s": {name: {"median": round(m, 1), "samples": [round(x, 1) for x in self.samples[name]]}
                             for name, m in medians.items()},
            "ratios": ratios,
            "checks": {
                "alignkit >= 0.95x raw CT2 (both thread settings)": all(
                    v >= 0.95 for k, v in ratios.items() if "raw CT2" in k),
                "alignkit auto >= 4x HF fp32": ratios[f"alignkit auto ({self.auto}) / HF fp32 (paired)"] >= 4,
            },
        }


def segment(doc: str) -> tuple:
    """One segment per line, with offsets (newstest2013 has a sentence per line)."""
    from alignkit.segment import segment_text

    return segment_text(doc, "en", "bench", segmenter="lines")


def markdown(result: dict) -> str:
    """The results as markdown: one table per vocabulary size, ratios and checks."""
    s = result["setup"]
    title = (f"CTranslate2 benchmark — {s['sentences']} newstest2013 sentences, {s['forced_target_tokens']} "
             f"forced target tokens each, beam {s['beam_size']}, {result['machine']['cores']} cores, medians of "
             f"{s['repeats']} rounds interleaved over every contender of every vocabulary")
    md = [title, ""]
    for size, r in result["vocabularies"].items():
        v = r["vocab"]
        pad = (f", of which {v['spm_padding_pieces']:,} padding symbols beyond the "
               f"{v['spm_trained_pieces']:,} pieces SentencePiece learns from newstest2013") \
            if v["spm_padding_pieces"] else ""
        md += [f"### vocabulary {int(size):,} (model vocab {v['model_vocab']:,}{pad})", "",
               "| contender | target tokens/s (median) | × HF fp32 |", "|---|---:|---:|"]
        hf = r["tokens_per_s"]["HF generate fp32"]["median"]
        md += [f"| {name} | {t['median']:,.0f} | {t['median'] / hf:.2f} |" for name, t in r["tokens_per_s"].items()]
        md += ["", *(f"- {k}: **{x}**" for k, x in r["ratios"].items())]
        md += [f"- check {k}: **{'pass' if ok else 'FAIL'}**" for k, ok in r["checks"].items()]
        md.append("")
    return "\n".join(md)


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
