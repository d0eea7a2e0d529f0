"""Times one recurrent step in PyTorch, the cell benchmark's PyTorch peer (BENCHMARKS.md, "Cell step").

The same work as io.keyedrnn.bench.cell.CellStepBenchmark: one nn.LSTMCell / nn.GRUCell step,
input 8, no head, state carried from step to step, inputs cycling through 64 fixed vectors, under
torch.no_grad(). --batch B advances B keys in one call and reports ns per key-step. Run with
Debian's python3-torch:

    /usr/bin/python3 tools/cell_peers/bench_torch_step.py [--threads 1] [--seconds 3]
        [--hidden 32,64,128,256] [--batch 1]

Prints one line per cell and hidden size: ns per step (per key-step for B > 1), best of 5 rounds.
"""

import argparse
import time

import torch
from torch import nn

INPUT, INPUTS = 8, 64


def time_cell(cell, hidden, batch, seconds):
    torch.manual_seed(1000 + hidden)
    module = (nn.LSTMCell if cell == "lstm" else nn.GRUCell)(INPUT, hidden)
    xs = [torch.rand(batch, INPUT) * 4 - 2 for _ in range(INPUTS)]
    h = torch.zeros(batch, hidden)
    c = torch.zeros(batch, hidden)
    best = float("inf")
    with torch.no_grad():
        for _ in range(5):
            steps, start = 0, time.perf_counter()
            while time.perf_counter() - start < seconds / 5:
                for x in xs:
                    if cell == "lstm":
                        h, c = module(x, (h, c))
                    else:
                        h = module(x, h)
                steps += INPUTS
            best = min(best, (time.perf_counter() - start) / steps / batch * 1e9)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=3)
    ap.add_argument("--hidden", default="32,64,128,256")
    ap.add_argument("--batch", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {args.threads} thread(s), batch {args.batch}")
    for cell in ("lstm", "gru"):
        for h in args.hidden.split(","):
            ns = time_cell(cell, int(h), args.batch, args.seconds)
            print(f"{cell:4s} hidden {int(h):4d}  {ns:10.0f} ns/step")


if __name__ == "__main__":
    main()
