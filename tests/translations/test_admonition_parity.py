"""Admonitions and MDX components of a translation against its source's: a box is
matched across the page before it is reported, and a finding names the box that
has no counterpart."""

from __future__ import annotations

from translation_kb import diagnostics, pair_diagnostics, related
from translation_repo import Repo

ZH, EN = "content/zh/guide.md", "content/en/guide.md"
DOCUSAURUS = 'layout = "docusaurus"\nsource_locale = "zh"\nlocales = ["zh", "en"]\n'
I18N = "i18n/en/docusaurus-plugin-content-docs/current"


def boxes(repo: Repo, zh: str, en: str) -> list[tuple]:
    return [(d.line, d.column, *related(d)) for d in pair_diagnostics(repo, "KB513", zh, en)]


def test_a_space_after_the_colons_is_the_same_admonition(repo: Repo) -> None:
    # VitePress (markdown-it-container) renders both forms alike
    zh = "# 指南\n\n## 安装\n\n::: tip\n先备份。\n:::\n"
    en = "# Guide\n\n## Install\n\n:::tip\nBack up first.\n:::\n"
    assert boxes(repo, zh, en) == []


def test_a_space_after_the_colons_is_text_on_a_docusaurus_site(repo: Repo) -> None:
    repo.write("kbcheck.toml", DOCUSAURUS)
    repo.write("docs/guide.md", "# 指南\n\n::: tip\n先备份。\n:::\n")  # shown as text
    repo.write(f"{I18N}/guide.md", "# Guide\n\n:::tip\nBack up first.\n:::\n")
    repo.commit()
    assert [(d.line, d.column) for d in diagnostics(repo.root, "KB513")] == [(3, 1)]


def test_a_box_moved_to_a_section_only_the_translation_has_is_no_finding(repo: Repo) -> None:
    zh = "# 部署\n\n## 单机模式\n\n:::caution\n仅用于测试。\n:::\n\n## 集群模式\n\n正文。\n"
    en = (
        "# Deployment\n\n## Single mode\n\nIntro.\n\n### One node, one replica\n\n"
        ":::caution\nFor tests only.\n:::\n\n## Cluster mode\n\nText.\n"
    )
    assert boxes(repo, zh, en) == []


def test_of_repeated_boxes_the_one_without_a_counterpart_is_named(repo: Repo) -> None:
    zh = "# 安装\n\n## 网页\n\n:::note\n从 https://mapbox.com 获取 `mapboxToken`。\n:::\n"
    en = (
        "# Install\n\n## Web\n\n"
        ":::note\nIf it fails, add `--break-system-packages`.\n:::\n\n"  # line 5: English only
        ":::note\nGet `mapboxToken` at https://mapbox.com.\n:::\n"
    )
    assert boxes(repo, zh, en) == [(5, 1, (ZH, 3))]


def test_a_box_really_missing_is_found_at_its_section(repo: Repo) -> None:
    zh = "# 指南\n\n## 甲\n\n::: tip\n提示。\n:::\n\n## 乙\n\n::: warning\n警告。\n:::\n"
    en = "# Guide\n\n## A\n\n:::tip\nA tip.\n:::\n\n## B\n\nNo warning here.\n"
    assert boxes(repo, zh, en) == [(9, 1, (ZH, 11))]  # at the heading of B


def test_a_box_written_as_a_labelled_paragraph_is_there(repo: Repo) -> None:
    zh = "# 指南\n\n## 安装\n\n正文。\n\n**提示：** 先备份。\n\n## 配置\n\n正文。\n"
    en = "# Guide\n\n## Install\n\nText.\n\n:::tip\nBack up first.\n:::\n\n## Configure\n\nText.\n"
    assert boxes(repo, zh, en) == []
    # a box of another section is still not in the source
    en = "# Guide\n\n## Install\n\nText.\n\n## Configure\n\n:::tip\nBack up first.\n:::\n"
    assert [line for line, *_ in boxes(repo, zh, en)] == [9]


def test_a_box_renamed_is_named_with_the_one_it_stands_for(repo: Repo) -> None:
    zh = (
        "# 插件\n\n正文。\n\n:::tip\n选项见[这里](https://example.org/spec)。\n:::\n\n"  # 5
        ":::info\n删除后运行 `:Lazy clean`。\n:::\n"  # 9
    )
    en = "# Plugins\n\nText.\n\n:::tip\nAfter removing it, run `:Lazy clean`.\n:::\n"
    # the translation's tip is the source's info (its code): the tip is missing
    assert sorted(boxes(repo, zh, en)) == [(1, 1, (ZH, 5)), (5, 1, (ZH, 9))]


def test_a_tip_for_an_info_box_is_info_a_tip_for_a_warning_is_not(repo: Repo) -> None:
    zh = (
        "# 指南\n\n## 安装\n\n:::info\n先运行 `make`。\n:::\n\n"
        "## 删除\n\n:::danger\n运行 `rm -rf build`。\n:::\n"
    )
    en = (
        "# Guide\n\n## Install\n\n:::tip\nRun `make` first.\n:::\n\n"
        "## Remove\n\n:::tip\nRun `rm -rf build`.\n:::\n"
    )
    found = {(d.line, d.severity.value) for d in pair_diagnostics(repo, "KB513", zh, en)}
    assert found == {(5, "info"), (11, "warning")}
