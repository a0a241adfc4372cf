"""The network-level study (docs/results/network.md): small INT8 Transformers with the unit's
bit-exact GELU, softmax EXP and DIV, and LayerNorm RSQRT in the loop.

    python3 -m gqalut.study run [--quick] [--out DIR]      the whole study, table and plot
    python3 -m gqalut.study evaluate --task digits --gelu T.json ...   one JSON object

See docs/python.md.
"""
