#!/usr/bin/env python3
"""Medians of wall and CPU time (user + system) of RUNS runs of a command, output discarded.

Usage: timed.py RUNS COMMAND [ARGS...]   prints "WALL CPU" in seconds (3 decimals). CPU time is what
contention on a shared machine barely moves (docs/performance.md, "Machine and versions")."""
import os
import statistics
import subprocess
import sys
import time


def main():
    runs = int(sys.argv[1])
    command = sys.argv[2:]
    walls, cpus = [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(command)} failed")
    print(f"{statistics.median(walls):.3f} {statistics.median(cpus):.3f}")


main()
