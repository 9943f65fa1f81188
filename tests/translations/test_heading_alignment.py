"""Headings of a translation matched with its source's as a reader would match them."""

from __future__ import annotations

from translation_kb import diagnostics, make_kb, related
from translation_repo import Repo

from kbcheck.diagnostics import Severity
from kbcheck.page import read_page

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


def setup_en(repo: Repo, source: str, translation: str) -> None:
    """An English source and its Chinese translation."""
    make_kb(repo, 'content = ["content"]\nsource_locale = "en"\nlocales = ["en", "zh"]\n')
    repo.write(EN, source)
    repo.write(ZH, translation)
    repo.commit()


def test_a_missing_section_in_the_middle_is_named_and_not_its_neighbour(repo: Repo) -> None:
    setup(repo, zh(), en())
    found = sorted((d.line, d.column, d.code, *related(d)) for d in diagnostics(repo.root))
    # 安装 (line 13) and 常见问题 (line 23) are missing; 配置 is there as Configuration
    assert found == [(9, 1, "KB507", (ZH, 13)), (13, 1, "KB507", (ZH, 23))]


def test_of_two_near_equal_sections_of_a_level_the_first_is_the_sources(repo: Repo) -> None:
    source = (
        "---\ntitle: 简介\n---\n\n# 简介\n\n"  # lines 1-6
        "**EventMesh** 是一个事件驱动的平台，见 [CloudEvents](https://cloudevents.io)。\n\n"
        "## 特性\n\nEventMesh 有很多特性：\n\n"  # 9
        "- 基于 [CloudEvents](https://cloudevents.io) 规范。\n"
        "- 用 [gRPC](https://grpc.io) 扩展。\n"
        "- 连接 [Kafka](https://kafka.apache.org)、[Redis](https://redis.io) 和 "
        "[Nacos](https://nacos.io)。\n"
        "- 由 [Serverless Workflow](https://serverlessworkflow.io) 编排。\n"
    )
    translation = (
        "---\ntitle: Intro\n---\n\n# Intro\n\n"  # lines 1-6
        "**EventMesh** is an event-driven platform, see [CloudEvents](https://cloudevents.io).\n\n"
        "## Features\n\nIt has features.\n\n"  # 9
        "- Built on [CloudEvents](https://cloudevents.io).\n"
        "- Orchestration by [Serverless Workflow](https://serverlessworkflow.io).\n"
        "- Extensible with [gRPC](https://grpc.io).\n\n"
        "## Components\n\nEventMesh is made of components.\n\n"  # 17
        "- sdk: [gRPC](https://grpc.io).\n"
        "- connectors: [Kafka](https://kafka.apache.org), [Redis](https://redis.io).\n"
        "- registry: [Nacos](https://nacos.io).\n"
    )
    setup(repo, source, translation)
    # Components holds a little more of 特性's links, Features is where a reader looks
    assert [(d.line, d.code) for d in diagnostics(repo.root, "KB507")] == [(17, "KB507")]


def test_a_heading_one_level_too_deep_is_matched_at_the_level_it_stands_for(
    repo: Repo,
) -> None:
    source = (
        "---\ntitle: 指南\n---\n\n# 指南\n\n简介。\n\n"  # lines 1-7
        "## 列出映射\n\n用 `<Leader>Lk` 查看。检查一个键：\n\n```lua\n:verbose map <TAB>\n```\n\n"
        "## 映射\n\n"  # 17
        "### 重新映射\n\n修改一个键：\n\n"  # 19
        '```lua\nlvim.keys.normal_mode["<S-x>"] = ":BufferKill<CR>"\n```\n\n'
        "## LSP\n\n用 `lvim.lsp.buffer_mappings` 修改。\n"
    )
    translation = (
        "---\ntitle: Guide\n---\n\n# Guide\n\nIntro.\n\n"  # lines 1-7
        "### Listing\n\nUse `<Leader>Lk` to view. To check one key:\n\n"  # 9: under the H1
        "```lua\n:verbose map <TAB>\n```\n\n"
        "## LSP\n\nUse `lvim.lsp.buffer_mappings`.\n"
    )
    setup(repo, source, translation)
    found = {(d.line, d.code, *related(d)) for d in diagnostics(repo.root, "KB")}
    # Listing is 列出映射 (KB207 reports its level); 映射 is missing with the one under it
    assert found == {(9, "KB207"), (9, "KB507", (ZH, 17))}


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


