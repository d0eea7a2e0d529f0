"""Golden test vectors for keyed-rnn's cell math, computed by PyTorch.

Run from the repository root (Debian's python3-torch and numpy; not a pyenv
python, which lacks torch):

    /usr/bin/python3 tools/golden/generate_golden.py

For every case below it (re)writes operator/src/test/resources/golden/<case>/:

  model.safetensors  float32 weights, PyTorch names (weight_ih_l{k},
                     weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}, optional
                     head.weight/head.bias, embedding.weight for categorical
                     cases). "__metadata__" holds {"keyed_rnn": "<json>"} only
                     where the case says so (Cho GRU, ReLU RNN, categorical,
                     and a few explicit ones); plain cases have no metadata.
  events.jsonl       {"key","ts","features":[...]} or {"key","ts","token":id},
                     2-4 keys interleaved in random order, ts rising per key.
  expected.jsonl     one line per event, same order:
                     {"key","ts","prediction":[...],"state":[[h_l0],[c_l0],...]}
                     state is per layer h then (LSTM only) c; prediction is the
                     head output (softmax probabilities for categorical cases),
                     or the top layer's h when there is no head.

and cases.json beside them (one entry per case: shapes, metadata kind, and the
largest error PyTorch's own float32 forward makes against the reference).

The reference is computed in float64 from the float32 weights and float32
inputs that are written out, so it is the exact answer for those numbers.
PyTorch has no Cho-form GRU (reset gate applied before W_hn); it is computed
here by hand and cross-checked against ONNX's GRU reference
(linear_before_reset=0) when python3-onnx is installed. Output is
deterministic: fixed seeds derived from case names, one torch thread.
"""

import hashlib
import json
import math
import shutil
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "operator" / "src" / "test" / "resources" / "golden"
TS0 = 1_700_000_000_000


@dataclass
class Case:
    name: str
    cell: str  # lstm | gru | gru_cho | rnn_tanh | rnn_relu
    layers: int
    hidden: int
    inp: int  # numeric input size, or embedding size for categorical cases
    head: bool = False
    scale: float = 1.0  # multiplies every recurrent weight and bias
    meta: str = "auto"  # auto | keyed_rnn | none | format_pt
    keys: int = 3
    per_key: tuple = (5, 20)  # events per key, inclusive range
    vocab: int = 0  # > 0: categorical input through embedding.weight
    signal: bool = False  # smooth per-key signal instead of white noise
    head_scale: float = 1.0  # multiplies head.weight (peakier softmax)
    head_shift: float = 0.0  # added to head.bias: softmax-invariant, overflows a naive exp

    @property
    def seed(self):
        return int(hashlib.sha256(self.name.encode()).hexdigest()[:8], 16)

    @property
    def out_size(self):
        return self.vocab if self.vocab else self.inp

    @property
    def metadata_kind(self):
        if self.meta != "auto":
            return self.meta
        needs = self.cell in ("gru_cho", "rnn_relu") or self.vocab
        return "keyed_rnn" if needs else "none"


