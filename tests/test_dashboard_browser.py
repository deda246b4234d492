"""The dashboard and the policy report in a real browser (Debian's headless Chromium).

Skipped, with one line saying how to enable them, where chromium, chromedriver or selenium is
missing (tests/browser.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, console_errors, pixel_variety, requests  # noqa: F401

HOSTILE = "<img src=x onerror=alert(1)> \u202eKoulutus"

ACCESSIBILITY = """
const problems = [];
if (!document.documentElement.lang) problems.push('html has no lang');
document.querySelectorAll('svg').forEach(s => {
  if (!s.querySelector('title') || !s.querySelector('title').textContent.trim())
    problems.push('svg without title');
  if (s.getAttribute('role') !== 'img') problems.push('svg without role=img'); });
document.querySelectorAll('img').forEach(i => { if (!i.hasAttribute('alt'))
  problems.push('img without alt'); });
document.querySelectorAll('input, select, textarea').forEach(el => {
  const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : '';
  if (!label && !el.getAttribute('aria-label')) problems.push('unlabelled ' + el.id); });
let last = 0;
const h1 = document.querySelectorAll('h1').length;
if (h1 !== 1) problems.push(h1 + ' h1 elements');
document.querySelectorAll('h1,h2,h3,h4,h5,h6').forEach(h => {
  const level = +h.tagName[1];
  if (level > last + 1) problems.push('heading ' + h.tagName + ' after h' + last);
  last = level; });
document.querySelectorAll('a').forEach(a => { if (!a.textContent.trim()
  && !a.getAttribute('aria-label')) problems.push('link without text'); });
document.querySelectorAll('button').forEach(b => { if (!b.textContent.trim())
  problems.push('button without text'); });
const ids = {};
document.querySelectorAll('[id]').forEach(e => {
  if (ids[e.id]) problems.push('duplicate id ' + e.id);
  ids[e.id] = 1; });
