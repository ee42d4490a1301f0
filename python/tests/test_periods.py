"""`by` (and `track` for centrality) run one analysis per period, as `--by`/`--track` do on the
command line: the same dict, notes and warnings, and errors."""

import pytest

from conftest import ROOT

CAVIAR = "graphs/caviar.json"

# (function, the command line's arguments, the call's positional arguments after the network,
# its keyword arguments); arguments starting with a file run on that file, else on Peru.
CALLS = [
    ("centrality", [CAVIAR, "--by", "phase", "-m", "betweenness", "--track", "p1,p12"], [], {"measure": "betweenness", "by": "phase", "track": ["p1", "p12"]}),
    ("centrality", [CAVIAR, "--by", "phase", "--top", "2"], [], {"by": "phase", "top": 2}),
    ("centrality", ["--by", "year", "--layer", "all", "-m", "degree"], [], {"by": "year", "layer": "all", "measure": "degree"}),
    ("info", [CAVIAR, "--by", "phase"], [], {"by": "phase"}),
    ("info", ["--by", "quarter", "--since", "2020"], [], {"by": "quarter", "since": "2020"}),
    ("keyplayers", [CAVIAR, "--k", "2", "--by", "phase"], [2], {"by": "phase"}),
]

ERRORS = [
    ("centrality", ["--track", "x"], [], {"track": "x"}),
    ("centrality", [CAVIAR, "--by", "phse"], [], {"by": "phse"}),
    ("centrality", [CAVIAR, "--by", "phase", "--track", "p300"], [], {"by": "phase", "track": "p300"}),
    ("info", ["--by", "year", "--documents"], [], {"by": "year", "documents": True}),
    ("keyplayers", [CAVIAR, "--k", "2", "--by", "month"], [2], {"by": "month"}),
]


def ident(case):
    return " ".join([case[0], *case[1]])


def network(ng, peru, args):
    if args and not args[0].startswith("-"):
        return ng.load(ROOT / args[0])
    return peru


@pytest.mark.parametrize("case", CALLS, ids=ident)
def test_periods_equal_the_command_line(ng, cli, peru, call, case):
    command, args, positional, kw = case
    expected, expected_messages = cli.json(command, *args)
    result, messages = call(getattr(ng, command), network(ng, peru, args), *positional, **kw)
    assert not isinstance(result, Exception), result
    assert result == expected
    assert messages == expected_messages


@pytest.mark.parametrize("case", ERRORS, ids=ident)
def test_errors_equal_the_command_lines(ng, cli, peru, call, case):
    command, args, positional, kw = case
    message, expected_messages = cli.error(command, *args)
    result, messages = call(getattr(ng, command), network(ng, peru, args), *positional, **kw)
    assert isinstance(result, ValueError), result
    assert str(result) == message
    assert messages == expected_messages
