"""A small pre-LayerNorm Transformer with INT8 fake quantisation (weights and activations,
LSQ) and its non-linearities from nonlinear.py."""
import math

import torch
import torch.nn as nn

from .nonlinear import Functions, Gelu, LayerNorm, Softmax
from .quant import Lsq, QLinear, QuantState


class Attention(nn.Module):
    def __init__(self, state, functions, d, heads, causal):
        super().__init__()
        self.heads, self.causal = heads, causal
        self.qkv = QLinear(state, d, 3 * d)
        self.proj = QLinear(state, d, d)
        self.q_q, self.k_q, self.v_q = Lsq(state), Lsq(state), Lsq(state)
        self.p_q = Lsq(state, signed=False)
        self.softmax = Softmax(state, functions)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        z = self.q_q(q) @ self.k_q(k).transpose(-1, -2) / math.sqrt(d // self.heads)
        mask = torch.triu(torch.ones(t, t, dtype=torch.bool), 1) if self.causal else None
        p = self.softmax(z, mask)
        return self.proj((self.p_q(p) @ self.v_q(v)).transpose(1, 2).reshape(b, t, d))


class Block(nn.Module):
    def __init__(self, state, functions, d, heads, hidden, causal):
        super().__init__()
        self.ln1 = LayerNorm(state, functions, d)
        self.attn = Attention(state, functions, d, heads, causal)
        self.ln2 = LayerNorm(state, functions, d)
        self.fc1 = QLinear(state, d, hidden)
        self.gelu = Gelu(state, functions)
        self.fc2 = QLinear(state, hidden, d)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.fc2(self.gelu(self.fc1(self.ln2(x))))


class Transformer(nn.Module):
    """inputs: float features per token (digits: pixel patches) or token ids (LM).
    classify: one output per sequence (from a class token); else one per position."""

    def __init__(self, *, d, heads, layers, hidden, tokens, n_out, n_features=None, vocab=None, causal=False,
                 classify=False):
        super().__init__()
        self.state = QuantState()
        self.functions = Functions()
        self.classify = classify
        if vocab is not None:
            self.embed = nn.Embedding(vocab, d)
            self.embed_q = Lsq(self.state)
        else:
            self.embed = QLinear(self.state, n_features, d)
            self.embed_q = None
        self.cls = nn.Parameter(torch.zeros(1, 1, d)) if classify else None
        self.pos = nn.Parameter(torch.randn(1, tokens + int(classify), d) * 0.02)
        self.blocks = nn.ModuleList(Block(self.state, self.functions, d, heads, hidden, causal) for _ in range(layers))
        self.ln = LayerNorm(self.state, self.functions, d)
        self.head = QLinear(self.state, d, n_out)

    def set_int8(self, on):
        self.state.int8 = on

    def forward(self, x):
        h = self.embed_q(self.embed(x)) if self.embed_q is not None else self.embed(x)
        if self.cls is not None:
            h = torch.cat([self.cls.expand(h.shape[0], -1, -1), h], dim=1)
        h = h + self.pos[:, :h.shape[1]]
        for blk in self.blocks:
            h = blk(h)
        h = self.ln(h)
        return self.head(h[:, 0] if self.classify else h)
