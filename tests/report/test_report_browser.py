"""The HTML report in real headless Chromium: what a maintainer sees and can do.

Screenshots of each theme (and of a phone-sized window) are kept under
``.artifacts/report/`` for people to look at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import browser, visit
from conftest import ARTIFACTS, ROOT, run
from report_kb import HOSTILE_NAME, INJECTION, JA_ORPHAN

METRICS = ("pages", "errors", "warnings", "stale", "missing", "links_broken", "links_unverifiable")


@pytest.fixture(scope="module")
def chromium():
    with browser() as context:
        yield context


def reports(kb, monkeypatch, tmp_path: Path) -> tuple[Path, dict]:
    """The fixture knowledge base's report, with the link cache filled first."""
    kb.second_state()
    assert run(kb.root, monkeypatch, "--links", "-o", str(tmp_path / "r.json")).exit_code == 0
    html = kb.root / "reports" / "health.html"
    html.parent.mkdir()
    assert run(kb.root, monkeypatch, "-o", str(html)).exit_code == 0
    data = json.loads(run(kb.root, monkeypatch, "--format", "json").output)
    return html, data


def shown(page, metric: str) -> str:
    return page.inner_text(f'[data-metric="{metric}"] .n')


def matching(page) -> int:
    page.wait_for_timeout(200)  # text inputs apply after a short pause
    return int(page.get_attribute("#findings-count", "data-matching"))


def test_counts_filters_search_and_keyboard(chromium, kb, monkeypatch, tmp_path):
    html, data = reports(kb, monkeypatch, tmp_path)
    seen = visit(chromium, html.as_uri())
    page = seen.page
    totals = data["totals"]
    for metric in METRICS:
        assert shown(page, metric) == str(totals[metric]), metric
    assert shown(page, "coverage-en") == "25%"
    findings = data["findings"]
    assert matching(page) == len(findings)
    assert page.locator("#findings-body tr").count() == len(findings)
    # filters narrow the table
    page.select_option("#f-severity", label="error")
    assert matching(page) == totals["errors"] < len(findings)
    page.select_option("#f-severity", value="")
    page.select_option("#f-locale", "en")
    assert matching(page) == sum(1 for f in findings if f["locale"] == "en")
    page.select_option("#f-locale", value="")
    page.select_option("#f-rule", label="KB501 missing-translation")
    assert matching(page) == sum(1 for f in findings if f["code"] == "KB501")
    page.select_option("#f-rule", value="")
    page.fill("#f-path", "broken.md")
    assert matching(page) == sum(1 for f in findings if "broken.md" in f["path"])
    page.fill("#f-path", "")
    # the search finds a page, typed after "/" from the keyboard
    page.click("h1")
    page.keyboard.press("/")
    page.keyboard.type("nowhere")
    assert matching(page) == 1
    assert "content/zh/broken.md:8:2" in page.inner_text("#findings-body")
    page.fill("#f-search", "")
    assert matching(page) == len(findings)
    # sorting from the keyboard: the rule column, then reversed
    header = page.locator('#findings-table th[data-col="2"]')
    header.locator("button").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    codes = page.locator("#findings-body tr td:nth-child(3)").all_inner_texts()
    assert codes == sorted(codes)
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    codes = page.locator("#findings-body tr td:nth-child(3)").all_inner_texts()
    assert codes == sorted(codes, reverse=True)
    # Chinese and Japanese text arrive intact
    text = page.inner_text("body")
    assert "modified '乙' (#b)" in text and JA_ORPHAN in text  # a path in Japanese
    # a rule link opens its explanation
    page.locator("#findings-body a", has_text="KB102").first.click()
    assert page.locator("#rule-KB102").get_attribute("open") is not None
    assert "## Why" in page.inner_text("#rule-KB102 pre")
    # file links point at the files, relative to the report
    link = page.locator("#stale a").first
    assert link.get_attribute("href") == "../content/en/guide.md"
    assert not seen.console_errors
    assert seen.requests == [html.as_uri()]  # nothing else, from no other origin


def test_page_text_is_shown_as_text_never_run(chromium, kb, monkeypatch, tmp_path):
    html, _ = reports(kb, monkeypatch, tmp_path)
    seen = visit(chromium, html.as_uri())
    page = seen.page
    page.fill("#f-path", HOSTILE_NAME[:5])
    assert matching(page) > 0
    body = page.inner_text("body")
    assert HOSTILE_NAME in body and INJECTION in body
    assert page.locator("img").count() == 0  # the title's <img> is text, not an element
    assert page.evaluate("document.title").startswith("Knowledge-base health")  # no onerror ran
    page.evaluate("window.print = () => {}; window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("img").count() == 0
    assert not seen.console_errors


def test_themes_phone_and_long_unbroken_text(chromium, kb, monkeypatch, tmp_path):
    html, _ = reports(kb, monkeypatch, tmp_path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    backgrounds = {}
    for theme, width in (("light", 1200), ("dark", 1200), ("phone", 390)):
        seen = visit(chromium, html.as_uri(), dark=theme == "dark", width=width)
        page = seen.page
        backgrounds[theme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        # neither the 400 Han characters in a row nor the long URL widen the page
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (theme, overflow)
        page.screenshot(path=str(ARTIFACTS / f"report-{theme}.png"), full_page=True)
        assert not seen.console_errors
    assert backgrounds["light"] == "rgb(255, 255, 255)"
    assert backgrounds["dark"] == "rgb(13, 17, 23)"


def test_report_of_the_bundled_knowledge_base(chromium, monkeypatch, tmp_path):
    out = tmp_path / "bundled.html"
    assert run(ROOT, monkeypatch, "-o", str(out)).exit_code == 0
    data = json.loads(run(ROOT, monkeypatch, "--format", "json").output)
    assert data["totals"]["pages"] == sum(row["pages"] for row in data["locales"]) > 0
    seen = visit(chromium, out.as_uri())
    for metric in METRICS:
        assert shown(seen.page, metric) == str(data["totals"][metric]), metric
    assert matching(seen.page) == len(data["findings"])
    assert "zh" in seen.page.inner_text("#scorecard")
    assert not seen.console_errors
    assert seen.requests == [out.as_uri()]
