#!/usr/bin/env bash
# snapshot.sh BINARY OUTDIR
#
# Behaviour snapshot of the netgraph CLI, for refactorings that must not change it ("the CLI's output is
# byte-identical on the shipped networks"). Runs BINARY over a fixed list of invocations — every subcommand
# and its main options, on the built-in Peru network and the shipped networks in graphs/, plus error cases —
# and writes, for each, OUTDIR/<slug>.txt holding the command line, the exit code, stdout and stderr. Files
# written with -o (and convert's outputs) go to OUTDIR/files/. Compare two binaries with
# scripts/snapshot-compare.sh BEFORE AFTER, or two snapshots with `diff -r`.
#
# Every path the CLI sees is relative and the same from run to run: the commands run inside OUTDIR, the
# inputs are copied from this checkout into OUTDIR/in/ first, and BINARY is called as `netgraph` (through a
# symlink on PATH, so that help and usage lines name it so) with an empty environment (only PATH and HOME).
# `render` runs only when Graphviz's `dot` is installed, and only to SVG (PDF carries a creation date).
set -uo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 BINARY OUTDIR" >&2
    exit 2
fi
BINARY=$(realpath -e "$1") || { echo "error: no binary $1" >&2; exit 2; }
[[ -x $BINARY && -f $BINARY ]] || { echo "error: $1 is not an executable file" >&2; exit 2; }
OUT=$2
if [[ -e $OUT && -n $(ls -A "$OUT" 2>/dev/null) ]]; then
    echo "error: $OUT exists and is not empty; give a new or empty folder" >&2
    exit 2
fi
mkdir -p "$OUT" || exit 2
OUT=$(realpath "$OUT")
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

BIN_DIR=$(mktemp -d)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$BIN_DIR" "$SCRATCH"' EXIT
ln -s "$BINARY" "$BIN_DIR/netgraph"
RUN_PATH="$BIN_DIR:/usr/local/bin:/usr/bin:/bin"

# The parallel kernels (betweenness, edge betweenness, …) default to one thread per core and, as
# docs/measures.md says, different thread counts agree only to rounding: the last digits of a score depend on
# the number of cores. So every invocation runs pinned to one CPU (the default is then one thread on any
# machine), and a few invocations ask for --threads 2 and 3 explicitly.
PIN=()
if command -v taskset >/dev/null 2>&1; then
    first_cpu=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
    PIN=(taskset -c "${first_cpu:-0}")
else
    echo "snapshot.sh: warning: no taskset: the parallel kernels use every core, so the last digits of some scores depend on the machine" >&2
fi

# ---------------------------------------------------------------------------------------------------------
# Inputs: copied from the checkout, plus small hand-written ones (edge lists, kinds, broken files).
cd "$OUT" || exit 2
mkdir -p in/graphs in/fixtures in/examples in/bad in/sources-empty in/sources files
cp "$REPO"/graphs/peru.json "$REPO"/graphs/caviar.json "$REPO"/graphs/montagna-meetings.json \
    "$REPO"/graphs/montagna-phone.json in/graphs/ || exit 2
cp "$REPO"/tests/fixtures/hostile.json "$REPO"/tests/fixtures/laundering.json \
    "$REPO"/tests/fixtures/networkx/florentine-families.json \
    "$REPO"/tests/fixtures/networkx/karate.graphml "$REPO"/tests/fixtures/networkx/karate.gexf in/fixtures/ ||
    exit 2
cp "$REPO"/docs/examples/peru-scenarios.json "$REPO"/docs/examples/peru-mercurio.json in/examples/ || exit 2

