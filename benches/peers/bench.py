#!/usr/bin/env python3
"""Times netgraph and its peers side by side on the same CSV edge lists; prints Markdown tables.

Each run is its own child process: wall time and peak memory (ru_maxrss from wait4) belong to that
run alone. Peers report their own load and compute times (worker.py); netgraph is timed end to end
through its release binary, and its compute time is that minus the median of its load-only run
(`--measure in_degree`, which reads the file, builds the graph and writes n numbers).

Usage: bench.py --netgraph BIN --data DIR --rows 1k,10k --tasks ... [--runs 5] [--cap 300]
Results are also written as JSON to DIR/results-<rows>.json.
"""
import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = {"1k": (1_000, 5), "10k": (10_000, 5), "100k": (100_000, 5), "1m": (1_000_000, 5)}
PEERS = ["igraph", "networkit", "rustworkx", "networkx"]
# Which peers offer each task (rustworkx has no weighted node betweenness, igraph and NetworkX no
# approximate one; networkit's ApproxBetweenness is Riondato & Kornaropoulos 2016, its
# KadabraBetweenness Borassi & Natale 2016, undirected graphs only: `kadabra` and `betweenness_u`
# read the same edge lists as undirected).
OFFERS = {
    "load": PEERS,
    "betweenness": PEERS,
    "betweenness_w": ["igraph", "networkit", "networkx"],
    "closeness": PEERS,
    "pagerank": PEERS,
    "approx": ["networkit"],
    "kadabra": ["networkit"],
    "betweenness_u": ["networkit"],
}
NETGRAPH_ARGS = {
    "load": ["--measure", "in_degree"],
    "betweenness": ["--measure", "betweenness"],
    "betweenness_w": ["--measure", "betweenness", "--weight", "weight"],
    "closeness": ["--measure", "closeness"],
    "pagerank": ["--measure", "pagerank"],
    "approx": ["--measure", "betweenness", "--epsilon", "{eps}", "--delta", "0.1", "--seed", "1"],
    "kadabra": ["--measure", "betweenness", "--undirected", "--epsilon", "{eps}", "--delta", "0.1",
                "--seed", "1"],
    "betweenness_u": ["--measure", "betweenness", "--undirected"],
}


