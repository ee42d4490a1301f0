"""Shared fixtures: the `netgraph` command line to compare with, and calls that record warnings.

The binary is $NETGRAPH_BIN, else the newer of target/release/netgraph and target/debug/netgraph
(built by cargo). Without it, or without the package, networkx or pandas, the tests that need them
are skipped, saying why; with NETGRAPH_REQUIRE_PYTHON=1 (as CI runs them) they fail instead.
"""

import json
import os
import subprocess
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = os.environ.get("NETGRAPH_REQUIRE_PYTHON") == "1"


def absent(why):
    """Skip, or fail when every piece is required."""
    if REQUIRED:
        pytest.fail(f"{why} (NETGRAPH_REQUIRE_PYTHON=1)")
    pytest.skip(why)


def need(module):
    """Import a module the test needs, or skip (fail) saying which."""
    try:
        return __import__(module)
    except ImportError:
        absent(f"{module} is not installed")


@pytest.fixture(scope="session")
def ng():
    return need("netgraph")


@pytest.fixture(scope="session")
def nx():
    return need("networkx")


@pytest.fixture(scope="session")
def pd():
    return need("pandas")


@pytest.fixture(scope="session")
def peru(ng):
    return ng.peru()


def binary():
    given = os.environ.get("NETGRAPH_BIN")
    if given:
        return Path(given)
    built = [ROOT / "target" / p / "netgraph" for p in ("release", "debug")]
    built = [p for p in built if p.is_file()]
    return max(built, key=lambda p: p.stat().st_mtime) if built else None


class Cli:
    """The command line: stdout parsed as JSON, stderr as its note/warning/error lines."""

    def __init__(self, path):
        self.path = path

    def run(self, *args, cwd=None):
        done = subprocess.run(
            [str(self.path), *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            env={**os.environ, "NO_COLOR": "1"},
        )
        return done

    def json(self, *args):
        """The JSON of a successful run and its messages, as (kind, text) pairs."""
        done = self.run(*args, "--format", "json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout), messages(done.stderr)

    def error(self, *args):
        """The error message of a failing run, without "error: ", and the messages before it.

        clap's errors go on over a few lines up to an empty line ("the following required
        arguments were not provided:" and the argument): those lines are joined by a space.
        """
        done = self.run(*args, "--format", "json")
        assert done.returncode in (1, 2), (done.returncode, done.stdout, done.stderr)
        lines = done.stderr.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("error: "))
        first = []
        for line in lines[start:]:
            if not line.strip():
                break
            first.append(line.strip())
        return " ".join(first)[len("error: ") :], messages("\n".join(lines[:start]))


def messages(stderr):
    out = []
    for line in stderr.splitlines():
        for kind in ("note", "warning"):
            if line.startswith(kind + ": "):
                out.append((kind, line[len(kind) + 2 :]))
                break
        else:
            raise AssertionError(f"unexpected stderr line: {line!r}")
    return out


@pytest.fixture(scope="session")
def cli():
    path = binary()
    if path is None or not path.is_file():
        absent("the netgraph binary is not built (cargo build, or set NETGRAPH_BIN)")
    return Cli(path)


@pytest.fixture
def call(ng):
    """call(f, *args, **kw) → (result, messages): the messages as the command line's
    (kind, text) pairs, from the Python warnings the call gave, in order; an exception is
    returned as the result."""

    def call(f, *args, **kw):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = f(*args, **kw)
            except ValueError as e:
                result = e
        kinds = {ng.NetgraphNote: "note", ng.NetgraphWarning: "warning"}
        return result, [(kinds[w.category], str(w.message)) for w in caught if w.category in kinds]

    return call
