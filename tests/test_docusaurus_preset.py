"""The built-in ``docusaurus`` preset against the Docusaurus 3 doc frontmatter contract,
value by value: what Docusaurus accepts passes, what it rejects is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbcheck import check
from kbcheck.config import Config

ACCEPTED = [
    "id: intro",
    "id: 42",  # numbers are accepted where strings are expected
    "title: ''",  # '' is allowed for title, description and custom_edit_url
    "description: ''",
    "custom_edit_url: ''",
    "custom_edit_url: null",
    "displayed_sidebar: null",
    "pagination_next: null",
    "pagination_prev: null",
    "hide_title: true",
    "hide_title: FALSE",
    "hide_title: 'True'",
    "sidebar_position: 2.5",
    "sidebar_position: '3'",
    "keywords: [a, b]",
    "tags: []",
    "tags: [a, {label: B, permalink: /b}]",
    "image: https://example.com/cover.png",
    "image: /img/cover.png",
    "toc_min_heading_level: 2",
    "toc_max_heading_level: 6",
    "toc_min_heading_level: 3\ntoc_max_heading_level: 3",
    "draft: true",
    "unlisted: true",
    "last_update: {author: Ann}",
    "last_update: {date: 2024-01-31}",
    "sidebar_custom_props: {badge: new}",
    "some_unknown_key: {nested: [1, 2]}",
]

REJECTED = [
    ("id: ''", "KB103", 2),
    ("slug: ''", "KB103", 2),
    ("sidebar_label: ''", "KB103", 2),
    ("pagination_label: ''", "KB103", 2),
    ("hide_title: yes", "KB102", 2),
    ("hide_title: 1", "KB102", 2),
    ("hide_table_of_contents: on", "KB102", 2),
    ("id: null", "KB102", 2),
    ("sidebar_position: second", "KB102", 2),
    ("keywords: []", "KB103", 2),
    ("keywords: seo", "KB102", 2),
    ("image: not a url", "KB104", 2),
    ("image: 12", "KB102", 2),
    ("tags: genai", "KB102", 2),
    ("toc_min_heading_level: 1", "KB106", 2),
    ("toc_max_heading_level: 7", "KB106", 2),
    ("toc_min_heading_level: 2.5", "KB102", 2),
    ("toc_min_heading_level: 5\ntoc_max_heading_level: 3", "KB109", 3),
    ("draft: true\nunlisted: true", "KB109", 3),
    ("last_update: {}", "KB101", 2),
    ("last_update: {date: 2024-13-45}", "KB104", 2),
    ("last_update: {author: Ann, date: yesterday}", "KB104", 2),
]


def _check(tmp_path: Path, frontmatter: str):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "doc.yaml").write_text("extends: docusaurus\n")
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text(f"---\n{frontmatter}\n---\n\n# Page\n", encoding="utf-8")
    config = Config(root=tmp_path, content=["docs"], default_page_type="doc")
    return check(config, select=["KB1"], cwd=tmp_path).diagnostics


@pytest.mark.parametrize("frontmatter", ACCEPTED)
def test_docusaurus_accepts(tmp_path: Path, frontmatter: str) -> None:
    assert _check(tmp_path, frontmatter) == []


@pytest.mark.parametrize(("frontmatter", "code", "line"), REJECTED)
def test_docusaurus_rejects(tmp_path: Path, frontmatter: str, code: str, line: int) -> None:
    found = [(d.code, d.line) for d in _check(tmp_path, frontmatter)]
    assert found == [(code, line)]
