"""netgraph: who is central, which chains launder illicit value, and what breaks if an actor
falls — in networks of organised crime.

The analyses of the ``netgraph`` command line, for notebooks::

    import netgraph
    net = netgraph.peru()                      # or netgraph.load("network.json")
    netgraph.centrality(net, ["pagerank", "betweenness"], top=5, as_frame=True)

Each analysis takes the command's options as keyword arguments (``--min-confidence 0.8`` is
``min_confidence=0.8``) and returns the dict that ``netgraph COMMAND --format json`` prints, or a
pandas DataFrame of its rows with ``as_frame=True`` (see :func:`frame`). A mistake in the call
raises ``ValueError`` with the command's one-line message; the command's notes and warnings come
as Python warnings of the categories :class:`NetgraphNote` and :class:`NetgraphWarning`.

:func:`from_networkx` and :meth:`Network.to_networkx` convert from and to NetworkX graphs.
"""

from . import _netgraph
from ._netgraph import Network, NetgraphNote, NetgraphWarning, load, peru
from ._networkx import from_networkx, to_networkx

__all__ = [
    "Network",
    "NetgraphNote",
    "NetgraphWarning",
    "load",
    "peru",
    "from_networkx",
    "to_networkx",
    "frame",
]

# The analyses the native module offers (those lifted into the core so far).
_ANALYSES = [
    "centrality",
    "chains",
    "paths",
    "cut",
    "whatif",
    "keyplayers",
    "groups",
    "pairs",
    "info",
    "validate",
    "dot",
    "betweenness_block",
    "merge",
]
for _name in _ANALYSES:
    if hasattr(_netgraph, _name):
        globals()[_name] = getattr(_netgraph, _name)
        __all__.append(_name)
del _name


def frame(result, rows=None):
    """The rows of an analysis's result as a pandas DataFrame.

    ``rows`` names the list of rows in the result (``"actors"`` for centrality); by default the
    first key whose value is a non-empty list of dicts (else the first list of dicts). Rows with a
    unique ``id`` are indexed by it; the result's other keys (the view, the measures) are kept in
    ``DataFrame.attrs``. A result that is itself a list of rows becomes a DataFrame as it is.
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - the test suite installs pandas
        raise ImportError("netgraph.frame needs pandas (pip install pandas)") from e
    if isinstance(result, list):
        return pd.DataFrame(result)
    if not isinstance(result, dict):
        raise TypeError("netgraph.frame takes the dict or list an analysis returns")
    if rows is None:
        lists = [
            k
            for k, v in result.items()
            if isinstance(v, list) and all(isinstance(x, dict) for x in v)
        ]
        filled = [k for k in lists if result[k]]
        if not lists:
            raise ValueError("this result has no list of rows; give rows=KEY")
        rows = (filled or lists)[0]
    elif rows not in result:
        raise ValueError(f"this result has no {rows!r}; it has {', '.join(result)}")
    df = pd.DataFrame(result[rows])
    if "id" in df.columns and df["id"].is_unique:
        df = df.set_index("id")
    df.attrs.update({k: v for k, v in result.items() if k != rows})
    return df