def test_siblings_under_a_skipped_level_are_that_one_finding(repo: Repo) -> None:
    setup(repo, zh(), en(when="### When to use", level="###"))
    found = {(d.line, d.code, *related(d)) for d in diagnostics(repo.root, "KB")}
    # one KB207 for the skipped level; 安装 and 常见问题 are missing
    assert found == {(9, "KB207"), (9, "KB507", (ZH, 13)), (13, "KB507", (ZH, 23))}


def test_headings_in_a_row_one_level_down_are_one_finding(repo: Repo) -> None:
    translation = (
        "---\ntitle: Guide\n---\n\n# Guide\n\nIntro.\n\n"  # lines 1-7
        "## When to use\n\nUse it when you need retrieval-augmented generation (RAG).\n\n"  # 9
        "### Install\n\n```sh\npip install kbtool==1.2\n```\n\n"  # 13
        "### Configuration\n\nSet `top_k` and `model` in `config.yaml`.\n\n"  # 19
        "### FAQ\n\nRead the logs first.\n"  # 23
    )
    setup(repo, zh(), translation)
    found = [(d.line, d.column, d.code, *related(d)) for d in diagnostics(repo.root, "KB")]
    assert found == [(13, 1, "KB507", (ZH, 13))]  # 安装, 配置 and 常见问题 are level 2 there


TOC_ZH = "## 目录\n\n- [何时使用](#何时使用)\n- [安装](#安装)\n  - [配置](#配置)\n\n"


def test_a_table_of_contents_in_one_locale_only_is_navigation(repo: Repo) -> None:
    source = zh().replace("简介。\n\n", "简介。\n\n" + TOC_ZH)  # the TOC is lines 9-13
    setup(repo, source, en())
    found = sorted((d.line, d.code, *related(d)) for d in diagnostics(repo.root))
    # 安装 and 常见问题 are missing (lines 19, 29); 目录 is not
    assert found == [(9, "KB507", (ZH, 19)), (13, "KB507", (ZH, 29))]
    en_toc = "## Contents\n\n1. [When to use](#when-to-use)\n2. [Configuration](#configuration)\n\n"
    setup(repo, zh(), en().replace("Intro.\n\n", "Intro.\n\n" + en_toc))
    found = sorted((d.line, d.code, *related(d)) for d in diagnostics(repo.root))
    assert found == [(14, "KB507", (ZH, 13)), (18, "KB507", (ZH, 23))]  # 安装, 常见问题


def sections(items: list[tuple[str, str]]) -> str:
    return "".join(f"## {title}\n\n{body}\n\n" for title, body in items)