cat >in/edges.csv <<'EOF'
source,target,kind,weight,note
a,b,deposit,3,first
b,c,wire-transfer,2,
c,d,crypto,1.5,=SUM(A1)
a,c,deposit,1,
d,e,gold,4,
EOF
cat >in/nodes.csv <<'EOF'
id,name,kind,country
a,Alpha,cartel,PE
b,Bravo,money-changer,PE
c,Charlie,real-estate,BO
d,Delta,business,BO
e,Echo,mining-company,CL
f,Foxtrot,trafficker,PE
EOF
cat >in/kinds.json <<'EOF'
{"kinds": {"flows": {"deposit": {"class": "money"}, "wire-transfer": {"class": "money"}, "crypto": {"class": "money"}}}}
EOF
cat >in/kinds-typo.json <<'EOF'
{"kinds": {"flows": {"deposit": {"class": "mony"}}}}
EOF
cat >in/scenario-bad.json <<'EOF'
{"scenarios": [{"name": "x", "edits": [{"remove": "no-such-actor"}]}]}
EOF
cat >in/bad/syntax.json <<'EOF'
{"name": "broken", "actors": [{"id": "a"}, {"id": "b"}],
 "flows": [{"from": "a", "to": "b", "kind": "cash",}]}
EOF
printf '{"name": "truncated", "actors": [{"id": "a"}, {"id": "b"' >in/bad/truncated.json
cat >in/bad/duplicate.json <<'EOF'
{"actors": [{"id": "a"}, {"id": "a"}], "flows": []}
EOF
cat >in/bad/unknown-actor.json <<'EOF'
{"actors": [{"id": "alpha"}, {"id": "beta"}], "flows": [{"from": "alpha", "to": "betta", "kind": "cash"}]}
EOF
cat >in/bad/values.json <<'EOF'
{"actors": [{"id": "a"}, {"id": "b"}, {"id": "c,d"}],
 "flows": [{"from": "a", "to": "b", "kind": "cash", "confidence": 1.5, "volume": -3},
           {"from": "b", "to": "a", "kind": "gold", "since": "2020-13", "weight": "heavy"}]}
EOF
cat >in/bad/unsourced.json <<'EOF'
{"actors": [{"id": "a", "kind": "cartel"}, {"id": "b", "kind": "business"}],
 "flows": [{"from": "a", "to": "b", "kind": "cash"}]}
EOF
cat >in/bad/ragged.csv <<'EOF'
source,target,kind
a,b,cash
b,c
EOF
cat >in/bad/no-target.csv <<'EOF'
source,dest,kind
a,b,cash
EOF
printf '\x00\x01\x02garbage\xff\xfe' >in/bad/garbage.json
echo 'not a network' >in/bad/network.txt
# A stand-in for one of Peru's source documents, holding some of the quotes the network cites and not others.
cat >in/sources/001_fad52969a18f2e53.txt <<'EOF'
Illegal mining is also used as a vehicle for laundering proceeds of cocaine production and smuggling
EOF

# What outside netgraph shapes the outputs: the cores it sees and Graphviz (which draws `render`'s pictures).
{
    echo "cores seen by netgraph: $("${PIN[@]}" nproc)"
    if command -v dot >/dev/null 2>&1; then
        echo "graphviz: $(dot -V 2>&1)"
    else
        echo "graphviz: not installed (render not snapshotted)"
    fi
} >_environment.txt

# ---------------------------------------------------------------------------------------------------------
COUNT=0
declare -A SEEN=()
MASKED=()
# $OUT as a sed regular expression (its special characters escaped).
OUT_RE=$(printf '%s' "$OUT" | sed -e 's/[][\\.*^$|+?(){}]/\\&/g')

