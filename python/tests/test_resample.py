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


# chains, keyplayers and whatif take the same resampling arguments: (the command, the command
# line's arguments, the call's keyword arguments), arguments as in CALLS.
COMMAND_CALLS = [
    ("chains", ["--resample", "20"], {"resample": 20}),
    ("chains",
     ["--resample", "15", "--resample-mode", "drop:0.2", "--seed", "4", "--top", "3",
      "--threads", "1"],
     {"resample": 15, "resample_mode": "drop:0.2", "seed": 4, "top": 3, "threads": 1}),
    ("chains", ["--resample", "30", "--budget", "5", "--pattern", "@illicit @money+ @asset"],
     {"resample": 30, "budget": 5, "pattern": "@illicit @money+ @asset"}),
    ("keyplayers", ["--k", "2", "--resample", "10"], {"k": 2, "resample": 10}),
    ("keyplayers",
     ["--k", "3", "--objective", "reach", "--resample", "8", "--resample-mode", "bootstrap",
      "--seed", "7", "--threads", "1"],
     {"k": 3, "objective": "reach", "resample": 8, "resample_mode": "bootstrap", "seed": 7,
      "threads": 1}),
    ("keyplayers", [CAVIAR, "--k", "2", "--resample", "6", "--resample-mode", "drop-actors:0.1"],
     {"k": 2, "resample": 6, "resample_mode": "drop-actors:0.1"}),
    ("whatif", ["--remove", "peruvian-traffickers", "--resample", "10"],
     {"remove": "peruvian-traffickers", "resample": 10}),
    ("whatif",
     ["--remove", "coca-processors", "--resample", "8", "--resample-mode", "drop:0.1", "--seed",
      "5", "-m", "pagerank", "--threads", "1"],
     {"remove": ["coca-processors"], "resample": 8, "resample_mode": "drop:0.1", "seed": 5,
      "measure": "pagerank", "threads": 1}),
    ("whatif", ["--remove", "peruvian-traffickers", "--resample", "20", "--budget", "3"],
     {"remove": "peruvian-traffickers", "resample": 20, "budget": 3}),
]

COMMAND_ERRORS = [
    ("chains", ["--seed", "3"], {"seed": 3}),
    ("chains", ["--threads", "1"], {"threads": 1}),
    ("chains", ["--resample-mode", "bootstrap"], {"resample_mode": "bootstrap"}),
    ("chains", ["--resample", "0"], {"resample": 0}),
    ("chains", ["--resample", "5", "--resample-mode", "drop:1"],
     {"resample": 5, "resample_mode": "drop:1"}),
    ("keyplayers", ["--k", "2", "--resample", "5", "--by", "year"],
     {"k": 2, "resample": 5, "by": "year"}),
    ("keyplayers", ["--k", "2", "--threads", "2"], {"k": 2, "threads": 2}),
    ("keyplayers", ["--k", "2", "--resample-mode", "drop:0.1"],
     {"k": 2, "resample_mode": "drop:0.1"}),
    ("keyplayers", ["--k", "2", "--resample", "1000001"], {"k": 2, "resample": 1000001}),
    ("keyplayers", ["--k", "2", "--resample", "5", "--resample-mode", "bootstrapp"],
     {"k": 2, "resample": 5, "resample_mode": "bootstrapp"}),
    ("whatif", ["--attack", "degree", "--resample", "5"], {"attack": "degree", "resample": 5}),
    ("whatif", ["--attack", "degree", "--resample-mode", "bootstrap"],
     {"attack": "degree", "resample_mode": "bootstrap"}),
    ("whatif", ["--remove", "peruvian-traffickers", "--seed", "3"],
     {"remove": "peruvian-traffickers", "seed": 3}),
    ("whatif", ["--remove", "peruvian-traffickers", "--resample-mode", "bootstrap"],
     {"remove": "peruvian-traffickers", "resample_mode": "bootstrap"}),
    ("whatif", ["--remove", "x", "--weight", "a", "--strength", "b", "--resample-mode", "drop"],
     {"remove": "x", "weight": "a", "strength": "b", "resample_mode": "drop"}),
    ("whatif", ["--remove", "peruvian-traffickers", "--resample=-1"],
     {"remove": "peruvian-traffickers", "resample": -1}),
]


def command_ident(case):
    return " ".join([case[0], *case[1]])


@pytest.mark.parametrize("case", COMMAND_CALLS, ids=command_ident)
def test_commands_resampled_equal_the_command_line(ng, cli, peru, call, case):
    command, args, kw = case
    expected, expected_messages = cli.json(command, *args)
    result, messages = call(getattr(ng, command), network(ng, peru, args), **kw)
    assert not isinstance(result, Exception), result
    assert result == expected
    assert messages == expected_messages
    draws = result["resample"]
    assert draws["asked"] == kw["resample"]
    assert draws["seed"] == kw.get("seed", 1 if command == "keyplayers" else 0)
    assert draws["mode"] == kw.get("resample_mode", "confidence")
    if "budget" in kw:
        assert draws["draws"] == kw["budget"] and draws["truncated"] is True
        assert any(kind == "warning" and "--budget" in text for kind, text in messages)
    else:
        assert draws["draws"] == kw["resample"] and draws["truncated"] is False


@pytest.mark.parametrize("case", COMMAND_ERRORS, ids=command_ident)
def test_commands_refuse_as_the_command_line(ng, cli, peru, call, case):
    command, args, kw = case
    message, expected_messages = cli.error(command, *args)
    result, messages = call(getattr(ng, command), network(ng, peru, args), **kw)
    assert isinstance(result, ValueError), result
    assert str(result) == message
    assert messages == expected_messages


def test_refusals_say_why(ng, peru):
    with pytest.raises(ValueError, match="^--resample applies to scenarios, not to --attack$"):
        ng.whatif(peru, attack="degree", resample=5)
    with pytest.raises(ValueError, match="^--seed needs --attack random or --resample$"):
        ng.whatif(peru, remove="peruvian-traffickers", seed=3)
    with pytest.raises(ValueError, match="--resample and --by cannot be combined"):
        ng.keyplayers(peru, 2, resample=5, by="year")
    for f, kw in [(ng.chains, {}), (ng.keyplayers, {"k": 2})]:
        with pytest.raises(ValueError, match="^the following required arguments were not "
                           "provided: --resample <N>$"):
            f(peru, resample_mode="bootstrap", **kw)


# (the function, its keyword arguments, a figure of the result that depends on the draws)
SEEDED = [
    ("chains", {"resample": 20}, lambda r: [c["exists"] for c in r["channels"]]),
    ("keyplayers", {"k": 2, "resample": 20}, lambda r: [m["chosen"] for m in r["members"]]),
    ("whatif", {"remove": "peruvian-traffickers", "resample": 10},
     lambda r: [(f["mean"], f["p05"], f["p95"]) for f in r["resample"]["figures"]]),
]


@pytest.mark.parametrize("case", SEEDED, ids=lambda case: case[0])
def test_a_seed_reproduces_on_any_threads(ng, peru, case):
    command, kw, figure = case
    f = getattr(ng, command)
    first = f(peru, seed=11, threads=1, **kw)
    again = f(peru, seed=11, threads=2, **kw)
    other = f(peru, seed=12, threads=1, **kw)
    assert first == again
    assert first["resample"]["seed"] == 11 and other["resample"]["seed"] == 12
    assert figure(first) != figure(other)
    assert all(x is not None for x in figure(first))
