"""The Python module against the command line, word for word.

`gqalut vectors` writes the golden input and output words of the unit (docs/rtl.md); every
datapath of the module must give the same words: the word-level Unit and the value-level
IntUnit, ScalerUnit and Fp32Unit. Searches with the same options and seed must give the same
table file and the same metrics as `gqalut search --format json`.
"""
import json
import os
import sys
import unittest

import numpy as np

import gqalut
from common import ScratchTestCase, run_cli

REFERENCE_TABLES = os.path.join(os.environ.get("GQALUT_TEST_DATA", ""), "gqa-lut-pretrained")


def read_hex(path):
    with open(path, encoding="ascii") as f:
        return [int(line, 16) for line in f if line.strip()]


def signed(v, width):
    return v - (1 << width) if v >> (width - 1) & 1 else v


class Vectors:
    """The words of one `gqalut vectors` run, split per scale."""

    def __init__(self, directory, summary):
        self.scales = summary["scales"]
        ins = read_hex(os.path.join(directory, "in.hex"))
        outs = read_hex(os.path.join(directory, "expect.hex"))
        per = summary["vectors"] // len(self.scales)
        assert per * len(self.scales) == len(ins) == len(outs) and per > 0
        self.blocks = {s: (ins[i * per:(i + 1) * per], outs[i * per:(i + 1) * per]) for i, s in enumerate(self.scales)}