# run SLUG ARGS… — run `netgraph ARGS…` in OUT with stdin from /dev/null; STDIN=FILE run … reads FILE instead.
run() {
    local slug=$1
    shift
    if [[ -n ${SEEN[$slug]:-} ]]; then
        echo "snapshot.sh: duplicate slug $slug" >&2
        exit 3
    fi
    SEEN[$slug]=1
    COUNT=$((COUNT + 1))
    local stdin=${STDIN:-/dev/null}
    local rc
    "${PIN[@]}" env -i PATH="$RUN_PATH" HOME="$SCRATCH" timeout 120 netgraph "$@" \
        <"$stdin" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr"
    rc=$?
    # Two things in messages change from run to run and are masked: the absolute path of OUTDIR (a message
    # that names an absolute path) and the random name of an atomic write's temporary file. Each record
    # that needed it says so, and the run lists them at the end.
    local stream masked=
    for stream in stdout stderr; do
        LC_ALL=C sed -E -e "s|$OUT_RE|<OUTDIR>|g" -e 's/\.netgraph-[A-Za-z0-9]+\.tmp/.netgraph-XXXXXX.tmp/g' \
            "$SCRATCH/$stream" >"$SCRATCH/$stream.masked"
        cmp -s "$SCRATCH/$stream" "$SCRATCH/$stream.masked" || masked=1
        mv "$SCRATCH/$stream.masked" "$SCRATCH/$stream"
    done
    [[ -n $masked ]] && MASKED+=("$slug")
    {
        printf '$ netgraph'
        printf ' %q' "$@"
        printf '\n'
        [[ $stdin != /dev/null ]] && printf '(stdin: %s)\n' "$stdin"
        [[ -n $masked ]] && printf -- '--- (masked: the OUTDIR path or a temporary file name)\n'
        printf -- '--- exit %s\n--- stdout\n' "$rc"
        cat "$SCRATCH/stdout"
        [[ -s $SCRATCH/stdout && $(tail -c1 "$SCRATCH/stdout" | od -An -c | tr -d ' ') != '\n' ]] &&
            printf '\n--- (no newline at the end of stdout)\n'
        printf -- '--- stderr\n'
        cat "$SCRATCH/stderr"
        [[ -s $SCRATCH/stderr && $(tail -c1 "$SCRATCH/stderr" | od -An -c | tr -d ' ') != '\n' ]] &&
            printf '\n--- (no newline at the end of stderr)\n'
    } >"$slug.txt"
}

P=in/graphs/peru.json
MM=in/graphs/montagna-meetings.json
MP=in/graphs/montagna-phone.json
CAV=in/graphs/caviar.json
LAUND=in/fixtures/laundering.json
HOST=in/fixtures/hostile.json

# --- help ------------------------------------------------------------------------------------------------
run help-top --help
run help-short -h
run version --version
for sub in info validate centrality pairs groups convert paths chains cut whatif keyplayers dot render; do
    run "help-$sub" "$sub" --help
done
run help-centrality-short centrality -h
run help-subcommand help chains

# --- info ------------------------------------------------------------------------------------------------
run info-builtin info
run info-peru info $P
run info-peru-json info $P --format json
run info-peru-table info $P --format table
run info-documents info --documents
run info-documents-json info --documents --format json
run info-documents-csv info --documents --format csv
run info-layer-default info $P --layer criminal-economy
run info-layer-state info $P --layer state-response --active
run info-flows-money info $P --flows @money,gold
run info-since-until info $P --since 2020 --until 2024-06
run info-min-confidence info $P --min-confidence 0.8 --active
run info-where-basis info $P --where basis=stated --format json
run info-undirected info $P --undirected
run info-caviar info $CAV
run info-caviar-phase info $CAV --where phase=6 --active
run info-caviar-phase-range info $CAV --where 'phase>=3' --where 'phase<=5' --format json
run info-montagna-meetings info $MM
run info-montagna-phone-json info $MP --format json
run info-hostile info $HOST --format json
run info-csv-nodes-kinds info in/edges.csv --nodes in/nodes.csv --kinds in/kinds.json
run info-kinds-typo info in/edges.csv --kinds in/kinds-typo.json
run info-graphml info in/fixtures/karate.graphml
run info-gexf info in/fixtures/karate.gexf --kinds $P
STDIN=$P run info-stdin info - --format json
run info-output-json info $P -o files/info.json
run info-output-csv info $P --documents -o files/info-documents.csv

