#!/usr/bin/env python3
"""Approximate betweenness at scale: timing, and the error bound against the exact scores.

    approx_check.py time  BIN CSV RUNS [ARGS…]       wall and CPU seconds of RUNS runs, and their medians
    approx_check.py error BIN CSV EXACT SEEDS [ARGS…] largest |approx − exact| per seed

BIN is a netgraph release binary, CSV an edge list (e.g. target/peers/data/sf-100k.csv), ARGS extra
flags for every run (`--epsilon 0.01 --delta 0.1`, `--weight weight`, `--threads 2`). `error`
computes the exact normalised betweenness into EXACT first when that file does not exist (same
ARGS without --epsilon/--delta), then one approximation per seed in SEEDS (comma-separated), and
compares every actor. CPU time is the children's user + system time, which contention on a shared
machine barely moves; wall time is what a user waits.

Standard library only, so it runs with any python3.
"""

import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd):
    """Runs cmd; returns (wall s, cpu s, stderr)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()}")
    return wall, cpu, p.stderr


def centrality(binary, graph, out, args):
    return [binary, "centrality", graph, "--measure", "betweenness", "--format", "csv", "-o", out] + args


def read_scores(path):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        if header != ["actor", "betweenness"]:
            sys.exit(f"{path}: unexpected header {header}")
        return {actor: float(x) for actor, x in rows}


def without_sampling(args):
    kept, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("--epsilon", "--delta", "--seed"):
            skip = True
        else:
            kept.append(a)
    return kept


def time_runs(binary, graph, runs, args):
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "scores.csv")
        for i in range(runs):
            wall, cpu, err = run(centrality(binary, graph, out, args))
            note = next((l for l in err.splitlines() if "betweenness" in l), "")
            print(f"run {i + 1}: wall {wall:.2f} s, cpu {cpu:.2f} s  {note}", flush=True)
            walls.append(wall)
            cpus.append(cpu)
    print(f"median of {runs}: wall {statistics.median(walls):.2f} s, cpu {statistics.median(cpus):.2f} s")


def check_error(binary, graph, exact_path, seeds, args):
    if not os.path.exists(exact_path):
        wall, cpu, _ = run(centrality(binary, graph, exact_path, without_sampling(args)))
        print(f"exact: wall {wall:.1f} s, cpu {cpu:.1f} s -> {exact_path}", flush=True)
    exact = read_scores(exact_path)
    epsilon = float(args[args.index("--epsilon") + 1]) if "--epsilon" in args else None
    worst_all = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "approx.csv")
        for seed in seeds:
            wall, cpu, err = run(centrality(binary, graph, out, args + ["--seed", seed]))
            approx = read_scores(out)
            if approx.keys() != exact.keys():
                sys.exit("the approximation and the exact scores list different actors")
            actor, worst = max(((a, abs(approx[a] - exact[a])) for a in exact), key=lambda p: p[1])
            worst_all = max(worst_all, worst)
            note = next((l for l in err.splitlines() if "betweenness" in l), "")
            print(f"seed {seed}: max error {worst:.6f} (actor {actor}, exact {exact[actor]:.6f}); "
                  f"wall {wall:.1f} s, cpu {cpu:.1f} s  {note}", flush=True)
    if epsilon is not None:
        verdict = "holds" if worst_all <= epsilon else "FAILS"
        print(f"largest error over {len(seeds)} seeds: {worst_all:.6f}; bound ε = {epsilon} {verdict}")


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "time":
        time_runs(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:])
    elif len(sys.argv) >= 6 and sys.argv[1] == "error":
        check_error(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].split(","), sys.argv[6:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
