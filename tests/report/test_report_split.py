"""A report whose check is split between two processes: the forked child hands back
the translation statuses, and the links and page types of its pages, and the report is the one a
single process makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_kb import KB

from kbcheck import parallel
from kbcheck.config import load_config
from kbcheck.report import build, report_check
from kbcheck.translations.state import State, translations

PAIRS = 12
CONFIG = 'content = ["content"]\nsource_locale = "zh"\nlocales = ["zh", "en"]\n'
two_cores = pytest.mark.skipif(parallel._cores() < 2, reason="a split needs two cores")


def zh(n: int, extra: str = "") -> str:
    return (
        f"---\ntitle: 第{n}页\n---\n\n# 第{n}页\n\n简介 [外链](https://example.org/{n})。\n\n"
        f"## 甲 {{#a}}\n\n甲的正文。\n\n## 乙 {{#b}}\n\n乙的正文。{extra}\n"
    )


def en(n: int, record: str) -> str:
    return (
        f"---\ntitle: Page {n}\n{record}---\n\n# Page {n}\n\nIntro [out](https://example.org/en/{n}).\n\n"
        "## A {#a}\n\nText of A.\n\n## B {#b}\n\nText of B.\n"
    )


def knowledge_base(root: Path) -> KB:
    """Pairs of every kind, on both sides of the split: up to date by record or by
    history, stale by record commit or by history (a section changed), a record
    naming a commit not in the history, one marked outdated by hand, and one
    translation not committed (unknown)."""
    kb = KB(root, "http://127.0.0.1:9")
    kb.write("kbcheck.toml", CONFIG)
    for n in range(PAIRS):
        kb.write(f"content/zh/p{n:02}.md", zh(n))
    first = kb.commit()
    records = [
        f"translation:\n  source_commit: {first}\n",
        "",
        f"translation:\n  source_commit: {'0' * 40}\n",
        f"translation:\n  source_commit: {first}\n  outdated: true\n",
    ]
    for n in range(PAIRS - 1):
        kb.write(f"content/en/p{n:02}.md", en(n, records[n % len(records)]))
    kb.commit(days_later=2)
    for n in range(0, PAIRS, 3):  # these sources change after their translations
        kb.write(f"content/zh/p{n:02}.md", zh(n, "\n\n新增的一段。"))
    kb.commit(days_later=5)
    kb.write(f"content/en/p{PAIRS - 1}.md", en(PAIRS - 1, ""))  # not committed
    return kb


@two_cores
def test_the_child_hands_back_its_statuses_and_links(tmp_path, monkeypatch):
    kb = knowledge_base(tmp_path / "kb")
    monkeypatch.chdir(kb.root)
    config = load_config()
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    result = report_check(config)
    ctx = result.context
    assert ctx is not None
    tracker = translations(ctx)
    # every translation's status is known here before the report asks: the child's
    # share came back with its findings
    assert len(tracker.computed()) == PAIRS
    states = {s.state for s in tracker.computed()}
    assert {State.UP_TO_DATE, State.STALE, State.UNKNOWN} <= states
    # the child's pages were not parsed here for their links: their links came too
    unparsed = [page for page in ctx.corpus.pages if "markdown" not in vars(page)]
    assert 0 < len(unparsed) < len(ctx.corpus.pages)
    forked = build(result)
    # nor read here for the page types the report counts: those came too
    assert not any("frontmatter" in vars(page) for page in unparsed)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    alone = build(report_check(config))
    for data in (forked, alone):
        del data["generated"]
    assert json.dumps(forked) == json.dumps(alone)
    assert forked["links"]["urls"] == 2 * PAIRS
    assert len(forked["stale"]) > 4 and any(row["sections"] for row in forked["stale"])