CASES = [
    # Plain PyTorch files: no metadata, kind follows from shapes.
    Case("lstm_l1_h1_i1", "lstm", 1, 1, 1),
    Case("lstm_l1_h2_i3_head", "lstm", 1, 2, 3, head=True, meta="format_pt"),
    Case("lstm_l2_h7_i4_head", "lstm", 2, 7, 4, head=True),
    Case("lstm_l3_h32_i8", "lstm", 3, 32, 8, keys=2, per_key=(5, 8)),
    Case("lstm_l1_h64_i16_head", "lstm", 1, 64, 16, head=True, keys=2, per_key=(5, 10)),
    Case("lstm_l1_h128_i5_head", "lstm", 1, 128, 5, head=True, keys=2, per_key=(5, 7)),
    Case("lstm_l2_h7_i2_x4", "lstm", 2, 7, 2, scale=4.0),
    Case("lstm_l1_h32_i6_x10_head", "lstm", 1, 32, 6, head=True, scale=10.0, per_key=(5, 12)),
    Case("gru_l1_h1_i1", "gru", 1, 1, 1),
    Case("gru_l1_h7_i3_head", "gru", 1, 7, 3, head=True),
    Case("gru_l2_h32_i8_head", "gru", 2, 32, 8, head=True, per_key=(5, 12)),
    Case("gru_l3_h64_i4", "gru", 3, 64, 4, keys=2, per_key=(5, 6)),
    Case("gru_l1_h128_i12_head", "gru", 1, 128, 12, head=True, keys=2, per_key=(5, 7)),
    Case("gru_l2_h7_i5_x4_head", "gru", 2, 7, 5, head=True, scale=4.0),
    Case("gru_l1_h32_i2_x10", "gru", 1, 32, 2, scale=10.0, per_key=(5, 12)),
    Case("rnn_tanh_l1_h1_i1", "rnn_tanh", 1, 1, 1),
    Case("rnn_tanh_l2_h7_i3_head", "rnn_tanh", 2, 7, 3, head=True),
    Case("rnn_tanh_l3_h32_i6", "rnn_tanh", 3, 32, 6, per_key=(5, 12)),
    Case("rnn_tanh_l1_h256_i16_head", "rnn_tanh", 1, 256, 16, head=True, keys=2, per_key=(5, 6)),
    Case("rnn_tanh_l1_h64_i10_x4_head", "rnn_tanh", 1, 64, 10, head=True, scale=4.0, per_key=(5, 12)),
    # The same kinds with full keyed_rnn metadata.
    Case("lstm_meta_l2_h32_i4_head", "lstm", 2, 32, 4, head=True, meta="keyed_rnn", per_key=(5, 8)),
    Case("gru_meta_l1_h7_i2", "gru", 1, 7, 2, meta="keyed_rnn"),
    Case("rnn_tanh_meta_l2_h2_i3_head", "rnn_tanh", 2, 2, 3, head=True, meta="keyed_rnn"),
    # Kinds that shapes cannot tell apart: metadata required.
    Case("gru_cho_l1_h1_i1", "gru_cho", 1, 1, 1),
    Case("gru_cho_l1_h7_i3_head", "gru_cho", 1, 7, 3, head=True),
    Case("gru_cho_l2_h32_i6_head", "gru_cho", 2, 32, 6, head=True, per_key=(5, 12)),
    Case("gru_cho_l3_h16_i4", "gru_cho", 3, 16, 4, per_key=(5, 10)),
    Case("gru_cho_l1_h16_i4_x4_head", "gru_cho", 1, 16, 4, head=True, scale=4.0),
    Case("rnn_relu_l1_h2_i1", "rnn_relu", 1, 2, 1),
    Case("rnn_relu_l2_h7_i4_head", "rnn_relu", 2, 7, 4, head=True),
    Case("rnn_relu_l3_h32_i8", "rnn_relu", 3, 32, 8, per_key=(5, 12)),
    Case("rnn_relu_l1_h128_i3_head", "rnn_relu", 1, 128, 3, head=True, keys=2, per_key=(5, 10)),
    # Categorical: embedding -> cell -> linear head -> softmax.
    Case("cat_lstm_l1_h32_e8_v20", "lstm", 1, 32, 8, head=True, vocab=20, keys=4,
         per_key=(5, 10), head_scale=10.0),
    Case("cat_gru_l2_h16_e6_v12", "gru", 2, 16, 6, head=True, vocab=12, head_shift=100.0),
    # Replay end-to-end test: plain PyTorch LSTM, long interleaved sequences.
    Case("replay_pytorch_lstm", "lstm", 2, 16, 3, head=True, meta="none",
         keys=4, per_key=(50, 50), signal=True),
]


# ---------------------------------------------------------------- weights


def make_weights(case):
    """Float32 tensors, PyTorch default init (scaled), in state_dict names."""
    torch.manual_seed(case.seed)
    module = {
        "lstm": lambda: nn.LSTM(case.inp, case.hidden, case.layers),
        "gru": lambda: nn.GRU(case.inp, case.hidden, case.layers),
        "gru_cho": lambda: nn.GRU(case.inp, case.hidden, case.layers),
        "rnn_tanh": lambda: nn.RNN(case.inp, case.hidden, case.layers, nonlinearity="tanh"),
        "rnn_relu": lambda: nn.RNN(case.inp, case.hidden, case.layers, nonlinearity="relu"),
    }[case.cell]()
    weights = {}
    if case.vocab:
        weights["embedding.weight"] = nn.Embedding(case.vocab, case.inp).weight
    for name, t in module.state_dict().items():
        weights[name] = t * case.scale
    if case.head:
        head = nn.Linear(case.hidden, case.out_size)
        weights["head.weight"] = head.weight * case.head_scale
        weights["head.bias"] = head.bias + case.head_shift
    return {k: v.detach().numpy().astype(np.float32) for k, v in weights.items()}