# --- validate --------------------------------------------------------------------------------------------
run validate-builtin validate
run validate-peru-strict validate --strict $P
run validate-peru-json validate $P --format json
run validate-montagna-strict-json validate --strict $MM --format json
run validate-caviar validate $CAV
run validate-hostile validate $HOST
run validate-florentine-json validate in/fixtures/florentine-families.json --format json
run validate-sources-empty validate $P --sources in/sources-empty
run validate-sources-partial validate --strict $P --sources in/sources --format json
run validate-unsourced-strict validate --strict in/bad/unsourced.json
run validate-bad-values validate in/bad/values.json
run validate-bad-values-json validate in/bad/values.json --format json
run validate-unknown-actor validate in/bad/unknown-actor.json
run validate-duplicate validate in/bad/duplicate.json
run validate-kinds-typo validate in/edges.csv --kinds in/kinds-typo.json

# --- centrality ------------------------------------------------------------------------------------------
run cent-builtin centrality
run cent-peru-top centrality $P --measure betweenness,degree --top 10
run cent-all-layer-all centrality $P -m all --layer all
run cent-all-json centrality -m all --format json
run cent-all-csv centrality -m all --format csv --layer all
run cent-raw centrality --raw -m degree,betweenness,in_degree,out_degree --top 15
run cent-spectral centrality -m eigenvector,pagerank,katz,hub,authority --layer all --top 20
run cent-pagerank-damping centrality -m pagerank --damping 0.7 --tol 1e-12 --top 10
run cent-katz-alpha centrality -m katz --katz-alpha 0.05 --max-iter 500 --top 10
run cent-closeness centrality -m closeness,harmonic --undirected --top 12
run cent-structural centrality -m effective_size,constraint,cutpoint,core_number,clustering --top 10
run cent-brokerage-class centrality --measure brokerage --groups class --top 5
run cent-brokerage-community centrality --measure brokerage --groups community --top 5
run cent-chain-betweenness centrality --measure chain_betweenness --top 8
run cent-chain-betweenness-pattern centrality -m chain_betweenness -p '@illicit @money+' --max-hops 4 --ignore-time --top 8
run cent-chain-betweenness-limit centrality -m chain_betweenness --limit 20 --top 5
run cent-chain-betweenness-budget centrality -m chain_betweenness --budget 200 --top 5
run cent-endpoints centrality -m betweenness --endpoints --top 10
run cent-personalize centrality -m pagerank --personalize sanchez-paredes,@legal --top 10
run cent-strength centrality $P --layer all --strength strength -m betweenness,closeness,eigenvector --top 10
run cent-epsilon centrality -m betweenness --epsilon 0.05 --seed 7 --top 10
run cent-epsilon-sampled centrality $CAV -m betweenness --epsilon 0.3 --delta 0.2 --seed 7 --top 10
run cent-epsilon-sampled-threads3 centrality $MM -m betweenness --epsilon 0.3 --seed 11 --threads 3 --top 10
run cent-threads1 centrality -m all --layer all --threads 1 --format csv
run cent-threads2 centrality -m all --layer all --threads 2 --format csv
run cent-threads3 centrality $CAV -m betweenness,closeness,harmonic --weight weight --threads 3 --top 20
run cent-flows centrality --flows @illicit,@money --top 10
run cent-layer-state centrality --layer state-response --active --top 10
run cent-since-until centrality --layer all --since 2015 --until 2022 --active --top 10
run cent-min-confidence centrality --layer all --min-confidence 0.9 --top 10
run cent-where centrality --layer all --where 'confidence>=0.5' --where 'basis!=inferred' --top 10
run cent-montagna-weight centrality $MM --weight weight --format csv
run cent-montagna-structural centrality $MM -m effective_size,constraint,clustering,core_number,cutpoint --top 4
run cent-montagna-brokerage centrality $MM --measure brokerage --groups familia --top 3
run cent-montagna-phone-all centrality $MP -m all --format json
run cent-caviar-phase6 centrality $CAV --where phase=6 --active --measure all -o files/caviar-phase6.json
run cent-caviar-weight centrality $CAV --weight weight -m betweenness,pagerank,hub,authority --top 15
run cent-caviar-undirected centrality $CAV --undirected --strength weight -m closeness,eigenvector --top 15
run cent-hostile-csv centrality $HOST -m all --format csv
run cent-hostile-raw-csv centrality $HOST -m degree --format csv --raw-csv
run cent-csv-input centrality in/edges.csv --nodes in/nodes.csv --kinds in/kinds.json -m all
run cent-graphml centrality in/fixtures/karate.graphml -m betweenness,pagerank --top 10
run cent-gexf centrality in/fixtures/karate.gexf -m pagerank --top 5
run cent-output-csv centrality -m degree,betweenness -o files/centrality.csv

