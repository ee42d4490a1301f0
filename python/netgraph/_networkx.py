"""Conversion between netgraph networks and NetworkX graphs (through netgraph's JSON format)."""

import json
import math

from . import _netgraph

# Keys of netgraph's JSON that a graph's own attributes cannot stand for.
_STRUCTURE = ("actors", "flows", "directed")
# Keys of a flow that an edge's attributes cannot stand for.
_ENDS = ("from", "to")


def from_networkx(G, name=None):
    """A netgraph Network from a NetworkX graph.

    Every node becomes an actor whose id is ``str(node)``, with the node's attributes as fields
    (``kind``, ``name``, ``country`` … mean what they mean in netgraph's format; others are kept);
    every edge becomes a flow with the edge's attributes (``kind``, ``weight``, ``confidence``,
    ``since`` …). The network is directed when ``G`` is. The graph's attributes become the
    network's (``name``, and ``kinds`` or ``documents`` from :meth:`Network.to_networkx`).
    ``name`` overrides the title. Values JSON cannot hold are written as text; NaN as missing.
    The network is checked as a file is: a mistake raises ValueError naming the field.
    """
    doc = {k: _plain(v) for k, v in G.graph.items() if k not in _STRUCTURE}
    if name is not None:
        doc["name"] = name
    doc["directed"] = bool(G.is_directed())
    doc["actors"] = [
        {"id": str(n), **{k: _plain(v) for k, v in attrs.items() if k != "id"}}
        for n, attrs in G.nodes(data=True)
    ]
    doc["flows"] = [
        {"from": str(u), "to": str(v), **{k: _plain(x) for k, x in attrs.items() if k not in _ENDS}}
        for u, v, attrs in G.edges(data=True)
    ]
    return _netgraph.from_json(json.dumps(doc, allow_nan=False), "<networkx>")


def to_networkx(net, multigraph=True):
    """A NetworkX graph of a netgraph Network.

    A MultiDiGraph (a MultiGraph when the network is undirected): nodes are actor ids with the
    actors' fields as attributes, edges the flows with theirs, in the network's order; the
    network's own fields (name, kinds, documents …) are the graph's attributes. With
    ``multigraph=False`` a DiGraph (Graph), refused with ValueError when two flows join the same
    actors.
    """
    try:
        import networkx as nx
    except ImportError as e:
        raise ImportError("to_networkx needs networkx (pip install networkx)") from e

    doc = json.loads(net.to_json())
    directed = net.directed
    if multigraph:
        G = nx.MultiDiGraph() if directed else nx.MultiGraph()
    else:
        G = nx.DiGraph() if directed else nx.Graph()
    G.graph.update({k: v for k, v in doc.items() if k not in _STRUCTURE})
    for actor in doc.get("actors", []):
        attrs = dict(actor)
        G.add_node(attrs.pop("id"), **attrs)
    for flow in doc.get("flows", []):
        attrs = dict(flow)
        u, v = attrs.pop("from"), attrs.pop("to")
        if not multigraph and G.has_edge(u, v):
            raise ValueError(
                f"flows {u} → {v}: two flows join these actors; a "
                f"{type(G).__name__} holds one edge per pair (use multigraph=True)"
            )
        G.add_edge(u, v, **attrs)
    return G


def _plain(value):
    """A value as JSON can hold it: containers element by element, NumPy scalars as numbers,
    NaN and infinities as missing (None), anything else JSON cannot write as its text."""
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return _plain(item())
        except (TypeError, ValueError):
            pass
    return str(value)
