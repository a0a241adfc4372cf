"""The non-linear functions of the Transformer, computed three ways: FP32 (torch), INT8 with
the exact function on the quantised input, or the unit through the module (gqalut.torch_ops)
with a table per function. Only the function differs between the last two: both see the same
quantised inputs (power-of-two INT8 for GELU and EXP, the scaler's UQ16.16 input for DIV and
RSQRT)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from ..torch_ops import op_for, to_grid
from .quant import Pow2Quant

FUNCTIONS = ("gelu", "exp", "div", "rsqrt")
SCALER_FRAC = 16                  # UQ16.16, the scaler's input format (paper Table 2)
SCALER_MAX = (1 << 32) - 1
LN_EPS = 2.0 ** -12               # keeps LayerNorm's variance >= 16 LSB of UQ16.16


class Functions:
    """Which tables the unit runs: {function: op} for functions in the loop; others exact."""

    def __init__(self):
        self.ops = {}

    def set_tables(self, tables):
        """tables: {function: gqalut.Table}; a missing function is computed exactly."""
        self.ops = {f: op_for(t) for f, t in tables.items()}

    def exact(self):
        self.ops = {}


class Gelu(nn.Module):
    def __init__(self, state, functions):
        super().__init__()
        self.state, self.functions = state, functions
        self.inq = Pow2Quant(state)

    def forward(self, x):
        if not self.state.int8:
            return F.gelu(x)
        xq, s = self.inq(x)
        op = self.functions.ops.get("gelu")
        return op(xq, s) if op else F.gelu(xq)


def _scaler(functions, name, x, exact):
    xq = to_grid(x, SCALER_FRAC, 0, SCALER_MAX)
    op = functions.ops.get(name)
    return op(xq) if op else exact(xq)


class Softmax(nn.Module):
    """exp(z - max z) through EXP, 1 / sum through DIV, their product."""

    def __init__(self, state, functions):
        super().__init__()
        self.state, self.functions = state, functions
        self.inq = Pow2Quant(state)

    def forward(self, z, mask=None):
        if not self.state.int8:
            return torch.softmax(z if mask is None else z.masked_fill(mask, float("-inf")), dim=-1)
        if mask is not None:
            z = z.masked_fill(mask, float("-inf"))
        d = z - z.max(dim=-1, keepdim=True).values.detach()
        if mask is not None:
            # Masked keys never reach the unit: as code 0 they neither set the quantiser's
            # initial step nor pull on its learned one (LSQ's gradient for clipped inputs).
            d = d.masked_fill(mask, 0.0)
        dq, s = self.inq(d)
        op = self.functions.ops.get("exp")
        e = op(dq, s) if op else torch.exp(dq)
        if mask is not None:
            e = e.masked_fill(mask, 0.0)   # masked keys do not enter the sum
        r = _scaler(self.functions, "div", e.sum(dim=-1, keepdim=True), torch.reciprocal)
        return e * r


class LayerNorm(nn.Module):
    """(x - mean) * rsqrt(var + eps) * gamma + beta, RSQRT through the scaler unit."""

    def __init__(self, state, functions, d):
        super().__init__()
        self.state, self.functions = state, functions
        self.weight = nn.Parameter(torch.ones(d))
        self.bias = nn.Parameter(torch.zeros(d))

    def forward(self, x):
        if not self.state.int8:
            return F.layer_norm(x, x.shape[-1:], self.weight, self.bias, LN_EPS)
        xc = x - x.mean(dim=-1, keepdim=True)
        var = (xc * xc).mean(dim=-1, keepdim=True) + LN_EPS
        return xc * _scaler(self.functions, "rsqrt", var, torch.rsqrt) * self.weight + self.bias
