"""Exact betweenness of a large network on Apache Spark, with the netgraph binary on every executor.

The sources are split into N blocks (block I holds the actors at positions p with p mod N = I - 1).
Each Spark task runs

    netgraph centrality NETWORK --measure betweenness --raw --sources I/N [OPTIONS]

on an executor, the driver collects the N partial results and adds them up with `netgraph merge`,
which writes the scores (normalised as `netgraph centrality` normalises them, ranked, as a table,
CSV or JSON by the output's extension) atomically. The scores equal a single-machine run to
rounding (the additions run in another order); see docs/scale.md.

The same file runs on a laptop and on a cluster:

    python scripts/spark/netgraph_betweenness.py net.json 8 scores.json            # local[*]
    spark-submit --master local[2] scripts/spark/netgraph_betweenness.py net.json 8 scores.json
    spark-submit --master yarn --num-executors 16 scripts/spark/netgraph_betweenness.py \\
        /shared/net.json 64 scores.csv --shared --netgraph /opt/netgraph/bin/netgraph \\
        -- --weight cost --undirected

Options of netgraph centrality after `--` are passed to every block (filters, weights,
--endpoints, --active). The network file is shipped to the executors with SparkContext.addFile
unless --shared says every executor reads it at the same path. The netgraph binary must be on
every executor at --netgraph (default $NETGRAPH_BIN, else `netgraph` on PATH), or shipped with
--ship-netgraph (built for the executors' platform).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time


def parse(argv):
    p = argparse.ArgumentParser(
        prog="netgraph_betweenness.py",
        description="Exact betweenness on Spark: N blocks of sources, one netgraph per block, merged.",
        epilog="Options after -- go to every `netgraph centrality` (filters, --weight, --undirected, ...).",
    )
    p.add_argument("network", help="the network file (.json, .csv, .graphml or .gexf)")
    p.add_argument("blocks", type=int, help="how many blocks of sources (Spark tasks), 1 up")
    p.add_argument("output", help="the merged scores: .json, .csv, or a table (.txt); - for stdout")
    p.add_argument(
        "--netgraph",
        default=os.environ.get("NETGRAPH_BIN") or "netgraph",
        help="the netgraph binary on the executors and the driver [default: $NETGRAPH_BIN, else netgraph on PATH]",
    )
    p.add_argument(
        "--ship-netgraph",
        action="store_true",
        help="ship the driver's netgraph binary to the executors (SparkContext.addFile)",
    )
    p.add_argument(
        "--shared",
        action="store_true",
        help="every executor reads NETWORK at the same path (a shared file system): do not ship it",
    )
    p.add_argument(
        "--master",
        help="Spark master URL [default: spark-submit's --master, else local[*]]",
    )
    p.add_argument(
        "--threads",
        type=int,
        help="netgraph threads per task [default: spark.task.cpus, 1 unless set]",
    )
    p.add_argument("--raw", action="store_true", help="unnormalised scores (netgraph merge --raw)")
    p.add_argument("--top", type=int, help="only the N highest-ranked actors")
    p.add_argument("--format", choices=["table", "csv", "json"], help="[default: by the output's extension]")
    p.add_argument("--parts", help="keep the partial results in this folder (default: a temporary one)")
    if "--" in argv:
        cut = argv.index("--")
        args, extra = p.parse_args(argv[:cut]), argv[cut + 1 :]
    else:
        args, extra = p.parse_args(argv), []
    if args.blocks < 1:
        p.error(f"blocks: {args.blocks} is not a whole number from 1 up")
    if args.top is not None and args.top < 1:
        p.error(f"--top: {args.top} is not a whole number from 1 up")
    if not os.path.isfile(args.network):
        p.error(f"{args.network}: no such file")
    binary = shutil.which(args.netgraph) or (args.netgraph if os.path.isfile(args.netgraph) else None)
    if binary is None:
        p.error(f"--netgraph {args.netgraph}: no such program (build netgraph, or set NETGRAPH_BIN)")
    args.netgraph = os.path.abspath(binary)
    return args, extra


def block_task(network, shipped, binary, ship_binary, blocks, threads, extra):
    """The function each Spark task runs: one block, returned as (block index, partial JSON)."""

    def run(index):
        from pyspark import SparkFiles

        path = SparkFiles.get(os.path.basename(network)) if shipped else network
        program = binary
        if ship_binary:
            program = SparkFiles.get(os.path.basename(binary))
            os.chmod(program, 0o755)
        command = [
            program,
            "centrality",
            path,
            "--measure",
            "betweenness",
            "--raw",
            "--sources",
            f"{index + 1}/{blocks}",
            "--threads",
            str(threads),
            *extra,
        ]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(
                f"block {index + 1}/{blocks}: netgraph exited {done.returncode}: {done.stderr.strip()}"
            )
        return index, done.stdout

    return run


def main(argv=None):
    args, extra = parse(sys.argv[1:] if argv is None else argv)
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    conf = SparkConf().setAppName("netgraph-betweenness")
    if args.master:
        conf.setMaster(args.master)
    # Else spark-submit's --master, or local[*] when run by python itself.
    started = time.monotonic()
    spark = SparkSession.builder.config(conf=conf).getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel(os.environ.get("NETGRAPH_SPARK_LOG", "WARN"))
    try:
        network = os.path.abspath(args.network)
        if not args.shared:
            sc.addFile(network)
        if args.ship_netgraph:
            sc.addFile(args.netgraph)
        threads = args.threads or int(sc.getConf().get("spark.task.cpus", "1"))
        task = block_task(network, not args.shared, args.netgraph, args.ship_netgraph, args.blocks, threads, extra)
        try:
            parts = sc.parallelize(range(args.blocks), args.blocks).map(task).collect()
        except Exception as e:  # Py4JJavaError: the task's own error is in its text
            failed = [line.strip() for line in str(e).splitlines() if "netgraph exited" in line]
            reason = failed[0].removeprefix("RuntimeError: ") if failed else str(e).splitlines()[0]
            print(f"error: the Spark job failed: {reason}", file=sys.stderr)
            return 1
    finally:
        spark.stop()
    computed = time.monotonic() - started

    keep = args.parts
    folder = keep or tempfile.mkdtemp(prefix="netgraph-parts-")
    try:
        os.makedirs(folder, exist_ok=True)
        files = []
        for index, text in sorted(parts):
            path = os.path.join(folder, f"part-{index + 1:05d}-of-{args.blocks:05d}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            files.append(path)
        command = [args.netgraph, "merge", *files, "-o", args.output]
        if args.raw:
            command.append("--raw")
        if args.top:
            command += ["--top", str(args.top)]
        if args.format:
            command += ["--format", args.format]
        # netgraph writes -o atomically (a temporary file in the same folder, then a rename).
        merged = subprocess.run(command)
        if merged.returncode != 0:
            return merged.returncode
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(
        f"netgraph_betweenness: {args.blocks} blocks computed in {computed:.1f} s and merged into {args.output}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
