"""Heading text and anchors as MDX and Docusaurus compute them, with inline JSX and HTML.

``tests/fixtures/mdx-headings/cases.json`` is recorded by
``scripts/docusaurus/record-headings.mjs`` from ``@mdx-js/mdx`` with Docusaurus's own
heading plugin (github-slugger 1.5.0). When Node and the recorder's packages are
installed, the recorder re-runs and must still give the recorded headings.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kbcheck import check
from kbcheck.config import Config
from kbcheck.page import read_page

FIXTURE = Path(__file__).parent / "fixtures" / "mdx-headings" / "cases.json"
RECORDER = Path(__file__).parents[1] / "scripts" / "docusaurus"
DOCUMENTS = json.loads(FIXTURE.read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d["name"] for d in DOCUMENTS])
def test_heading_text_and_anchor_as_mdx_computes_them(document: dict[str, Any]) -> None:
    text = "\n\n".join(h["markdown"] for h in document["headings"]) + "\n"
    page = read_page("doc.mdx", text.encode())
    got = [(h.level, h.text, h.anchor) for h in page.headings]
    want = [(h["level"], h["text"], h["id"]) for h in document["headings"]]
    assert got == want


def _site(tmp_path: Path, body: str) -> Config:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "target.md").write_text("# Target\n", encoding="utf-8")
    (docs / "page.mdx").write_text(body, encoding="utf-8")
    return Config(root=tmp_path, content=["docs"], layout="docusaurus", locales=["en"])


def test_links_to_jsx_headings_use_the_mdx_anchor(tmp_path: Path) -> None:
    config = _site(
        tmp_path,
        '# <span style={{ color: "#999" }}>[可选]</span> 创建消费者\n\n'
        "[right](#可选-创建消费者)\n\n"
        "[wrong](#span-style-color-999-可选-创建消费者)\n",
    )
    found = [(d.code, d.line, d.column) for d in check(config, select=["KB3"]).diagnostics]
    assert found == [("KB302", 5, 1)]


def test_messages_show_the_heading_text_not_its_jsx(tmp_path: Path) -> None:
    config = _site(
        tmp_path,
        '# First\n\n# <span style={{ color: "#999" }}>Second</span> part\n',
    )
    (finding,) = check(config, select=["KB205"]).diagnostics
    assert (finding.line, finding.column) == (3, 1)
    assert "Second part" in finding.message and "span" not in finding.message


def test_jsx_link_and_html_anchor_links_are_checked(tmp_path: Path) -> None:
    config = _site(
        tmp_path,
        "# Page\n\n"
        'See <Link to="./target">the target</Link> and <Link to="./gone">a lost page</Link>.\n\n'
        '<a href="./target.md">ok</a> <a href="./missing.md">missing</a>\n\n'
        '<Card title="x" to="./gone" />\n',
    )
    found = [(d.code, d.line, d.column) for d in check(config, select=["KB3"]).diagnostics]
    assert found == [("KB301", 3, 53), ("KB301", 5, 33)]


@pytest.mark.skipif(
    shutil.which("node") is None or not (RECORDER / "node_modules").is_dir(),
    reason="needs node and `npm install` in scripts/docusaurus",
)
def test_recorded_headings_are_mdx_headings() -> None:
    run = subprocess.run(
        ["node", "record-headings.mjs", "--check"],
        cwd=RECORDER,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
