"""Training phases shared by the study and its smoke test: FP32 training, INT8 quantisation-
aware training with exact non-linearities, fine-tuning with the unit in the loop."""
import copy

import torch

# Steps per phase (full study and the quick variant used by --quick and the smoke test).
PHASES = {
    "full": {"digits": dict(fp32=1000, qat=300, finetune=100),
             "charlm": dict(fp32=1500, qat=400, finetune=150)},
    "quick": {"digits": dict(fp32=60, qat=20, finetune=10),
              "charlm": dict(fp32=60, qat=20, finetune=10)},
}
LR = dict(fp32=3e-3, qat=1e-3, finetune=5e-4)


def train(model, task, steps, lr, seed, log=None):
    """Adam for `steps` steps on the task's batches (a stream fixed by seed); returns the
    training losses."""
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, max(1, steps))
    losses = []
    model.train()
    for step, (xb, yb) in zip(range(steps), task.batches(gen)):
        loss = task.loss(model, xb, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        losses.append(float(loss))
        if log and (step + 1) % max(1, steps // 4) == 0:
            log(f"  step {step + 1}/{steps} loss {loss:.4f}")
    return losses


def calibrate(model, task, seed):
    """One forward pass in INT8 mode: the quantisers take their initial steps from it."""
    gen = torch.Generator().manual_seed(seed)
    xb, _ = next(task.batches(gen))
    with torch.no_grad():
        model(xb)


def baseline(task, seed, size, log=None):
    """Trains the FP32 model, then the INT8 model with exact non-linearities.
    Returns (fp32 metric, int8 metric, INT8 model)."""
    steps = PHASES[size][task.name]
    torch.manual_seed(seed)
    model = task.model()
    if log:
        log(f"{task.name} seed {seed}: FP32 training, {steps['fp32']} steps")
    train(model, task, steps["fp32"], LR["fp32"], seed, log)
    fp32 = task.evaluate(model)
    model.set_int8(True)
    calibrate(model, task, seed)
    if log:
        log(f"{task.name} seed {seed}: INT8 quantisation-aware training, {steps['qat']} steps")
    train(model, task, steps["qat"], LR["qat"], seed + 1, log)
    return fp32, task.evaluate(model), model


def with_tables(model, tables):
    """A copy of the INT8 model whose non-linearities run on the unit with these tables."""
    m = copy.deepcopy(model)
    m.functions.set_tables(tables)
    return m


def finetune(model, task, seed, size, log=None):
    steps = PHASES[size][task.name]["finetune"]
    return train(model, task, steps, LR["finetune"], seed + 2, log)
