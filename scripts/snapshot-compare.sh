#!/usr/bin/env bash
# snapshot-compare.sh BEFORE AFTER
#
# Checks that two netgraph binaries behave the same: snapshots each with scripts/snapshot.sh (every
# subcommand, the shipped networks, error cases; stdout, stderr, exit code and written files) into a
# temporary folder and prints `diff -r` of the two. Exits 0 when they are identical, 1 on any difference
# (the snapshots are kept and their folder named), 2 on a usage error.
#
# BEFORE or AFTER may also be a snapshot folder already made by scripts/snapshot.sh (e.g. a stored
# baseline): it is compared as it is, so it must come from the same version of snapshot.sh and the same
# inputs (graphs/, tests/fixtures/, docs/examples/) as the other side.
#
#     cargo build --release && scripts/snapshot-compare.sh /work/baseline/netgraph-before target/release/netgraph
set -uo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 BEFORE AFTER (each a netgraph binary or a snapshot folder)" >&2
    exit 2
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/netgraph-snapshot.XXXXXX")

# side NAME ARG: the snapshot folder of one side, made from a binary or given as a folder.
side() {
    local name=$1 arg=$2
    if [[ -d $arg ]]; then
        [[ -e $arg/_environment.txt ]] || {
            echo "error: $arg is a folder but not a snapshot (no _environment.txt)" >&2
            return 2
        }
        realpath "$arg"
    elif [[ -f $arg && -x $arg ]]; then
        "$HERE/snapshot.sh" "$arg" "$TMP/$name" >&2 || {
            echo "error: snapshotting $arg failed" >&2
            return 2
        }
        echo "$TMP/$name"
    else
        echo "error: $arg is neither an executable nor a snapshot folder" >&2
        return 2
    fi
}

BEFORE=$(side before "$1") || { rm -rf "$TMP"; exit 2; }
AFTER=$(side after "$2") || { rm -rf "$TMP"; exit 2; }

# Relative names in the diff when both sides are in the temporary folder.
if [[ $BEFORE == "$TMP/before" && $AFTER == "$TMP/after" ]]; then
    (cd "$TMP" && diff -r before after)
else
    diff -r "$BEFORE" "$AFTER"
fi
status=$?
if [[ $status -eq 0 ]]; then
    echo "snapshot-compare: identical ($(find "$BEFORE" -maxdepth 1 -name '*.txt' ! -name '_*' | wc -l) invocations)" >&2
    rm -rf "$TMP"
    exit 0
fi
echo "snapshot-compare: DIFFERENT; the snapshots are in $TMP" >&2
exit 1
