"""Golden training runs for keyed-rnn's trainer, computed by PyTorch.

Run from the repository root with Debian's python3-torch (not a pyenv python):

    /usr/bin/python3 tools/train_golden/generate_train_golden.py [--cli-only]

(--cli-only: only the CLI cases below; PyTorch's CPU kernels can differ in the
last float32 bit between machines, so a full rerun elsewhere may touch every
file by rounding alone.) For every case below it (re)writes operator/src/test/resources/train/<case>.json:

  config     cell, layers, hidden, input (features or embedding size), vocab,
             optimizer, lr, clip, epochs
  sequences  [{"key", "rows": [[...], ...]}] or [{"key", "tokens": [...]}],
             3-5 keys of unequal length
  initial    {tensor name: flat row-major float32 list} before training
  final      the same tensors after `epochs` optimizer steps
  losses     the loss of each epoch (computed before that epoch's step)
  grad_norms each epoch's total gradient L2 norm before clipping

Training is full-batch gradient descent: every key's whole sequence in one
batch, one optimizer step per epoch. Numeric loss: the mean, over every
predicted element of every key, of (head(h_t) - x_{t+1})^2; categorical loss:
the mean over every prediction of the cross-entropy of token t+1. Sequences of
unequal length are padded and the padding is masked out of the loss. All
tensors are float32. PyTorch has no Cho-form GRU (reset gate applied to h
before W_hn); it is written out here from its equations and differentiated by
autograd. Output is deterministic (fixed seeds, one torch thread).

CLI cases (CLI_CASES) are the same kind of run, written as the files a user
hands to `keyed-rnn train` into jobs/src/test/resources/train_cli/<case>/:

  events.jsonl       one event per line, {"key", "ts", "features"} or
                     {"key", "ts", "token"} (the token id as a string, which is
                     what a metadata-free model's vocabulary lists)
  init.safetensors   the initial weights, PyTorch names, no keyed-rnn metadata
  expected.json      {"config", "epochs", "lr", "losses", "final"} as above

TrainCliParityITCase runs `train --events events.jsonl --init init.safetensors
--optimizer sgd --lr L --epochs N --batch-keys 1000000 --tbptt 0 --no-shuffle
--normalize none --clip 0 --validation-fraction 0 --patience 0` on them and
compares the written model's tensors with `final`.
"""

import json
import math
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "operator" / "src" / "test" / "resources" / "train"
CLI_OUT = REPO / "jobs" / "src" / "test" / "resources" / "train_cli"
sys.path.insert(0, str(REPO / "tools" / "golden"))
from generate_golden import write_safetensors  # noqa: E402  (one safetensors writer)

CASES = [
    dict(name="lstm_sgd", cell="lstm", layers=1, hidden=8, input=3, lengths=[9, 6, 12, 4],
         optimizer="sgd", lr=0.2, clip=0.0, epochs=5),
    dict(name="gru_sgd", cell="gru", layers=1, hidden=8, input=3, lengths=[7, 11, 5],
         optimizer="sgd", lr=0.2, clip=0.0, epochs=5),
    dict(name="rnn_tanh_sgd", cell="rnn_tanh", layers=1, hidden=6, input=2,
         lengths=[10, 4, 8, 6, 3], optimizer="sgd", lr=0.1, clip=0.0, epochs=5),
    dict(name="gru_cho_sgd", cell="gru_cho", layers=1, hidden=7, input=3, lengths=[8, 12, 5],
         optimizer="sgd", lr=0.2, clip=0.0, epochs=5),
    dict(name="cat_lstm_sgd", cell="lstm", layers=1, hidden=8, input=4, vocab=7,
         lengths=[10, 7, 13, 5], optimizer="sgd", lr=0.3, clip=0.0, epochs=5),
    dict(name="lstm_adam", cell="lstm", layers=1, hidden=8, input=3, lengths=[9, 6, 12, 4],
         optimizer="adam", lr=0.01, clip=0.0, epochs=5),
    dict(name="gru_l2_adam", cell="gru", layers=2, hidden=6, input=3, lengths=[8, 5, 10],
         optimizer="adam", lr=0.01, clip=0.0, epochs=5),
    dict(name="lstm_l2_clip", cell="lstm", layers=2, hidden=8, input=3, lengths=[9, 6, 12, 4],
         optimizer="sgd", lr=0.5, clip=0.05, epochs=5),
]