return problems;
"""


@pytest.fixture
def site(run: Any, ef_event: Any, tmp_path: Path) -> dict[str, Any]:
    a = ef_event(title=HOSTILE)
    b = ef_event("speakers", date=dt.date(2027, 2, 10), region="Uusimaa", title="Uusimaa")
    c = ef_event(date=dt.date(2027, 4, 1), region="Lappi", title="Lappi")
    out = tmp_path / "site"
    result = run("dashboard", "--html", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    return {"dir": out, "ids": [a.id, b.id, c.id], "later": b.id}


def open_page(driver: Any, path: Path) -> None:
    driver.get("about:blank")
    requests(driver), console_errors(driver)  # what came before the page is not its own
    driver.get(path.as_uri())
    driver.execute_script("return document.readyState")


def offline_and_clean(driver: Any) -> None:
    urls = requests(driver)
    assert urls, "the network log recorded nothing"
    assert all(u.startswith(("file://", "data:")) for u in urls), urls
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(u.startswith(("file://", "data:")) for u in resources), resources
    assert console_errors(driver) == []


def test_overview_renders_filters_and_sorts(browser: Any, site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.set_window_size(1280, 900)
    open_page(browser, site["dir"] / "index.html")
    body = browser.find_element(By.TAG_NAME, "body").text
    for event_id in site["ids"]:
        assert event_id in body
    assert browser.find_element(By.ID, "count-events").text == "3"
    # the hostile title is shown as text: its markup as characters, no element made of it
    assert "<img src=x onerror=alert(1)> \\u202eKoulutus" in body and "\u202e" not in body
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert browser.execute_script("return window.alertFired === undefined")
    offline_and_clean(browser)

    def visible_rows() -> list[str]:
        return [r.get_attribute("data-id") for r in
                browser.find_elements(By.CSS_SELECTOR, "#events tbody tr") if r.is_displayed()]

    assert browser.find_element(By.ID, "filters").is_displayed()
    assert len(visible_rows()) == 3
    browser.find_element(By.ID, "f-text").send_keys("uusimaa")
    assert visible_rows() == [site["later"]]
    assert browser.find_element(By.ID, "shown").text == "1"
    browser.find_element(By.ID, "f-text").clear()
    browser.execute_script("document.getElementById('f-text')"
                           ".dispatchEvent(new Event('input'))")
    assert len(visible_rows()) == 3
    Select(browser.find_element(By.ID, "f-region")).select_by_visible_text("Lappi")
    assert visible_rows() == [site["ids"][2]]
    Select(browser.find_element(By.ID, "f-region")).select_by_index(0)
    Select(browser.find_element(By.ID, "f-stage")).select_by_visible_text("speakers")
    assert visible_rows() == [site["later"]]
    Select(browser.find_element(By.ID, "f-stage")).select_by_index(0)
    # sort by date, then the other way round
    button = browser.find_element(By.CSS_SELECTOR, 'button[data-key="date"]')
    button.click()
    dates = [r.get_attribute("data-date") for r in
             browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")]
    assert dates == sorted(dates)
    button.click()
    dates = [r.get_attribute("data-date") for r in
             browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")]
    assert dates == sorted(dates, reverse=True)
    # keyboard: the filters and sort buttons are reachable with Tab
    focusable = browser.execute_script(
        "return Array.from(document.querySelectorAll('a,button,input,select'))"
        ".filter(e => e.tabIndex >= 0).length")
    assert focusable >= 10
    assert browser.execute_script(ACCESSIBILITY) == []
    assert console_errors(browser) == []


def test_without_script_the_overview_is_still_readable(browser: Any,
                                                       site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    html = (site["dir"] / "index.html").read_text("utf-8")
    start = html.index("<script>")
    stripped = html[:start] + html[html.index("</script>") + len("</script>"):]
    copy = site["dir"] / "noscript.html"
    copy.write_text(stripped, "utf-8")
    open_page(browser, copy)
    rows = [r for r in browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
            if r.is_displayed()]
    assert len(rows) == 3
    assert not browser.find_element(By.ID, "filters").is_displayed()


def test_event_page_shows_the_diagram_and_verdicts(browser: Any, site: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 900)
    open_page(browser, site["dir"] / "events" / f"{site['later']}.html")
    svg = browser.find_element(By.CSS_SELECTOR, "svg.workflow")
    assert svg.is_displayed() and svg.size["width"] > 300 and svg.size["height"] > 300
    current = browser.find_element(By.CSS_SELECTOR, "svg.workflow g.current")
    assert current.get_attribute("data-stage") == "speakers"
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "kept" in text and "History" in text and "Policy" in text
    offline_and_clean(browser)
    assert browser.execute_script(ACCESSIBILITY) == []
    # printed: the navigation is left out, the diagram kept
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.CSS_SELECTOR, "header.site nav").is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, "svg.workflow").is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    for name in ("workflow.html", "next30.html"):
        open_page(browser, site["dir"] / name)
        offline_and_clean(browser)
        assert browser.execute_script(ACCESSIBILITY) == []
        if name == "workflow.html":
            assert browser.find_element(By.CSS_SELECTOR, "svg.workflow").is_displayed()


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_are_not_blank_and_fit_the_width(browser: Any, site: dict[str, Any],
                                                     width: int) -> None:
    browser.set_window_size(width, 900)
    for page in (site["dir"] / "index.html", site["dir"] / "events" / f"{site['later']}.html"):
        open_page(browser, page)
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{page.name} is {overflow}px wider than a {width}px screen"
        if width < 700:  # on a phone, each cell says what it is (the table head is hidden)
            label = browser.execute_script(
                "return getComputedStyle(document.querySelector('main td'), '::before')"
                ".content")
            assert label.endswith(': "'), label
        png = browser.get_screenshot_as_png()
        assert pixel_variety(browser, png) > 20


def test_the_policy_report_in_the_browser(browser: Any, run: Any, ef_event: Any,
                                          tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    event = ef_event("venue")
    page = tmp_path / "policy.html"
    result = run("policy", "report", "--html", str(page), "--lang", "sv", "--event", event.id)
    assert result.exit_code == 0, result.output
    browser.set_window_size(1280, 900)
    open_page(browser, page)
    assert browser.execute_script("return document.documentElement.lang") == "sv"
    assert browser.find_element(By.CSS_SELECTOR, "svg.workflow").is_displayed()
    assert browser.find_element(By.ID, "summary").is_displayed()
    assert browser.find_element(By.ID, "contents").is_displayed()
    offline_and_clean(browser)
    assert browser.execute_script(ACCESSIBILITY) == []