class BitExact(ScratchTestCase):
    def searched(self, name, *args):
        out = self.path(name + ".json")
        run_cli("search", "--quiet", "--out", out, *args)
        return out

    def vectors(self, table_path, *args):
        d = self.path("vec%d" % len(os.listdir(self.dir)))
        summary = json.loads(run_cli("vectors", "--table", table_path, "--out", d, "--format", "json", *args))
        return Vectors(d, summary)

    def check_int(self, table_path, requant=None, inputs="exhaustive"):
        t = gqalut.load_table(table_path)
        args = ["--inputs", inputs] + (["--requant", str(requant)] if requant is not None else [])
        v = self.vectors(table_path, *args)
        self.assertEqual(v.scales, t.scales)
        for s, (ins, outs) in v.blocks.items():
            unit = gqalut.Unit(t, scale=s, requant=requant)
            words = np.array(ins, dtype=np.uint64)
            got = unit.output(words)
            if got.ndim == 2:   # INT32: 97-bit accumulator as (low, high) 64-bit halves
                got_words = [int(lo) | int(hi) << 64 for lo, hi in got]
            else:
                got_words = [int(w) for w in got]
            self.assertEqual(got_words, outs, f"{table_path} s={s} requant={requant}: Unit words")

            k = t.input_bits
            codes = np.array([signed(w, k) for w in ins], dtype=np.int64)
            expect = [signed(w, unit.out_width) for w in outs]
            lut = gqalut.IntUnit(t, s)
            if requant is None:
                # value = acc 2^-frac; exact in float64 up to INT16, the same rounding for INT32
                want = np.array([np.ldexp(float(a), -lut.result_frac) for a in expect])
                np.testing.assert_array_equal(lut.values(codes), want, f"{table_path} s={s}: IntUnit.values")
            else:
                np.testing.assert_array_equal(lut.requantized(codes, requant), np.array(expect, dtype=np.int64),
                                              f"{table_path} s={s}: IntUnit.requantized {requant}")

    def test_int8_every_code_every_scale(self):
        tables = [os.path.join(REFERENCE_TABLES, f) for f in ("gelu_pwl_7.json", "exp_pwl_15.json")]
        tables += [self.searched("gelu_shared", "--function", "gelu", "--entries", "8", "--method", "optimal",
                                 "--scheme", "shared"),
                   self.searched("hswish_uniform", "--function", "hswish", "--entries", "16", "--method", "optimal",
                                 "--scheme", "uniform")]
        for path in tables:
            self.check_int(path)
            for s_o in range(-8, 17):   # the requantizer's whole range of output fraction bits
                self.check_int(path, requant=s_o)

    def test_int16(self):
        path = self.searched("gelu16", "--function", "gelu", "--entries", "8", "--precision", "int16",
                             "--method", "optimal", "--scheme", "shared")
        self.check_int(path)
        self.check_int(path, requant=12)

    def test_int32(self):
        path = self.searched("gelu32", "--function", "gelu", "--entries", "8", "--precision", "int32",
                             "--method", "optimal", "--scheme", "uniform")
        self.check_int(path, inputs="random:4000")
        self.check_int(path, requant=20, inputs="random:4000")

    def test_fp32(self):
        path = self.searched("gelu_fp32", "--function", "gelu", "--entries", "16", "--precision", "fp32",
                             "--method", "optimal")
        t = gqalut.load_table(path)
        (ins, outs), = self.vectors(path, "--inputs", "random:50000").blocks.values()
        words = np.array(ins, dtype=np.uint64)
        self.assertEqual([int(w) for w in gqalut.Unit(t).output(words)], outs)
        x = words.astype(np.uint32).view(np.float32)
        got = gqalut.Fp32Unit(t).values(x).view(np.uint32)
        self.assertEqual([int(w) for w in got], outs)

    def test_scaler(self):
        for function, preset in (("div", "paper"), ("rsqrt", "paper"), ("div", "normalize"), ("rsqrt", "normalize")):
            path = self.searched(function + preset, "--function", function, "--entries", "8", "--method", "optimal",
                                 "--preset", preset)
            t = gqalut.load_table(path)
            (ins, outs), = self.vectors(path, "--inputs", "random:50000").blocks.values()
            words = np.array(ins, dtype=np.uint64)
            self.assertEqual([int(w) for w in gqalut.Unit(t).output(words)], outs, function + " " + preset)
            got = gqalut.ScalerUnit(t).output(words.astype(np.int64))
            self.assertEqual([int(w) for w in got], outs, function + " " + preset + ": ScalerUnit")

    def test_reduced_scaler(self):
        # Range reductions: exp2 and exp take two's complement inputs, ScalerUnit negative codes.
        for function, extra in (("exp2", []), ("log2", []), ("exp", ["--preset", "reduce"])):
            path = self.searched(function + "_reduce", "--function", function, "--entries", "8", "--method", "optimal",
                                 *extra)
            t = gqalut.load_table(path)
            (ins, outs), = self.vectors(path, "--inputs", "random:50000").blocks.values()
            words = np.array(ins, dtype=np.int64)
            codes = words - (words >= 2 ** 31) * 2 ** 32 if function != "log2" else words
            self.assertTrue(function == "log2" or (codes < 0).any())
            got = gqalut.ScalerUnit(t).output(codes)
            # log2's output codes are signed; the output words their 32 bits.
            self.assertEqual([int(w) & 0xFFFFFFFF for w in got], outs, function + ": ScalerUnit")


# (CLI options, the same as module keywords); small GA/NN-LUT budgets keep the test short.
SEARCHES = [
    (["--function", "gelu", "--method", "gqa", "--generations", "20"],
     dict(function="gelu", method="gqa", generations=20)),
    (["--function", "gelu", "--method", "gqa-rm", "--generations", "20", "--population", "30", "--threads", "2"],
     dict(function="gelu", method="gqa-rm", generations=20, population=30, threads=2)),
    (["--function", "exp", "--method", "gqa-rm", "--generations", "15", "--theta-r", "0.1", "--rm-range", "1..5",
      "--fit", "lsq"],
     dict(function="exp", method="gqa-rm", generations=15, theta_r=0.1, rm_range=(1, 5), fit="lsq")),
    (["--function", "hswish", "--method", "nnlut", "--nn-steps", "200"],
     dict(function="hswish", method="nnlut", nn_steps=200)),
    (["--function", "gelu", "--method", "optimal", "--scheme", "shared"],
     dict(function="gelu", method="optimal", scheme="shared")),
    (["--function", "gelu", "--method", "optimal", "--scheme", "per-scale", "--scales", "2..5"],
     dict(function="gelu", method="optimal", scheme="per-scale", scales=[2, 3, 4, 5])),
    (["--function", "gelu", "--method", "optimal", "--scheme", "uniform", "--lambda", "5"],
     dict(function="gelu", method="optimal", scheme="uniform", lambda_=5)),
    (["--function", "div", "--method", "gqa-rm", "--generations", "10"],
     dict(function="div", method="gqa-rm", generations=10)),
    (["--function", "rsqrt", "--method", "optimal", "--preset", "normalize"],
     dict(function="rsqrt", method="optimal", preset="normalize")),
    (["--function", "gelu", "--precision", "fp32", "--method", "optimal"],
     dict(function="gelu", precision="fp32", method="optimal")),
    (["--expr", "x*x", "--range", "-2,2", "--method", "gqa-rm", "--generations", "10", "--width", "10"],
     dict(function="expr", expr="x*x", range=(-2, 2), method="gqa-rm", generations=10, width=10)),
]


