#!/usr/bin/env bash
# Resampling benchmark (issue 14, item 3; docs/performance.md, "Resampling"): medians of RUNS runs of
#   - 1,000 draws of each command on the built-in Peru network (centrality --measure all, chains,
#     keyplayers --k 3, whatif --remove sanchez-paredes), mode confidence;
#   - one exact betweenness run, and 100 draws of it, on the seeded scale-free graphs of the peer
#     benchmark (benches/peers/scale_free.py: 1k actors / ~5k flows, 10k / ~50k), each flow given a
#     confidence from 0.5 to 1 (a fixed hash of its line), so the draws keep ~75% of the flows.
#
#   benches/resample/run.sh [ROWS]       e.g.  benches/resample/run.sh 1k,10k
# Environment: RUNS (5), THREADS (2), SCRATCH (default target/resample: the CSV files; never
# committed). Needs python3 (standard library only) for the graphs and the timing (timed.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1k,10k}
runs=${RUNS:-5}
threads=${THREADS:-2}
scratch=${SCRATCH:-target/resample}
mkdir -p "$scratch"
cargo build --release --quiet
bin=target/release/netgraph

# "WALL CPU": medians of RUNS runs of "$@", in seconds.
median() {
  python3 benches/resample/timed.py "$runs" "$@"
}

echo "netgraph resampling, --threads $threads, medians of $runs runs: wall and CPU (user + system) seconds"
echo
echo "Peru, 1,000 draws (--resample 1000, mode confidence):"
printf '  %-46s %s\n' "centrality --measure all" \
  "$(median $bin centrality --measure all --resample 1000 --threads "$threads" --format json)"
printf '  %-46s %s\n' "centrality (degree, betweenness)" \
  "$(median $bin centrality --resample 1000 --threads "$threads" --format json)"
printf '  %-46s %s\n' "chains" \
  "$(median $bin chains --resample 1000 --threads "$threads" --format json)"
printf '  %-46s %s\n' "keyplayers --k 3" \
  "$(median $bin keyplayers --k 3 --resample 1000 --threads "$threads" --format json)"
printf '  %-46s %s\n' "whatif --remove sanchez-paredes" \
  "$(median $bin whatif --remove sanchez-paredes --resample 1000 --threads "$threads" --format json)"

declare -A actors=([1k]=1000 [10k]=10000 [50k]=50000)
for row in ${rows//,/ }; do
  plain="$scratch/sf-$row.csv"
  file="$scratch/sf-$row-confidence.csv"
  [ -s "$plain" ] || python3 benches/peers/scale_free.py "${actors[$row]}" 5 42 "$plain"
  [ -s "$file" ] || awk -F, 'NR == 1 {print $0 ",confidence"; next}
    {h = (NR * 2654435761) % 4294967296; printf "%s,%.3f\n", $0, 0.5 + 0.5 * h / 4294967296}' \
    "$plain" > "$file"
  flows=$(($(wc -l < "$file") - 1))
  echo
  echo "$row: ${actors[$row]} actors, $flows flows, exact betweenness (unweighted):"
  one=$(median $bin centrality "$file" --measure betweenness --threads "$threads" --format json)
  many=$(median $bin centrality "$file" --measure betweenness --resample 100 --timeout 0 \
    --threads "$threads" --format json)
  printf '  %-46s %s\n' "one run" "$one"
  printf '  %-46s %s\n' "100 draws (--resample 100)" "$many"
  printf '  %-46s %s\n' "100 draws / one run (wall, CPU)" \
    "$(python3 -c "import sys; a, b = map(float, sys.argv[1].split()); c, d = map(float, sys.argv[2].split()); print(f'{c / a:.1f} {d / b:.1f}')" "$one" "$many")"
done
