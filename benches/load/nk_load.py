#!/usr/bin/env python3
"""Loads a CSV edge list with networkit's EdgeListReader (directed) and prints what it read.

Usage: nk_load.py FILE.csv continuous|arbitrary THREADS
`arbitrary` (continuous=False) maps any node labels to 0..n-1, as netgraph's text ids; `continuous`
reads the labels as the node numbers 0..n-1 themselves (numeric ids only). The header line
(`source,target,...`) is skipped as a comment.
"""
import sys
import time

path, mode, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
import networkit as nk  # noqa: E402

nk.setNumberOfThreads(threads)
start = time.perf_counter()
reader = nk.graphio.EdgeListReader(
    ",", 0, commentPrefix="source", continuous=(mode == "continuous"), directed=True
)
g = reader.read(path)
print(f"{g.numberOfNodes()} nodes, {g.numberOfEdges()} edges, read in {time.perf_counter() - start:.3f} s")