def metadata(case):
    kind = case.metadata_kind
    if kind == "none":
        return None
    if kind == "format_pt":  # what many PyTorch/HF tools write
        return {"format": "pt"}
    if case.vocab:
        inp = {"kind": "categorical", "vocabulary_size": case.vocab}
        output = "softmax"
    else:
        inp = {"kind": "numeric", "size": case.inp}
        output = "linear" if case.head else "none"
    inner = {"format": 1, "cell": case.cell, "output": output, "input": inp}
    return {"keyed_rnn": json.dumps(inner, separators=(",", ":"))}


def write_safetensors(path, tensors, meta):
    header = {}
    if meta is not None:
        header["__metadata__"] = meta
    offset, blobs = 0, []
    for name in sorted(tensors):
        arr = np.ascontiguousarray(tensors[name], dtype="<f4")
        blob = arr.tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    data = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", None)
    out = {}
    for name, info in header.items():
        b, e = info["data_offsets"]
        out[name] = np.frombuffer(data[8 + n + b:8 + n + e], dtype="<f4").reshape(info["shape"])
    return out, meta


# ---------------------------------------------------------------- events


def make_events(case):
    """List of (key, ts, input) in interleaved order; input is float32 row or token id."""
    rng = np.random.default_rng(case.seed)
    keys = [f"k{i + 1}" for i in range(case.keys)]
    counts = rng.integers(case.per_key[0], case.per_key[1] + 1, size=case.keys)
    inputs = {}
    for key, n in zip(keys, counts):
        if case.vocab:
            inputs[key] = [int(t) for t in rng.integers(0, case.vocab, size=n)]
        elif case.signal:
            t = np.arange(n)[:, None]
            phase = rng.uniform(0, 2 * np.pi, size=case.inp)
            amp = np.array([1.0, 10.0, 0.1])[: case.inp]
            x = amp * np.sin(0.3 * t + phase) + 0.05 * amp * rng.standard_normal((n, case.inp))
            inputs[key] = list(x.astype(np.float32))
        else:
            magnitude = rng.choice([0.01, 0.1, 1.0, 10.0, 100.0], size=case.inp)
            x = rng.standard_normal((n, case.inp)) * magnitude + rng.normal(0, 0.5, size=case.inp)
            x[rng.random((n, case.inp)) < 0.05] = 0.0
            inputs[key] = list(x.astype(np.float32))
    order = np.repeat(np.arange(case.keys), counts)
    rng.shuffle(order)
    ts = {k: TS0 + int(rng.integers(0, 60_000)) for k in keys}
    pos = {k: 0 for k in keys}
    events = []
    for i in order:
        key = keys[i]
        ts[key] += int(rng.integers(1, 5_000))
        events.append((key, ts[key], inputs[key][pos[key]]))
        pos[key] += 1
    return events


# ---------------------------------------------------------------- reference


def layer_params(weights, k, dtype):
    return [torch.tensor(weights[f"{p}_l{k}"], dtype=dtype)
            for p in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]


def gru_step(x, h, w_ih, w_hh, b_ih, b_hh, reset_after):
    """GRU, rows r,z,n. reset_after=True: PyTorch form; False: Cho et al. 2014."""
    hs = h.shape[0]
    gi = w_ih @ x + b_ih
    r = torch.sigmoid(gi[:hs] + w_hh[:hs] @ h + b_hh[:hs])
    z = torch.sigmoid(gi[hs:2 * hs] + w_hh[hs:2 * hs] @ h + b_hh[hs:2 * hs])
    if reset_after:
        n = torch.tanh(gi[2 * hs:] + r * (w_hh[2 * hs:] @ h + b_hh[2 * hs:]))
    else:
        n = torch.tanh(gi[2 * hs:] + w_hh[2 * hs:] @ (r * h) + b_hh[2 * hs:])
    return (1 - z) * n + z * h


