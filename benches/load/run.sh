#!/usr/bin/env bash
# Loading benchmark: netgraph reading a CSV edge list against networkit's EdgeListReader on the same
# file (docs/performance.md, "Loading a CSV edge list").
#
#   benches/load/run.sh [ROW]          ROW: 1m (default: 1M actors, 5M flows), 100k, 10k
# Environment: SCRATCH (default target/load: the venv, the CSV file; never committed), RUNS (5),
# THREADS (2), BASELINE (another netgraph binary to time alongside, e.g. a build of main), TOOLS
# (validate,in_degree,networkit,networkit_continuous).
set -euo pipefail
cd "$(dirname "$0")/../.."
row=${1:-1m}
scratch=${SCRATCH:-target/load}
mkdir -p "$scratch"

if [ ! -x "$scratch/venv/bin/python" ]; then
  python3 -m venv "$scratch/venv"
  "$scratch/venv/bin/pip" install --quiet --upgrade pip
fi
"$scratch/venv/bin/pip" install --quiet networkit
"$scratch/venv/bin/pip" list 2>/dev/null | grep -Ei '^networkit ' > "$scratch/versions.txt"

cargo build --release --quiet

declare -A actors=([10k]=10000 [100k]=100000 [1m]=1000000)
file="$scratch/sf-$row.csv"
[ -s "$file" ] || python3 benches/peers/scale_free.py "${actors[$row]}" 5 42 "$file"

python3 benches/load/bench.py --netgraph target/release/netgraph ${BASELINE:+--baseline "$BASELINE"} \
  --python "$scratch/venv/bin/python" --file "$file" --runs "${RUNS:-5}" --threads "${THREADS:-2}" \
  ${TOOLS:+--tools "$TOOLS"}
