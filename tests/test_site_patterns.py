"""Patterns of real knowledge bases that are no defect, or one defect reported once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from kbcheck import check
from kbcheck.config import Config, TranslationSettings, load_config


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def findings(config: Config, root: Path, *codes: str) -> set[tuple[str, int, int, str]]:
    result = check(config, select=list(codes), offline=True, cwd=root)
    return {(d.path, d.line, d.column, d.code) for d in result.diagnostics}


def docusaurus_site(root: Path, default_locale: str, locales: list[str]) -> Path:
    i18n = f"i18n: {{defaultLocale: {default_locale!r}, locales: {locales!r}}}"
    write(root / "docusaurus.config.js", f"module.exports = {{{i18n}}};\n")
    return root


def test_default_locale_copy_in_i18n_is_not_a_duplicate_page(tmp_path: Path) -> None:
    # Docusaurus builds the default locale from i18n/<locale>/ where a file is there
    site = docusaurus_site(tmp_path, "en", ["zh", "en"])
    write(site / "docs/intro.md", "# 简介\n\n正文。\n")
    write(site / "i18n/en/docusaurus-plugin-content-docs/current/intro.md", "# Intro\n\nText.\n")
    write(site / "docs/guide.md", "# 指南\n\n正文。\n")
    write(site / "docs/guide.mdx", "# 指南\n\n正文。\n")
    found = findings(load_config(start=site), site, "KB014")
    assert found == {("docs/guide.md", 1, 1, "KB014"), ("docs/guide.mdx", 1, 1, "KB014")}


def test_h1_sections_are_one_finding_of_single_h1(tmp_path: Path) -> None:
    # `# Title` then `# Section`: the second H1 is the defect, not an empty first section
    # and not a title in another language than the section heading
    page = "---\ntitle: Agentic GraphRAG\n---\n\n# 项目背景\n\n# 现有流程\n\n正文。\n\n# 结语\n"
    write(tmp_path / "content/zh/a.md", page)
    config = Config(root=tmp_path, source_locale="zh", locales=["zh"])
    found = findings(config, tmp_path, "KB205", "KB206", "KB208")
    assert found == {
        ("content/zh/a.md", 7, 1, "KB205"),  # one finding for the h1s after the first
        ("content/zh/a.md", 11, 1, "KB208"),  # the last section is empty
    }


BLOG_POST = """---
slug: release-1-0
title: Release 1.0
authors: [alice, {name: Bob, title: Maintainer}]
author_title: Maintainer
date: 2024-08-01
hide_table_of_contents: maybe
---

# Release 1.0

