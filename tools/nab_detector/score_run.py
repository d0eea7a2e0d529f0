import nab_sweep as nab, numpy as np, sys, os
files = nab.load_cached()
d = sys.argv[1]; alert = float(sys.argv[2]) if len(sys.argv) > 2 else 0.8
sc = [np.loadtxt(os.path.join(d, n.replace('/', '_'))) for n, v, w in files]
grid = np.unique(np.concatenate([np.linspace(0.0, 1.0, 1001), [np.nextafter(alert, 2)]]))
for prof in ['standard', 'low_fp', 'low_fn']:
    dep = nab.corpus(files, sc, np.nextafter(alert, 2), prof)
    best = max((nab.corpus(files, sc, t, prof), t) for t in grid)
    print(prof, 'deployable(>%.2f) %.2f det %d/%d fp %d' % (alert, dep[0], dep[1], dep[2], dep[3]),
          '| optimised t=%.3f %.2f det %d fp %d' % (best[1], best[0][0], best[0][1], best[0][3]))
