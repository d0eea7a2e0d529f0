#!/usr/bin/env bash
# Training throughput, keyed-rnn against PyTorch, interleaved in one session so both see the same
# machine load (BENCHMARKS.md, "Training throughput"). Run from the repository root:
#
#   tools/train_golden/bench_compare.sh [rounds] [seconds]
#
# Builds the benchmark jar if missing, then per round runs io.keyedrnn.bench.train.TrainThroughput
# (2 threads, then 1) and tools/train_golden/bench_torch.py (2 threads, then 1) with Debian's
# python3-torch. Each line reports timesteps/s and the load average it ran under.
set -euo pipefail
rounds=${1:-3}
seconds=${2:-20}
jar=benchmarks/target/benchmarks.jar
if [[ ! -f $jar ]]; then
  mvn -B -q package -pl benchmarks -am -DskipTests
fi
for ((r = 1; r <= rounds; r++)); do
  echo "round $r"
  for t in 2 1; do
    java -cp "$jar" io.keyedrnn.bench.train.TrainThroughput --threads "$t" --seconds "$seconds"
  done
  for t in 2 1; do
    /usr/bin/python3 tools/train_golden/bench_torch.py --threads "$t" --seconds "$seconds"
  done
done
