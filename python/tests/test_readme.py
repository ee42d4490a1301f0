"""The README's Python tour runs as written."""

import re

from conftest import ROOT


def test_the_readme_tour_runs(ng, nx, pd):
    text = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks, "README.md has no Python block"
    scope = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), scope)
    assert len(scope["karate"]) == 34
    assert scope["G"].number_of_edges() == scope["net"].flow_count
