"""`resample` (with `resample_mode`, `seed`, `top_k`) runs centrality on networks drawn from the
view, as `--resample` does on the command line: the same dict, notes and warnings, and errors."""

import pytest

from conftest import ROOT

CAVIAR = "graphs/caviar.json"

# (the command line's arguments, the call's keyword arguments); arguments starting with a file run
# on that file, else on Peru.
CALLS = [
    (["--resample", "30", "--top", "5"], {"resample": 30, "top": 5}),
    (["--resample", "20", "--seed", "3", "--top-k", "3", "-m", "betweenness,pagerank"],
     {"resample": 20, "seed": 3, "top_k": 3, "measure": ["betweenness", "pagerank"]}),
    ([CAVIAR, "--resample", "10", "--resample-mode", "drop:0.2", "--threads", "1"],
     {"resample": 10, "resample_mode": "drop:0.2", "threads": 1}),
    (["--resample", "50", "--budget", "4"], {"resample": 50, "budget": 4}),
]

ERRORS = [
    (["--top-k", "3"], {"top_k": 3}),
    (["--seed", "3"], {"seed": 3}),
    (["--resample", "0"], {"resample": 0}),
    (["--resample", "5", "--resample-mode", "drop"], {"resample": 5, "resample_mode": "drop"}),
    (["--resample-mode", "bootstrap"], {"resample_mode": "bootstrap"}),
    (["--resample", "5", "--by", "year"], {"resample": 5, "by": "year"}),
]


def ident(case):
    return " ".join(case[0])


def network(ng, peru, args):
    if args and not args[0].startswith("-"):
        return ng.load(ROOT / args[0])
    return peru


@pytest.mark.parametrize("case", CALLS, ids=ident)
def test_resampling_equals_the_command_line(ng, cli, peru, call, case):
    args, kw = case
    expected, expected_messages = cli.json("centrality", *args)
    result, messages = call(ng.centrality, network(ng, peru, args), **kw)
    assert not isinstance(result, Exception), result
    assert result == expected
    assert messages == expected_messages


@pytest.mark.parametrize("case", ERRORS, ids=ident)
def test_errors_equal_the_command_lines(ng, cli, peru, call, case):
    args, kw = case
    message, expected_messages = cli.error("centrality", *args)
    result, messages = call(ng.centrality, network(ng, peru, args), **kw)
    assert isinstance(result, ValueError), result
    assert str(result) == message
    assert messages == expected_messages