FLOW = "```mermaid\nflowchart TD\n"
FLOW += "".join(f"  S{i}[Step {i}] --> S{i + 1}[Step {i + 1}]\n" for i in range(12)) + "```"
ROUNDS = (
    "Rounds go like this:\n\n1. **Round 1**: fan out to the models.\n2. **Compaction**: "
    "shorten the answers.\n3. **Round 2**: fan out again.\n4. **Synthesis**: merge.\n\n"
    "The schedule `[32, 4]` means 32 calls, then 4."
)
CONFIG = "```yaml\nalgorithm:\n  type: remom\n  remom:\n    breadth_schedule: [3, 2]\n```"
LONG = "# ReMoM (Reasoning for Mixture of Models)\n\n" + sections(
    [
        ("Overview", "`remom` runs several models in rounds and merges what they answer.\n\n"
         "It reads `config/looper/remom.yaml`."),  # line 3
        ("Key Advantages", "- Several rounds of reasoning in parallel.\n- One answer merged "
         "from many.\n- Models chosen by `weighted` or `equal` shares.\n- Token budgets kept "
         "per round.\n- Templates for the merge."),  # 9
        ("Algorithm Principle", ROUNDS),  # 17
        ("Execution Flow", FLOW),  # 28
        ("Model Distribution", "| Strategy | Description |\n|---|---|\n| `weighted` | by weight "
         "|\n| `equal` | equally |"),  # 45
        ("What Problem Does It Solve?", "Some tasks gain from exploring in breadth and merging "
         "later; `remom` gives the router a way to do it."),  # 52
        ("When to Use", "- One route calls several models over several passes.\n- You need a "
         "breadth schedule.\n- Intermediate answers are kept or dropped on purpose.\n- Merged "
         "answers beat single ones."),  # 56
        ("Known Limitations", "- Many tokens per round.\n- Quality depends on the template."),
        ("Configuration", f"Use it in `algorithm`:\n\n{CONFIG}"),
    ]
)  # fmt: skip
SHORT = "# ReMoM\n\n" + sections(
    [
        ("概览", "`remom` 是广度受控的多模型循环算法。\n\n对应 `config/looper/remom.yaml`。"),
        ("主要优势", "- 按调度广度协调多个候选模型。\n- 中间响应行为显式。\n"
         "- 适合需要更丰富编排的路由。"),
        ("解决什么问题？", "部分路由不仅要升级，还要控制每阶段参与模型数量。"
         "`remom` 给出广度调度。"),
        ("何时使用", "- 一条路由应在多轮中协调多个模型\n- 需要可配置的广度调度\n"
         "- 中间响应应显式包含或排除"),
        ("配置", f"在 `algorithm` 中使用：\n\n{CONFIG}"),
    ]
)  # fmt: skip


def test_a_translation_that_kept_half_the_sections_names_the_ones_it_lacks(repo: Repo) -> None:
    setup_en(repo, LONG, SHORT)
    found = sorted((d.line, *related(d)) for d in diagnostics(repo.root, "KB507"))
    lacking = [h.line for h in read_page(EN, LONG.encode()).headings if h.text in MISSING]
    kept = {h.text: h.line for h in read_page(ZH, SHORT.encode()).headings}
    # Algorithm Principle, Execution Flow and Model Distribution after 主要优势,
    # Known Limitations after 何时使用; Key Advantages is 主要优势, not missing
    assert found == [(kept["主要优势"], (EN, line)) for line in lacking[:3]] + [
        (kept["何时使用"], (EN, lacking[3]))
    ]


MISSING = {"Algorithm Principle", "Execution Flow", "Model Distribution", "Known Limitations"}


PROPOSAL_ZH = (
    "# 设计\n\n## 摘要\n\n简述。\n\n## 提案\n\n### 设计概述\n\n整体结构见 `koord-scheduler`。\n\n"
    "### 用户故事\n\n#### 故事 1\n\n用户要 `LSR` 独占。\n\n#### 故事 2\n\n用户要 `LS` 共享。\n\n"
    "## 设计细节\n\n细节。\n"
)  # headings on lines 1, 3, 7, 9, 13, 15, 19, 23


def test_a_heading_left_out_with_its_subtree_moved_up_is_one_finding(repo: Repo) -> None:
    en_page = (
        "# Design\n\n## Summary\n\nIn short.\n\n## Design Overview\n\nSee `koord-scheduler`.\n\n"
        "## User stories\n\n### Story 1\n\nUsers want `LSR` alone.\n\n### Story 2\n\n"
        "Users want `LS` shared.\n\n## Design Details\n\nDetails.\n"
    )
    setup(repo, PROPOSAL_ZH, en_page)
    found = [(d.line, d.code, *related(d)) for d in diagnostics(repo.root, "KB")]
    assert found == [(3, "KB507", (ZH, 7))]  # 提案 is missing, placed after 摘要
    setup_en(repo, en_page, PROPOSAL_ZH)  # the other way round: a heading added above
    found = [(d.path, d.line, d.code) for d in diagnostics(repo.root, "KB")]
    assert found == [(ZH, 7, "KB507")]


