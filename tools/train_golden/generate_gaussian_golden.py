"""Golden training runs of the Gaussian head (mean and log-variance per feature), by PyTorch.

Run from the repository root with Debian's python3-torch (not a pyenv python):

    /usr/bin/python3 tools/train_golden/generate_gaussian_golden.py

Writes operator/src/test/resources/train/<case>.json for the cases below, in the
format and with the training protocol of generate_train_golden.py (full batch,
one optimizer step per epoch; losses, gradient norms, initial and final
tensors). The head is nn.Linear(hidden, 2F): outputs [0, F) are the means mu,
[F, 2F) the log-variances s; the loss is nn.GaussianNLLLoss(full=False,
eps=1e-6) of (mu, x_next, exp(s)), reduced to the mean over every predicted
element as the squared-error cases are. gauss_lstm_clamp starts one feature's
log-variance bias at -16 (exp(-16) < eps), so PyTorch's clamp of the variance
(without gradient) is exercised. Its own file, so regenerating these cases does
not touch the other goldens by rounding.
"""

import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_train_golden import OUT, run  # noqa: E402  (one training protocol)

CASES = [
    dict(name="gauss_lstm_sgd", head="gaussian", cell="lstm", layers=1, hidden=8, input=3,
         lengths=[9, 6, 12, 4], optimizer="sgd", lr=0.1, clip=0.0, epochs=5),
    dict(name="gauss_gru_l2_adam", head="gaussian", cell="gru", layers=2, hidden=6, input=2,
         lengths=[8, 5, 10], optimizer="adam", lr=0.01, clip=0.0, epochs=5),
    dict(name="gauss_lstm_clamp", head="gaussian", cell="lstm", layers=1, hidden=8, input=3,
         lengths=[9, 6, 12, 4], optimizer="adam", lr=0.01, clip=1.0, epochs=5,
         logvar_bias={1: -16.0}),
]


def check_reduction():
    """On one unpadded sequence the masked mean is GaussianNLLLoss's own mean reduction."""
    torch.manual_seed(0)
    mu, x, s = torch.randn(5, 3), torch.randn(5, 3), torch.randn(5, 3)
    ours = (0.5 * (s.exp().clamp(min=1e-6).log() + (mu - x) ** 2 / s.exp().clamp(min=1e-6)))
    theirs = torch.nn.GaussianNLLLoss(full=False, eps=1e-6)(mu, x, s.exp())
    assert torch.allclose(ours.mean(), theirs), (ours.mean(), theirs)


def main():
    torch.set_num_threads(1)
    check_reduction()
    OUT.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        out = run(case)
        (OUT / f"{case['name']}.json").write_text(json.dumps(out, indent=1) + "\n")
        print(f"{case['name']}: losses {['%.5f' % l for l in out['losses']]}")


if __name__ == "__main__":
    main()
