"""PyTorch ops with the gqalut unit in the loop (docs/python.md).

Forward: the golden unit (gqalut._core) on the tensor's integer codes, bit-exact. Backward: the
straight-through estimator: the gradient of the exact function the table approximates, taken
at the same input, as if the unit computed f exactly. A model can so be fine-tuned with the LUT
in the forward pass (the paper's fine-tuning).

Inputs are either integer tensors holding codes, or floating tensors holding fake-quantised
values on the unit's input grid (INT: q 2^-s; scaler: u 2^-F with F the scaler's input fraction
bits). A value off the grid or outside the code range is refused: quantising is the caller's
step (see pow2_fake_quant and to_grid), never a silent one here.
"""
import math

import torch
import torch.nn.functional as F

from ._core import Fp32Unit, IntUnit, ScalerUnit

# The exact functions of the builtin tables, for the straight-through gradient.
EXACT = {
    "gelu": lambda x: F.gelu(x),
    "exp": torch.exp,
    "hswish": F.hardswish,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "silu": F.silu,
    "div": torch.reciprocal,
    "rsqrt": torch.rsqrt,
}


def exact_function(table, exact=None):
    """The torch function a table approximates (builtin name), or the one given."""
    if exact is not None:
        return exact
    if table.function not in EXACT:
        raise ValueError(f"table of '{table.function}': give exact=, the torch function it approximates")
    return EXACT[table.function]


def _codes(x, frac, lo, hi, what):
    """Integer codes of x: x itself if integer, else x 2^frac, which must be whole and in range."""
    if not x.dtype.is_floating_point:
        q = x.detach().cpu().to(torch.int64)
    else:
        scaled = x.detach().cpu().double() * (2.0 ** frac)
        q = torch.round(scaled)
        if not torch.equal(q, scaled):
            bad = int(torch.nonzero(q != scaled)[0, 0]) if scaled.dim() == 1 else None
            raise ValueError(f"{what}: input is not on the grid 2^-{frac} (quantise it first)"
                             + (f", element {bad}" if bad is not None else ""))
        q = q.to(torch.int64)
    if q.numel() and (int(q.min()) < lo or int(q.max()) > hi):
        raise ValueError(f"{what}: codes {int(q.min())}..{int(q.max())} outside [{lo}, {hi}]")
    return q.numpy()


class _UnitFunction(torch.autograd.Function):
    """y = unit(x) forward, dy/dx = exact'(x) backward (x floating)."""

    @staticmethod
    def forward(ctx, x, evaluate, exact):
        ctx.exact = exact
        ctx.save_for_backward(x)
        y = evaluate(x)
        return torch.from_numpy(y).to(dtype=x.dtype if x.dtype.is_floating_point else torch.float32,
                                      device=x.device)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        if not x.dtype.is_floating_point:
            return None, None, None
        with torch.enable_grad():
            xe = x.detach().requires_grad_(True)
            (g,) = torch.autograd.grad(ctx.exact(xe), xe, grad)
        return g, None, None


class IntPwl:
    """An INT table on tensors: op(x, scale) with x = q 2^-scale (or the codes q)."""

    def __init__(self, table, exact=None):
        self.table = table
        self.exact = exact_function(table, exact)
        self._units = {}

    def unit(self, scale):
        if scale not in self._units:
            self._units[scale] = IntUnit(self.table, scale)
        return self._units[scale]

    def __call__(self, x, scale):
        u = self.unit(int(scale))
        evaluate = lambda t: u.values(_codes(t, u.scale, u.min_code, u.max_code, self.table.function))
        return _UnitFunction.apply(x, evaluate, self.exact)


class ScalerPwl:
    """A DIV/RSQRT table on tensors: op(x), x on the scaler's input grid 2^-input_frac (or
    its codes); the output is the unit's requantized output (UQ(32-F).F) as a value."""

    def __init__(self, table, exact=None):
        self.table = table
        self.exact = exact_function(table, exact)
        self.unit = ScalerUnit(table)
        self.input_frac = self.unit.input_frac
        self.max_code = (1 << self.unit.input_width) - 1

    def __call__(self, x):
        u = self.unit
        step = 2.0 ** -u.output_frac
        evaluate = lambda t: u.output(_codes(t, u.input_frac, 0, self.max_code, self.table.function)) * step
        return _UnitFunction.apply(x, evaluate, self.exact)


class Fp32Pwl:
    """An FP32 table on float32 tensors."""

    def __init__(self, table, exact=None):
        self.table = table
        self.exact = exact_function(table, exact)
        self.unit = Fp32Unit(table)

    def __call__(self, x):
        if x.dtype != torch.float32:
            raise TypeError("Fp32Pwl takes float32 tensors")
        evaluate = lambda t: self.unit.values(t.detach().cpu().numpy())
        return _UnitFunction.apply(x, evaluate, self.exact)


def op_for(table, exact=None):
    """IntPwl, ScalerPwl or Fp32Pwl, whichever the table needs."""
    if table.precision == "fp32":
        return Fp32Pwl(table, exact)
    if table.has_scaler:
        return ScalerPwl(table, exact)
    return IntPwl(table, exact)


class _RoundSte(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad):
        return grad


def round_ste(x):
    """round() forward, identity backward."""
    return _RoundSte.apply(x)


def to_grid(x, frac, lo, hi):
    """Fake-quantise x to codes in [lo, hi] on the grid 2^-frac (round half to even, then the
    explicit clamp of quantisation), straight-through in the range."""
    step = 2.0 ** -frac
    return torch.clamp(round_ste(x / step), lo, hi) * step


def pow2_scale(alpha, lo=0, hi=6):
    """The paper's power-of-two input scale: s = -ceil(log2 alpha) clamped to the table's
    scales [lo, hi] (S = 2^-s); alpha is a learnable step."""
    return int(min(hi, max(lo, -math.ceil(math.log2(float(alpha))))))


def pow2_fake_quant(x, scale, bits=8):
    """Signed k-bit fake quantisation at S = 2^-scale."""
    return to_grid(x, scale, -(1 << (bits - 1)), (1 << (bits - 1)) - 1)


__all__ = ["EXACT", "Fp32Pwl", "IntPwl", "ScalerPwl", "op_for", "pow2_fake_quant", "pow2_scale", "round_ste",
           "to_grid", "exact_function"]