def test_subsections_folded_into_their_parent_are_missing_not_the_parent(repo: Repo) -> None:
    source = (
        "# 插件\n\n## 背景\n\n背景。\n\n## 替代方案\n\n"  # 替代方案 on line 7
        "### NodeAffinity 对比 ScarceResourceAvoidance\n\n`NodeAffinity` 要逐个配置；"
        "`ScarceResourceAvoidance` 自动避开稀缺资源节点，见 `pkg/scheduler/plugins`。\n\n"  # 9
        "### 多个调度配置对比 NodeResourcesFitPlus\n\n多个 `profiles` 要拆分集群；"
        "`NodeResourcesFitPlus` 在一个调度器里给每种资源设置策略。\n"  # 13
    )
    translation = (
        "# Plugin\n\n## Background\n\nBackground.\n\n## Alternatives\n\n"  # line 7
        "`NodeAffinity` needs each pod configured, while `ScarceResourceAvoidance` keeps "
        "pods off scarce nodes (`pkg/scheduler/plugins`). Several `profiles` split the "
        "cluster; `NodeResourcesFitPlus` sets a strategy per resource in one scheduler.\n"
    )
    setup(repo, source, translation)
    found = sorted((d.line, *related(d)) for d in diagnostics(repo.root, "KB507"))
    assert found == [(7, (ZH, 9)), (7, (ZH, 13))]  # both subsections, under Alternatives


def test_ids_equal_to_the_sources_generated_anchors_are_one_info_per_page(repo: Repo) -> None:
    translation = en(when="## When to use {#何时使用}").replace(
        "Configuration", "Configuration {#配置}"
    )
    setup(repo, zh(), translation)
    infos = [(d.line, *related(d)) for d in diagnostics(repo.root) if d.severity is Severity.INFO]
    assert infos == [(9, (ZH, 9))]  # at the first of the two ids


def test_ids_equal_to_the_sources_generated_anchors_are_one_info_per_source_page(
    repo: Repo,
) -> None:
    make_kb(repo, 'content = ["content"]\nsource_locale = "zh"\nlocales = ["zh", "en", "ja"]\n')
    repo.write(ZH, zh())
    translation = en(when="## When to use {#何时使用}")  # the id on line 9
    repo.write(EN, translation)
    repo.write("content/ja/guide.md", translation.replace("When to use", "使い方"))
    repo.commit()
    infos = [(d.path, d.line) for d in diagnostics(repo.root) if d.severity is Severity.INFO]
    assert infos == [(EN, 9)]  # the source is to keep it once, for both


def chapters(*titles: str) -> str:
    """A page of H2 sections, each with its own untranslated command."""
    return "".join(
        f"## {title}\n\n"
        + (f"What `run-{k}` does.\n\n" if title.isascii() else f"`run-{k}` 的说明。\n\n")
        for k, title in enumerate(titles)
    )


def test_a_stub_translation_is_one_finding_naming_the_first_missing_section(
    repo: Repo,
) -> None:
    source = "# 手册\n\n简介。\n\n" + chapters("甲", "乙", "丙", "丁", "戊", "己")
    # headings on lines 1, 5 (甲), 9 (乙), 13, 17, 21, 25
    translation = "# Manual\n\nIntro.\n\n## A\n\nHow `run-0` works.\n"  # ## A on line 5
    setup(repo, source, translation)
    found = [(d.line, d.column, d.code, *related(d)) for d in diagnostics(repo.root)]
    assert found == [(5, 1, "KB507", (ZH, 9))]  # covers 2 of 7; 乙 is the first missing


def test_a_translation_ahead_of_a_stub_source_is_one_finding_naming_the_first_added(
    repo: Repo,
) -> None:
    source = "# 手册\n\n简介。\n\n" + chapters("甲")
    translation = "# Manual\n\nIntro.\n\n" + chapters("A", "B", "C", "D")  # B on line 9
    setup(repo, source, translation)
    found = [(d.line, d.column, d.code, *related(d)) for d in diagnostics(repo.root)]
    assert found == [(9, 1, "KB507", (ZH, 5))]  # 3 of 5 sections added; B is the first


