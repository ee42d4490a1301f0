#!/usr/bin/env python3
"""One timed run of one peer tool on one task, in its own process (so the harness reads its peak
memory from wait4). Prints one JSON line: {"load": s, "compute": s}. Scores go to OUT (one per line,
actor order 0..n-1) when OUT is given, for the error check of approximate betweenness.

Usage: worker.py TOOL TASK FILE.csv [OUT]
  TOOL: igraph | networkit | rustworkx | networkx
  TASK: load | betweenness | betweenness_w | closeness | pagerank | approx | kadabra | betweenness_u
  (kadabra and betweenness_u read the edge list as undirected: networkit's KADABRA refuses
  directed graphs)
"""
import json
import sys
import time

import numpy as np


def read(path):
    """The edge list as int64 columns (source, target, weight) and the actor count."""
    d = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
    return d[:, 0], d[:, 1], d[:, 2], int(d[:, :2].max()) + 1


def igraph_run(task, src, dst, w, n, eps):
    import igraph

    g = igraph.Graph(n=n, edges=np.column_stack((src, dst)), directed=True)
    if task == "betweenness_w":
        g.es["weight"] = w.astype(float)
    loaded = time.perf_counter()
    if task == "betweenness":
        s = g.betweenness(directed=True)
    elif task == "betweenness_w":
        s = g.betweenness(directed=True, weights="weight")
    elif task == "closeness":
        s = g.closeness(mode="in")
    elif task == "pagerank":
        s = g.pagerank(damping=0.85, directed=True)
    else:
        s = None
    return loaded, s


def networkit_run(task, src, dst, w, n, eps):
    import networkit as nk

    weighted = task == "betweenness_w"
    directed = task not in ("kadabra", "betweenness_u")
    g = nk.Graph(n, weighted=weighted, directed=directed)
    g.addEdges((w.astype(float) if weighted else np.ones(len(src)), (src, dst)))
    loaded = time.perf_counter()
    c = nk.centrality
    if task in ("betweenness", "betweenness_w", "betweenness_u"):
        s = c.Betweenness(g, normalized=True).run().scores()
    elif task == "closeness":
        s = c.Closeness(g, True, c.ClosenessVariant.GENERALIZED).run().scores()
    elif task == "pagerank":
        s = c.PageRank(g, damp=0.85).run().scores()
    elif task == "approx":
        s = c.ApproxBetweenness(g, epsilon=eps, delta=0.1).run().scores()
    elif task == "kadabra":
        s = c.KadabraBetweenness(g, eps, 0.1).run().scores()
    else:
        s = None
    return loaded, s


def rustworkx_run(task, src, dst, w, n, eps):
    import rustworkx as rx

    g = rx.PyDiGraph(multigraph=False)
    g.add_nodes_from(range(n))
    g.extend_from_weighted_edge_list(list(zip(src.tolist(), dst.tolist(), w.tolist())))
    loaded = time.perf_counter()
    if task == "betweenness":
        r = rx.digraph_betweenness_centrality(g, normalized=True)
    elif task == "closeness":
        r = rx.closeness_centrality(g, wf_improved=True)
    elif task == "pagerank":
        r = rx.pagerank(g, alpha=0.85, weight_fn=lambda _: 1.0)
    elif task == "load":
        r = None
    else:
        raise NotImplementedError(task)
    return loaded, None if r is None else [r[i] for i in range(n)]


def networkx_run(task, src, dst, w, n, eps):
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    if task == "betweenness_w":
        g.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), w.tolist()))
    else:
        g.add_edges_from(zip(src.tolist(), dst.tolist()))
    loaded = time.perf_counter()
    if task == "betweenness":
        r = nx.betweenness_centrality(g)
    elif task == "betweenness_w":
        r = nx.betweenness_centrality(g, weight="weight")
    elif task == "closeness":
        r = nx.closeness_centrality(g)
    elif task == "pagerank":
        r = nx.pagerank(g, alpha=0.85, weight=None)
    else:
        r = None
    return loaded, None if r is None else [r[i] for i in range(n)]


TOOLS = {
    "igraph": igraph_run,
    "networkit": networkit_run,
    "rustworkx": rustworkx_run,
    "networkx": networkx_run,
}


def main():
    tool, task, path = sys.argv[1:4]
    out = sys.argv[4] if len(sys.argv) > 4 else None
    eps = float(sys.argv[5]) if len(sys.argv) > 5 else 0.01
    start = time.perf_counter()
    src, dst, w, n = read(path)
    loaded, scores = TOOLS[tool](task, src, dst, w, n, eps)
    done = time.perf_counter()
    if out and scores is not None:
        with open(out, "w") as f:
            f.writelines(f"{x!r}\n" for x in scores)
    print(json.dumps({"load": loaded - start, "compute": done - loaded}))


if __name__ == "__main__":
    main()
