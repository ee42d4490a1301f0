#!/usr/bin/env bash
# Peer benchmark: netgraph against igraph, networkit, rustworkx and NetworkX on the same seeded
# directed scale-free CSV edge lists (see docs/performance.md).
#
#   benches/peers/run.sh [ROWS] [TASKS]      e.g.  benches/peers/run.sh 1k,10k
#                                                  benches/peers/run.sh 1m load,pagerank
# ROWS: 1k (1k actors / 5k flows), 10k, 100k, 1m.  TASKS: load, betweenness, betweenness_w,
# closeness, pagerank, approx (directed), kadabra and betweenness_u (the edge lists read as
# undirected: networkit's KADABRA refuses directed graphs).  Environment: SCRATCH (default target/peers: the venv, the
# CSV files and the results; never committed), RUNS (5), CAP (seconds per run before a tool is
# skipped, 300), THREADS (netgraph --threads, default all cores), PEERS (comma-separated subset).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1k,10k}
tasks=${2:-load,betweenness,betweenness_w,closeness,pagerank,approx}
scratch=${SCRATCH:-target/peers}
mkdir -p "$scratch/data"

if [ ! -x "$scratch/venv/bin/python" ]; then
  python3 -m venv "$scratch/venv"
  "$scratch/venv/bin/pip" install --quiet --upgrade pip
fi
"$scratch/venv/bin/pip" install --quiet -r benches/peers/requirements.txt
"$scratch/venv/bin/pip" list 2>/dev/null | grep -Ei '^(igraph|networkit|rustworkx|networkx|numpy|scipy) ' \
  > "$scratch/data/versions.txt"

cargo build --release --quiet

declare -A actors=([1k]=1000 [10k]=10000 [100k]=100000 [1m]=1000000)
for row in ${rows//,/ }; do
  file="$scratch/data/sf-$row.csv"
  [ -s "$file" ] || "$scratch/venv/bin/python" benches/peers/scale_free.py "${actors[$row]}" 5 42 "$file"
done

"$scratch/venv/bin/python" benches/peers/bench.py --netgraph target/release/netgraph \
  --data "$scratch/data" --rows "$rows" --tasks "$tasks" --runs "${RUNS:-5}" --cap "${CAP:-300}" \
  --threads "${THREADS:-$(nproc)}" ${PEERS:+--peers "$PEERS"}