class Network:
    """Stepper over one key's state, in a chosen dtype."""

    def __init__(self, case, weights, dtype):
        self.case, self.dtype = case, dtype
        self.w = weights
        if case.cell == "gru_cho":
            self.params = [layer_params(weights, k, dtype) for k in range(case.layers)]
        else:
            cls = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn_tanh": nn.RNN, "rnn_relu": nn.RNN}[case.cell]
            kw = {"nonlinearity": case.cell[4:]} if case.cell.startswith("rnn") else {}
            self.module = cls(case.inp, case.hidden, case.layers, **kw).to(dtype)
            sd = {k: torch.tensor(v, dtype=dtype) for k, v in weights.items()
                  if not k.startswith(("head.", "embedding."))}
            self.module.load_state_dict(sd)
        t = lambda n: torch.tensor(weights[n], dtype=dtype)
        self.head = (t("head.weight"), t("head.bias")) if case.head else None
        self.embedding = t("embedding.weight") if case.vocab else None

    def zero_state(self):
        n = 2 if self.case.cell == "lstm" else 1
        return [torch.zeros(self.case.hidden, dtype=self.dtype) for _ in range(n * self.case.layers)]

    def step(self, inp, state):
        """Returns (prediction, new state); state as written to expected.jsonl."""
        if self.embedding is not None:
            x = self.embedding[inp]
        else:
            x = torch.tensor(np.asarray(inp, dtype=np.float64), dtype=self.dtype)
        L = self.case.layers
        if self.case.cell == "gru_cho":
            new, h = [], x
            for k in range(L):
                h = gru_step(h, state[k], *self.params[k], reset_after=False)
                new.append(h)
        else:
            with torch.no_grad():
                if self.case.cell == "lstm":
                    hx = (torch.stack(state[0::2]).unsqueeze(1), torch.stack(state[1::2]).unsqueeze(1))
                    _, (hn, cn) = self.module(x.view(1, 1, -1), hx)
                    new = [v for k in range(L) for v in (hn[k, 0], cn[k, 0])]
                else:
                    _, hn = self.module(x.view(1, 1, -1), torch.stack(state).unsqueeze(1))
                    new = [hn[k, 0] for k in range(L)]
        top = new[-2] if self.case.cell == "lstm" else new[-1]
        if self.head is None:
            pred = top
        else:
            pred = self.head[0] @ top + self.head[1]
            if self.case.vocab:
                pred = torch.softmax(pred, dim=0)
        return pred, new


def run(case, weights, events, dtype):
    net = Network(case, weights, dtype)
    states, rows = {}, []
    for key, ts, inp in events:
        pred, states[key] = net.step(inp, states.get(key) or net.zero_state())
        rows.append((key, ts, pred.detach().numpy().astype(np.float64),
                     [s.detach().numpy().astype(np.float64) for s in states[key]]))
    return rows


# ---------------------------------------------------------------- cross-checks


def check_gru_forms(case, weights, events):
    """Hand-written GRU (reset_after=True) must equal nn.GRU on this case."""
    ref = run(case, weights, events, torch.float64)
    params = [layer_params(weights, k, torch.float64) for k in range(case.layers)]
    states = {}
    for (key, _, inp), (_, _, _, want) in zip(events, ref):
        h = torch.tensor(np.asarray(inp, dtype=np.float64))
        prev = states.get(key) or [torch.zeros(case.hidden, dtype=torch.float64)] * case.layers
        new = []
        for k in range(case.layers):
            h = gru_step(h, prev[k], *params[k], reset_after=True)
            new.append(h)
        states[key] = new
        for got, exp in zip(new, want):
            assert np.max(np.abs(got.numpy() - exp)) < 1e-12, case.name


def onnx_gru(x_seq, w_ih, w_hh, b_ih, b_hh, lbr, helper):
    """One layer over a sequence with ONNX's reference; rows r,z,n -> z,r,h."""
    hs = w_hh.shape[1]
    zrn = lambda a: np.concatenate([a[hs:2 * hs], a[:hs], a[2 * hs:]]).astype(np.float64)
    y, _ = helper(X=x_seq[:, None, :], W=zrn(w_ih)[None], R=zrn(w_hh)[None],
                  B=np.concatenate([zrn(b_ih), zrn(b_hh)])[None],
                  linear_before_reset=lbr).step()
    return y[:, 0, 0, :]


