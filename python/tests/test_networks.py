"""Networks: loading files as the command line does, and conversion from and to NetworkX."""

import json

import pytest

from conftest import ROOT


def test_peru_is_the_built_in_network(ng, peru):
    assert (len(peru), peru.actor_count, peru.flow_count) == (110, 110, 216)
    assert peru.directed
    assert peru.title == "Peru illicit economies 2025"
    assert peru.origin == "peru.json (built in)"
    assert repr(peru) == '<netgraph.Network "Peru illicit economies 2025": 110 actors, 216 flows, directed>'


@pytest.mark.parametrize(
    "path,args,kw",
    [
        ("graphs/montagna-meetings.json", ["-m", "degree,closeness"], {"measure": "degree,closeness"}),
        ("data/montagna/meetings.csv", ["--weight", "weight", "-m", "betweenness"], {"weight": "weight", "measure": "betweenness"}),
    ],
)
def test_loaded_files_give_the_command_lines_results(ng, cli, call, path, args, kw):
    expected, expected_messages = cli.json("centrality", path, *args)
    net = ng.load(ROOT / path)
    result, messages = call(ng.centrality, net, **kw)
    assert result == expected
    assert messages == expected_messages


def test_load_takes_nodes_and_kinds_files(ng, cli, tmp_path):
    # The actors' attributes with the `id` column a nodes file needs, and Peru's kinds.
    lines = (ROOT / "data/montagna/attributes.csv").read_text().splitlines()
    nodes = tmp_path / "people.csv"
    nodes.write_text("\n".join(["id" + lines[0][len("node") :], *lines[1:]]) + "\n")
    path = ROOT / "data/montagna/meetings.csv"
    kinds = ROOT / "graphs/peru.json"
    args = ["--nodes", nodes, "--kinds", kinds, "-m", "degree", "--top", "3", "--layer", "all"]
    expected, _ = cli.json("centrality", path, *args)
    net = ng.load(path, nodes=nodes, kinds=kinds)
    assert ng.centrality(net, "degree", top=3, layer="all") == expected
    assert net.to_networkx().nodes["N0"]["informant"] == "Y"


def test_gexf_without_kinds_warns_as_the_command_line(ng, cli, call, tmp_path):
    gexf = tmp_path / "peru.gexf"
    assert cli.run("convert", ROOT / "graphs/peru.json", gexf).returncode == 0
    expected, expected_messages = cli.json("centrality", gexf, "-m", "degree", "--top", "2")
    net, load_messages = call(ng.load, gexf)
    assert load_messages == expected_messages
    assert [kind for kind, _ in load_messages] == ["warning"]
    assert ng.centrality(net, "degree", top=2) == expected


@pytest.mark.parametrize(
    "text,name",
    [
        (None, "missing.json"),
        ('{"actors": [{"id": "a"}], "flows": [{"from": "a", "to": "b"}]}', "dangling.json"),
        ('{"actors": [', "broken.json"),
        ("a,b\n", "edges.csv"),
        ("x", "network.txt"),
    ],
)
def test_load_errors_are_the_command_lines(ng, cli, tmp_path, monkeypatch, text, name):
    if text is not None:
        (tmp_path / name).write_text(text)
    # Both run in the file's folder, so that both name it as given.
    done = cli.run("centrality", name, "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.splitlines()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as e:
        ng.load(name)
    assert "error: " + str(e.value) == line


def test_karate_degree_centrality_is_networkxs(ng, nx):
    G = nx.karate_club_graph()
    net = ng.from_networkx(G)
    assert (net.actor_count, net.flow_count, net.directed) == (34, 78, False)
    assert net.title == "Zachary's Karate Club"
    result = ng.centrality(net, ["degree", "betweenness", "closeness"])
    assert result["view"]["flows"] == 78
    scores = {a["id"]: a for a in result["actors"]}
    for measure, reference in [
        ("degree", nx.degree_centrality(G)),
        ("betweenness", nx.betweenness_centrality(G)),
        ("closeness", nx.closeness_centrality(G)),
    ]:
        for node, value in reference.items():
            assert scores[str(node)][measure] == pytest.approx(value, abs=1e-12), (measure, node)
    # Node attributes are actor fields.
    assert scores["0"]["kind"] == "actor"


def test_directed_graphs_stay_directed(ng, nx):
    G = nx.DiGraph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "a"), ("d", "a")])
    G.nodes["d"]["kind"] = "family-clan"
    G.edges["a", "b"]["kind"] = "gold"
    net = ng.from_networkx(G, name="tiny")
    assert net.directed and net.title == "tiny"
    result = ng.centrality(net, ["in_degree", "out_degree"], layer="all")
    rows = {a["id"]: a for a in result["actors"]}
    assert {k: rows[k]["in_degree"] for k in G} == pytest.approx(nx.in_degree_centrality(G))
    assert {k: rows[k]["out_degree"] for k in G} == pytest.approx(nx.out_degree_centrality(G))
    assert rows["d"]["kind"] == "family-clan"
    back = net.to_networkx()
    assert back.nodes["d"]["kind"] == "family-clan"
    assert [d.get("kind") for _, _, d in back.edges(data=True)] == ["gold", None, None, None, None]


def test_peru_round_trips_through_networkx(ng, nx, peru):
    G = peru.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    assert (G.number_of_nodes(), G.number_of_edges()) == (110, 216)
    assert G.graph["name"] == "Peru illicit economies 2025"
    assert "kinds" in G.graph and "documents" in G.graph
    assert G.nodes["tren-de-aragua"]["kind"] == peru_kind(peru, "tren-de-aragua")
    again = ng.from_networkx(G)
    assert (again.actor_count, again.flow_count, again.directed) == (110, 216, True)
    # NetworkX lists edges by their first actor: the same flows, in another order.
    a, b = json.loads(again.to_json()), json.loads(peru.to_json())
    assert a["actors"] == b["actors"] and a["kinds"] == b["kinds"]
    key = lambda f: json.dumps(f, sort_keys=True)
    assert sorted(map(key, a["flows"])) == sorted(map(key, b["flows"]))
    assert ng.centrality(again, "all", layer="all") == ng.centrality(peru, "all", layer="all")


def peru_kind(ng_net, actor):
    return next(a.get("kind") for a in json.loads(ng_net.to_json())["actors"] if a["id"] == actor)


def test_simple_graphs_refuse_parallel_flows(ng, nx, peru):
    with pytest.raises(ValueError, match="two flows join these actors"):
        peru.to_networkx(multigraph=False)
    G = ng.from_networkx(nx.karate_club_graph()).to_networkx(multigraph=False)
    assert isinstance(G, nx.Graph) and not G.is_multigraph()
    assert sorted(map(sorted, G.edges())) == sorted(sorted(map(str, e)) for e in nx.karate_club_graph().edges())


def test_values_json_cannot_hold_are_written_plainly(ng, nx):
    G = nx.Graph()
    G.add_node(1, score=float("nan"), tags={"x"}, when=(2020, 1))
    G.add_edge(1, 2, weight=2.5, note=object)
    net = ng.from_networkx(G)
    back = net.to_networkx()
    assert back.nodes["1"] == {"score": None, "tags": ["x"], "when": [2020, 1]}
    (_, _, data), = back.edges(data=True)
    assert data["weight"] == 2.5 and data["note"] == str(object)


def test_a_wrong_field_is_a_value_error_naming_it(ng, nx):
    G = nx.Graph()
    G.add_edge("a", "b", confidence="high")
    with pytest.raises(ValueError, match=r"^<networkx>: .*confidence"):
        ng.from_networkx(G)
