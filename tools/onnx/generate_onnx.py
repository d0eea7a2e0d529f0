"""ONNX test models for keyed-rnn's ONNX import, made by PyTorch and by onnx.helper.

Run from the repository root with Debian's packages (python3-torch, python3-onnx):

    /usr/bin/python3 tools/onnx/generate_onnx.py

It (re)writes operator/src/test/resources/onnx/:

  torch_<case>.onnx         torch.onnx.export of nn.LSTM / nn.GRU / nn.RNN with a
                            Linear head, inputs (x, h0[, c0]) -> (y, hn[, cn]),
                            seq and batch axes dynamic.
  torch_<case>.safetensors  the same module's state_dict as a plain PyTorch
                            file (weight_ih_l{k} ..., head.weight, head.bias):
                            what an import of the .onnx file must reproduce.
  torch_cat_<case>.onnx     categorical models: nn.Embedding -> nn.LSTM / nn.GRU /
                            nn.RNN -> nn.Linear -> softmax over the tokens,
                            inputs (tokens int64 [seq, batch], h0[, c0]); with
                            its .safetensors (embedding.weight too). The
                            "_logits" case has no softmax: import refuses it.
  hand_<case>.onnx          graphs built node by node with onnx.helper: GRU with
                            linear_before_reset 0 and 1, 1-3 stacked layers,
                            weights as initializers or Constant nodes, Gemm or
                            MatMul + Add heads, missing biases, RNN with Relu.
  cases.json                per file: cell, layers, sizes, inputs and outputs.

It also checks that keyed-rnn's own schema subset
(operator/src/main/resources/io/keyedrnn/model/io/onnx/onnx-subset.proto) uses
the field numbers of the onnx package's real descriptors. Deterministic: fixed
seeds, one torch thread.
"""

import json
import re
import sys
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "golden"))
from generate_golden import write_safetensors  # noqa: E402

OUT = Path("operator/src/test/resources/onnx")
SUBSET = Path("operator/src/main/resources/io/keyedrnn/model/io/onnx/onnx-subset.proto")
OPSET = 14

TORCH_CASES = [
    # name, module, input, hidden, layers, extra kwargs, keyed-rnn cell
    ("lstm_l2_h4_i3", torch.nn.LSTM, 3, 4, 2, {}, "lstm"),
    ("gru_l3_h5_i2", torch.nn.GRU, 2, 5, 3, {}, "gru"),
    ("rnn_tanh_l1_h3_i2", torch.nn.RNN, 2, 3, 1, {}, "rnn_tanh"),
    ("rnn_relu_l2_h3_i4", torch.nn.RNN, 4, 3, 2, {"nonlinearity": "relu"}, "rnn_relu"),
]


CAT_CASES = [
    # name, module, vocabulary, embedding, hidden, layers, softmax, keyed-rnn cell
    ("cat_lstm_l2_v9_e3_h4", torch.nn.LSTM, 9, 3, 4, 2, True, "lstm"),
    ("cat_gru_l1_v6_e2_h5", torch.nn.GRU, 6, 2, 5, 1, True, "gru"),
    ("cat_rnn_l1_v5_e2_h3_logits", torch.nn.RNN, 5, 2, 3, 1, False, "rnn_tanh"),
]


class Categorical(torch.nn.Module):
    """Next-token model as keyed-rnn defines one: embedding, recurrent layers, softmax head."""

    def __init__(self, rnn, vocab, emb, softmax):
        super().__init__()
        self.embedding = torch.nn.Embedding(vocab, emb)
        self.rnn = rnn
        self.head = torch.nn.Linear(rnn.hidden_size, vocab)
        self.softmax = softmax

    def forward(self, tokens, h0, c0=None):
        x = self.embedding(tokens)
        if c0 is None:
            y, hn = self.rnn(x, h0)
            rest = (hn,)
        else:
            y, (hn, cn) = self.rnn(x, (h0, c0))
            rest = (hn, cn)
        out = self.head(y)
        return (torch.softmax(out, dim=-1) if self.softmax else out,) + rest


class WithHead(torch.nn.Module):
    def __init__(self, rnn, out):
        super().__init__()
        self.rnn = rnn
        self.head = torch.nn.Linear(rnn.hidden_size, out)

    def forward(self, x, h0, c0=None):
        if c0 is None:
            y, hn = self.rnn(x, h0)
            return self.head(y), hn
        y, (hn, cn) = self.rnn(x, (h0, c0))
        return self.head(y), hn, cn


