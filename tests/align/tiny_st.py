"""A tiny, randomly initialised sentence-transformers model, built offline (for tests and the docs' example).

``python tests/align/tiny_st.py DIR`` writes one: a one-layer BERT (hidden size 32) with a
WordPiece vocabulary of a few words and every letter, mean-pooled, saved with
``SentenceTransformer.save``. It exercises ``align --embeddings DIR`` end to end; being random, its
vectors carry no meaning. Needs torch and sentence-transformers (``pip install torch==2.13.0
'alignkit[embeddings]'``).
"""

from __future__ import annotations

import string
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

#: Words that get their own vocabulary entry; everything else is spelled in letters.
WORDS = ("the a of and to in is was he she it that le la les de et un une est il elle der die das und ist "
         "el los las y en que")
HIDDEN = 32


def build(out: str | Path, texts: Iterable[str] = ()) -> Path:
    """Write the model to ``out`` (created) and return it; ``texts`` add their words and letters to the vocabulary."""
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    try:  # sentence-transformers >= 6 moved the modules; older releases have only `models`
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    except ImportError:
        from sentence_transformers.models import Pooling, Transformer

    texts = list(texts)
    words = sorted(set(WORDS.split()) | {w.strip(".,;:!?'\"").lower() for t in texts for w in t.split()} - {""})
    letters = sorted(set(string.ascii_lowercase + string.punctuation) | {c for t in texts for c in t.lower()
                                                                          if not c.isspace()})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, *letters, *(f"##{c}" for c in letters)]
    with tempfile.TemporaryDirectory(prefix="tiny-bert-") as tmp:
        hf = Path(tmp)
        (hf / "vocab.txt").write_text("\n".join(dict.fromkeys(vocab)) + "\n", encoding="utf-8")
        tokenizer = BertTokenizerFast(vocab_file=str(hf / "vocab.txt"), do_lower_case=True)
        torch.manual_seed(0)
        config = BertConfig(vocab_size=len(tokenizer), hidden_size=HIDDEN, num_hidden_layers=1,
                            num_attention_heads=2, intermediate_size=64, max_position_embeddings=256)
        BertModel(config).save_pretrained(hf)
        tokenizer.save_pretrained(hf)
        modules = [Transformer(str(hf), max_seq_length=256), Pooling(HIDDEN, pooling_mode="mean")]
        SentenceTransformer(modules=modules, device="cpu").save(str(out))
    return Path(out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/align/tiny_st.py DIR")
    print(build(sys.argv[1]))
