"""Every analysis lifted into the core returns what its command prints with `--format json`, with
the same notes and warnings, and raises its errors as ValueError with the same message.

Each case: (command, the command line's arguments, the Python call's positional arguments after
the network, its keyword arguments); a case whose arguments start with a file runs on that file.
"""

import pytest

from conftest import ROOT, absent

MONTAGNA = "graphs/montagna-meetings.json"

CALLS = [
    ("chains", [], [], {}),
    ("chains", ["--top", "3", "--chains"], [], {"top": 3, "chains": True}),
    ("chains", ["--pattern", "@money @illicit+", "--from", "peruvian-traffickers"], ["@money @illicit+"], {"from_": "peruvian-traffickers"}),
    ("chains", ["--rank", "volume", "--max-hops", "4", "--ignore-time", "--layer", "all"], [], {"rank": "volume", "max_hops": 4, "ignore_time": True, "layer": "all"}),
    ("chains", ["--anywhere", "--pattern", "@money+", "--limit", "20"], [], {"anywhere": True, "pattern": "@money+", "limit": 20}),
    ("chains", ["--budget", "5"], [], {"budget": 5}),
    ("paths", ["--from", "peruvian-traffickers", "--to", "legit-mines", "--k", "3"], ["peruvian-traffickers", "legit-mines"], {"k": 3}),
    ("paths", ["--from", "se-illegal-miners", "--to", "bolivian-mines", "--widest"], ["se-illegal-miners", "bolivian-mines"], {"widest": True}),
    ("paths", ["--from", "sanchez-paredes,peruvian-traffickers", "--to", "legit-mines", "--k", "2", "--avoid", "tren-de-aragua", "--layer", "all"], [["sanchez-paredes", "peruvian-traffickers"], "legit-mines"], {"k": 2, "avoid": ["tren-de-aragua"], "layer": "all"}),
    ("cut", ["--from", "se-illegal-miners", "--to", "bolivian-mines", "--actors"], ["se-illegal-miners", "bolivian-mines"], {"actors": True}),
    ("cut", ["--from", "se-illegal-miners", "--to", "bolivian-mines", "--capacity", "volume"], ["se-illegal-miners", "bolivian-mines"], {"capacity": "volume"}),
    ("cut", ["--from", "peruvian-traffickers", "--to", "legit-mines"], ["peruvian-traffickers", "legit-mines"], {}),
    ("whatif", ["--remove", "sanchez-paredes", "--watch", "cupaz:caesar-acuna"], [], {"remove": "sanchez-paredes", "watch": "cupaz:caesar-acuna"}),
    ("whatif", ["--cut", "se-illegal-miners:bolivian-mines", "--measure", "pagerank", "--top", "5"], [], {"cut": "se-illegal-miners:bolivian-mines", "measure": "pagerank", "top": 5}),
    ("whatif", ["--add", "tren-de-aragua:legit-mines:gold", "--drop-kind", "bribe"], [], {"add": ["tren-de-aragua:legit-mines:gold"], "drop_kind": "bribe"}),
    ("whatif", [MONTAGNA, "--attack", "betweenness", "--steps", "5"], [], {"attack": "betweenness", "steps": 5}),
    ("whatif", [MONTAGNA, "--attack", "random", "--steps", "3", "--runs", "10", "--seed", "4"], [], {"attack": "random", "steps": 3, "runs": 10, "seed": 4}),
    ("keyplayers", ["--k", "3"], [3], {}),
    ("keyplayers", ["--k", "3", "--candidates", "@criminal"], [3], {"candidates": "@criminal"}),
    ("keyplayers", ["--k", "2", "--objective", "reach", "--distance", "2", "--active"], [2], {"objective": "reach", "distance": 2, "active": True}),
    ("groups", [], [], {}),
    ("groups", [MONTAGNA, "--method", "louvain", "--seed", "3", "--weight", "weight"], ["louvain"], {"seed": 3, "weight": "weight"}),
    ("groups", ["--method", "weak", "--layer", "all"], [], {"method": "weak", "layer": "all"}),
    ("pairs", [], [], {}),
    ("pairs", ["-m", "all", "--top", "5", "--undirected"], ["all"], {"top": 5, "undirected": True}),
    ("info", [], [], {}),
    ("info", ["--documents"], [], {"documents": True}),
    ("info", ["--layer", "criminal-economy", "--active"], [], {"layer": "criminal-economy", "active": True}),
    ("info", [MONTAGNA], [], {}),
    ("validate", ["--strict"], [], {"strict": True}),
]

