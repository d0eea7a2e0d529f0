"""Training throughput of PyTorch for the keyed-rnn benchmark (BENCHMARKS.md, "Training throughput").

LSTM input 8, hidden 64, one layer + linear head, mini-batches of 32 sequences
x 64 steps, Adam, next-step MSE: the same work as
io.keyedrnn.bench.train.TrainThroughput. Run with Debian's python3-torch:

    /usr/bin/python3 tools/train_golden/bench_torch.py [--threads 2] [--seconds 20]

Prints timesteps/s (key-steps trained per second, forward + backward + step).
"""

import argparse
import os
import time

import torch
from torch import nn

FEATURES, HIDDEN, BATCH, STEPS, KEYS = 8, 64, 32, 64, 256


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(FEATURES, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, FEATURES)

    def forward(self, x):
        return self.head(self.rnn(x)[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=20)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    t = torch.arange(STEPS).float()[None, :, None]
    data = torch.sin(0.1 * t * torch.rand(KEYS, 1, FEATURES) * 3 + torch.rand(KEYS, 1, FEATURES) * 6)
    data = data + 0.1 * torch.randn(KEYS, STEPS, FEATURES)
    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def epoch():
        for b in range(0, KEYS, BATCH):
            x = data[b:b + BATCH]
            opt.zero_grad()
            loss = ((net(x)[:, :-1] - x[:, 1:]) ** 2).mean()
            loss.backward()
            opt.step()
        return loss

    for _ in range(3):
        epoch()
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        loss = epoch()
        steps += KEYS * STEPS
    secs = time.perf_counter() - start
    print(f"pytorch {torch.__version__} threads={args.threads}: {steps / secs:,.0f} timesteps/s "
          f"({steps} timesteps in {secs:.1f} s, last loss {float(loss):.4f}, "
          f"load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