def export_torch(name, model, args, ins, outs, meta):
    """torch_<name>.onnx (seq and batch axes dynamic) and the state_dict as .safetensors."""
    axes = {ins[0]: {0: "seq", 1: "batch"}, outs[0]: {0: "seq", 1: "batch"}}
    for n in ins[1:] + outs[1:]:
        axes[n] = {1: "batch"}
    path = OUT / f"torch_{name}.onnx"
    torch.onnx.export(model, args, str(path), input_names=ins, output_names=outs,
                      dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)
    tensors = {k.removeprefix("rnn."): v.detach().numpy().astype(np.float32)
               for k, v in model.state_dict().items()}
    write_safetensors(OUT / f"torch_{name}.safetensors", tensors, meta)
    return path


def torch_case(name, module, inp, hidden, layers, kwargs, cell):
    torch.manual_seed(sum(map(ord, name)))
    model = WithHead(module(inp, hidden, layers, **kwargs), inp).eval()
    lstm = module is torch.nn.LSTM
    x = torch.randn(2, 1, inp)
    h0 = torch.zeros(layers, 1, hidden)
    args = (x, h0, torch.zeros(layers, 1, hidden)) if lstm else (x, h0)
    ins = ["x", "h0", "c0"] if lstm else ["x", "h0"]
    outs = ["y", "hn", "cn"] if lstm else ["y", "hn"]
    meta = None
    if cell == "rnn_relu":  # shapes cannot tell relu from tanh
        meta = {"keyed_rnn": json.dumps({"format": 1, "cell": cell}, separators=(",", ":"))}
    path = export_torch(name, model, args, ins, outs, meta)
    return {"file": path.name, "cell": cell, "input": inp, "hidden": hidden, "layers": layers,
            "head": inp, "state_inputs": ins[1:], "source": "torch"}


def cat_case(name, module, vocab, emb, hidden, layers, softmax, cell):
    torch.manual_seed(sum(map(ord, name)))
    model = Categorical(module(emb, hidden, layers), vocab, emb, softmax).eval()
    lstm = module is torch.nn.LSTM
    tokens = torch.tensor([[1], [vocab - 1]], dtype=torch.int64)
    h0 = torch.zeros(layers, 1, hidden)
    args = (tokens, h0, torch.zeros(layers, 1, hidden)) if lstm else (tokens, h0)
    ins = ["tokens", "h0", "c0"] if lstm else ["tokens", "h0"]
    outs = ["probs" if softmax else "logits", "hn"] + (["cn"] if lstm else [])
    path = export_torch(name, model, args, ins, outs, None)
    return {"file": path.name, "cell": cell, "input": emb, "hidden": hidden, "layers": layers,
            "head": vocab, "vocabulary": vocab, "softmax": softmax,
            "state_inputs": ins[1:], "source": "torch"}


def rand(rng, *shape):
    return (rng.uniform(-0.6, 0.6, size=shape)).astype(np.float32)


