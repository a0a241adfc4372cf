"""The PyTorch op and a tiny model with the unit in the loop (seconds).

- the op's forward equals the module's golden output on the same codes (GELU and EXP through
  IntUnit, DIV and RSQRT through ScalerUnit), inside the model too (hooks on the sites);
- its backward is the exact function's derivative (straight-through);
- inputs off the grid or outside the codes are refused;
- fine-tuning a tiny INT8 digits model with every non-linearity on the unit lowers its loss.
"""
import json
import os
import subprocess
import sys
import unittest

import numpy as np
import torch

import gqalut
from gqalut import torch_ops
from gqalut.study import nonlinear, quant, run, tables, tasks, train
from common import ScratchTestCase

torch.set_num_threads(1)


def tables_for(entries=8):
    return tables.search_tables("optimal-per-scale", entries, seed=1)


class Op(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tables = tables_for()

    def test_int_op_is_the_golden_unit_and_ste_is_the_exact_gradient(self):
        for f in ("gelu", "exp"):
            op = torch_ops.IntPwl(self.tables[f])
            for s in range(7):
                q = torch.arange(-128, 128, dtype=torch.int64)
                want = gqalut.IntUnit(self.tables[f], s).values(q.numpy())
                np.testing.assert_array_equal(op(q, s).double().numpy(), want.astype(np.float32))
                x = (q.double() * 2.0 ** -s).requires_grad_(True)
                y = op(x, s)
                np.testing.assert_array_equal(y.detach().numpy(), want)
                y.sum().backward()
                xe = x.detach().clone().requires_grad_(True)
                torch_ops.EXACT[f](xe).sum().backward()
                np.testing.assert_allclose(x.grad.numpy(), xe.grad.numpy(), rtol=0, atol=0)

    def test_scaler_op_is_the_golden_unit(self):
        rng = np.random.default_rng(5)
        u = rng.integers(1, 1 << 24, 5000)
        for f in ("div", "rsqrt"):
            op = torch_ops.ScalerPwl(self.tables[f])
            unit = gqalut.ScalerUnit(self.tables[f])
            want = unit.output(u) * 2.0 ** -unit.output_frac
            got = op(torch.from_numpy(u * 2.0 ** -unit.input_frac))
            np.testing.assert_array_equal(got.numpy(), want)

    def test_off_grid_and_out_of_range_inputs_are_refused(self):
        op = torch_ops.IntPwl(self.tables["gelu"])
        with self.assertRaisesRegex(ValueError, "not on the grid"):
            op(torch.tensor([0.3], dtype=torch.float64), 4)
        with self.assertRaisesRegex(ValueError, "outside"):
            op(torch.tensor([8.0], dtype=torch.float64), 4)
        with self.assertRaisesRegex(ValueError, "outside"):
            torch_ops.ScalerPwl(self.tables["div"])(torch.tensor([-1.0], dtype=torch.float64))


class MaskedSoftmax(unittest.TestCase):
    def test_masked_keys_do_not_set_the_exp_input_scale(self):
        state = quant.QuantState()
        state.int8 = True
        site = nonlinear.Softmax(state, nonlinear.Functions())
        z = torch.randn(2, 2, 8, 8)   # logit differences well inside [-8, 0]: scale >= 4
        mask = torch.triu(torch.ones(8, 8, dtype=torch.bool), 1)
        p = site(z, mask)
        d = (z - z.masked_fill(mask, float("-inf")).max(-1, keepdim=True).values).masked_fill(mask, 0)
        self.assertEqual(site.inq.scale(), torch_ops.pow2_scale(d.abs().max() / 127))
        self.assertGreaterEqual(site.inq.scale(), 3)
        self.assertTrue(torch.all(p.masked_select(mask) == 0))
        torch.testing.assert_close(p.sum(-1), torch.ones(2, 2, 8), rtol=0, atol=1e-4)


class GoldenCheck:
    """Calls a site's op and checks its output against the module's golden unit, on codes
    computed here from the op's input."""

    def __init__(self, op):
        self.op, self.calls = op, 0

    def __call__(self, x, *scale):
        y = self.op(x, *scale)
        if scale:   # IntPwl: x = q 2^-s
            codes = torch.round(x.detach().double() * 2 ** scale[0]).long().numpy()
            want = gqalut.IntUnit(self.op.table, scale[0]).values(codes)
        else:       # ScalerPwl: x = u 2^-F
            codes = torch.round(x.detach().double() * 2 ** self.op.input_frac).long().numpy()
            unit = gqalut.ScalerUnit(self.op.table)
            want = unit.output(codes) * 2.0 ** -unit.output_frac
        np.testing.assert_array_equal(y.detach().numpy(), want.astype(np.float32))
        self.calls += 1
        return y


class TinyModel(unittest.TestCase):
    def test_unit_in_the_loop_forward_is_golden_and_finetuning_lowers_the_loss(self):
        task = tasks.Digits(seed=1, size="quick")
        _, _, model = train.baseline(task, 1, "quick")
        m = train.with_tables(model, tables_for())
        m.functions.ops = {f: GoldenCheck(op) for f, op in m.functions.ops.items()}
        self.assertEqual(sorted(m.functions.ops), sorted(nonlinear.FUNCTIONS))

        gen = torch.Generator().manual_seed(3)
        xb, yb = next(task.batches(gen))
        with torch.no_grad():
            before = float(task.loss(m, xb, yb))
        for f, check in m.functions.ops.items():
            self.assertGreater(check.calls, 0, f)

        # Fine-tuning with the unit in the loop (straight-through) lowers the loss on a batch.
        opt = torch.optim.Adam(m.parameters(), lr=3e-3)
        for _ in range(15):
            loss = task.loss(m, xb, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        with torch.no_grad():
            after = float(task.loss(m, xb, yb))
        self.assertLess(after, before * 0.9, (before, after))


class StudyCommand(ScratchTestCase):
    """python3 -m gqalut.study evaluate: one JSON object on stdout; bad input: exit 2."""

    def study(self, *args):
        return subprocess.run([sys.executable, "-m", "gqalut.study", "--threads", "1", *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, check=False)

    def test_evaluate_prints_one_json_object(self):
        t = tables_for()
        paths = {}
        for f in ("gelu", "rsqrt"):
            paths[f] = self.path(f + ".json")
            t[f].save(paths[f])
        done = self.study("evaluate", "--quick", "--quiet", "--task", "digits", "--gelu", paths["gelu"], "--rsqrt",
                          paths["rsqrt"], "--cache", self.path("cache"))
        self.assertEqual(done.returncode, 0, done.stderr)
        out = json.loads(done.stdout)
        self.assertEqual(out["task"], "digits")
        self.assertEqual(out["tables"], paths)
        self.assertAlmostEqual(out["accuracy_loss"], out["int8_exact"] - out["lut"])
        self.assertTrue(os.listdir(self.path("cache")))
        again = json.loads(self.study("evaluate", "--quick", "--quiet", "--task", "digits", "--gelu", paths["gelu"],
                                      "--rsqrt", paths["rsqrt"], "--cache", self.path("cache")).stdout)
        self.assertEqual(again, out)   # the cached model gives the same numbers

    def test_train_then_each_table_on_its_own(self):
        """train fills the cache; evaluate --require-cached refuses an empty one (saying how to make
        it) and --each gives, line by line, what one evaluation per table gives."""
        cache = self.path("cache")
        refused = self.study("evaluate", "--quick", "--task", "digits", "--cache", cache, "--require-cached")
        self.assertEqual((refused.returncode, refused.stdout), (2, ""))
        self.assertEqual(len(refused.stderr.strip().splitlines()), 1, refused.stderr)
        self.assertIn(f"-m gqalut.study train --task digits --seed 1 --quick --cache {cache}", refused.stderr)
        self.assertFalse(os.path.exists(cache))   # refused, not trained
        done = self.study("train", "--quick", "--quiet", "--task", "digits", "--cache", cache)
        self.assertEqual(done.returncode, 0, done.stderr)
        trained = json.loads(done.stdout)
        self.assertTrue(os.path.isfile(trained["model"]))
        t = tables_for()
        paths = {}
        for f in ("gelu", "exp"):
            paths[f] = self.path(f + ".json")
            t[f].save(paths[f])
        common = ("evaluate", "--quick", "--quiet", "--task", "digits", "--cache", cache, "--require-cached")
        each = self.study(*common, "--each", f"gelu={paths['gelu']}", "--each", f"exp={paths['exp']}")
        self.assertEqual(each.returncode, 0, each.stderr)
        lines = [json.loads(x) for x in each.stdout.splitlines()]
        # In this process (no second start of Python): one evaluation per table, as the CLI's JSON.
        single = [json.loads(json.dumps(run.evaluate_tables("digits", 1, {f: paths[f]}, "quick", cache=cache)))
                  for f in ("gelu", "exp")]
        self.assertEqual(lines, single)
        self.assertEqual(lines[0]["int8_exact"], trained["int8_exact"])
        bad = self.study(*common, "--each", "softmax=" + paths["exp"])
        self.assertEqual((bad.returncode, bad.stdout), (2, ""))
        self.assertIn("FUNCTION=TABLE", bad.stderr)

    def test_bad_table_is_one_line_exit_2(self):
        missing = self.path("none.json")
        done = self.study("evaluate", "--quick", "--task", "digits", "--exp", missing)
        self.assertEqual((done.returncode, done.stdout), (2, ""))
        self.assertEqual(len(done.stderr.strip().splitlines()), 1, done.stderr)
        self.assertIn("none.json", done.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2, argv=sys.argv[:1])
