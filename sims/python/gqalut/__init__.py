"""gqalut for Python: the project's golden model of the pwl unit, bit-exact, on numpy arrays.

Tables (load_table, table_from_json, Table.save), the datapaths (IntUnit, ScalerUnit, Fp32Unit,
and Unit for the hardware's words), search (every method of `gqalut search`) and the metrics
(evaluate). The PyTorch op is in gqalut.torch_ops, the network study in gqalut.study.
See docs/python.md.
"""
from ._core import (BadInput, Fp32Unit, IntUnit, ScalerUnit, SearchResult, Table, Unit, evaluate,
                    function_names, load_table, reference, save_table, search, table_from_json)

__all__ = ["BadInput", "Fp32Unit", "IntUnit", "ScalerUnit", "SearchResult", "Table", "Unit", "evaluate",
           "function_names", "load_table", "reference", "save_table", "search", "table_from_json"]
