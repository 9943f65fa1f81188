"""Headings of a translation matched with its source's as a reader would match them."""

from __future__ import annotations

from translation_kb import diagnostics, make_kb, related
from translation_repo import Repo

from kbcheck.diagnostics import Severity

ZH, EN = "content/zh/guide.md", "content/en/guide.md"


def zh(install_id: str = "", when_id: str = "") -> str:
    return (
        "---\ntitle: 指南\n---\n\n# 指南\n\n简介。\n\n"  # lines 1-7
        f"## 何时使用{when_id}\n\n需要检索增强生成（RAG）时使用，例如问答和客服。\n\n"  # 9
        f"## 安装{install_id}\n\n```sh\npip install kbtool==1.2\n```\n\n"  # 13
        "## 配置\n\n在 `config.yaml` 中设置 `top_k` 和 `model`。\n\n"  # 19
        "## 常见问题\n\n遇到问题请先看日志。日志里通常有原因。\n"  # 23
    )


def en(when: str = "## When to use", level: str = "##", configuration: bool = True) -> str:
    page = (
        "---\ntitle: Guide\n---\n\n# Guide\n\nIntro.\n\n"  # lines 1-7
        f"{when}\n\nUse it when you need retrieval-augmented generation (RAG), "
        "for example question answering and support.\n\n"  # 9
    )
    if configuration:
        page += f"{level} Configuration\n\nSet `top_k` and `model` in `config.yaml`.\n"  # 13
    return page


def setup(repo: Repo, source: str, translation: str) -> None:
    make_kb(repo)
    repo.write(ZH, source)
    repo.write(EN, translation)
    repo.commit()


def test_a_missing_section_in_the_middle_is_named_and_not_its_neighbour(repo: Repo) -> None:
    setup(repo, zh(), en())
    found = sorted((d.line, d.column, d.code, *related(d)) for d in diagnostics(repo.root))
    # 安装 (line 13) and 常见问题 (line 23) are missing; 配置 is there as Configuration
    assert found == [(9, 1, "KB507", (ZH, 13)), (13, 1, "KB507", (ZH, 23))]


def test_an_id_equal_to_the_sources_generated_anchor_is_the_same_heading(repo: Repo) -> None:
    setup(repo, zh(), en(when="## When to use {#何时使用}"))
    found = sorted((d.line, d.code, d.severity, *related(d)) for d in diagnostics(repo.root))
    assert found == [
        (9, "KB507", Severity.INFO, (ZH, 9)),  # the id: suggested for the source
        (9, "KB507", Severity.WARNING, (ZH, 13)),  # 安装 is missing
        (13, "KB507", Severity.WARNING, (ZH, 23)),  # 常见问题 is missing
    ]


def test_a_missing_section_with_an_id_is_one_finding(repo: Repo) -> None:
    setup(repo, zh(install_id=" {#install}"), en())
    codes = sorted((d.code, *related(d)) for d in diagnostics(repo.root))
    assert codes == [("KB507", (ZH, 13)), ("KB507", (ZH, 23))]  # no KB508 for #install


def test_a_skipped_level_is_reported_once(repo: Repo) -> None:
    setup(repo, zh(), en(level="####"))
    found = {(d.line, d.code, *related(d)) for d in diagnostics(repo.root, "KB") if d.line == 13}
    assert found == {(13, "KB207"), (13, "KB507", (ZH, 23))}  # and 常见问题 is missing
