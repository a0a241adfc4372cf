"""The two tasks: 8x8 digits (python3-sklearn's bundled copy, no download) classified from
2x2-pixel patches, and a character-level language model on licence texts that Debian's
base-files package ships in /usr/share/common-licenses (there on every Debian system)."""
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

from .model import Transformer

LICENCE_DIR = "/usr/share/common-licenses"
LICENCE_FILES = ("GPL-3", "GPL-2", "LGPL-2.1", "Apache-2.0", "MPL-2.0", "GFDL-1.3")


class Digits:
    name = "digits"
    metric = "accuracy"           # percent on the held-out images, higher is better
    higher_is_better = True

    def __init__(self, seed, size="full"):
        from sklearn.datasets import load_digits
        d = load_digits()
        x = d.images.astype(np.float32) / 16.0                  # 1797 x 8 x 8 in [0, 1]
        patches = x.reshape(-1, 4, 2, 4, 2).transpose(0, 1, 3, 2, 4).reshape(-1, 16, 4)
        order = np.random.default_rng(1000 + seed).permutation(len(x))
        n_test = 360
        self.x_test, self.y_test = torch.from_numpy(patches[order[:n_test]]), torch.from_numpy(d.target[order[:n_test]])
        self.x_train, self.y_train = torch.from_numpy(patches[order[n_test:]]), torch.from_numpy(d.target[order[n_test:]])
        self.batch = 64
        self.dims = dict(d=32, heads=2, layers=2, hidden=64) if size == "full" else dict(d=16, heads=2, layers=1, hidden=32)

    def model(self):
        return Transformer(**self.dims, tokens=16, n_out=10, n_features=4, classify=True)

    def batches(self, gen):
        """An endless stream of shuffled training batches."""
        while True:
            for idx in torch.randperm(len(self.x_train), generator=gen).split(self.batch):
                yield self.x_train[idx], self.y_train[idx]

    @staticmethod
    def loss(model, xb, yb):
        return F.cross_entropy(model(xb), yb)

    @torch.no_grad()
    def evaluate(self, model):
        model.eval()
        pred = torch.cat([model(xb).argmax(-1) for xb in self.x_test.split(256)])
        model.train()
        return 100.0 * float((pred == self.y_test).float().mean())


class CharLM:
    name = "charlm"
    metric = "bits_per_char"      # on the held-out last 10 % of the text, lower is better
    higher_is_better = False

    def __init__(self, seed, size="full"):
        text = "".join(open(os.path.join(LICENCE_DIR, f), encoding="utf-8").read() for f in LICENCE_FILES)
        chars = sorted(set(text))
        self.vocab = len(chars)
        ids = torch.tensor([chars.index(c) for c in text], dtype=torch.int64)
        cut = int(len(ids) * 0.9)
        self.train_ids, self.test_ids = ids[:cut], ids[cut:]
        self.context = 32 if size == "full" else 16
        self.batch = 32
        # Fixed held-out windows (a function of the text only): the same for every model.
        n_windows = 512 if size == "full" else 64
        starts = torch.linspace(0, len(self.test_ids) - self.context - 2, n_windows).long()
        self.test_windows = torch.stack([self.test_ids[s:s + self.context + 1] for s in starts])
        self.dims = dict(d=48, heads=2, layers=2, hidden=96) if size == "full" else dict(d=16, heads=2, layers=1, hidden=32)

    def model(self):
        return Transformer(**self.dims, tokens=self.context, n_out=self.vocab, vocab=self.vocab, causal=True)

    def batches(self, gen):
        n = len(self.train_ids) - self.context - 1
        while True:
            starts = torch.randint(0, n, (self.batch,), generator=gen)
            w = torch.stack([self.train_ids[s:s + self.context + 1] for s in starts])
            yield w[:, :-1], w[:, 1:]

    @staticmethod
    def loss(model, xb, yb):
        logits = model(xb)
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), yb.reshape(-1))

    @torch.no_grad()
    def evaluate(self, model):
        model.eval()
        total = 0.0
        for w in self.test_windows.split(128):
            total += float(self.loss(model, w[:, :-1], w[:, 1:])) * len(w)
        model.train()
        return total / len(self.test_windows) / math.log(2)


TASKS = {"digits": Digits, "charlm": CharLM}
