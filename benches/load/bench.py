#!/usr/bin/env python3
"""Times loading one CSV edge list with netgraph and networkit, side by side; prints a Markdown table.

Every run is a fresh child process, so its wall time, CPU time (user + system) and peak memory
(ru_maxrss from wait4) are its own. The tools take turns run after run, so that the machine's load
falls on each alike. Medians over the runs.

Usage: bench.py --netgraph BIN [--baseline BIN] --python VENV_PYTHON --file F.csv [--runs 5]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(cmd):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    err = p.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed: {err.strip()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--netgraph", required=True)
    ap.add_argument("--baseline", help="another netgraph binary (e.g. main's) to time alongside")
    ap.add_argument("--python", required=True)
    ap.add_argument("--file", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--tools", default="validate,in_degree,networkit,networkit_continuous")
    a = ap.parse_args()
    out = os.path.join(os.path.dirname(os.path.abspath(a.file)), "load-out.csv")
    threads = str(a.threads)
    commands = {}
    binaries = [("netgraph", a.netgraph)] + ([("baseline", a.baseline)] if a.baseline else [])
    for name, binary in binaries:
        commands[f"{name} validate"] = [binary, "validate", a.file]
        commands[f"{name} centrality -m in_degree"] = [
            binary, "centrality", a.file, "--measure", "in_degree", "--threads", threads,
            "--format", "csv", "-o", out,
        ]
    nk = os.path.join(HERE, "nk_load.py")
    commands["networkit EdgeListReader (arbitrary ids)"] = [a.python, nk, a.file, "arbitrary", threads]
    commands["networkit EdgeListReader (continuous ids)"] = [a.python, nk, a.file, "continuous", threads]
    wanted = a.tools.split(",")
    keys = {
        "validate": [k for k in commands if k.endswith(" validate")],
        "in_degree": [k for k in commands if k.endswith("in_degree")],
        "networkit": ["networkit EdgeListReader (arbitrary ids)"],
        "networkit_continuous": ["networkit EdgeListReader (continuous ids)"],
    }
    chosen = [k for w in wanted for k in keys[w]]
    results = {k: [] for k in chosen}
    load = os.getloadavg()
    for r in range(a.runs):
        for k in chosen:
            results[k].append(measure(commands[k]))
            print(f"run {r + 1}: {k}: {results[k][-1][0]:.2f} s", file=sys.stderr)
    after = os.getloadavg()
    size = os.path.getsize(a.file)
    print(f"{a.file}: {size / 2**20:.0f} MiB; {a.runs} runs each, medians; "
          f"load average {load[0]:.1f} before, {after[0]:.1f} after (2 cores)\n")
    print("| tool | wall (median) | wall (min–max) | CPU (median) | peak RSS (median) |")
    print("| --- | --- | --- | --- | --- |")
    for k in chosen:
        walls = [x[0] for x in results[k]]
        cpus = [x[1] for x in results[k]]
        rss = [x[2] for x in results[k]]
        print(f"| {k} | {statistics.median(walls):.2f} s | {min(walls):.2f}–{max(walls):.2f} s "
              f"| {statistics.median(cpus):.2f} s | {statistics.median(rss):.0f} MiB |")


if __name__ == "__main__":
    main()
