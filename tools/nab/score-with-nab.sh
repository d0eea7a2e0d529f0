#!/usr/bin/env bash
# Scores keyed-rnn's NAB results with NAB's own scorer (numenta/NAB run.py), as an independent check
# of `bin/keyed-rnn eval nab --results DIR`.
#
#   tools/nab/score-with-nab.sh NAB_CHECKOUT RESULTS_DIR [DEPLOYABLE_THRESHOLD]
#
# NAB_CHECKOUT: a clone of github.com/numenta/NAB (tested at ea702d7, whose data and labels match
# data/nab); it is copied, not modified. RESULTS_DIR: the --results directory (holding keyed-rnn/).
# Needs python3 with pandas (Debian: apt-get install python3-pandas); PYTHON overrides /usr/bin/python3.
# Prints NAB's final scores for keyed-rnn: first at the thresholds NAB's optimiser picks (NAB's
# protocol), then, if DEPLOYABLE_THRESHOLD is given, at that threshold for all three profiles.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,12p "$0"; exit 2; }
nab="$(cd "$1" && pwd)"
results="$(cd "$2" && pwd)"
threshold="${3:-}"
[ -d "$results/keyed-rnn" ] || { echo "no keyed-rnn/ under $results" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$nab/." "$work/"
rm -rf "$work/results/keyed-rnn"
cp -r "$results/keyed-rnn" "$work/results/keyed-rnn"
cd "$work"
PY="${PYTHON:-/usr/bin/python3}"

echo "== NAB protocol: thresholds optimised by NAB on the labels"
"$PY" run.py -d keyed-rnn --optimize --score --normalize --skipConfirmation -n 1 \
  | grep -E "Optimizer found|Final score"

if [ -n "$threshold" ]; then
  echo "== deployable: threshold $threshold for every profile"
  "$PY" - "$threshold" <<'PY'
import json, sys
t = float(sys.argv[1])
with open("config/thresholds.json") as f:
    d = json.load(f)
d["keyed-rnn"] = {p: {"threshold": t, "score": None} for p in d["keyed-rnn"]}
with open("config/thresholds.json", "w") as f:
    json.dump(d, f, indent=4)
PY
  "$PY" run.py -d keyed-rnn --score --normalize --skipConfirmation -n 1 | grep -E "Final score"
fi
