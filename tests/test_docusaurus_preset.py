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
    "toc_min_heading_level: 2.5",  # a number, not necessarily an integer
    "last_update: {date: 2024-13-45}",  # js-yaml makes a Date of it (February 14, 2025)
    "last_update: {date: '1/1/2000'}",  # whatever JavaScript's Date reads
    "last_update: {date: 1609459200000}",
    "id: '  '",  # only the empty string is empty
    "id: 010",  # YAML 1.2: the number 10
    "sidebar_position: 0o17",
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
    ("toc_min_heading_level: 2.5\ntoc_max_heading_level: 2", "KB109", 3),
    ("sidebar_position: 9007199254740992", "KB102", 2),  # not a safe number
    ("sidebar_position: 1_000", "KB102", 2),  # YAML 1.2: a string
    ("hide_title: on", "KB102", 2),
    ("image: 'http://'", "KB104", 2),
    ("tags: [{label: A}]", "KB101", 2),
    ("sidebar_key: ''", "KB103", 2),
    ("toc_min_heading_level: 5\ntoc_max_heading_level: 3", "KB109", 3),
    ("draft: true\nunlisted: true", "KB109", 3),
    ("last_update: {}", "KB101", 2),
    ("last_update: {date: '2024-13-45'}", "KB104", 2),
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


def _site(tmp_path: Path, source: str, translation: str) -> Path:
    docs = tmp_path / "docs"
    i18n = tmp_path / "i18n" / "fr" / "docusaurus-plugin-content-docs" / "current"
    docs.mkdir(parents=True)
    i18n.mkdir(parents=True)
    (docs / "intro.md").write_text(f"---\n{source}\n---\n\n# Intro\n", encoding="utf-8")
    (i18n / "intro.md").write_text(f"---\n{translation}\n---\n\n# Intro fr\n", encoding="utf-8")
    # a sibling, not translated: at position 3 in fr, intro comes after a.md (by name)
    (docs / "a.md").write_text("---\nsidebar_position: 3\n---\n\n# A\n", encoding="utf-8")
    return tmp_path


def test_docusaurus_layout_applies_the_contract_without_page_types(tmp_path: Path) -> None:
    root = _site(tmp_path, "sidebar_position: 2\nhide_title: yes", "sidebar_position: 3")
    config = Config(root=root, content=["docs", "i18n"], layout="docusaurus", locales=["en", "fr"])
    found = {(d.path, d.code, d.line, d.column) for d in check(config, cwd=root).diagnostics}
    assert ("docs/intro.md", "KB102", 3, 13) in found  # hide_title: yes is a string
    fr = "i18n/fr/docusaurus-plugin-content-docs/current/intro.md"
    assert (fr, "KB504", 2, 19) in found  # sidebar_position differs from the source's
    assert not any(code == "KB110" for _, code, _, _ in found)


def test_default_page_type_docusaurus_names_the_preset(tmp_path: Path) -> None:
    (tmp_path / "content" / "en").mkdir(parents=True)
    page = tmp_path / "content" / "en" / "a.md"
    page.write_text("---\ntoc_max_heading_level: 7\n---\n\n# A\n", encoding="utf-8")
    config = Config(root=tmp_path, locales=["en"], default_page_type="docusaurus")
    found = [(d.code, d.line) for d in check(config, select=["KB1"], cwd=tmp_path).diagnostics]
    assert found == [("KB106", 2)]


def test_own_page_types_can_be_stricter_than_docusaurus(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "doc.yaml").write_text(
        "extends: docusaurus\nlenient: false\n"
        "fields:\n  last_update: {type: mapping, fields: {date: {type: date}}}\n"
    )
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text(
        "---\nid: 42\nslug: '  '\nlast_update: {date: '1/1/2000'}\n---\n\n# Page\n", "utf-8"
    )
    config = Config(root=tmp_path, content=["docs"], default_page_type="doc")
    found = [(d.code, d.line) for d in check(config, select=["KB1"], cwd=tmp_path).diagnostics]
    assert found == [("KB102", 2), ("KB103", 3), ("KB104", 4)]


def test_a_field_declared_again_refines_the_preset_field(tmp_path: Path) -> None:
    # what `kbcheck init` writes: a stricter type keeps the preset's must-match
    root = _site(tmp_path, "sidebar_position: 2\ntitle: Intro", "sidebar_position: 3\ntitle: x")
    (root / "schemas").mkdir()
    (root / "schemas" / "page.yaml").write_text(
        "extends: docusaurus\nfields:\n  sidebar_position: {type: integer, required: true}\n"
        "  title: {type: [string, number], max_length: 60}\n"
    )
    config = Config(
        root=root, content=["docs", "i18n"], layout="docusaurus", locales=["en", "fr"],
        default_page_type="page",
    )  # fmt: skip
    result = check(config, select=["KB1", "KB504", "KB505"], offline=True, cwd=root)
    found = {(d.path, d.code, d.line, d.column) for d in result.diagnostics}
    fr = "i18n/fr/docusaurus-plugin-content-docs/current/intro.md"
    # sidebar_position must still match; title (another type) keeps being translated
    assert found == {(fr, "KB504", 2, 19)}