# --- pairs -----------------------------------------------------------------------------------------------
run pairs-builtin pairs
run pairs-bridges pairs --measure bridge,edge_betweenness --top 10
run pairs-raw-json pairs --raw --layer all --format json
run pairs-all-csv pairs -m all --format csv
run pairs-montagna pairs $MM --top 3
run pairs-montagna-weight pairs $MM --weight weight --top 10
run pairs-caviar-strength pairs $CAV --where phase=6 --strength weight --undirected --top 10
run pairs-threads1 pairs --layer all --threads 1 --format csv
run pairs-threads2 pairs --layer all --threads 2 --format csv
run pairs-flows pairs --flows @illicit,@money,@asset --top 10

# --- groups ----------------------------------------------------------------------------------------------
run groups-builtin groups
run groups-peru-all groups $P --layer all
run groups-leiden-seed groups --method leiden --seed 5 --layer all --format json
run groups-leiden-iterations groups --method leiden --iterations 0 --resolution 0.5
run groups-louvain groups --method louvain --seed 3 --layer all
run groups-louvain-csv groups --method louvain --seed 0 --format csv
run groups-weak groups --method weak --layer all
run groups-strong groups --method strong --layer all --format csv
run groups-kcore groups --method kcore --layer all
run groups-montagna groups $MM
run groups-montagna-weight groups $MM --weight weight --resolution 1.5 --seed 2
run groups-caviar groups $CAV --where phase=6 --method louvain --seed 1
run groups-caviar-strong groups $CAV --method strong
run groups-strength groups --layer all --strength strength --format json

# --- convert ---------------------------------------------------------------------------------------------
run conv-peru-json convert $P files/peru.json
run conv-peru-csv convert $P files/peru.csv
run conv-peru-graphml convert $P files/peru.graphml
run conv-peru-gexf convert $P files/peru.gexf
run conv-peru-neo4j convert $P files/peru.neo4j
run conv-peru-neo4j-again convert $P files/peru.neo4j
run conv-peru-neo4j-force convert --force $P files/peru.neo4j
run conv-peru-stdout convert $P -
run conv-caviar-csv convert $CAV files/caviar.csv
run conv-montagna-graphml convert $MM files/montagna-meetings.graphml
run conv-montagna-gexf convert $MP files/montagna-phone.gexf
run conv-hostile-graphml convert $HOST files/hostile.graphml
run conv-hostile-gexf convert $HOST files/hostile.gexf
run conv-hostile-csv convert $HOST files/hostile.csv
run conv-hostile-neo4j convert $HOST files/hostile.neo4j
run conv-csv-nodes convert in/edges.csv files/edges.json --nodes in/nodes.csv --kinds in/kinds.json
run conv-gexf-to-json convert in/fixtures/karate.gexf files/karate.json
STDIN=$LAUND run conv-stdin-graphml convert - files/laundering.graphml
# Round trips: read back what convert wrote.
run conv-rt-graphml convert files/peru.graphml files/peru-from-graphml.json
run conv-rt-gexf-info info files/peru.gexf --kinds $P
run conv-rt-csv-cent centrality files/peru.csv --kinds $P --layer all --top 10
run conv-rt-hostile-csv convert files/hostile.csv -

