"""The Spark job scripts/spark/netgraph_betweenness.py in local mode against one machine's run.

A deterministic 10,000-actor network (docs/scale.md) is split into blocks of sources, each block
run by netgraph on a Spark executor (`spark-submit --master local[2]`), merged on the driver; the
scores must equal `netgraph centrality --measure betweenness` within 1e-12, relative (the additions
run in another order, so not bit for bit), with the same view, actors and ranks.

Needs PySpark and a Java runtime; without them the tests skip saying why, and with
NETGRAPH_REQUIRE_SPARK=1 (as CI runs them) they fail instead. The binary is $NETGRAPH_BIN, else
target/release/netgraph or target/debug/netgraph, whichever is newer.
"""

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JOB = ROOT / "scripts" / "spark" / "netgraph_betweenness.py"
REQUIRED = os.environ.get("NETGRAPH_REQUIRE_SPARK") == "1"


def absent(why):
    if REQUIRED:
        pytest.fail(f"{why} (NETGRAPH_REQUIRE_SPARK=1)")
    pytest.skip(why)


def binary():
    given = os.environ.get("NETGRAPH_BIN")
    if given:
        return Path(given)
    built = [ROOT / "target" / p / "netgraph" for p in ("release", "debug")]
    built = [p for p in built if p.is_file()]
    if not built:
        absent("netgraph is not built (cargo build) and NETGRAPH_BIN is not set")
    return max(built, key=lambda p: p.stat().st_mtime)


def spark_submit():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        absent("pyspark is not installed")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        absent("no Java runtime (java on PATH or JAVA_HOME)")
    beside = Path(sys.executable).parent / "spark-submit"
    found = str(beside) if beside.is_file() else shutil.which("spark-submit")
    if found is None:
        absent("spark-submit (from pyspark) is not found")
    return found


def network(n=10_000, seed=16):
    """A directed network of n actors: a random tree (every actor reaches the first) plus 2n
    random flows, each with a cost of 1 to 4; the last actors have no flow at all."""
    rng = random.Random(seed)
    ids = [f"a{i:05d}" for i in range(n)]
    connected = n - 5
    flows = []
    for i in range(1, connected):
        j = rng.randrange(i)
        flows.append((i, j) if rng.random() < 0.5 else (j, i))
    for _ in range(2 * n):
        a, b = rng.randrange(connected), rng.randrange(connected)
        flows.append((a, b))
    return {
        "directed": True,
        "actors": [{"id": i, "kind": "person" if k % 3 else "company"} for k, i in enumerate(ids)],
        "flows": [{"from": ids[a], "to": ids[b], "kind": "payment", "cost": rng.randint(1, 4)} for a, b in flows],
    }


def env():
    e = dict(os.environ)
    # The executors' Python is the one running the tests (it has pyspark).
    e.setdefault("PYSPARK_PYTHON", sys.executable)
    return e


def close(a, b):
    return abs(a - b) <= 1e-12 * max(abs(a), abs(b))


def test_spark_job_equals_one_machine(tmp_path):
    submit = spark_submit()
    ng = binary()
    net = tmp_path / "net.json"
    net.write_text(json.dumps(network()))
    options = ["--weight", "cost"]
    one = subprocess.run(
        [str(ng), "centrality", str(net), "--measure", "betweenness", "--format", "json", *options],
        capture_output=True,
        text=True,
        check=True,
    )
    whole = json.loads(one.stdout)
    out = tmp_path / "merged.json"
    parts = tmp_path / "parts"
    job = subprocess.run(
        [submit, "--master", "local[2]", str(JOB), str(net), "5", str(out),
         "--netgraph", str(ng), "--parts", str(parts), "--", *options],
        capture_output=True,
        text=True,
        env=env(),
    )
    # spark-submit passes the driver's stderr on to its stdout.
    log = job.stdout + job.stderr
    assert job.returncode == 0, log[-4000:]
    assert "5 blocks computed" in log
    assert sorted(p.name for p in parts.iterdir()) == [f"part-{i:05d}-of-00005.json" for i in range(1, 6)]
    merged = json.loads(out.read_text())
    assert merged["view"] == whole["view"]
    assert merged["measures"] == ["betweenness"]
    assert len(merged["actors"]) == 10_000
    a, b = whole["actors"], merged["actors"]
    assert [x["id"] for x in a] == [x["id"] for x in b]
    assert [x["rank"] for x in a] == [x["rank"] for x in b]
    worst = max(
        (abs(x["betweenness"] - y["betweenness"]) / max(abs(x["betweenness"]), abs(y["betweenness"]))
         for x, y in zip(a, b) if x["betweenness"] or y["betweenness"]),
        default=0.0,
    )
    assert worst <= 1e-12, worst
    # Betweenness is not trivial here: most actors lie on some shortest path.
    assert sum(1 for x in a if x["betweenness"] > 0) > 5_000


def test_spark_job_reports_netgraph_errors(tmp_path):
    submit = spark_submit()
    ng = binary()
    net = tmp_path / "net.json"
    net.write_text(json.dumps(network(50)))
    out = tmp_path / "merged.json"
    job = subprocess.run(
        [submit, "--master", "local[1]", str(JOB), str(net), "2", str(out),
         "--netgraph", str(ng), "--", "--weight", "nosuchfield"],
        capture_output=True,
        text=True,
        env=env(),
    )
    log = job.stdout + job.stderr
    assert job.returncode != 0
    assert 'error: the Spark job failed: block' in log, log[-4000:]
    assert 'unknown flow field "nosuchfield"' in log
    assert not out.exists()