def check_against_onnx(case, weights, events, rows, helper):
    lbr = 1 if case.cell == "gru" else 0
    for key in sorted({e[0] for e in events}):
        seq = np.array([np.asarray(e[2], dtype=np.float64) for e in events if e[0] == key])
        got = [r[3] for r in rows if r[0] == key]
        for k in range(case.layers):
            p = [weights[f"{n}_l{k}"] for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
            seq = onnx_gru(seq, *p, lbr, helper)
            diff = max(np.max(np.abs(seq[t] - got[t][k])) for t in range(len(got)))
            assert diff < 1e-10, f"{case.name}: ONNX GRU differs by {diff}"


# ---------------------------------------------------------------- output


def to_list(v):
    out = [float(x) for x in np.asarray(v, dtype=np.float64).ravel()]
    assert all(math.isfinite(x) for x in out)
    return out


def dump(obj):
    return json.dumps(obj, separators=(",", ":"), allow_nan=False)


def float32_error(ref, f32):
    worst_abs, worst_rel = 0.0, 0.0
    for a, b in zip(ref, f32):
        for u, v in [(a[2], b[2])] + list(zip(a[3], b[3])):
            d = np.abs(u - v)
            worst_abs = max(worst_abs, float(np.max(d)))
            worst_rel = max(worst_rel, float(np.max(d / np.maximum(1.0, np.abs(u)))))
    return worst_abs, worst_rel


def generate(case, onnx_helper):
    weights = make_weights(case)
    events = make_events(case)
    rows = run(case, weights, events, torch.float64)
    if case.cell == "gru" and not case.vocab:
        check_gru_forms(case, weights, events)
    if onnx_helper is not None and case.cell in ("gru", "gru_cho") and not case.vocab:
        check_against_onnx(case, weights, events, rows, onnx_helper)
    f32_abs, f32_rel = float32_error(rows, run(case, weights, events, torch.float32))

    d = OUT / case.name
    d.mkdir(parents=True)
    path = d / "model.safetensors"
    write_safetensors(path, weights, metadata(case))
    back, _ = read_safetensors(path)
    assert back.keys() == weights.keys()
    assert all(np.array_equal(back[k], weights[k]) for k in weights)

    with open(d / "events.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for key, ts, inp in events:
            field = {"token": inp} if case.vocab else {"features": to_list(inp)}
            f.write(dump({"key": key, "ts": ts, **field}) + "\n")
    with open(d / "expected.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for key, ts, pred, state in rows:
            f.write(dump({"key": key, "ts": ts, "prediction": to_list(pred),
                          "state": [to_list(s) for s in state]}) + "\n")
    return {
        "name": case.name, "cell": case.cell, "layers": case.layers,
        "hidden": case.hidden,
        "input": ({"kind": "categorical", "vocabulary_size": case.vocab, "embedding": case.inp}
                  if case.vocab else {"kind": "numeric", "size": case.inp}),
        "head": case.out_size if case.head else 0,
        "output": "softmax" if case.vocab else ("linear" if case.head else "none"),
        "metadata": case.metadata_kind, "weight_scale": case.scale,
        "keys": case.keys, "events": len(events),
        "float32_torch_max_abs_err": float(f"{f32_abs:.3g}"),
        "float32_torch_max_rel_err": float(f"{f32_rel:.3g}"),
    }


def main():
    torch.set_num_threads(1)
    try:
        from onnx.backend.test.case.node.gru import GRU_Helper as helper
    except ImportError:
        helper = None
        print("note: onnx not importable, skipping the ONNX GRU cross-check", file=sys.stderr)
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.iterdir():  # every case directory is ours to rewrite
        if stale.is_dir():
            shutil.rmtree(stale)
    manifest = []
    for case in CASES:
        entry = generate(case, helper)
        manifest.append(entry)
        print(f"{case.name:34s} events={entry['events']:3d} "
              f"f32_abs={entry['float32_torch_max_abs_err']:.2e}")
    with open(OUT / "cases.json", "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(manifest, indent=1) + "\n")
    print(f"onnx cross-check: {'done' if helper else 'skipped'}; wrote {len(CASES)} cases to {OUT}")


if __name__ == "__main__":
    main()
