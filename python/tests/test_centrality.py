"""netgraph.centrality returns what `netgraph centrality --format json` prints, gives its notes and
warnings as Python warnings, and raises its errors as ValueError with the same message."""

import pytest

# (command-line arguments, the same call's keyword arguments)
CALLS = [
    ([], {}),
    (["-m", "pagerank,degree", "--top", "5"], {"measure": "pagerank,degree", "top": 5}),
    (["-m", "all", "--layer", "all"], {"measure": "all", "layer": "all"}),
    (["-m", "betweenness", "--epsilon", "0.2", "--seed", "7"], {"measure": ["betweenness"], "epsilon": 0.2, "seed": 7}),
    (
        ["-m", "chain_betweenness,degree", "--max-hops", "4"],
        {"measure": ["chain_betweenness", "degree"], "max_hops": 4},
    ),
    (["-m", "brokerage", "--groups", "kind"], {"measure": "brokerage", "groups": "kind"}),
    (["-m", "pagerank", "--personalize", "@state"], {"measure": "pagerank", "personalize": ["@state"]}),
    (
        ["-m", "closeness,harmonic", "--undirected", "--active", "--min-confidence", "0.8"],
        {"measure": "closeness,harmonic", "undirected": True, "active": True, "min_confidence": 0.8},
    ),
    (
        ["--flows", "gold,@money", "--weight", "weight", "--since", "2020"],
        {"flows": ["gold", "@money"], "weight": "weight", "since": "2020"},
    ),
    (["--where", "confidence >= 0.8", "-m", "degree"], {"where": "confidence >= 0.8", "measure": "degree"}),
    (["-m", "closeness", "--strength", "strength", "--raw"], {"measure": "closeness", "strength": "strength", "raw": True}),
    # Filters that leave no flow: a warning.
    (["--min-confidence", "1", "--flows", "mercury"], {"min_confidence": 1, "flows": "mercury"}),
    (["--where", "volume > 1e30"], {"where": ["volume > 1e30"]}),
]


@pytest.mark.parametrize("args,kw", CALLS, ids=lambda x: " ".join(x) if isinstance(x, list) else None)
def test_centrality_equals_the_command_line(ng, cli, peru, call, args, kw):
    expected, expected_messages = cli.json("centrality", *args)
    result, got_messages = call(ng.centrality, peru, **kw)
    assert not isinstance(result, Exception), result
    assert result == expected
    assert got_messages == expected_messages


def test_warnings_come_as_netgraph_warnings(ng, peru):
    with pytest.warns(ng.NetgraphWarning, match="left no flow"):
        result = ng.centrality(peru, min_confidence=1, flows="mercury")
    assert result["view"]["flows"] == 0
    with pytest.warns(ng.NetgraphNote, match="lack the field \"weight\""):
        ng.centrality(peru, weight="weight")


ERRORS = [
    (["-m", "foo"], {"measure": "foo"}),
    (["-m", "degree,betwenness"], {"measure": ["degree", "betwenness"]}),
    (["--damping", "1.5"], {"damping": 1.5}),
    (["--top", "0"], {"top": 0}),
    (["--max-iter", "0"], {"max_iter": 0}),
    (["--tol", "0.0"], {"tol": 0.0}),
    (["--epsilon", "1.0"], {"epsilon": 1.0}),
    (["--delta", "0.2"], {"delta": 0.2}),
    (["--seed", "3"], {"seed": 3}),
    (["--epsilon", "0.1", "--endpoints"], {"epsilon": 0.1, "endpoints": True}),
    (["--weight", "weight", "--strength", "strength"], {"weight": "weight", "strength": "strength"}),
    (["--weight", "wieght"], {"weight": "wieght"}),
    (["--min-confidence", "2.0"], {"min_confidence": 2.0}),
    (["--since", "20x"], {"since": "20x"}),
    (["--until", "2020-13"], {"until": "2020-13"}),
    (["--budget", "0", "-m", "chain_betweenness"], {"budget": 0, "measure": "chain_betweenness"}),
    (["--layer", "nope"], {"layer": "nope"}),
    (["--flows", "gld"], {"flows": "gld"}),
    (["--flows", "@state"], {"flows": "@state"}),
    (["--where", "confidence"], {"where": "confidence"}),
    (["--where", "confidenc >= 0.8"], {"where": ["confidenc >= 0.8"]}),
    (["--pattern", "gold"], {"pattern": "gold"}),
    (["--groups", "kind"], {"groups": "kind"}),
    (["--personalize", "nobody"], {"personalize": "nobody", "measure": "degree"}),
    (["-m", "chain_betweenness", "--pattern", "gold > nothing"], {"measure": "chain_betweenness", "pattern": "gold > nothing"}),
]


@pytest.mark.parametrize("args,kw", ERRORS, ids=lambda x: " ".join(x) if isinstance(x, list) else None)
def test_errors_are_the_command_lines(ng, cli, peru, call, args, kw):
    message, expected_messages = cli.error("centrality", *args)
    result, got_messages = call(ng.centrality, peru, **kw)
    assert isinstance(result, ValueError), result
    assert str(result) == message
    assert got_messages == expected_messages


def test_an_unknown_measure_suggests_the_closest(ng, peru):
    with pytest.raises(ValueError, match=r'^unknown measure "betwenness"; did you mean "betweenness"\?'):
        ng.centrality(peru, "betwenness")


def test_options_that_are_not_the_commands_are_type_errors(ng, peru):
    with pytest.raises(TypeError):
        ng.centrality(peru, measures="degree")


def test_frames_have_a_row_per_actor(ng, pd, peru):
    result = ng.centrality(peru, ["degree", "pagerank"], top=4)
    df = ng.centrality(peru, ["degree", "pagerank"], top=4, as_frame=True)
    assert isinstance(df, pd.DataFrame)
    assert list(df.index) == [a["id"] for a in result["actors"]]
    assert list(df.columns) == ["name", "kind", "rank", "active", "degree", "pagerank"]
    assert list(df["pagerank"]) == [a["pagerank"] for a in result["actors"]]
    assert df.attrs["view"] == result["view"]
    assert df.attrs["measures"] == ["degree", "pagerank"]
    pd.testing.assert_frame_equal(ng.frame(result), df)