def hand_case(name, op, cell, inp, hidden, layers, head, constants=False, drop_bias=(),
              attrs=None):
    """A graph of one recurrent node per layer; state inputs h_l{k} (c_l{k}) [1, batch, H]."""
    rng = np.random.default_rng(sum(map(ord, name)))
    gates = {"LSTM": 4, "GRU": 3, "RNN": 1}[op]
    nodes, inits, inputs, outputs = [], [], [], []
    inputs.append(helper.make_tensor_value_info("x", TensorProto.FLOAT, ["seq", "batch", inp]))
    cur, width = "x", inp

    def const(nm, arr):
        if constants:
            nodes.append(helper.make_node("Constant", [], [nm],
                                          value=numpy_helper.from_array(arr, nm)))
        else:
            inits.append(numpy_helper.from_array(arr, nm))
        return nm

    for k in range(layers):
        w = const(f"W{k}", rand(rng, 1, gates * hidden, width))
        r = const(f"R{k}", rand(rng, 1, gates * hidden, hidden))
        b = "" if k in drop_bias else const(f"B{k}", rand(rng, 1, 2 * gates * hidden))
        h = f"h_l{k}"
        inputs.append(helper.make_tensor_value_info(h, TensorProto.FLOAT, [1, "batch", hidden]))
        node_in = [cur, w, r, b, "", h]
        node_out = [f"Y{k}", f"h_l{k}_next"]
        outputs.append(helper.make_tensor_value_info(node_out[1], TensorProto.FLOAT,
                                                     [1, "batch", hidden]))
        if op == "LSTM":
            c = f"c_l{k}"
            inputs.append(helper.make_tensor_value_info(c, TensorProto.FLOAT,
                                                        [1, "batch", hidden]))
            node_in.append(c)
            node_out.append(f"c_l{k}_next")
            outputs.append(helper.make_tensor_value_info(node_out[2], TensorProto.FLOAT,
                                                         [1, "batch", hidden]))
        nodes.append(helper.make_node(op, node_in, node_out, name=f"{op.lower()}_{k}",
                                      hidden_size=hidden, **(attrs or {})))
        axes = const(f"axes{k}", np.array([1], dtype=np.int64))
        nodes.append(helper.make_node("Squeeze", [f"Y{k}", axes], [f"S{k}"]))
        cur, width = f"S{k}", hidden
    pred_shape = ["seq", "batch", hidden]
    if head == "gemm":
        # Gemm takes a matrix: the head reads the top layer's new h, [batch, H].
        sq = const("axes_top", np.array([0], dtype=np.int64))
        nodes.append(helper.make_node("Squeeze", [f"h_l{layers - 1}_next", sq], ["top"]))
        hw = const("head_w", rand(rng, inp, hidden))
        hb = const("head_b", rand(rng, inp))
        nodes.append(helper.make_node("Gemm", ["top", hw, hb], ["pred"], transB=1))
        pred_shape = ["batch", inp]
    elif head == "gemm_t":
        sq = const("axes_top", np.array([0], dtype=np.int64))
        nodes.append(helper.make_node("Squeeze", [f"h_l{layers - 1}_next", sq], ["top"]))
        hw = const("head_w", rand(rng, hidden, inp))
        hb = const("head_b", rand(rng, 1, inp))
        nodes.append(helper.make_node("Gemm", ["top", hw, hb], ["pred"], transB=0))
        pred_shape = ["batch", inp]
    elif head == "matmul":
        hw = const("head_w", rand(rng, hidden, inp))
        hb = const("head_b", rand(rng, inp))
        nodes.append(helper.make_node("MatMul", [cur, hw], ["mm"]))
        nodes.append(helper.make_node("Add", [hb, "mm"], ["pred"]))
        pred_shape = ["seq", "batch", inp]
    else:
        nodes.append(helper.make_node("Identity", [cur], ["pred"]))
    outputs.insert(0, helper.make_tensor_value_info("pred", TensorProto.FLOAT, pred_shape))
    graph = helper.make_graph(nodes, f"hand_{name}", inputs, outputs, inits)
    model = helper.make_model(graph, producer_name="generate_onnx.py",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = OUT / f"hand_{name}.onnx"
    onnx.save(model, str(path))
    return {"file": path.name, "cell": cell, "input": inp, "hidden": hidden, "layers": layers,
            "head": 0 if head is None else inp,
            "state_inputs": [i.name for i in inputs[1:]], "source": "hand"}


HAND_CASES = [
    ("gru_lbr0_l1", "GRU", "gru_cho", 2, 3, 1, None, False, (), {"linear_before_reset": 0}),
    ("gru_lbr1_l2_const", "GRU", "gru", 3, 4, 2, "gemm", True, (), {"linear_before_reset": 1}),
    ("gru_lbr0_l3_matmul", "GRU", "gru_cho", 2, 3, 3, "matmul", False, (1,), {}),
    ("lstm_l3_matmul", "LSTM", "lstm", 3, 2, 3, "matmul", True, (0,), {}),
    ("lstm_l1_gemm_t", "LSTM", "lstm", 2, 5, 1, "gemm_t", False, (),
     {"activations": ["Sigmoid", "Tanh", "Tanh"], "input_forget": 0, "direction": "forward"}),
    ("rnn_relu_l2", "RNN", "rnn_relu", 2, 3, 2, "gemm", False, (), {"activations": ["Relu"]}),
]


def check_subset():
    """Every field of the subset has the name and number of onnx's own descriptor."""
    text = SUBSET.read_text()
    stack, checked = [], 0
    for line in text.splitlines():
        line = line.split("//")[0].strip()
        m = re.match(r"message (\w+) \{", line)
        if m:
            stack.append(m.group(1))
            continue
        if line == "}" and stack:
            stack.pop()
            continue
        m = re.match(r"(optional|repeated) (\w+) (\w+) = (\d+)", line)
        if not m:
            continue
        cls = onnx
        for part in stack:
            cls = getattr(cls, part)
        field = cls.DESCRIPTOR.fields_by_name[m.group(3)]
        assert field.number == int(m.group(4)), (stack, m.group(3))
        assert (field.label == field.LABEL_REPEATED) == (m.group(1) == "repeated"), m.group(3)
        checked += 1
    print(f"onnx-subset.proto: {checked} fields agree with onnx {onnx.__version__}")


def main():
    torch.set_num_threads(1)
    check_subset()
    OUT.mkdir(parents=True, exist_ok=True)
    cases = ([torch_case(*c) for c in TORCH_CASES] + [cat_case(*c) for c in CAT_CASES]
             + [hand_case(*c) for c in HAND_CASES])
    (OUT / "cases.json").write_text(json.dumps(cases, indent=1) + "\n")
    for c in cases:
        print(c["file"])


if __name__ == "__main__":
    main()
