"""Tables of a translation against its source, section by section."""

from __future__ import annotations

from translation_kb import pair_diagnostics, related
from translation_repo import Repo

ZH, EN = "content/zh/guide.md", "content/en/guide.md"
THREE, FOUR = "| a | b | c |\n|---|---|---|\n", "| a | b | c | d |\n|---|---|---|---|\n"


def tables(repo: Repo, zh: str, en: str) -> list[tuple]:
    return [(d.line, d.column, *related(d)) for d in pair_diagnostics(repo, "KB512", zh, en)]


def test_a_table_that_gained_a_column_is_one_finding_in_its_section(repo: Repo) -> None:
    zh = f"# 协议\n\n## 客户端\n\n{THREE}\n## 服务端\n\n{FOUR}"
    en = f"# Protocol\n\n## Client\n\n{FOUR}\n## Server\n\n{FOUR}"
    assert tables(repo, zh, en) == [(5, 1, (ZH, 5))]


def test_a_column_empty_in_every_row_is_not_a_difference(repo: Repo) -> None:
    rows = "| 1 | 2 | 3 |  |\n| 4 | 5 | 6 |  |\n"
    zh = f"# 协议\n\n## 客户端\n\n{THREE}{rows}"
    en = f"# Protocol\n\n## Client\n\n| a | b | c | Remark |\n|---|---|---|---|\n{rows}"
    assert tables(repo, zh, en) == []


def test_a_list_turned_into_a_table_of_the_same_rows_is_no_finding(repo: Repo) -> None:
    rows = "| Kubernetes | 1.18 |\n| YARN | 3.2.1 |\n"
    listed = "- Kubernetes >= 1.18\n- YARN >= 3.2.1\n"
    zh = f"# 指南\n\n## 前提\n\n{listed}\n## 限制\n\n{listed}- Helm >= 3.5\n"
    en = f"# Guide\n\n## Prerequisites\n\n| Component | Version |\n|---|---|\n{rows}"
    en += f"\n## Limits\n\n| Component | Version |\n|---|---|\n{rows}"
    # the second list has three items: its table of two rows is not the same rows
    assert tables(repo, zh, en) == [(12, 1, (ZH, 8))]


def test_tables_of_a_section_the_translation_wrote_over_a_stub_are_its_own(repo: Repo) -> None:
    # the source says "coming soon" where the translation has the whole section
    steps = "".join(f"Step {n}.\n\n" for n in range(6))
    zh = "# 集群\n\n## 升级\n\n敬请期待。\n\n## 回滚\n\n回滚。\n"
    en = f"# Cluster\n\n## Upgrade\n\n{steps}{THREE}| 1 | 2 | 3 |\n\n## Rollback\n\n{FOUR}"
    # the table of the kept section is still one the source lacks
    assert tables(repo, zh, en) == [(23, 1, (ZH, 7))]


def test_a_table_given_as_a_field_list_with_its_values_is_there(repo: Repo) -> None:
    table = "| 字段 | 长度 | 说明 |\n|---|---|---|\n| 魔数 | 9 | 默认 `EventMesh` |\n"
    table += "| 版本 | 4 | 默认 `0000` |\n"
    zh = f"# 协议\n\n## 格式\n\n{table}\n## 服务端\n\n{table}"
    fields = '```\nMagic: 9 bytes, "EventMesh"\nVersion: 4 bytes, "0000"\n```\n'
    en = f"# Protocol\n\n## Format\n\n{fields}\n## Server\n\nThe server answers.\n"
    # the first is there as a field list; the second has no counterpart
    assert tables(repo, zh, en) == [(10, 1, (ZH, 12))]


def test_a_table_the_source_pastes_twice_is_one_table(repo: Repo) -> None:
    rows = "| 指标 | 类型 | 说明 |\n|---|---|---|\n| tps | gauge | 每秒 |\n"
    zh = f"# 指标\n\n## 服务端\n\n{rows}\n{rows}\n## 客户端\n\n{rows}"
    en = "# Metrics\n\n## Server\n\n| Metric | Type | Meaning |\n|---|---|---|\n"
    en += "| tps | gauge | per second |\n\n## Client\n\nNone yet.\n"
    # the repeated table is the source's slip; the client's table is missing
    assert tables(repo, zh, en) == [(9, 1, (ZH, 15))]
