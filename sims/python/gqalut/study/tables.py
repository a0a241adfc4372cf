"""The tables of each method for the four functions, searched through the module with the
same options as `gqalut search` (INT8; GELU and EXP over scales 0..6, DIV and RSQRT through
the multi-range scaler)."""
from .. import _core
from .nonlinear import FUNCTIONS

# method name in the study -> gqalut.search keywords; the seeded methods use the model's seed.
METHODS = {
    "nnlut": dict(method="nnlut"),
    "gqa-rm": dict(method="gqa-rm"),
    "optimal-shared": dict(method="optimal", scheme="shared"),
    "optimal-per-scale": dict(method="optimal", scheme="per-scale"),
}


def search_tables(method, entries, seed, preset="normalize", nn_steps=None):
    """{function: Table} for one method and entry count."""
    kw = dict(METHODS[method])
    if kw["method"] in ("nnlut", "gqa-rm"):
        kw["seed"] = seed
    if nn_steps and kw["method"] == "nnlut":
        kw["nn_steps"] = nn_steps
    out = {}
    for f in FUNCTIONS:
        extra = dict(preset=preset) if f in ("div", "rsqrt") else {}
        out[f] = _core.search(function=f, entries=entries, **kw, **extra).table
    return out