def test_a_section_missing_with_its_subsections_is_one_finding(repo: Repo) -> None:
    subsections = "### 乙一\n\n一。\n\n### 乙二\n\n二。\n\n"  # lines 11 and 15
    source = "# 手册\n\n简介。\n\n" + chapters("甲", "乙", "丙", "丁", "戊")  # 乙 on line 9
    source = source.replace("## 丙", subsections + "## 丙")
    translation = "# Manual\n\nIntro.\n\n" + chapters("A", "B", "C", "D", "E")
    translation = translation.replace("## B\n\nWhat `run-1` does.\n\n", "")  # A on line 5
    setup(repo, source, translation)
    found = [(d.line, d.column, d.code, *related(d)) for d in diagnostics(repo.root)]
    assert found == [(5, 1, "KB507", (ZH, 9))]  # 乙 and the two under it, after A


def test_a_section_moved_elsewhere_is_one_finding_on_it(repo: Repo) -> None:
    source = (
        "# 钩子\n\n## 头部 {#head}\n\n### Example A\n\n`og:image` 的例子。\n\n"  # 3, 5
        "## 页面 {#page}\n\n### Example B\n\n`canonical` 的例子。\n"  # 9, 11
    )
    translation = (
        "# Hooks\n\n## Head {#head}\n\n### Example B {#example-b}\n\n"  # 3, 5
        "The `canonical` example.\n\n## Page {#page}\n\nThe page hook.\n"  # 9
    )
    setup(repo, source, translation)
    found = sorted((d.line, d.column, d.code, *related(d)) for d in diagnostics(repo.root))
    # Example B is under Head here, under Page in the source; Example A is missing
    assert found == [(3, 1, "KB507", (ZH, 5)), (5, 1, "KB507", (ZH, 11))]


def test_repeated_headings_are_matched_by_their_sections_not_their_numbered_anchors(
    repo: Repo,
) -> None:
    def release(title: str, script: str) -> str:
        return f"## {title}\n\n### database\n\nRun `{script}`.\n\n"

    source = (
        "# 升级\n\n" + release("从 v2 升级到 v3", "v3.sql") + release("从 v1 升级到 v2", "v2.sql")
    )
    translation = "# Upgrade\n\n" + "".join(
        release(f"Upgrade from v{k} to v{k + 1}", f"v{k + 1}.sql") for k in (3, 2, 1)
    )  # a release ahead of the source, on line 3; each `database` is database, database-1, ...
    setup(repo, source, translation)
    found = [(d.path, d.line, d.column, d.code) for d in diagnostics(repo.root)]
    assert found == [(EN, 3, 1, "KB507")]  # the new release and its database, as one


def test_a_section_moved_with_its_subsection_is_one_finding(repo: Repo) -> None:
    source = (
        "# 部署\n\n## Routing\n\n### Example\n\n`route.yaml` 示例。\n\n"  # 3, 5
        "## 模式 {#modes}\n\n两种模式。\n\n## 验证 {#verify}\n\n`kubectl get`。\n\n"
        "## 状态 {#status}\n\n`kubectl describe`。\n"
    )
    translation = (
        "# Deploy\n\n## Modes {#modes}\n\nTwo modes.\n\n## Verify {#verify}\n\n"
        "`kubectl get`.\n\n## Status {#status}\n\n`kubectl describe`.\n\n"
        "## Routing\n\n### Example\n\nThe `route.yaml` example.\n"  # 15, 17
    )
    setup(repo, source, translation)
    found = [(d.line, d.column, d.code, *related(d)) for d in diagnostics(repo.root)]
    assert found == [(15, 1, "KB507", (ZH, 3))]  # Routing moved, its Example with it


def test_a_section_moved_without_ids_is_found_by_its_code(repo: Repo) -> None:
    source = (
        "# 指南\n\n## 安装\n\n```sh\npip install kbtool==1.2\n```\n\n"  # 3
        "## 配置\n\n```yaml\ntop_k: 5\nmodel: qwen\n```\n\n"  # 9
        "## 常见问题\n\n先看日志。\n"  # 16
    )
    translation = (
        "# Guide\n\n## Configuration\n\n```yaml\ntop_k: 5\nmodel: qwen\n```\n\n"  # 3
        "## FAQ\n\nRead the log first.\n\n"  # 10
        "## Installation\n\n```sh\npip install kbtool==1.2\n```\n"  # 14
    )
    setup(repo, source, translation)
    found = [(d.line, d.column, d.code, *related(d)) for d in diagnostics(repo.root)]
    # one finding, on the moved section, naming where the source has it
    assert found == [(14, 1, "KB507", (ZH, 3))]