# --- paths -----------------------------------------------------------------------------------------------
run paths-basic paths --from peruvian-traffickers --to legit-mines
run paths-k3 paths --from peruvian-traffickers --to legit-mines --k 3
run paths-k3-flows paths --from peruvian-traffickers --to legit-mines --k 3 --flows @illicit,@money,@asset
run paths-k3-layer-all paths --from peruvian-traffickers --to legit-mines --k 3 --layer all --format json
run paths-widest paths --from @criminal --to @legal --widest --k 3 --layer all
run paths-widest-capacity paths $CAV --from p1 --to p89 --widest --capacity weight --k 3
run paths-via paths --from coca-processors --to re-cono-norte --via interior-clans --k 2 --layer all
run paths-avoid paths --from peruvian-traffickers --to legit-mines --avoid shining-path,tri-border --k 3
run paths-avoid-none paths --from peruvian-traffickers --to legit-mines --avoid illegal-miners --k 2 --layer all
run paths-selectors paths --from @criminal --to real-estate --k 4 --format csv
run paths-strength paths --layer all --from dea --to sanchez-paredes --strength strength --k 2
run paths-undirected paths --from legit-mines --to peruvian-traffickers --undirected --k 2
run paths-montagna-weight paths $MM --from N18 --to N68 --weight weight --k 3
run paths-caviar paths $CAV --from p1 --to p76 --k 3 --where phase=6
run paths-none paths --from legit-mines --to peruvian-traffickers
run paths-via-limit paths --from @criminal --to @legal --via dea --limit 50 --layer all
run paths-budget paths --from @criminal --to @legal --k 20 --budget 30 --layer all
run paths-laundering paths $LAUND --from clan --to re --k 3 --format json

# --- chains ----------------------------------------------------------------------------------------------
run chains-builtin chains
run chains-json chains --format json
run chains-csv chains --format csv
run chains-chains-all chains --chains --all
run chains-chains-top3 chains --chains --top 3
run chains-pattern-asset chains --pattern '@illicit @money+ @asset'
run chains-pattern-exact chains --pattern 'cocaine cash gold'
run chains-pattern-gold chains --pattern 'cash (gold|gold-export)+' --anywhere --chains
run chains-from chains --pattern '@money @illicit+' --from peruvian-traffickers
run chains-from-to chains --pattern '.+' --from se-illegal-miners --to bolivian-mines --chains
run chains-to-legal chains --to @legal --chains --format json
run chains-anywhere chains --anywhere --pattern '@money' --top 5
run chains-ignore-time chains --ignore-time --chains --top 5
run chains-max-hops chains --max-hops 3 --chains
run chains-rank-volume chains --rank volume --chains --top 5 --layer all
run chains-rank-hops chains --rank hops --format csv
run chains-limit chains --limit 5 --chains
run chains-budget chains --budget 40 --chains
run chains-layer-all chains --layer all --chains --top 5
run chains-since chains --since 2020 --chains
run chains-laundering chains $LAUND --chains --all
run chains-laundering-json chains $LAUND --chains --format json
run chains-output chains --chains --all -o files/chains.json

# --- cut -------------------------------------------------------------------------------------------------
run cut-flows cut --from peruvian-traffickers --to legit-mines
run cut-actors cut --from peruvian-traffickers --to legit-mines --actors
run cut-flows-filter cut --from coca-processors --to re-trujillo --flows @illicit,@money,@asset
run cut-actors-retrujillo cut --from illegal-miners --to re-trujillo --actors --format json
run cut-bolivia cut --from se-illegal-miners --to bolivian-mines --actors
run cut-pm cut --from se-illegal-miners --to pm-money-changers --flows @illicit,@money,@asset --format csv
run cut-classes cut --from @criminal --to @legal --layer all
run cut-capacity cut $CAV --from p1 --to p89 --capacity weight
run cut-montagna cut $MM --from N18 --to N68 --actors --undirected
run cut-laundering cut $LAUND --from clan --to re --format json

