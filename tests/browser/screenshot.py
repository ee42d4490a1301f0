"""The explorer page's picture in the README and docs/rendering.md (docs/img/explorer.png).

    python tests/browser/screenshot.py docs/img/explorer.png

Renders the Peru network's page with target/debug/netgraph (or $NETGRAPH_BIN), opens it in
headless Chromium as the browser tests do, chooses the first laundering channel, clicks an actor
on it, and saves the window. Needs chromium, chromium-driver and selenium (as tests/browser).
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

sys.path.insert(0, str(Path(__file__).parent))
from test_explorer import CHROMIUM_FLAGS, ROOT, netgraph, node  # noqa: E402

ARGS = ["--flows", "@illicit,@money,@asset", "--hide-isolated", "--cluster", "country"]
ACTOR = "illegal-miners"


def main(out):
    work = Path(tempfile.mkdtemp(prefix="netgraph-shot-"))
    page = work / "peru.html"
    subprocess.run(
        [str(netgraph()), "render", str(ROOT / "graphs" / "peru.json"), *ARGS, "-o", str(page)],
        check=True,
    )
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={work / 'profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(
        service=Service(executable_path=shutil.which("chromedriver")), options=options
    )
    try:
        driver.get(page.resolve().as_uri())
        ActionChains(driver).move_to_element(
            driver.find_elements(By.CSS_SELECTOR, "#ng-list button")[0]
        ).click().perform()
        ActionChains(driver).move_to_element(node(driver, ACTOR)).click().perform()
        driver.save_screenshot(out)
    finally:
        driver.quit()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1])
