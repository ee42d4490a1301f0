"""netgraph.dot returns the DOT text `netgraph dot` writes, with its messages and errors."""

import pytest

CALLS = [
    ([], {}),
    (["--focus", "tren-de-aragua", "--depth", "2", "--cluster", "country"], {"focus": "tren-de-aragua", "depth": 2, "cluster": "country"}),
    (
        ["--flows", "@illicit,@money,@asset", "--hide-isolated", "--size-by", "betweenness", "--highlight-chains"],
        {"flows": ["@illicit", "@money", "@asset"], "hide_isolated": True, "size_by": "betweenness", "highlight_chains": True},
    ),
    (["--highlight-chains", "@money+", "--chain-top", "3", "--merge", "--rankdir", "TB"], {"highlight_chains": "@money+", "chain_top": 3, "merge": True, "rankdir": "TB"}),
    (["--highlight-path", "peruvian-traffickers:legit-mines", "--no-legend", "--wrap", "0"], {"highlight_path": "peruvian-traffickers:legit-mines", "no_legend": True, "wrap": 0}),
    (["--color-by", "community", "--pen", "volume", "--layer", "all", "--fade", "@enforcement"], {"color_by": "community", "pen": "volume", "layer": "all", "fade": "@enforcement"}),
]


@pytest.mark.parametrize("args,kw", CALLS, ids=lambda x: " ".join(x) if isinstance(x, list) else None)
def test_dot_equals_the_command_line(ng, cli, peru, call, args, kw):
    done = cli.run("dot", *args)
    assert done.returncode == 0, done.stderr
    from conftest import messages

    text, got = call(ng.dot, peru, **kw)
    assert text == done.stdout
    assert got == messages(done.stderr)


ERRORS = [
    (["--depth", "2"], {"depth": 2}),
    (["--chain-top", "2"], {"chain_top": 2}),
    (["--highlight-chains", "--highlight-path", "a:b"], {"highlight_chains": True, "highlight_path": "a:b"}),
    (["--cluster", "countries"], {"cluster": "countries"}),
    (["--size-by", "betweeness"], {"size_by": "betweeness"}),
    (["--focus", "tren-de-aragu"], {"focus": ["tren-de-aragu"]}),
    (["--highlight-chains", "@money ("], {"highlight_chains": "@money ("}),
    (["--highlight-chains", "--chain-top", "0"], {"highlight_chains": True, "chain_top": 0}),
]


@pytest.mark.parametrize("args,kw", ERRORS, ids=lambda x: " ".join(x) if isinstance(x, list) else None)
def test_dot_errors_are_the_command_lines(ng, cli, peru, call, args, kw):
    done = cli.run("dot", *args)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.split("\n\n")[0].splitlines()
    message = " ".join(line.strip() for line in lines)[len("error: ") :]
    result, _ = call(ng.dot, peru, **kw)
    assert isinstance(result, ValueError), result
    assert str(result) == message