# --- whatif ----------------------------------------------------------------------------------------------
run whatif-remove whatif --remove coca-processors,peruvian-traffickers,shining-path
run whatif-remove2 whatif --remove puno-clans,interior-clans,pm-money-changers --format json
run whatif-remove-watch whatif --remove sanchez-paredes --watch cupaz:caesar-acuna
run whatif-remove-watch-all whatif --layer all --remove sanchez-paredes --watch illegal-miners:legit-mines,interior-clans:re-trujillo --top 6
run whatif-cut whatif --layer all --cut se-illegal-miners:peru-bolivia-border:gold --cut puno-clans:peru-bolivia-border --top 5
run whatif-drop-kind whatif --drop-kind cash --drop-kind @asset --measure pagerank --top 8
run whatif-add whatif --add sanchez-paredes:legit-mines:cash --add dea:pnp --measure degree --all
run whatif-scenario-mercurio whatif --layer all --scenario in/examples/peru-mercurio.json --top 5
run whatif-scenario-mercurio-json whatif --layer all --scenario in/examples/peru-mercurio.json --format json
run whatif-scenario-strength whatif --layer all --scenario in/examples/peru-scenarios.json --strength strength --top 8
run whatif-route-flows whatif --layer all --strength strength --watch dini:armed-forces --route-flows . --remove dea --top 6
run whatif-chains-pattern whatif --remove illegal-miners --pattern '@illicit @money+' --chains-shown 3 --max-hops 4
run whatif-anywhere whatif --remove pm-money-changers --anywhere --limit 200 --top 5
run whatif-capacity whatif --remove illegal-miners --capacity volume --watch @criminal:@legal --top 5
run whatif-raw-csv whatif --remove sanchez-paredes --raw --measure betweenness --format csv
run whatif-budget whatif --remove pm-money-changers --budget 100 --top 3
run whatif-attack-seq whatif $MM --attack betweenness --steps 5
run whatif-attack-static whatif $MM --attack degree --steps 8 --mode static --format json
run whatif-attack-random whatif $MM --attack random --steps 5 --runs 1000 --seed 1
run whatif-attack-random-seed whatif $MP --attack random --steps 4 --runs 50 --seed 42 --format csv
run whatif-attack-peru whatif --layer all --attack pagerank --steps 6
run whatif-attack-caviar whatif $CAV --where phase=6 --attack betweenness --steps 4 --threads 2
run whatif-remove-threads2 whatif --remove puno-clans,interior-clans,pm-money-changers --threads 2 --format json
run whatif-montagna-remove whatif $MM --remove N18 --measure closeness --top 10
run whatif-output whatif --remove sanchez-paredes -o files/whatif.json

# --- keyplayers ------------------------------------------------------------------------------------------
run kp-builtin keyplayers --k 3
run kp-candidates keyplayers --k 3 --candidates @criminal
run kp-flows keyplayers --k 3 --flows @illicit,@money,@asset --candidates @criminal --format json
run kp-reach keyplayers --k 3 --objective reach --distance 2
run kp-reach-csv keyplayers --k 2 --objective reach --format csv --layer all
run kp-montagna keyplayers $MM --k 5
run kp-montagna-seed keyplayers $MM --k 4 --seed 9 --starts 5
run kp-exhaustive keyplayers $LAUND --k 2 --exhaustive
run kp-exhaustive-peru keyplayers --k 2 --exhaustive --candidates @criminal --active
run kp-max-steps keyplayers $CAV --k 3 --max-steps 1000
run kp-caviar-active keyplayers $CAV --k 3 --where phase=6 --active --undirected

# --- dot -------------------------------------------------------------------------------------------------
run dot-builtin dot
run dot-layer-all dot --layer all
run dot-highlight-chains dot $P --highlight-chains 'cash gold'
run dot-highlight-default dot --flows @illicit,@money,@asset --hide-isolated --cluster country --size-by betweenness --highlight-chains
run dot-highlight-path dot --highlight-path coca-processors:re-cono-norte --flows @illicit,@money,@asset
run dot-focus dot --focus illegal-miners --depth 2 --merge --rankdir TB
run dot-community dot --layer all --cluster community --color-by community --no-edge-labels --no-legend
run dot-region dot --cluster region --pen volume --wrap 0 --fade @enforcement,@tie --layer all
run dot-chain-opts dot --highlight-chains --chain-from @criminal --chain-to @legal --chain-max-hops 4 --chain-top 3 --chain-limit 100
run dot-caviar dot $CAV --where phase=6 --hide-isolated --no-edge-labels --size-by pagerank
run dot-montagna dot $MM --strength weight --size-by degree --merge
run dot-hostile dot $HOST
run dot-output dot --layer all -o files/peru.dot