def test_a_section_holding_the_code_of_several_is_not_matched_by_one_block(
    repo: Repo,
) -> None:
    """A translation that folds three sections into one holds the source's blocks
    of each, here the last one alone unchanged: its section is none of them in
    particular (as a reader pairs it, the first)."""
    source = (
        "# 服务\n\n## 发布\n\n```proto\nrpc publish(Message) returns (Response);\n```\n\n"  # 3
        "## 消费\n\n```proto\nrpc subscribe(Subscription) returns (Response);\n```\n\n"  # 9
        "## 心跳\n\n```proto\nrpc heartbeat(Heartbeat) returns (Response);\n```\n"  # 15
    )
    translation = (
        "# Services\n\n## Service APIs\n\n"
        "```proto\nrpc publish(Message) returns (Response);  # publish\n```\n\n"
        "```proto\nrpc subscribe(Subscription) returns (Response);  # consume\n```\n\n"
        "```proto\nrpc heartbeat(Heartbeat) returns (Response);\n```\n"
    )
    setup(repo, source, translation)
    missing = [related(d) for d in diagnostics(repo.root) if d.code == "KB507"]
    assert missing == [[(ZH, 9)], [(ZH, 15)]]  # 发布 is the one held, as a reader pairs it


def test_a_section_moved_down_a_level_with_its_subsections_is_one_finding(repo: Repo) -> None:
    source = (
        "# 指南\n\n## 安装 {#install}\n\n正文。\n\n## 部署 {#deploy}\n\n正文。\n\n"
        "### 启动 {#start}\n\n正文。\n\n## 其他 {#other}\n\n正文。\n"
    )
    translation = (
        "# Guide\n\n## Install {#install}\n\nText.\n\n### Deploy {#deploy}\n\nText.\n\n"
        "#### Start {#start}\n\nText.\n\n## Other {#other}\n\nText.\n"
    )
    setup(repo, source, translation)
    found = diagnostics(repo.root, "KB507")
    assert [(d.line, *related(d)) for d in found] == [(7, (ZH, 7))]


def test_a_contact_section_the_translations_habitually_leave_out_is_a_localisation(
    repo: Repo,
) -> None:
    make_kb(repo)
    contact = "## 联系 {{#contact}}\n\n欢迎在 [Discord](https://discord.gg/a{}) 讨论。\n"
    for n, name in enumerate(("guide", "faq", "deploy")):
        zh = f"# 页\n\n## 步骤 {{#steps}}\n\n正文。\n\n{contact.format(n)}"
        repo.write(f"content/zh/{name}.md", zh)
        repo.write(f"content/en/{name}.md", "# Page\n\n## Steps {#steps}\n\nText.\n")
    # a section of the same kind with a site the translations do link is missing
    zh = "# 页\n\n## 步骤 {#steps}\n\n正文。\n\n## 代码 {#code}\n\n见 [GitHub](https://github.com/o/r)。\n"
    repo.write("content/zh/code.md", zh)
    repo.write("content/en/code.md", "# Page\n\n## Steps {#steps}\n\nText.\n")
    repo.commit()
    found = diagnostics(repo.root, "KB507")
    assert [(d.path, *related(d)) for d in found] == [
        ("content/en/code.md", ("content/zh/code.md", 7))
    ]


PROMOTION = (
    "## 云服务\n\n我们的目标是建立一个开源社区，提供开箱即用的视频方案。\n\n"
    "我们还提供[云服务](../cloud)，适合不想自己搭建的用户。\n\n"
    "云服务有全球加速、拥塞控制和各平台的客户端。\n\n欢迎试用。\n"
)


