"""Scratch NAB scorer mirroring jobs' NabFileScorer, plus a threshold sweep."""
import json, csv, math, os
import numpy as np
import os
NAB = os.environ.get('NAB_DIR', os.path.join(os.path.dirname(__file__), '..', '..', 'data', 'nab'))
PROFILES = {'standard': (1, 0.11, 1), 'low_fp': (1, 0.22, 1), 'low_fn': (1, 0.11, 2)}

def load():
    wins = json.load(open(f'{NAB}/labels/combined_windows.json'))
    files = []
    for name in sorted(wins):
        rows = list(csv.reader(open(f'{NAB}/data/{name}')))[1:]
        ts = [r[0] for r in rows]
        vals = np.array([float(r[1]) for r in rows])
        w = []
        for a, b in wins[name]:
            a = a[:19]; b = b[:19]
            w.append((ts.index(a), ts.index(b)))
        files.append((name, vals, w))
    return files

def sig(y):
    return -1.0 if y >= 3 else 2 / (1 + math.exp(5 * y)) - 1

def file_score(n, wins, det_idx, prof):
    tp, fp, fn = PROFILES[prof]
    prob = min(int(math.floor(0.15 * n)), 750)
    maxtp = sig(-1.0)
    hit = [None] * len(wins)
    s = 0.0; nfp = 0
    w = 0
    for i in det_idx:
        if i < prob: continue
        while w < len(wins) and wins[w][1] < i: w += 1
        if w < len(wins) and wins[w][0] <= i:
            if hit[w] is None:
                width = wins[w][1] - wins[w][0] + 1
                y = -(wins[w][1] - i + 1) / width
                hit[w] = tp * sig(y) / maxtp
        else:
            if w - 1 < 0:
                pos = 3.0
            else:
                span = wins[w-1][1] - wins[w-1][0]
                pos = 3.0 if span == 0 else (i - wins[w-1][1]) / span
            s += fp * sig(pos); nfp += 1
    det = 0; scorable = 0
    for k, (l, r) in enumerate(wins):
        if r < prob: continue
        scorable += 1
        if hit[k] is not None: s += hit[k]; det += 1
        else: s -= fn
    return s, scorable, det, nfp

def corpus(files, scores, thr, prof):
    raw = 0; null = 0; W = 0; D = 0; F = 0
    for (name, vals, wins), sc in zip(files, scores):
        idx = np.nonzero(sc >= thr)[0]
        s, scor, d, f = file_score(len(vals), wins, idx, prof)
        raw += s; W += len(wins); D += d; F += f
        null += -PROFILES[prof][2] * scor
    perfect = PROFILES[prof][0] * W
    return 100 * (raw - null) / (perfect - null), D, W, F

def sweep(files, scores, prof='standard', grid=None):
    if grid is None:
        allv = np.concatenate(scores)
        grid = np.unique(np.quantile(allv, np.linspace(0.9, 1.0, 400)))
        grid = np.concatenate([grid, [1.0]])
    best = (-1e9, None)
    for t in grid:
        r = corpus(files, scores, t, prof)
        if r[0] > best[0]: best = (r[0], t, r)
    return best

def published(det):
    import gzip
    out = []
    for name, vals, wins in load_cached():
        cat, fn = name.split('/')
        rows = list(csv.reader(gzip.open(f'{NAB}/results/{det}/{cat}/{det}_{fn}.gz', 'rt')))
        hdr = rows[0]; k = hdr.index('anomaly_score')
        out.append(np.array([float(r[k]) for r in rows[1:]]))
    return out

_C = None
def load_cached():
    global _C
    if _C is None: _C = load()
    return _C
