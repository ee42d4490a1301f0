#!/usr/bin/env python3
"""Times the chain search end to end on a random typed network (docs/performance.md, "Chains").

Builds the network with typed_graph.py (10,000 actors, 50,000 flows, seed 42 unless told), then runs
each query RUNS times (default 5) as a fresh `netgraph` process and prints the median wall time, the
median CPU time (user + system) and the largest peak RSS, with the chains and channels found.

Usage: bench.py NETGRAPH [N M SEED RUNS]
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
binary = sys.argv[1]
n, m, seed, runs = (int(x) for x in (sys.argv[2:6] + ["10000", "50000", "42", "5"][len(sys.argv[2:6]):]))
work = tempfile.mkdtemp()
net = os.path.join(work, "typed.json")
subprocess.run([sys.executable, os.path.join(here, "typed_graph.py"), str(n), str(m), str(seed), net],
               check=True)
out = os.path.join(work, "out.json")
queries = [
    ("default query, --max-hops 6 (limit 10,000)", ["chains", net, "--max-hops", "6"]),
    ("default query, --max-hops 6, --limit 1,000,000", ["chains", net, "--max-hops", "6", "--limit", "1000000"]),
    ("the same with --chains", ["chains", net, "--max-hops", "6", "--limit", "1000000", "--chains"]),
    ("centrality -m chain_betweenness (limit 1,000,000)",
     ["centrality", net, "-m", "chain_betweenness", "--limit", "1000000"]),
]
# Read in a child process, so that this one stays small: a forked child's peak RSS counts the
# parent's pages until it execs.
SUMMARY = """
import json, sys
d = json.load(open(sys.argv[1]))
if "channels" in d:
    s = f"{len(d['channels'])} channels" + (f", {len(d['chains'])} chains" if "chains" in d else "")
    print(s + (", truncated" if d["truncated"] else ""))
else:
    print(f"{len(d['actors'])} actors")
"""
print(f"{n} actors, {m} flows, seed {seed}, {runs} runs each (medians)")
print(f"{'query':52} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}  found")
for name, args in queries:
    walls, cpus, peak = [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.Popen([binary, *args, "--format", "json", "-o", out], stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peak = max(peak, usage.ru_maxrss)
        assert status == 0, name
    found = subprocess.run([sys.executable, "-c", SUMMARY, out], check=True, capture_output=True,
                           text=True).stdout.strip()
    print(f"{name:52} {statistics.median(walls):8.3f} {statistics.median(cpus):8.3f} {peak / 1024:9.1f}  {found}")
