"""netgraph.betweenness_block returns the partial result `netgraph centrality --measure betweenness
--raw --sources I/N` prints, and netgraph.merge adds the blocks as `netgraph merge` does."""

import json

import pytest

SPLITS = [
    (3, {}, []),
    (4, {"undirected": True, "weight": "weight"}, ["--undirected", "--weight", "weight"]),
    (2, {"active": True, "endpoints": True, "layer": "all"}, ["--active", "--endpoints", "--layer", "all"]),
]


def close(a, b):
    return abs(a - b) <= 1e-12 * max(abs(a), abs(b))


@pytest.mark.parametrize("blocks,kw,args", SPLITS)
def test_blocks_and_merge_are_the_command_lines(ng, cli, peru, call, tmp_path, blocks, kw, args):
    parts, files = [], []
    for i in range(1, blocks + 1):
        expected, expected_messages = cli.json("centrality", "-m", "betweenness", "--raw", "--sources", f"{i}/{blocks}", *args)
        got, messages = call(ng.betweenness_block, peru, i, blocks, **kw)
        assert got == expected
        assert messages == expected_messages
        parts.append(got)
        files.append(tmp_path / f"part-{i}.json")
        files[-1].write_text(json.dumps(expected))
    merged, expected_messages = cli.json("merge", *reversed(files))
    assert call(ng.merge, parts) == (merged, expected_messages)
    assert call(ng.merge, [json.dumps(p) for p in parts], top=3)[0] == cli.json("merge", *files, "--top", "3")[0]
    # And the merged scores are a single run's.
    single = [o for o in args if o != "--endpoints"]
    whole, _ = cli.json("centrality", "-m", "betweenness", *single, *(["--endpoints"] if "--endpoints" in args else []))
    assert [a["id"] for a in whole["actors"]] == [a["id"] for a in merged["actors"]]
    assert all(close(a["betweenness"], b["betweenness"]) for a, b in zip(whole["actors"], merged["actors"]))


@pytest.mark.filterwarnings("ignore::netgraph.NetgraphNote")
def test_errors_are_the_command_lines(ng, cli, peru):
    message, _ = cli.error("centrality", "-m", "betweenness", "--raw", "--sources", "4/3")
    with pytest.raises(ValueError) as e:
        ng.betweenness_block(peru, 4, 3)
    assert str(e.value) == message
    one, two = ng.betweenness_block(peru, 1, 3), ng.betweenness_block(peru, 2, 3)
    with pytest.raises(ValueError, match="block 3/3 missing"):
        ng.merge([one, two])
    with pytest.raises(ValueError, match=r"block 1/3 is given 2 times: part 1, part 3"):
        ng.merge([one, two, one])
    other = ng.betweenness_block(peru, 3, 3, undirected=True)
    with pytest.raises(ValueError, match="fingerprints differ"):
        ng.merge([one, two, other])
    with pytest.raises(ValueError, match="not a partial result"):
        ng.merge([{"actors": []}])
