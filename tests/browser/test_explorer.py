"""The explorer page (`netgraph render -o FILE.html`) in a real browser.

Headless Chromium from the system packages (Debian's `chromium`), driven by Selenium through the
system's `chromedriver` (Debian's `chromium-driver`): Selenium is never allowed to fetch a driver or
a browser. The page is opened from file://, as a reader opens it. What is checked comes from the
network files (graphs/peru.json read here with `json`), never from the page's own data.

Without Chromium, chromedriver or Selenium the tests skip ("skipped: chromium absent"); with
NETGRAPH_REQUIRE_BROWSER=1 (as .ci/run sets) they fail instead. The netgraph binary is
$NETGRAPH_BIN, else target/debug/netgraph; Graphviz must be installed.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = os.environ.get("NETGRAPH_REQUIRE_BROWSER") == "1"
# Selenium Manager (which downloads drivers and browsers) must never run.
os.environ["SE_OFFLINE"] = "true"

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,900",
]


def absent(what):
    if REQUIRED:
        pytest.fail(f"NETGRAPH_REQUIRE_BROWSER=1 but {what} absent")
    pytest.skip(f"skipped: {what} absent")


def netgraph():
    given = os.environ.get("NETGRAPH_BIN")
    path = Path(given) if given else ROOT / "target" / "debug" / "netgraph"
    if not path.is_file():
        absent("the netgraph binary (cargo build)")
    if shutil.which("dot") is None:
        absent("Graphviz")
    return path


def render(out, *args):
    """`netgraph render ARGS -o out`; the page's path."""
    r = subprocess.run(
        [str(netgraph()), "render", *args, "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    return out


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        absent("chromium")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        absent("selenium")
    profile = tempfile.mkdtemp(prefix="netgraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability(
        "goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"}
    )
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return tmp_path_factory.mktemp("pages")


def peru():
    return json.loads((ROOT / "graphs" / "peru.json").read_text(encoding="utf-8"))


def open_page(driver, path):
    """Opens a page, drains the logs of earlier pages, and checks that its script ran."""
    from selenium.webdriver.common.by import By

    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(path.resolve().as_uri())
    # The script builds the side bar: without it there is no search box.
    assert driver.find_element(By.ID, "ng-search").is_displayed()


def node(driver, actor_id):
    """The drawn node of an actor, found by the title Graphviz gives it (the actor's id)."""
    from selenium.webdriver.common.by import By

    for g in driver.find_elements(By.CSS_SELECTOR, "#ng-canvas g.node"):
        titles = g.find_elements(By.TAG_NAME, "title")
        if titles and titles[0].get_attribute("textContent") == actor_id:
            return g
    raise AssertionError(f"no node titled {actor_id!r}")


def panel(driver):
    from selenium.webdriver.common.by import By

    p = driver.find_element(By.ID, "ng-panel")
    assert p.is_displayed(), "the panel did not open"
    return p


def click(driver, element):
    """A real mouse click in the middle of an element's box."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).move_to_element(element).click().perform()


def csp_violations(driver):
    return [
        e["message"]
        for e in driver.get_log("browser")
        if "Content Security Policy" in e["message"] or "Refused to" in e["message"]
    ]


def test_clicking_an_actor_shows_its_quotes(browser, pages):
    from selenium.webdriver.common.by import By

    page = render(pages / "peru.html")
    open_page(browser, page)
    actor = next(a for a in peru()["actors"] if a["id"] == "sanchez-paredes")
    click(browser, node(browser, actor["id"]))
    p = panel(browser)
    assert p.find_element(By.CSS_SELECTOR, "h2").text == actor["name"]
    quotes = [q.text for q in p.find_elements(By.CSS_SELECTOR, "blockquote")]
    assert quotes == [f"“{s['quote']}”" for s in actor["sources"]]
    assert actor["description"] in p.text
    assert csp_violations(browser) == []


def test_clicking_a_flow_shows_its_confidence_and_quotes(browser, pages):
    from selenium.webdriver.common.by import By

    page = render(pages / "peru.html")
    open_page(browser, page)
    flow = next(
        f
        for f in peru()["flows"]
        if (f["from"], f["to"], f["kind"]) == ("peruvian-traffickers", "illegal-miners", "cash")
    )
    title = f"{flow['from']}->{flow['to']}"
    edges = [
        g
        for g in browser.find_elements(By.CSS_SELECTOR, "#ng-canvas g.edge")
        if g.find_element(By.TAG_NAME, "title").get_attribute("textContent") == title
        and g.find_element(By.TAG_NAME, "text").get_attribute("textContent") == flow["kind"]
    ]
    assert len(edges) == 1
    click(browser, edges[0].find_element(By.TAG_NAME, "text"))
    p = panel(browser)
    assert flow["note"] in p.text
    assert f"confidence\n{flow['confidence']:g}" in p.text or f"confidence {flow['confidence']:g}" in p.text
    quotes = [q.text for q in p.find_elements(By.CSS_SELECTOR, "blockquote")]
    assert quotes == [f"“{s['quote']}”" for s in flow["sources"]]


def test_search_finds_and_centres_an_actor(browser, pages):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = render(pages / "peru-all.html", "--layer", "all", "--hide-isolated")
    open_page(browser, page)
    actor = next(a for a in peru()["actors"] if a["id"] == "sanchez-paredes")
    # Typed without the accent, in lower case.
    box = browser.find_element(By.ID, "ng-search")
    box.send_keys("sanchez paredes")
    hits = browser.find_elements(By.CSS_SELECTOR, "#ng-results button")
    assert hits and hits[0].text.split("\n")[0] == actor["name"]
    box.send_keys(Keys.ENTER)
    assert panel(browser).find_element(By.CSS_SELECTOR, "h2").text == actor["name"]
    canvas = browser.find_element(By.ID, "ng-canvas").rect
    found = node(browser, actor["id"]).rect
    dx = found["x"] + found["width"] / 2 - (canvas["x"] + canvas["width"] / 2)
    dy = found["y"] + found["height"] / 2 - (canvas["y"] + canvas["height"] / 2)
    assert abs(dx) < 5 and abs(dy) < 5, (dx, dy)
    # Zoomed in: the node is larger than in the whole picture (3739 px wide squeezed into ~1000).
    assert found["width"] > 40, found


def test_choosing_a_channel_highlights_its_chains(browser, pages):
    from selenium.webdriver.common.by import By

    page = render(pages / "peru.html")
    open_page(browser, page)
    items = browser.find_elements(By.CSS_SELECTOR, "#ng-list button")
    assert len(items) == 14  # docs/findings.md: 95 chains into 14 channels
    click(browser, items[0])
    hot = browser.find_elements(By.CSS_SELECTOR, "#ng-canvas g.ng-hot")
    dim = browser.find_elements(By.CSS_SELECTOR, "#ng-canvas g.ng-dim")
    assert hot and dim
    assert items[0].get_attribute("aria-pressed") == "true"
    click(browser, items[0])
    assert browser.find_elements(By.CSS_SELECTOR, "#ng-canvas g.ng-dim") == []


def test_unticking_a_class_fades_its_flows(browser, pages):
    from selenium.webdriver.common.by import By

    page = render(pages / "peru.html")
    open_page(browser, page)
    # The flows drawn (the legend's samples join nodes named legend:…).
    edges = [
        g
        for g in browser.find_elements(By.CSS_SELECTOR, "#ng-canvas g.edge")
        if not g.find_element(By.TAG_NAME, "title").get_attribute("textContent").startswith("legend:")
    ]
    # Money flows are drawn bluish green (docs/rendering.md).
    money = {
        g.get_attribute("id")
        for g in edges
        if g.find_element(By.TAG_NAME, "path").get_attribute("stroke").lower() == "#009e73"
    }
    assert money
    box = browser.find_element(By.CSS_SELECTOR, "input[type=checkbox][value=money]")
    click(browser, box)
    faded = browser.find_elements(By.CSS_SELECTOR, "#ng-canvas g.edge.ng-faded")
    assert {g.get_attribute("id") for g in faded} == money
    click(browser, box)
    assert browser.find_elements(By.CSS_SELECTOR, "#ng-canvas g.ng-faded") == []


HOSTILE = [
    ("img", '<img src=x onerror="window.__pwned=1;alert(1)">'),
    ("script", "</script><script>window.__pwned=2;alert(2)</script>"),
    ("svg", '<svg onload="window.__pwned=3">'),
    ("attr", '"><b onmouseover="window.__pwned=4">x</b>'),
    ("comment", "--><script>window.__pwned=5</script><!--"),
    ("cdata", "]]><script>window.__pwned=6</script>"),
    ("entity", "&lt;script&gt;window.__pwned=7&lt;/script&gt; &amp; &#60;"),
    ("lines", "one\u2028two\u2029three"),
]


def hostile():
    actors = [
        {
            "id": i,
            "name": name,
            "kind": "<i>kind</i>",
            "description": "</script><img src=x onerror=alert(8)>",
            "sources": [{"doc": "javascript:alert(9)", "quote": f"quote of {name}"}],
        }
        for i, name in HOSTILE
    ]
    flows = [
        {
            "from": HOSTILE[k][0],
            "to": HOSTILE[k + 1][0],
            "kind": "<script>window.__pwned=10</script>",
            "note": "<img src=x onerror=alert(11)>",
            "sources": [{"doc": "d.txt", "quote": "</script>\u2028<script>alert(12)</script>"}],
        }
        for k in range(len(HOSTILE) - 1)
    ]
    return {
        "name": "</title><script>window.__pwned=13</script>",
        "documents": {"d.txt": {"title": "<img src=x onerror=alert(14)>"}},
        "actors": actors,
        "flows": flows,
    }


def test_hostile_labels_render_as_text_and_run_nothing(browser, pages):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    net = hostile()
    source = pages / "hostile.json"
    source.write_text(json.dumps(net), encoding="utf-8")
    page = render(pages / "hostile.html", str(source), "--wrap", "0")
    open_page(browser, page)
    # The labels are drawn as written (line separators are line breaks in Graphviz's text).
    drawn = [
        "\n".join(t.get_attribute("textContent") for t in g.find_elements(By.TAG_NAME, "text"))
        for g in browser.find_elements(By.CSS_SELECTOR, "#ng-canvas g.node")
    ]
    for _, name in HOSTILE:
        want = name.replace("\u2028", "\n").replace("\u2029", "\n")
        assert want in drawn, (name, drawn)
    assert browser.title == net["name"]
    # Every actor's panel shows its name and quote as text.
    for actor_id, name in HOSTILE:
        click(browser, node(browser, actor_id))
        p = panel(browser)
        heading = p.find_element(By.CSS_SELECTOR, "h2").get_attribute("textContent")
        assert heading == name
        assert f"quote of {name}" in p.find_element(By.CSS_SELECTOR, "blockquote").get_attribute(
            "textContent"
        )
        assert p.find_elements(By.CSS_SELECTOR, "img, script, b, i, svg") == []
    click(browser, browser.find_elements(By.CSS_SELECTOR, "#ng-canvas g.edge text")[0])
    assert "<img src=x onerror=alert(11)>" in panel(browser).text
    # Nothing ran: no flag, no alert, no element made of a label, nothing refused by the policy.
    assert browser.execute_script("return window.__pwned") is None
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.find_elements(By.CSS_SELECTOR, "body img, body b, body i") == []
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 2
    assert csp_violations(browser) == []


def test_the_page_makes_no_network_request(browser, pages):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = render(pages / "peru-chains.html", "--highlight-chains", "--chain-top", "5")
    open_page(browser, page)
    # Use the page: search, click, highlight a chain.
    browser.find_element(By.ID, "ng-search").send_keys("gold", Keys.ENTER)
    for item in browser.find_elements(By.CSS_SELECTOR, "#ng-list button")[:2]:
        click(browser, item)
    url = page.resolve().as_uri()
    requests = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    assert requests == [url]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#ng-list button")) == 5
    # No address anywhere in the file but the SVG namespaces.
    text = page.read_text(encoding="utf-8")
    for scheme in ("http://", "https://", "//cdn", "url("):
        rest = text.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
            'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
        )
        assert scheme not in rest, scheme
    assert csp_violations(browser) == []
