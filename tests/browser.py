"""Headless Chromium for the page tests: Debian's chromium and chromedriver, driven by
Selenium, with no network, no browser download and a fresh profile per test."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("EVENTFLOW_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("EVENTFLOW_CHROMEDRIVER", "/usr/bin/chromedriver")
ENABLE = ("browser tests skipped: install Debian's browser with `apt-get install -y chromium "
          "chromium-driver` and `pip install -e '.[test]'` (selenium) to run them")


def available() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if not Path(CHROMIUM).exists():
        return ENABLE
    if not Path(CHROMEDRIVER).exists():
        return ENABLE
    try:
        import selenium  # noqa: F401
    except ImportError:
        return ENABLE
    return None


@pytest.fixture(scope="module", name="browser")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    reason = available()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def requests(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call (the DevTools network log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def pixel_variety(driver: Any, png: bytes) -> int:
    """How many distinct colours a screenshot has (a blank page has one), counted by the
    browser itself on a canvas (on about:blank, after the page's own checks)."""
    import base64

    driver.get("about:blank")
    return int(driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const img = new Image();
        img.onload = () => {
          const c = document.createElement('canvas');
          c.width = img.width; c.height = img.height;
          const g = c.getContext('2d'); g.drawImage(img, 0, 0);
          const d = g.getImageData(0, 0, c.width, c.height).data;
          const seen = new Set();
          for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i+1] << 8) | d[i+2]);
          done(seen.size);
        };
        img.onerror = () => done(-1);
        img.src = 'data:image/png;base64,' + arguments[0];
    """, base64.b64encode(png).decode()))
