#!/usr/bin/env bash
# montagna-curve.sh [NETGRAPH]
#
# Draws docs/img/montagna-curve.svg, the picture in README.md and docs/rendering.md: the disruption curves of
# the Montagna meetings network (graphs/montagna-meetings.json) under sequential betweenness and degree
# attacks, the random baseline (mean of 1000 runs, band of their 5th to 95th percentiles, seed 1), and the
# reference points of docs/examples/montagna-published.csv (the value Cavallaro et al. 2020 publish, and the
# NetworkX curve). Run from the repository root; NETGRAPH defaults to `cargo run --release --quiet --`.
# The output is deterministic: the same inputs give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
    netgraph=("$1")
else
    netgraph=(cargo run --release --quiet --)
fi
"${netgraph[@]}" whatif graphs/montagna-meetings.json --attack betweenness,degree,random --steps 20 \
    --runs 1000 --seed 1 --reference-points docs/examples/montagna-published.csv \
    -o docs/img/montagna-curve.svg
echo "wrote docs/img/montagna-curve.svg"