# --- render (only with Graphviz, only SVG) ---------------------------------------------------------------
if env -i PATH="$RUN_PATH" sh -c 'command -v dot' >/dev/null 2>&1; then
    run render-svg render -o files/peru.svg --layer all
    run render-chains render -o files/peru-chains.svg --flows @illicit,@money,@asset --hide-isolated --cluster country --size-by betweenness --highlight-chains
    run render-neato render -o files/focus-neato.svg --layout neato --focus illegal-miners --merge
    run render-route render -o files/route.svg --highlight-path coca-processors:re-cono-norte --flows @illicit,@money,@asset
    run render-err-extension render -o files/picture.txt
else
    echo "snapshot.sh: Graphviz's dot is not installed: render not snapshotted" >&2
fi

# --- errors ----------------------------------------------------------------------------------------------
run err-no-subcommand
run err-unknown-subcommand centralty
run err-unknown-option centrality --bogus
run err-missing-file info in/graphs/nope.json
run err-unknown-format info in/bad/network.txt
run err-json-syntax info in/bad/syntax.json
run err-json-truncated validate in/bad/truncated.json
run err-json-garbage centrality in/bad/garbage.json
run err-duplicate-actor centrality in/bad/duplicate.json
run err-flow-unknown-actor info in/bad/unknown-actor.json
run err-bad-values centrality in/bad/values.json
run err-csv-ragged info in/bad/ragged.csv
run err-csv-no-target info in/bad/no-target.csv
STDIN=in/bad/syntax.json run err-stdin info -
run err-unknown-actor paths --from peruvian-trafficker --to legit-mines
run err-unknown-actor-whatif whatif --remove sanchez-parede
run err-unknown-actor-cut cut --from illegal-miner --to re-trujillo
run err-unknown-flow-kind centrality --flows gld
run err-unknown-flow-class info --flows @mony
run err-bad-where centrality --where 'confidence~0.5'
run err-bad-where-field info --where 'phase>x'
run err-bad-since info --since 2020-13-01
run err-bad-min-confidence info --min-confidence 1.5
run err-unknown-layer centrality --layer criminal
run err-unknown-measure centrality -m betweeness
run err-unknown-pair-measure pairs -m bogus
run err-bad-pattern chains --pattern 'cash (gold'
run err-pattern-unknown-kind chains --pattern 'cocaine gld'
run err-missing-to paths --from dea
run err-keyplayers-k0 keyplayers --k 0
run err-keyplayers-k-too-big keyplayers $LAUND --k 50
run err-bad-cut-spec whatif --cut dea
run err-scenario-missing whatif --scenario in/examples/nope.json
run err-scenario-bad-actor whatif --scenario in/scenario-bad.json
run err-attack-steps whatif $MM --attack betweenness --steps 0
run err-bad-format info --format xml
run err-output-dir info -o files/no-such-dir/info.json
run err-convert-no-output convert $P
run err-pattern-actor-class chains --pattern '@legal'
run err-convert-unknown-ext convert $P files/peru.xyz
run err-bad-highlight-path dot --highlight-path coca-processors
run err-sources-missing validate $P --sources in/no-such-dir
run err-weight-not-a-field centrality $MM --weight wieght -m betweenness

echo "snapshot.sh: $COUNT invocations written to $OUT" >&2
if [[ ${#MASKED[@]} -gt 0 ]]; then
    echo "snapshot.sh: masked in ${#MASKED[@]}: ${MASKED[*]}" >&2
fi