ERRORS = [
    ("chains", ["--rank", "foo"], [], {"rank": "foo"}),
    ("chains", ["--pattern", "@money ("], ["@money ("], {}),
    ("chains", ["--from", "nobody"], [], {"from_": "nobody"}),
    ("chains", ["--flows", "gld"], [], {"flows": "gld"}),
    ("paths", ["--from", "a", "--to", "b", "--k", "0"], ["a", "b"], {"k": 0}),
    ("paths", ["--from", "a", "--to", "b", "--capacity", "volume"], ["a", "b"], {"capacity": "volume"}),
    ("paths", ["--from", "peruvian-trafickers", "--to", "legit-mines"], ["peruvian-trafickers", "legit-mines"], {}),
    ("cut", ["--from", "a", "--to", "b", "--capacity", "x", "--actors"], ["a", "b"], {"capacity": "x", "actors": True}),
    ("cut", ["--from", "se-illegal-miners", "--to", "bolivian-mine"], ["se-illegal-miners", "bolivian-mine"], {}),
    ("whatif", ["--steps", "3"], [], {"steps": 3}),
    ("whatif", ["--attack", "betweenness", "--remove", "x"], [], {"attack": "betweenness", "remove": "x"}),
    ("whatif", ["--cut", "nocolon"], [], {"cut": "nocolon"}),
    ("whatif", ["--remove", "sanchez-parede"], [], {"remove": "sanchez-parede"}),
    ("whatif", ["--measure", "betwenness"], [], {"measure": "betwenness"}),
    ("keyplayers", ["--k", "0"], [0], {}),
    ("keyplayers", ["--k", "2", "--objective", "fragmnt"], [2], {"objective": "fragmnt"}),
    ("keyplayers", ["--k", "2", "--distance", "2"], [2], {"distance": 2}),
    ("groups", ["--method", "leidn"], ["leidn"], {}),
    ("groups", ["--resolution", "0.0"], [], {"resolution": 0.0}),
    ("pairs", ["-m", "bridges"], ["bridges"], {}),
    ("info", ["--layer", "nope"], [], {"layer": "nope"}),
]


def ident(case):
    return " ".join([case[0], *case[1]])


def analysis(ng, command):
    """The function of a command: missing only in a build from before its lift into the core."""
    if not hasattr(ng, command):
        absent(f"netgraph.{command} is not in this build")
    return getattr(ng, command)


def network(ng, peru, args):
    if args and not args[0].startswith("-"):
        return ng.load(ROOT / args[0])
    return peru


@pytest.mark.parametrize("case", CALLS, ids=ident)
def test_results_equal_the_command_line(ng, cli, peru, call, case):
    command, args, positional, kw = case
    expected, expected_messages = cli.json(command, *args)
    result, messages = call(analysis(ng, command), network(ng, peru, args), *positional, **kw)
    assert not isinstance(result, Exception), result
    assert result == expected
    assert messages == expected_messages


@pytest.mark.parametrize("case", ERRORS, ids=ident)
def test_errors_equal_the_command_lines(ng, cli, peru, call, case):
    command, args, positional, kw = case
    message, expected_messages = cli.error(command, *args)
    result, messages = call(analysis(ng, command), network(ng, peru, args), *positional, **kw)
    assert isinstance(result, ValueError), result
    assert str(result) == message
    assert messages == expected_messages


@pytest.mark.filterwarnings("ignore::netgraph.NetgraphNote")
def test_frames_of_other_analyses(ng, pd, peru):
    analysis(ng, "groups")
    channels = ng.chains(peru, top=3, as_frame=True)
    assert len(channels) == 3 and "entry" in channels.columns
    assert channels.attrs["view"] == ng.chains(peru, top=3)["view"]
    groups = ng.groups(peru, as_frame=True)
    assert len(groups) == len(ng.groups(peru)["groups"])


def test_validate_reads_a_file_without_the_load_checks(ng, cli, tmp_path):
    analysis(ng, "validate")
    path = tmp_path / "dangling.json"
    path.write_text('{"actors": [{"id": "a"}], "flows": [{"from": "a", "to": "b"}]}')
    done = cli.run("validate", path, "--format", "json")
    assert done.returncode == 1
    import json

    expected = json.loads(done.stdout)
    result = ng.validate(path)
    assert result == expected
    assert result["valid"] is False and result["errors"]
    with pytest.raises(ValueError, match="b"):
        ng.load(path)
