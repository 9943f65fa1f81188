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


# the code of a box missing whole is that box's: one finding, KB513's, not one more of KB509

TABS = (
    '<Tabs>\n<TabItem value="npm">\n\n```bash\nnpm i kbcheck\n```\n\n</TabItem>\n'
    '<TabItem value="pip">\n\n```bash\npip install kbcheck\n```\n\n</TabItem>\n</Tabs>\n'
)
TIP = ":::tip\n先备份：\n\n```bash\ncp app.conf app.conf.bak\n```\n:::\n"


def box_and_code(repo: Repo, zh: str, en: str) -> list[tuple]:
    found = pair_diagnostics(repo, "KB5", zh, en)
    return sorted((d.line, d.code, d.severity.value) for d in found if d.code in {"KB509", "KB513"})


def test_a_missing_tabs_group_with_its_code_is_one_finding(repo: Repo) -> None:
    zh = f"# 指南\n\n## 安装\n\n任选其一：\n\n{TABS}"
    en = "# Guide\n\n## Install\n\nInstall it with npm or pip.\n"
    assert box_and_code(repo, zh, en) == [(3, "KB513", "warning")]


def test_a_missing_tip_with_its_code_is_one_finding_a_tip_whose_code_changed_is_not(
    repo: Repo,
) -> None:
    zh = (
        f"# 指南\n\n## 备份\n\n{TIP}\n"
        "## 配置\n\n:::tip\n然后编辑：\n\n```bash\nvi app.conf\n```\n:::\n"
    )
    en = (
        "# Guide\n\n## Backup\n\nBack up first.\n\n"
        "## Configure\n\n:::tip\nThen edit:\n\n```bash\nnano app.conf\n```\n:::\n"  # line 13
    )
    assert box_and_code(repo, zh, en) == [(3, "KB513", "warning"), (13, "KB509", "error")]


def test_code_missing_outside_the_missing_box_is_still_code_mismatch(repo: Repo) -> None:
    zh = f"# 指南\n\n## 备份\n\n{TIP}\n## 安装\n\n运行：\n\n```bash\nmake install\n```\n"
    en = "# Guide\n\n## Backup\n\nBack up first.\n\n## Install\n\nRun make.\n"
    assert box_and_code(repo, zh, en) == [(3, "KB513", "warning"), (7, "KB509", "error")]


def test_a_box_only_the_translation_has_with_its_code_is_one_finding(repo: Repo) -> None:
    zh = "# 指南\n\n## 安装\n\n运行 `make`。\n"
    en = (
        "# Guide\n\n## Install\n\nRun `make`.\n\n"
        ":::tip\nBack up first:\n\n```bash\ncp app.conf app.conf.bak\n```\n:::\n"  # line 7
    )
    assert box_and_code(repo, zh, en) == [(7, "KB513", "info")]


def test_a_box_on_one_line_holds_no_code_after_it(repo: Repo) -> None:
    zh = (
        "# 指南\n\n## 安装\n\n:::note 先备份。 :::\n\n"  # not closed by the tip's `:::`
        "```bash\nmake install\n```\n\n:::tip\n完成。\n:::\n"
    )
    en = "# Guide\n\n## Install\n\nRun make.\n\n:::tip\nDone.\n:::\n"
    assert box_and_code(repo, zh, en) == [(3, "KB509", "error"), (3, "KB513", "warning")]