class SearchAsCli(ScratchTestCase):
    def test_every_method_same_table_and_metrics(self):
        for i, (cli_args, kwargs) in enumerate(SEARCHES):
            with self.subTest(search=" ".join(cli_args)):
                cli_table = self.path(f"cli{i}.json")
                cli = json.loads(run_cli("search", "--quiet", "--format", "json", "--entries", "8", "--seed", "7",
                                         "--out", cli_table, *cli_args))
                r = gqalut.search(entries=8, seed=7, **kwargs)
                mod_table = self.path(f"mod{i}.json")
                r.table.save(mod_table)
                with open(cli_table, encoding="utf-8") as a, open(mod_table, encoding="utf-8") as b:
                    self.assertEqual(a.read(), b.read(), "table files differ")
                for key, value in r.metrics.items():
                    self.assertEqual(cli[key], value, key)
                self.assertEqual(cli["note"], r.note)
                self.assertEqual(cli.get("exact"), r.exact)
                self.assertEqual(cli.get("evaluations", 0), r.evaluations)
                self.assertEqual(cli["seed"], r.table.seed)
                self.assertEqual(cli.get("scheme", "fp32"), r.table.scheme)

    def test_progress_and_bad_input(self):
        lines = []
        gqalut.search(function="gelu", entries=4, method="gqa", generations=10, progress=lines.append)
        self.assertTrue(lines and lines[-1].startswith("gqa: generation 10/10"), lines)
        with self.assertRaisesRegex(ValueError, "unknown method 'fast'"):
            gqalut.search(function="gelu", entries=8, method="fast")


class BadInputs(ScratchTestCase):
    def test_codes_outside_the_format_and_float_codes_are_refused(self):
        t = gqalut.load_table(os.path.join(REFERENCE_TABLES, "gelu_pwl_7.json"))
        lut = gqalut.IntUnit(t, 4)
        with self.assertRaisesRegex(ValueError, r"codes\[1\] = 128 outside \[-128, 127\]"):
            lut.values(np.array([0, 128]))
        with self.assertRaises(TypeError):
            lut.values(np.array([0.5]))
        with self.assertRaisesRegex(ValueError, "has more than 8 bits"):
            gqalut.Unit(t, scale=4).output(np.array([256], dtype=np.uint64))
        with self.assertRaisesRegex(ValueError, "no LUT for scale 7"):
            gqalut.IntUnit(t, 7)

    def test_load_errors_name_the_field_and_save_keeps_the_old_file(self):
        bad = self.path("bad.json")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('{"gelu": {"0": {"breakpoints": [2, 1], "slopes": [0, 0, 0], "intercepts": [0, 0, 0]}}}')
        with self.assertRaisesRegex(ValueError, r"gelu\.0\.breakpoints\[1\]"):
            gqalut.load_table(bad)
        t = gqalut.load_table(os.path.join(REFERENCE_TABLES, "gelu_pwl_7.json"))
        target = self.path("sub")
        os.mkdir(target)
        with self.assertRaisesRegex(ValueError, "is a directory"):
            t.save(target)
        again = gqalut.table_from_json(t.to_json())
        self.assertEqual(again.to_json(), t.to_json())


if __name__ == "__main__":
    unittest.main(verbosity=2, argv=sys.argv[:1])