def run_once(cmd, cap):
    """(wall seconds, peak RSS MiB, stdout) of one child run, or None past `cap` seconds."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = start + cap
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.killpg(p.pid, signal.SIGKILL)
            os.wait4(p.pid, 0)
            return None
        time.sleep(0.005)
    wall = time.perf_counter() - start
    out = p.stdout.read().decode()
    err = p.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err.strip()[-500:]}")
    return wall, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def measure(cmd, runs, cap):
    """Runs `cmd` up to `runs` times (fewer once the runs have used `cap` seconds in total)."""
    results = []
    spent = 0.0
    for _ in range(runs):
        r = run_once(cmd, cap)
        if r is None:
            return results, f"skipped (too slow: > {cap:g} s)"
        results.append(r)
        spent += r[0]
        if spent > cap:
            break
    return results, None


def med(xs):
    return statistics.median(xs) if xs else None


def read_scores(path):
    with open(path) as f:
        lines = f.read().split()
    return [float(x) for x in lines]


def read_netgraph_csv(path, n):
    scores = [0.0] * n
    with open(path) as f:
        next(f)
        for line in f:
            actor, value = line.rstrip("\n").split(",")
            scores[int(actor)] = float(value)
    return scores


def bench_row(row, args, skip):
    n, m = ROWS[row]
    path = os.path.join(args.data, f"sf-{row}.csv")
    out_dir = os.path.join(args.data, "out")
    os.makedirs(out_dir, exist_ok=True)
    cap = args.cap
    results = {}
    for task in args.tasks:
        cell = {}
        runs = args.runs if n < 1_000_000 else max(1, args.runs // 2)
        ours = ["netgraph"] if task in NETGRAPH_ARGS else []
        tools = ours + [t for t in OFFERS.get(task, []) if t in args.peers]
        for tool in tools:
            if (tool, task) in skip:
                cell[tool] = {"skipped": skip[(tool, task)]}
                continue
            scores_out = os.path.join(out_dir, f"{row}-{task}-{tool}.txt")
            if tool == "netgraph":
                extra = [a.format(eps=args.epsilon) for a in NETGRAPH_ARGS[task]]
                cmd = [args.netgraph, "centrality", path, *extra, "--threads", str(args.threads),
                       "--format", "csv", "-o", scores_out + ".csv"]
            else:
                cmd = [sys.executable, os.path.join(HERE, "worker.py"), tool, task, path,
                       scores_out, str(args.epsilon)]
            print(f"  {row} {task} {tool} ...", file=sys.stderr, flush=True)
            try:
                rs, skipped = measure(cmd, runs, cap)
            except RuntimeError as e:
                rs, skipped = [], f"failed: {str(e).splitlines()[-1][:120]}"
            entry = {
                "runs": len(rs),
                "wall": med([r[0] for r in rs]),
                "rss_mib": max((r[1] for r in rs), default=None),
                "cpu": med([r[3] for r in rs]),
            }
            if tool != "netgraph" and rs:
                inner = [json.loads(r[2]) for r in rs]
                entry["load"] = med([i["load"] for i in inner])
                entry["compute"] = med([i["compute"] for i in inner])
            if skipped:
                entry["skipped"] = skipped
                if skipped.startswith("skipped"):
                    skip[(tool, task)] = f"skipped (too slow at {row}: > {cap:g} s)"
            cell[tool] = entry
            print(f"    {entry}", file=sys.stderr, flush=True)
        results[task] = cell
        with open(os.path.join(args.data, f"partial-{row}.json"), "w") as f:
            json.dump(results, f, indent=1)
    # netgraph's compute = end to end − its load-only median.
    base = results.get("load", {}).get("netgraph", {}).get("wall")
    for task, cell in results.items():
        e = cell.get("netgraph", {})
        if e.get("wall") is not None:
            e["load"] = base
            e["compute"] = e["wall"] - base if (base is not None and task != "load") else e["wall"]
    for task in ("approx", "kadabra"):
        if task in results:
            check_error(row, n, out_dir, results, task)
    return results


def check_error(row, n, out_dir, results, task):
    """Max |approx − exact| per approximate tool, against netgraph's exact normalized scores
    (undirected ones for `kadabra`: run `betweenness_u` in the same or an earlier run)."""
    exact_task = "betweenness_u" if task == "kadabra" else "betweenness"
    exact_path = os.path.join(out_dir, f"{row}-{exact_task}-netgraph.txt.csv")
    if not os.path.exists(exact_path):
        return
    exact = read_netgraph_csv(exact_path, n)
    for tool, e in results[task].items():
        path = os.path.join(out_dir, f"{row}-{task}-{tool}.txt")
        try:
            approx = read_netgraph_csv(path + ".csv", n) if tool == "netgraph" else read_scores(path)
        except (OSError, ValueError, StopIteration):
            continue
        if task == "kadabra" and tool == "networkit":
            # networkit's KadabraBetweenness reports twice NetworkX's undirected normalised scale
            # (checked against the exact scores at 10k: ratio 1.9–2.1 on the top actors).
            approx = [x / 2 for x in approx]
        if len(approx) == n:
            e["max_error"] = max(abs(a - b) for a, b in zip(approx, exact))


def fmt_s(x):
    if x is None:
        return "–"
    if x <= 0:
        return "≈0 (below load noise)"
    return f"{x:.3g} s" if x < 100 else f"{x:.0f} s"


def table(row, results, eps):
    n, m = ROWS[row]
    lines = [f"\n### {row}: {n:,} actors, ~{n * m:,} flows\n",
             "| task | tool | compute (median) | load | end to end | runs | peak RSS | note |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    summary = []
    for task, cell in results.items():
        label = {"approx": f"approx ε={eps} directed (netgraph KADABRA, networkit RK)",
                 "kadabra": f"approx ε={eps} undirected (KADABRA)"}.get(task, task)
        for tool, e in cell.items():
            note = e.get("skipped", "")
            if "max_error" in e:
                note = (note + f" max error {e['max_error']:.2g}").strip()
            rss = f"{e['rss_mib']:.0f} MiB" if e.get("rss_mib") else "–"
            lines.append(f"| {label} | {tool} | {fmt_s(e.get('compute'))} | {fmt_s(e.get('load'))} | "
                         f"{fmt_s(e.get('wall'))} | {e.get('runs', 0)} | {rss} | {note} |")
        # Load: netgraph's whole run (read, build, write) against the peers' parse + build.
        key = "load" if task == "load" else "compute"
        peers = {t: e[key] for t, e in cell.items() if t != "netgraph" and e.get(key) is not None
                 and not e.get("skipped")}
        ng = cell.get("netgraph", {}).get("wall" if task == "load" else key)
        if peers and ng is not None and ng > 0:
            best = min(peers, key=peers.get)
            summary.append(f"| {label} | {fmt_s(ng)} | {best} {fmt_s(peers[best])} | "
                           f"{ng / peers[best]:.2f} |")
        mem_peers = {t: e["rss_mib"] for t, e in cell.items() if t != "netgraph" and e.get("rss_mib")}
        ng_mem = cell.get("netgraph", {}).get("rss_mib")
        if mem_peers and ng_mem:
            best = min(mem_peers, key=mem_peers.get)
            summary.append(f"| {label}: peak memory | {ng_mem:.0f} MiB | {best} {mem_peers[best]:.0f} MiB"
                           f" | {ng_mem / mem_peers[best]:.2f} |")
    lines += ["", "| task | netgraph | fastest peer | netgraph ÷ fastest |", "| --- | --- | --- | --- |"]
    lines += summary
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--netgraph", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--rows", default="1k,10k")
    ap.add_argument("--tasks", default="load,betweenness,betweenness_w,closeness")
    ap.add_argument("--peers", default=",".join(PEERS))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cap", type=float, default=300)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--epsilon", type=float, default=0.01)
    args = ap.parse_args()
    args.tasks = args.tasks.split(",")
    args.peers = args.peers.split(",")
    skip = {}
    all_results = {}
    for row in args.rows.split(","):
        all_results[row] = bench_row(row, args, skip)
        print(table(row, all_results[row], args.epsilon), flush=True)
        with open(os.path.join(args.data, f"results-{args.rows.replace(',', '-')}.json"), "w") as f:
            json.dump(all_results, f, indent=1)


if __name__ == "__main__":
    main()
