"""``kbcheck report --format markdown``: the sections as GitHub Markdown, within an issue body."""

from __future__ import annotations

import copy
import json
import re

from conftest import run
from report_kb import INJECTION

from kbcheck.report import render_markdown
from kbcheck.report.markdown import BUDGET

SECTIONS = [
    "# Knowledge-base health",
    "## Scorecard",
    "## Translations",
    "## Stalest translations",
    "## Link health",
    "## Findings by rule",
    "## Findings by page type",
    "## All findings",
]


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def cells(line: str) -> int:
    """Columns of a table row: pipes that are not escaped."""
    return len(re.findall(r"(?<!\\)\|", line)) - 1


def tables_are_well_formed(text: str) -> None:
    width = None
    for line in text.splitlines():
        if line.startswith("|"):
            width = width or cells(line)
            assert cells(line) == width, line
        else:
            width = None


def test_markdown_of_the_fixture_has_every_section_and_escapes_page_text(kb, monkeypatch, tmp_path):
    kb.second_state()
    out = tmp_path / "health.md"
    assert run(kb.root, monkeypatch, "-o", str(out)).exit_code == 0  # .md: Markdown
    text = out.read_text("utf-8")
    found = headings(text)
    top = [h for h in found if not h.startswith("###")]
    assert [h.split(" (")[0] for h in top] == SECTIONS
    assert "### Missing in en (3)" in found and "### Orphaned translations (2)" in found
    assert "| en | 2 | 1 | 0 | 1 | 0 | 3 | 0 | 1 | 25% |" in text
    assert "`content/en/guide.md`" in text
    tables_are_well_formed(text)
    assert INJECTION not in text and "&lt;img src=x onerror=" in text
    assert "truncated" not in text and "more findings" not in text


def test_a_large_report_fits_an_issue_body_with_the_largest_sections_cut(kb, monkeypatch, tmp_path):
    kb.second_state()
    data = json.loads(run(kb.root, monkeypatch, "--format", "json").output)
    one = data["findings"][0]
    data["findings"] = [
        {**one, "path": f"content/zh/topic-{i}/页面-{i}.md", "line": i, "message": f"问题 {i} " * 5}
        for i in range(20_000)
    ]
    data["stale"] = [copy.deepcopy(data["stale"][0]) for _ in range(3_000)]
    text = render_markdown(data)
    assert len(text) <= BUDGET
    assert [h.split(" (")[0] for h in headings(text) if not h.startswith("###")] == SECTIONS
    tables_are_well_formed(text)
    rows = {
        "findings": sum(1 for line in text.splitlines() if line.startswith("| `content/zh/topic-")),
        "stale": sum(
            1 for line in text.splitlines() if line.startswith("| ") and "guide.md" in line
        ),
    }
    assert 0 < rows["findings"] < 20_000 and 0 < rows["stale"] < 3_000
    assert f"… and {20_000 - rows['findings']} more findings" in text
    assert f"… and {3_000 - rows['stale']} more stale translations" in text
    # the small sections are whole
    assert "| errors |" in text and "| en | 2 | 1 | 0 | 1 | 0 | 3 | 0 | 1 | 25% |" in text