Text.
"""


def test_blog_posts_follow_the_blog_contract_whatever_docs_default_to(tmp_path: Path) -> None:
    # a page type of the user's own (unknown fields warned) applies to docs; blog
    # posts keep Docusaurus's blog contract: authors, dates and the like are no unknown fields
    site = docusaurus_site(tmp_path, "en", ["en"])
    write(site / "kbcheck.toml", 'default_page_type = "page"\n')
    write(site / "schemas/page.yaml", "extends: docusaurus\nunknown_fields: warn\nfields: {}\n")
    write(site / "docs/intro.md", "---\nauthors: [alice]\n---\n\n# Intro\n\nText.\n")
    write(site / "blog/2024-08-01-release.md", BLOG_POST)
    found = findings(load_config(start=site), site, "KB102", "KB107")
    assert found == {
        ("docs/intro.md", 2, 1, "KB107"),  # authors mean nothing on a doc
        ("blog/2024-08-01-release.md", 7, 25, "KB102"),  # a boolean is true or false
    }


def test_blog_posts_with_no_configuration(tmp_path: Path) -> None:
    # `date` is the blog's publication date; docs have no such field
    site = docusaurus_site(tmp_path, "en", ["en"])
    write(site / "blog/2024-08-01-release.md", "---\ndate: someday\n---\n\n# Release\n\nText.\n")
    write(site / "docs/intro.md", "---\ndate: someday\n---\n\n# Intro\n\nText.\n")
    found = findings(load_config(start=site), site)
    assert found == {("blog/2024-08-01-release.md", 2, 7, "KB104")}


def test_init_learns_the_page_type_from_docs_not_blog_posts(tmp_path: Path) -> None:
    site = docusaurus_site(tmp_path, "en", ["en"])
    for n in range(3):
        write(site / f"docs/d{n}.md", f"---\nsidebar_position: {n}\n---\n\n# D{n}\n\nText.\n")
        post = f"---\nauthors: [alice]\ndate: 2024-01-0{n + 1}\n---\n\n# P{n}\n\nText.\n"
        write(site / f"blog/p{n}.md", post)
    run = [sys.executable, "-m", "kbcheck"]
    subprocess.run([*run, "init"], cwd=site, check=True, capture_output=True, timeout=60)
    learnt = yaml.safe_load((site / "schemas/page.yaml").read_text("utf-8"))
    assert set(learnt["fields"]) == {"sidebar_position"}
    assert learnt["fields"]["sidebar_position"]["required"] is True
    checked = subprocess.run(
        [*run, "check", "--offline", "--format", "json"], cwd=site, capture_output=True, timeout=60
    )
    assert (checked.returncode, json.loads(checked.stdout)["diagnostics"]) == (0, [])


def test_init_requires_only_what_every_top_folder_has(tmp_path: Path) -> None:
    # a Hugo-style site: docs are ordered by weight, blog posts by date
    for n in range(5):
        page = f"---\ntitle: D{n}\nweight: {n}\n---\n\nText.\n"
        write(tmp_path / f"content/en/docs/d{n}.md", page)
    for n in range(2):
        write(
            tmp_path / f"content/en/blog/p{n}.md",
            f"---\ntitle: P{n}\ndate: 2024-01-0{n + 1}\n---\n",
        )
    write(tmp_path / "content/en/docs/notes.md", "Text without a title.\n")
    run = [sys.executable, "-m", "kbcheck"]
    subprocess.run([*run, "init"], cwd=tmp_path, check=True, capture_output=True, timeout=60)
    learnt = yaml.safe_load((tmp_path / "schemas/page.yaml").read_text("utf-8"))["fields"]
    assert learnt == {
        "title": {"type": "string", "required": True},
        "weight": {"type": "integer"},
        "date": {"type": "string"},
    }
    checked = subprocess.run(
        [*run, "check", "--offline", "--format", "json", "--select", "KB1,KB205"],
        cwd=tmp_path, capture_output=True, timeout=60,
    )  # fmt: skip
    found = {
        (d["path"], d["line"], d["column"], d["rule"])
        for d in json.loads(checked.stdout)["diagnostics"]
    }
    # one finding for the page without a title: the page type's, not also single-h1's
    assert found == {("content/en/docs/notes.md", 1, 1, "KB101")}


def test_init_learns_the_sections_most_pages_of_every_locale_have(tmp_path: Path) -> None:
    zh = "---\ntitle: 页{n}\n---\n\n# 页{n}\n\n## 简介\n\n说明。\n\n"
    zh += "## 用法 {{#usage}}\n\n步骤。\n\n## 其他{n}\n\n文字。\n"  # the last one differs
    en = "---\ntitle: P{n}\n---\n\n# P{n}\n\n## Introduction\n\nText.\n\n"
    en += "## Usage {{#usage}}\n\nSteps.\n"
    for n in range(5):
        write(tmp_path / f"content/zh/p{n}.md", zh.format(n=n))
        write(tmp_path / f"content/en/p{n}.md", en.format(n=n))
    run = [sys.executable, "-m", "kbcheck"]
    subprocess.run([*run, "init"], cwd=tmp_path, check=True, capture_output=True, timeout=60)
    learnt = yaml.safe_load((tmp_path / "schemas/page.yaml").read_text("utf-8"))
    assert learnt["sections"] == [{"title": {"en": "Introduction", "zh": "简介"}}, {"id": "usage"}]
    # a page that lost a section is reported, and only that page
    write(tmp_path / "content/zh/p3.md", zh.format(n=3).replace("## 简介\n\n说明。\n\n", ""))
    checked = subprocess.run(
        [*run, "check", "--offline", "--format", "json", "--select", "KB2"],
        cwd=tmp_path, capture_output=True, timeout=60,
    )  # fmt: skip
    found = {(d["path"], d["rule"]) for d in json.loads(checked.stdout)["diagnostics"]}
    assert found == {("content/zh/p3.md", "KB201")}


def test_headings_rendered_from_the_example_above_are_not_empty_sections(tmp_path: Path) -> None:
    # VitePress's Badge page: the example's output is headings with nothing under them,
    # in a translation with the example's lines reflowed and ids added
    page = (
        '# Badge\n\n## Usage\n\n```html\n### Title <Badge text="beta" /> ### Title\n'
        '<Badge text="new" />\n```\n\nRenders as:\n\n'
        '### Title <Badge text="beta" /> {#title}\n\n### Title <Badge text="new" />\n\n'
        "## Options\n\n## Colours\n\nCSS variables.\n"
    )
    write(tmp_path / "content/en/badge.md", page)
    config = Config(root=tmp_path, source_locale="en", locales=["en"])
    assert findings(config, tmp_path, "KB208") == {("content/en/badge.md", 16, 1, "KB208")}


def test_closing_small_print_heading_is_no_section(tmp_path: Path) -> None:
    # cobra's generated CLI pages end with a footer set as an H6; an H6 further up,
    # or a closing H4, is still a section, and a closing H6 with text under it too
    footer = "###### Auto generated by spf13/cobra on 20-Mar-2021\n"
    write(tmp_path / "content/en/cli.md", "# vela\n\n### Options\n\nText.\n\n" + footer)
    write(tmp_path / "content/en/mid.md", "# A\n\n###### Fine\n\n## B\n\nText.\n")
    write(tmp_path / "content/en/h4.md", "# A\n\n## B\n\nText.\n\n#### End\n")
    write(tmp_path / "content/en/text.md", "# A\n\n## B\n\nText.\n\n###### End\n\nText.\n")
    config = Config(root=tmp_path, source_locale="en", locales=["en"])
    assert findings(config, tmp_path, "KB207", "KB208") == {
        ("content/en/cli.md", 3, 1, "KB207"),  # h3 after h1: the page's own jump
        ("content/en/mid.md", 3, 1, "KB207"),
        ("content/en/mid.md", 3, 1, "KB208"),
        ("content/en/h4.md", 7, 1, "KB207"),
        ("content/en/h4.md", 7, 1, "KB208"),
        ("content/en/text.md", 7, 1, "KB207"),
    }


def test_links_to_pages_left_untranslated_on_purpose(tmp_path: Path) -> None:
    # FastAPI never translates its release notes: translations link to the English page
    for locale in ("en", "de"):
        write(tmp_path / f"content/{locale}/index.md", "# Home\n\n[notes](release-notes.md)\n")
    write(tmp_path / "content/en/release-notes.md", "# Release notes\n\n## 1.0\n\nFirst.\n")
    config = Config(root=tmp_path, source_locale="en", locales=["en", "de"])
    assert findings(config, tmp_path, "KB304") == {("content/de/index.md", 3, 1, "KB304")}
    declared = TranslationSettings(untranslated=["content/en/release-notes.md"])
    config = Config(root=tmp_path, source_locale="en", locales=["en", "de"], translations=declared)
    assert findings(config, tmp_path, "KB304") == set()