# Cases trained through the CLI: plain SGD, no clipping, no hold-out.
CLI_CASES = [
    dict(name="lstm_sgd", cell="lstm", layers=1, hidden=8, input=3, lengths=[9, 6, 12, 4],
         optimizer="sgd", lr=0.2, clip=0.0, epochs=6),
    dict(name="gru_l2_sgd", cell="gru", layers=2, hidden=6, input=2, lengths=[10, 7, 13],
         optimizer="sgd", lr=0.3, clip=0.0, epochs=6),
    dict(name="cat_lstm_sgd", cell="lstm", layers=1, hidden=8, input=4, vocab=6,
         lengths=[11, 7, 14, 5], optimizer="sgd", lr=0.3, clip=0.0, epochs=6),
]


class ChoGru(nn.Module):
    """GRU with the reset gate applied to h before W_hn (Cho et al. 2014)."""

    def __init__(self, inp, hidden, layers):
        super().__init__()
        self.hidden = hidden
        self.layers = layers
        k = 1 / math.sqrt(hidden)
        for l in range(layers):
            i = inp if l == 0 else hidden
            for name, shape in [(f"weight_ih_l{l}", (3 * hidden, i)),
                                (f"weight_hh_l{l}", (3 * hidden, hidden)),
                                (f"bias_ih_l{l}", (3 * hidden,)),
                                (f"bias_hh_l{l}", (3 * hidden,))]:
                setattr(self, name, nn.Parameter(torch.empty(shape).uniform_(-k, k)))

    def forward(self, x):
        out = x
        for l in range(self.layers):
            wi, wh = getattr(self, f"weight_ih_l{l}"), getattr(self, f"weight_hh_l{l}")
            bi, bh = getattr(self, f"bias_ih_l{l}"), getattr(self, f"bias_hh_l{l}")
            hs = self.hidden
            h = torch.zeros(out.shape[0], hs)
            steps = []
            for t in range(out.shape[1]):
                gi = out[:, t] @ wi.T + bi
                ghrz = h @ wh[: 2 * hs].T + bh[: 2 * hs]
                r = torch.sigmoid(gi[:, :hs] + ghrz[:, :hs])
                z = torch.sigmoid(gi[:, hs:2 * hs] + ghrz[:, hs:])
                n = torch.tanh(gi[:, 2 * hs:] + (r * h) @ wh[2 * hs:].T + bh[2 * hs:])
                h = (1 - z) * n + z * h
                steps.append(h)
            out = torch.stack(steps, 1)
        return out, None


class Net(nn.Module):
    def __init__(self, case):
        super().__init__()
        inp, hs, layers = case["input"], case["hidden"], case["layers"]
        cell = case["cell"]
        self.vocab = case.get("vocab", 0)
        if self.vocab:
            self.embedding = nn.Embedding(self.vocab, inp)
        if cell == "lstm":
            self.rnn = nn.LSTM(inp, hs, layers, batch_first=True)
        elif cell == "gru":
            self.rnn = nn.GRU(inp, hs, layers, batch_first=True)
        elif cell in ("rnn_tanh", "rnn_relu"):
            self.rnn = nn.RNN(inp, hs, layers, nonlinearity=cell[4:], batch_first=True)
        else:
            self.rnn = ChoGru(inp, hs, layers)
        # A Gaussian head: the means, then the log-variances of the inputs.
        self.gaussian = case.get("head") == "gaussian"
        self.head = nn.Linear(hs, self.vocab or (2 * inp if self.gaussian else inp))
        with torch.no_grad():
            for k, v in case.get("logvar_bias", {}).items():
                self.head.bias[inp + k] = v

    def forward(self, x):
        if self.vocab:
            x = self.embedding(x)
        h, _ = self.rnn(x)
        return self.head(h)

    def tensors(self):
        named = {n.replace("rnn.", ""): p for n, p in self.named_parameters()}
        return {n: named[n] for n in tensor_order(self)}


def tensor_order(net):
    names = []
    for l in range(net.rnn.num_layers if hasattr(net.rnn, "num_layers") else net.rnn.layers):
        names += [f"weight_ih_l{l}", f"weight_hh_l{l}", f"bias_ih_l{l}", f"bias_hh_l{l}"]
    names += ["head.weight", "head.bias"]
    if net.vocab:
        names.append("embedding.weight")
    return names


def sequences(case, rng):
    seqs = []
    for k, n in enumerate(case["lengths"]):
        if case.get("vocab"):
            seqs.append(dict(key=f"k{k}", tokens=[int(v) for v in rng.integers(0, case["vocab"], n)]))
        else:
            t = np.arange(n)[:, None]
            phase = rng.uniform(0, 2 * np.pi, (1, case["input"]))
            rows = np.sin(0.7 * t + phase) + 0.3 * rng.standard_normal((n, case["input"]))
            seqs.append(dict(key=f"k{k}", rows=rows.astype(np.float32).tolist()))
    return seqs


