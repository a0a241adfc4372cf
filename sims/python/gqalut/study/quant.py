"""INT8 fake quantisation: LSQ learned steps for weights and activations (Esser et al.), and
the paper's power-of-two learned scale for the inputs of the non-linear functions."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..torch_ops import round_ste


def _grad_scaled(step, g):
    """step forward, step's gradient times g backward (LSQ's step-size gradient scale)."""
    return (step - step * g).detach() + step * g


class QuantState:
    """Whether the network runs in FP32 or INT8 fake quantisation (shared by all quantisers)."""

    def __init__(self):
        self.int8 = False


class Lsq(nn.Module):
    """k-bit LSQ quantiser: x -> clamp(round(x / S), Qn, Qp) S with a learned step S,
    initialised from the first batch it sees in INT8 mode."""

    def __init__(self, state, bits=8, signed=True):
        super().__init__()
        self.state = state
        self.qn = -(1 << (bits - 1)) if signed else 0
        self.qp = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
        self.step = nn.Parameter(torch.tensor(1.0))
        self.register_buffer("ready", torch.tensor(False))

    def forward(self, x):
        if not self.state.int8:
            return x
        if not bool(self.ready):
            with torch.no_grad():
                self.step.copy_(2 * x.detach().abs().mean().clamp_min(1e-8) / math.sqrt(self.qp))
                self.ready.fill_(True)
        s = _grad_scaled(self.step, 1.0 / math.sqrt(x.numel() * self.qp))
        return torch.clamp(round_ste(x / s), self.qn, self.qp) * s


class Pow2Quant(nn.Module):
    """Signed INT8 quantiser with a power-of-two step S = 2^-s, s = -ceil(log2 alpha) clamped
    to the tables' scales [0, 6]; alpha is learned through the straight-through estimator.
    Returns the fake-quantised values and s (the unit's scale register)."""

    def __init__(self, state, lo=0, hi=6):
        super().__init__()
        self.state = state
        self.lo, self.hi = lo, hi
        self.alpha = nn.Parameter(torch.tensor(1.0))
        self.register_buffer("ready", torch.tensor(False))

    def scale(self):
        a = float(self.alpha.detach().clamp_min(1e-12))
        return int(min(self.hi, max(self.lo, -math.ceil(math.log2(a)))))

    def forward(self, x):
        if not bool(self.ready):
            with torch.no_grad():
                self.alpha.copy_(x.detach().abs().max().clamp_min(1e-8) / 127)
                self.ready.fill_(True)
        s = self.scale()
        step = 2.0 ** -s
        a = _grad_scaled(self.alpha, 1.0 / math.sqrt(x.numel() * 127))
        step_ste = a + (step - a).detach()   # the value 2^-s, the gradient of alpha
        return torch.clamp(round_ste(x / step_ste), -128, 127) * step_ste, s


class QLinear(nn.Linear):
    """Linear layer with LSQ-quantised weights and input (bias in high precision, as the
    INT32 accumulator adds it)."""

    def __init__(self, state, n_in, n_out, bias=True):
        super().__init__(n_in, n_out, bias)
        self.wq = Lsq(state)
        self.xq = Lsq(state)

    def forward(self, x):
        return F.linear(self.xq(x), self.wq(self.weight), self.bias)
