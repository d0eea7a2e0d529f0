"""Exports one recurrent step for the cell benchmark's ONNX Runtime peer (BENCHMARKS.md, "Cell step").

For each cell (LSTM, GRU) and hidden size, a one-layer PyTorch nn.LSTM / nn.GRU with input 8 and
a fixed seed is exported twice into OUT (default benchmarks/target/peers):

    {cell}-{hidden}.onnx         torch.onnx.export of one step: (x, h0[, c0]) -> (y, h1[, c1]),
                                 x of shape (1, batch, 8); batch is a dynamic axis
    {cell}-{hidden}.safetensors  the same weights in keyed-rnn's model format (PyTorch names)

so io.keyedrnn.bench.cell.CellStepBenchmark times the very same step in keyed-rnn and in ONNX
Runtime Java, and checks that both give the same h. Run with Debian's python3-torch:

    /usr/bin/python3 tools/cell_peers/export_onnx.py [--out DIR] [--hidden 32,64,128,256]
"""

import argparse
import json
import struct
from pathlib import Path

import torch
from torch import nn

INPUT = 8


def write_safetensors(path, module, cell):
    tensors = {name: p.detach().contiguous().float() for name, p in module.state_dict().items()}
    meta = {"keyed_rnn": json.dumps({"format": 1, "cell": cell, "output": "none",
                                     "input": {"kind": "numeric", "size": INPUT}},
                                    separators=(",", ":"))}
    header, blobs, offset = {"__metadata__": meta}, [], 0
    for name in sorted(tensors):
        blob = tensors[name].numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
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


def export(cell, hidden, out):
    torch.manual_seed(1000 + hidden)
    module = (nn.LSTM if cell == "lstm" else nn.GRU)(INPUT, hidden)
    x = torch.randn(1, 1, INPUT)
    h0 = torch.zeros(1, 1, hidden)
    stem = out / f"{cell}-{hidden}"
    batch = {1: "batch"}
    if cell == "lstm":
        args, inputs, outputs = (x, (h0, h0.clone())), ["x", "h0", "c0"], ["y", "h1", "c1"]
    else:
        args, inputs, outputs = (x, h0), ["x", "h0"], ["y", "h1"]
    torch.onnx.export(module, args, str(stem) + ".onnx", input_names=inputs,
                      output_names=outputs, opset_version=14,
                      dynamic_axes={n: batch for n in inputs + outputs})
    write_safetensors(str(stem) + ".safetensors", module, cell)
    print(stem)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="benchmarks/target/peers")
    ap.add_argument("--hidden", default="32,64,128,256")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for cell in ("lstm", "gru"):
        for h in args.hidden.split(","):
            export(cell, int(h), out)


if __name__ == "__main__":
    main()