def batch(case, seqs):
    maxlen = max(case["lengths"])
    if case.get("vocab"):
        x = torch.zeros(len(seqs), maxlen, dtype=torch.long)
        for b, s in enumerate(seqs):
            x[b, : len(s["tokens"])] = torch.tensor(s["tokens"])
    else:
        x = torch.zeros(len(seqs), maxlen, case["input"])
        for b, s in enumerate(seqs):
            x[b, : len(s["rows"])] = torch.tensor(s["rows"])
    mask = torch.zeros(len(seqs), maxlen - 1, dtype=torch.bool)
    for b, n in enumerate(case["lengths"]):
        mask[b, : n - 1] = True
    return x, mask


def loss_fn(case, net, x, mask):
    y = net(x)[:, :-1]
    if case.get("vocab"):
        ce = nn.functional.cross_entropy(y.reshape(-1, case["vocab"]), x[:, 1:].reshape(-1),
                                         reduction="none").reshape(mask.shape)
        return ce[mask].sum() / mask.sum()
    if net.gaussian:
        f = case["input"]
        nll = nn.GaussianNLLLoss(full=False, eps=1e-6, reduction="none")(
            y[..., :f], x[:, 1:], torch.exp(y[..., f:]))
        return nll[mask].sum() / (mask.sum() * f)
    d = (y - x[:, 1:]) ** 2
    return d[mask].sum() / (mask.sum() * case["input"])


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).numpy().astype(np.float32)]


def run(case):
    seed = sum(map(ord, case["name"]))
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net = Net(case)
    seqs = sequences(case, rng)
    x, mask = batch(case, seqs)
    initial = {n: flat(p) for n, p in net.tensors().items()}
    params = list(net.tensors().values())
    if case["optimizer"] == "sgd":
        opt = torch.optim.SGD(params, lr=case["lr"])
    else:
        opt = torch.optim.Adam(params, lr=case["lr"])
    losses, norms = [], []
    for _ in range(case["epochs"]):
        opt.zero_grad()
        loss = loss_fn(case, net, x, mask)
        loss.backward()
        if case["clip"] > 0:
            norm = torch.nn.utils.clip_grad_norm_(params, case["clip"])
        else:
            norm = torch.norm(torch.stack([torch.norm(p.grad) for p in params]))
        losses.append(float(loss))
        norms.append(float(norm))
        opt.step()
    if case["clip"] > 0:
        assert max(norms) > case["clip"], f"{case['name']}: clipping never engaged"
    final = {n: flat(p) for n, p in net.tensors().items()}
    moved = max(abs(a - b) for n in initial for a, b in zip(initial[n], final[n]))
    assert moved > 1e-3, f"{case['name']}: weights barely moved ({moved})"
    config = {k: case.get(k, 0) for k in
              ["cell", "layers", "hidden", "input", "vocab", "optimizer", "lr", "clip", "epochs"]}
    if case.get("head"):
        config["head"] = case["head"]
    return dict(config=config, sequences=seqs, initial=initial, final=final,
                losses=losses, grad_norms=norms)


def write_cli_case(case, out):
    """The run as CLI input files (events, initial model) and the expected final tensors."""
    d = CLI_OUT / case["name"]
    d.mkdir(parents=True, exist_ok=True)
    lines = []
    for s in out["sequences"]:
        values = s["tokens"] if "tokens" in s else s["rows"]
        for t, v in enumerate(values):
            field = {"token": str(v)} if "tokens" in s else {"features": v}
            lines.append(json.dumps({"key": s["key"], "ts": 1000 * (t + 1), **field}))
    (d / "events.jsonl").write_text("\n".join(lines) + "\n")
    shapes = {n: tuple(p.shape) for n, p in tensor_shapes(case).items()}
    init = {n: np.array(v, dtype=np.float32).reshape(shapes[n]) for n, v in out["initial"].items()}
    write_safetensors(d / "init.safetensors", init, None)
    expected = dict(config=out["config"], losses=out["losses"], final=out["final"])
    (d / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")


def tensor_shapes(case):
    torch.manual_seed(0)
    return Net(case).tensors()


def main():
    torch.set_num_threads(1)
    OUT.mkdir(parents=True, exist_ok=True)
    for case in [] if "--cli-only" in sys.argv[1:] else CASES:
        out = run(case)
        (OUT / f"{case['name']}.json").write_text(json.dumps(out, indent=1) + "\n")
        print(f"{case['name']}: losses {['%.5f' % l for l in out['losses']]}")
    for case in CLI_CASES:
        out = run(case)
        write_cli_case(case, out)
        print(f"cli {case['name']}: losses {['%.5f' % l for l in out['losses']]}")


if __name__ == "__main__":
    main()