def test_a_section_the_sources_repeat_and_the_translations_leave_out_is_furniture(
    repo: Repo,
) -> None:
    make_kb(repo)
    for n in range(5):
        post = f"# 文章{n}\n\n正文。\n\n## 步骤\n\n做。\n\n{PROMOTION}"
        repo.write(f"content/zh/post{n}.md", post)
        repo.write(f"content/en/post{n}.md", f"# Post {n}\n\nText.\n\n## Steps\n\nDo.\n")
    # a page that also lacks a section of its own: that one is still found
    repo.write(ZH, f"# 指南\n\n正文。\n\n## 步骤\n\n做。\n\n## 清理\n\n删掉。\n\n{PROMOTION}")
    repo.write(EN, "# Guide\n\nText.\n\n## Steps\n\nDo.\n")
    repo.commit()
    found = diagnostics(repo.root, "KB507")
    assert [(d.path, d.line, *related(d)) for d in found] == [(EN, 5, (ZH, 9))]


def test_a_source_heading_over_nothing_is_not_asked_of_the_translation(repo: Repo) -> None:
    source = "# 指南\n\n正文。\n\n## 流程\n\n## 采集流程\n\n采集。\n\n####\n\n## 清理\n\n删掉。\n"
    setup(repo, source, "# Guide\n\nText.\n\n## Acquisition flow\n\nCollect.\n")
    # the empty section and the heading with no text are KB208's on the source;
    # the missing 清理 section is the translation's
    found = diagnostics(repo.root, "KB507")
    assert [(d.path, d.line, *related(d)) for d in found] == [(EN, 5, (ZH, 13))]


def test_a_bold_heading_between_two_alternatives_is_a_separator(repo: Repo) -> None:
    source = "# 卸载\n\n运行脚本。\n\n#### **或者**\n\n直接删除目录。\n\n## 清理\n\n删掉缓存。\n"
    setup(repo, source, "# Uninstall\n\nRun the script.\n\n**or**\n\nRemove the folder.\n")
    # the separator is the translation's bold "or"; the 清理 section is missing
    found = diagnostics(repo.root, "KB507")
    assert [(d.line, *related(d)) for d in found] == [(1, (ZH, 9))]


def test_a_section_the_source_pastes_twice_is_one_section(repo: Repo) -> None:
    source = (
        "# 地址\n\n## 参数 {#params}\n\n可以在地址中传参数。\n\n"
        "## 参数\n\n可以在地址中传参数，例如 token。\n\n### 令牌\n\n令牌的写法。\n\n"
        "## 示例 {#examples}\n\n例子。\n\n### 参数\n\n示例的参数。\n\n"
        "## 清理 {#cleanup}\n\n删掉。\n"
    )
    translation = (
        "# URL\n\n## Parameters {#params}\n\nPass parameters in the URL.\n\n"
        "## Examples {#examples}\n\nExamples.\n\n## Clean-up {#cleanup}\n\nDelete.\n"
    )
    setup(repo, source, translation)
    # the second 参数 repeats its sibling, with what is under it; the 参数 under 示例
    # is a section of its own
    found = diagnostics(repo.root, "KB507")
    assert [(d.line, *related(d)) for d in found] == [(7, (ZH, 19))]


def test_a_section_whose_code_the_translation_has_is_there_without_its_heading(
    repo: Repo,
) -> None:
    block = "```go\ntype Plugin struct {\n    handle framework.Handle\n}\n```\n"
    source = (
        "# 插件\n\n## 调度器\n\n简介。\n\n### 结构\n\n结构如下：\n\n" + block + "\n"
        "## 部署\n\n部署说明。\n\n### 镜像\n\n```bash\ndocker build -t plugin .\n```\n"
    )
    translation = (
        "# Plugins\n\n## Scheduler\n\nIntro. A plugin looks like this:\n\n" + block + "\n"
        "## Deployment\n\nHow to deploy.\n"
    )
    setup(repo, source, translation)
    found = [(d.line, d.severity.value, *related(d)) for d in diagnostics(repo.root, "KB507")]
    # the structure is there under no heading of its own; the image section is missing
    assert found == [(3, "info", (ZH, 7)), (13, "warning", (ZH, 21))]
