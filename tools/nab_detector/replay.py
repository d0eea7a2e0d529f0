"""Replay of the scoring path's alert rules over dumped per-row errors (mirrors serve/Scoring)."""
import math, os, sys, glob
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nab_sweep as nab

F32MAX = float(np.finfo(np.float32).max)

def erfc(x):
    z = abs(x); t = 1 / (1 + 0.5 * z)
    poly = (-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
    r = t * math.exp(poly)
    return r if x >= 0 else 2 - r

def tail(z):
    return 0.5 * erfc(z / math.sqrt(2))

def logscale(t):
    v = math.log(max(t, 0) + 1e-10) / math.log(1e-10)
    return min(1.0, max(0.0, v))

def load_dump(d):
    out = {}
    for name, vals, wins in nab.load_cached():
        p = os.path.join(d, name.replace('/', '_'))
        if os.path.exists(p):
            out[name] = np.genfromtxt(p, delimiter=',', names=True)
    return out

def f32(x):
    return float(np.float32(x))

def current(D, which='B', short=10, longw=8640, thr=0.8, margin=0.05, quiet=100, learn_alerts=False,
            keep_stats=True, minkey=30, warm=10, extra=None, zf=None):
    """The scoring path of NabSettings.DETECTOR; returns NAB anomaly scores per row."""
    err = D['err' + which]; cm = D['cal%s_mean' % which]; cs = D['cal%s_std' % which]; ct = D['cal%s_thr' % which]
    ver = D['verB'] if which == 'B' else np.zeros(len(err))
    x = D['value'].astype(np.float32)
    n = len(err); out = np.zeros(n)
    cnt = 0; mean = 0.0; m2 = 0.0
    ring = [0.0] * short; rp = 0; rc = 0
    lc = 0; lm = 0.0; lv = 0.0
    lo = hi = float(x[0]); ql = 0
    for i in range(1, n):
        if ver[i] != ver[i - 1] and not keep_stats:
            cnt = 0; mean = 0.0; m2 = 0.0; ring = [0.0] * short; rp = rc = 0; lc = 0; lm = lv = 0.0
        xi = float(x[i]); w = hi - lo
        breach = margin is not None and w > 0 and (xi > hi + margin * w or xi < lo - margin * w)
        lo = min(lo, xi); hi = max(hi, xi)
        e = err[i]; hascal = not math.isnan(cm[i]) and not math.isnan(cs[i])
        usekey = cnt >= 2 and (cnt >= minkey or not hascal)
        if usekey:
            sd = math.sqrt(m2 / (cnt - 1)); ref = mean
        elif hascal:
            sd = cs[i]; ref = cm[i]
        if usekey or hascal:
            z = (e - ref) / max(sd, max(0.01 * abs(ref), 1e-12))
        else:
            z = 0.0
        v = max(-F32MAX, min(F32MAX, z))
        if zf is not None: v = zf(v)
        ring[rp] = f32(v); rp = (rp + 1) % short; rc = min(rc + 1, short)
        sm = sum(ring[:rc]) / rc
        t = 0.5 if lc < 2 else tail((sm - lm) / max(math.sqrt(lv), 1e-6))
        score = logscale(t); outlier = score > thr
        if extra is not None and extra[i] > score:
            score = extra[i]; outlier = score > thr
        if breach:
            outlier = True; score = 1.0
        anomaly = False
        if ql > 0:
            ql -= 1; score = 0.0
        else:
            anomaly = outlier and i >= warm
            if anomaly: ql = quiet
        if learn_alerts or not anomaly:
            lim = ct[i] if not math.isnan(ct[i]) else 4.0
            add = e
            if z > lim and lim > 0:
                mref = mean if usekey else cm[i]
                add = mref + lim * (e - mref) / z
            cnt += 1; dl = add - mean; mean += dl / cnt; m2 += dl * (add - mean)
            lc += 1; a = 1.0 / min(lc, max(1, longw)); dd = sm - lm; inc = a * dd; lm += inc; lv = (1 - a) * (lv + dd * inc)
        out[i] = min(1.0, max(0.0, score)) if i >= warm else 0.0
    return out

import zlib
def half(name):
    """The tuning half: a fixed hash of the file name, chosen before any result was seen."""
    return zlib.crc32(name.encode()) % 2 == 0

def evaluate(scores, names=None, thr=0.8, prof='standard', optimise=True):
    """scores: dict name -> array. Returns (deployable, optimised) (norm, det, windows, fp[, t])."""
    files = [f for f in nab.load_cached() if f[0] in scores and (names is None or f[0] in names)]
    sc = [scores[f[0]] for f in files]
    dep = nab.corpus(files, sc, np.nextafter(thr, 2), prof)
    if not optimise:
        return dep, None
    allv = np.unique(np.concatenate(sc))
    allv = allv[allv > 0.5]
    cand = allv if len(allv) < 150 else np.unique(np.quantile(allv, np.linspace(0, 1, 150)))
    best = max((nab.corpus(files, sc, t, prof) + (t,) for t in cand), key=lambda r: (r[0], r[4]))
    return dep, best

def lik_tail(v, short=10, longw=8640, start=1):
    """NuPIC likelihood tail of v's short-window means vs their running/EWMA Gaussian (learns all)."""
    n = len(v); t = np.full(n, 0.5)
    c = np.cumsum(np.concatenate([[0.0], v]))
    lc = 0; lm = 0.0; lv = 0.0
    for i in range(start, n):
        k = min(short, i - start + 1)
        sm = (c[i + 1] - c[i + 1 - k]) / k
        if lc >= 2:
            t[i] = tail((sm - lm) / max(math.sqrt(lv), 1e-6))
        lc += 1; a = 1.0 / min(lc, longw); dd = sm - lm; inc = a * dd; lm += inc; lv = (1 - a) * (lv + dd * inc)
    return t

def to_log(t):
    t = np.maximum(t, 0) + 1e-10
    return np.clip(np.log(t) / math.log(1e-10), 0, 1)

def quiet(score, thr=0.8, q=100, warm=10):
    """Applies the quiet period to a raw score series; rows < warm score 0."""
    s = score.copy(); s[:warm] = 0
    i = warm; n = len(s)
    idx = np.nonzero(s > thr)[0]
    out = s.copy()
    last = -10**9
    for j in idx:
        if j <= last + q:
            continue
        out[j + 1:j + 1 + q] = 0
        last = j
    return out


def split_table(dump, which='B', **rules):
    """Deployable scores of the replayed rules, all three profiles, whole corpus and both halves."""
    D = load_dump(dump)
    sc = {n: current(D[n], which, **rules) for n in D}
    tune = [n for n in D if half(n)]
    test = [n for n in D if not half(n)]
    for prof in ['standard', 'low_fp', 'low_fn']:
        for part, ns in [('all', None), ('tune', tune), ('test', test)]:
            dep, _ = evaluate(sc, ns, prof=prof, optimise=False)
            print('%-9s %-5s %.2f  %d of %d windows, %d FP' % ((prof, part) + dep))

if __name__ == '__main__':
    # replay.py DUMP_DIR [CAP]: the detector's rules (with likelihood.cap CAP) over a Dump output
    cap = float(sys.argv[2]) if len(sys.argv) > 2 else None
    split_table(sys.argv[1], zf=(lambda v: min(v, cap)) if cap is not None else None)
