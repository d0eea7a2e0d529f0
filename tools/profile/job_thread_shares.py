#!/usr/bin/env python3
"""Shares of the scoring job thread's JFR execution samples, by what the sampled stack is doing.

Usage: jfr print --stack-depth 40 --events jdk.ExecutionSample REC.jfr | job_thread_shares.py

Only samples of the keyed scoring task's threads ("score -> ...") count. Each sample goes to the
first part, walking from the top frame down, whose pattern one of its frames matches; so a sample
inside Jackson's CBOR generator called from PredictionCbor counts as "prediction encoding".
"""
import re
import sys
from collections import Counter

PARTS = [
    ("prediction encoding (JSON / CBOR)", re.compile(
        r"PredictionJson|PredictionCbor|JsonBytes|JsonText|NumberOutput|CBORGenerator|schubfach")),
    ("cell math (model/)", re.compile(r"io\.keyedrnn\.model\.")),
    ("Flink heap state map", re.compile(r"CopyOnWriteStateMap|heap\.StateTable|HeapValueState")),
    ("StepGuard", re.compile(r"StepGuard")),
    ("scoring, admission, ring, batch (serve/, score/)", re.compile(
        r"io\.keyedrnn\.(serve|score)\.")),
    ("ScoringFunction, BatchingScoreOperator, EventOutput", re.compile(r"io\.keyedrnn\.flink\.")),
    ("Flink records, network, serializers", re.compile(r"org\.apache\.flink\.")),
]


def samples(lines):
    thread, frames = None, []
    for line in lines:
        line = line.strip()
        if line.startswith("jdk.ExecutionSample"):
            thread, frames = None, []
        elif line.startswith("sampledThread"):
            thread = line
        elif line == "}" and thread is not None:
            yield thread, frames
            thread = None
        elif thread is not None and not line.startswith(("stackTrace", "state", "startTime", "]", "...")):
            frames.append(line)


def main():
    counts = Counter()
    total = 0
    for thread, frames in samples(sys.stdin):
        if '"score' not in thread:
            continue
        total += 1
        part = "other"
        for f in frames:
            hit = next((name for name, rx in PARTS if rx.search(f)), None)
            if hit:
                part = hit
                break
        counts[part] += 1
    print(f"{total} samples of the score task threads")
    for part, n in counts.most_common():
        print(f"{100.0 * n / max(total, 1):5.1f}%  {n:6d}  {part}")


if __name__ == "__main__":
    main()
