"""Code blocks of a translation paired with its source's as a reader pairs them:
in the same section, a block split in two or moved with its paragraph, a tag
that only changes highlighting."""

from __future__ import annotations

import pytest
from translation_kb import cli, diagnostics, from_english, make_kb, pair_diagnostics, related
from translation_repo import Repo

from kbcheck.diagnostics import Severity

ZH, EN = "content/zh/guide.md", "content/en/guide.md"


def pages(repo: Repo, zh: str, en: str) -> list[tuple]:
    return [
        (d.line, d.column, d.severity, *related(d)) for d in pair_diagnostics(repo, "KB509", zh, en)
    ]


def test_an_elided_body_is_the_same_code_however_it_is_written(repo: Repo) -> None:
    zh = "# 指南\n\n```java\nclass A {\n    /* ... */\n}\n```\n"
    en = "# Guide\n\n```java\nclass A {\n    ...\n}\n```\n"
    assert pages(repo, zh, en) == []


def test_tags_of_one_language_are_the_same_and_other_tags_one_info_finding(repo: Repo) -> None:
    zh = "# 指南\n\n```console\nls -l\n```\n\n```text\nerror: no group\n```\n\n```text\nok\n```\n"
    en = "# Guide\n\n```shell\nls -l\n```\n\n```java\nerror: no group\n```\n\n```java\nok\n```\n"
    # console and shell are one language; the two java tags are one finding
    assert pages(repo, zh, en) == [(7, 1, Severity.INFO, (ZH, 7))]


def test_blocks_pair_within_their_section(repo: Repo) -> None:
    zh = "# 指南\n\n## 甲\n\n```sh\nls\n```\n\n```sh\npwd\n```\n\n## 乙\n\n```sh\nmake\n```\n"
    en = "# Guide\n\n## A\n\n```sh\nls\n```\n\n## B\n\n```sh\nmake build\n```\n"
    assert pages(repo, zh, en) == [
        (3, 1, Severity.ERROR, (ZH, 9)),  # pwd is missing from section A
        (12, 1, Severity.ERROR, (ZH, 16)),  # make, changed in section B
    ]


def test_a_block_moved_with_its_section_is_not_one_more_finding(repo: Repo) -> None:
    zh = "# 指南\n\n## 甲\n\n甲。\n\n```sh\nmake  # 构建\n```\n\n## 丙\n\n丙。\n"
    en = "# Guide\n\n## A\n\nA.\n\n### Build\n\n```sh\nmake  # build\n```\n\n## C\n\nC.\n"
    assert pages(repo, zh, en) == []  # KB507 reports the section not in the source


def test_a_command_and_its_output_split_in_two_blocks_are_the_same_code(repo: Repo) -> None:
    zh = "# 指南\n\n```sh\n$ docker ps\nCONTAINER ID   IMAGE\n```\n\n下一步。\n"
    en = "# Guide\n\n```sh\ndocker ps\n```\n\n```sh\nCONTAINER ID   IMAGE\n```\n\nNext.\n"
    assert pages(repo, zh, en) == []


def test_an_untagged_translation_loses_its_own_comments_too(repo: Repo) -> None:
    zh = (
        "# 指南\n\n```protobuf\nservice S {\n  // 异步发布\n  rpc Publish(M) returns (R);\n}\n```\n"
    )
    en = "# Guide\n\n```\nservice S {\n  # publish, async\n  rpc Publish(M) returns (R);\n}\n```\n"
    assert pages(repo, zh, en) == []


def test_an_elision_stands_for_the_lines_the_other_side_shows_and_no_more(repo: Repo) -> None:
    zh = "# 指南\n\n```go\ntype T struct {\n    a int\n    b int\n    c int\n}\n```\n"
    en = "# Guide\n\n```go\ntype T struct {\n    a int\n    ...\n    c int\n}\n```\n"
    assert pages(repo, zh, en) == []
    zh = "# 指南\n\n```yaml\nstatus:\n  ...\n  gpu-core: 1\n```\n"
    en = "# Guide\n\n```yaml\nstatus:\n  ...\n  gpu.shared: 1\n  gpu-core: 1\n```\n"
    assert pages(repo, zh, en) == [(6, 1, Severity.ERROR, (ZH, 6))]  # both elide the same


def test_code_wrapped_otherwise_around_translated_strings_is_the_same_code(repo: Repo) -> None:
    zh = '# 指南\n\n```json\n{"output": [{"text": "你的名字是 Xunzhuo。"}]}\n```\n'
    en = (
        '# Guide\n\n```json\n{\n  "output": [\n    {"text": "Your name is Xunzhuo."}\n  ]\n}\n```\n'
    )
    assert pages(repo, zh, en) == []


def test_a_diagram_alias_is_a_label(repo: Repo) -> None:
    zh = (
        "# 指南\n\n```mermaid\nsequenceDiagram\n    participant C as 客户端\n    C->>E: 请求\n```\n"
    )
    en = "# Guide\n\n```mermaid\nsequenceDiagram\n    participant C\n    C->>E: request\n```\n"
    assert pages(repo, zh, en) == []


def test_a_block_moved_and_indented_otherwise_is_the_same_code(repo: Repo) -> None:
    zh = "# 指南\n\n## 甲\n\n甲。\n\n```java\nclass A {\n   int a;\n}\n```\n"
    en = "# Guide\n\n## A\n\nA.\n\n### Class\n\n```java\nclass A {\n    int a;\n}\n```\n"
    assert pages(repo, zh, en) == []


def test_a_block_of_prose_alone_is_no_code_to_miss(repo: Repo) -> None:
    zh = "# 指南\n\n## 格式\n\n```\n魔术字：9 位\n\n版本号：4 位\n```\n\n```sh\nmake\n```\n"
    en = "# Guide\n\n## Format\n\n|Name|Size|\n|-|-|\n|Magic|9|\n\n```sh\nmake\n```\n"
    assert pages(repo, zh, en) == []


def test_blocks_missing_one_after_the_other_are_one_finding(repo: Repo) -> None:
    zh = "# 指南\n\n## 甲\n\n```sh\nmake\n```\n\n```sh\nmake test\n```\n\n```yaml\na: 1\n```\n"
    en = "# Guide\n\n## A\n\nSee the source.\n"
    assert pages(repo, zh, en) == [(3, 1, Severity.ERROR, (ZH, 5))]


def test_untagged_blocks_tagged_as_text_under_a_new_heading_are_the_same(repo: Repo) -> None:
    zh = "# 指南\n\n## 示例\n\n```\nPOST /bus HTTP/1.1\n```\n\n```\nPOST /rule HTTP/1.1\n```\n"
    en = (
        "# Guide\n\n## Demo\n\n### Requests\n\n```text\nPOST /bus HTTP/1.1\n```\n\n"
        "```text\nPOST /rule HTTP/1.1\n```\n"
    )
    assert pages(repo, zh, en) == []


def test_untagged_blocks_pair_by_their_code_without_comments(repo: Repo) -> None:
    zh = (
        "# 指南\n\n```sh\n$ cd dist\n```\n\n```\n$ cd dist\n```\n\n"
        "```\n# 端口\nhttpPort=8082\n```\n"
    )
    en = "# Guide\n\n```\n$ cd dist\n```\n\n```\n# the port\nhttpPort=8082\n```\n"
    assert pages(repo, zh, en) == [(1, 1, Severity.ERROR, (ZH, 3))]  # one block missing


def test_a_section_that_kept_another_sections_code_has_changed_code(repo: Repo) -> None:
    zh = (
        "# 指南\n\n## 甲\n\n```ts\nimport { a } from 'a'\nuse(a)\n```\n\n"
        "## 乙\n\n```ts\nimport { b } from 'b'\nuse(b)\n```\n"
    )
    en = (
        "# Guide\n\n## A\n\n```ts\nimport { b } from 'b'\nuse(b)\n```\n\n"
        "## B\n\n```ts\nimport { b } from 'b'\nuse(b)\n```\n"
    )
    assert pages(repo, zh, en) == [(6, 1, Severity.ERROR, (ZH, 6))]  # one finding, in A


def test_a_block_in_the_next_section_is_moved_not_paired_with_another(repo: Repo) -> None:
    en = "## A {#a}\n\n```java\nclass A {\n  int code;\n}\n```\n\n## B {#b}\n\nText.\n"
    zh = (
        "## 甲 {#a}\n\n```\n消息头：长度 = headerLength\n```\n\n## 乙 {#b}\n\n正文。\n\n"
        "```java\nclass A {\n  int code;\n}\n```\n"
    )
    assert from_english(repo, "zh", en, zh) == []


def test_commands_cut_into_one_block_each_are_the_block_that_joins_them(repo: Repo) -> None:
    zh = "# 指南\n\n## 甲\n\n更新：\n\n```bash\nsudo dnf update\n```\n\n"
    zh += "```bash\nsudo dnf install git\n```\n\n```bash\nsudo dnf install python3-pip\n```\n"
    zh += "\n## 乙\n\n```bash\nmake\n```\n"
    en = "# Guide\n\n## A\n\nUpdate:\n\n```bash\nsudo dnf update\nsudo dnf install git\n"
    en += "sudo dnf install python3-pip\n```\n\n## B\n\n```bash\nmake all\n```\n"
    assert pages(repo, zh, en) == [(16, 1, Severity.ERROR, (ZH, 22))]  # only make, in B


def test_a_mirror_the_translations_use_on_several_pages_is_not_changed_code(repo: Repo) -> None:
    make_kb(repo)
    for name in ("install", "upgrade"):
        zh = f"# 指南\n\n```bash\ngit clone https://gitee.com/acme/{name}\nmake\n```\n"
        en = f"# Guide\n\n```bash\ngit clone https://github.com/acme/{name}\nmake all\n```\n"
        repo.write(f"content/zh/{name}.md", zh)
        repo.write(f"content/en/{name}.md", en)
    repo.commit()
    found = [(d.path, d.line) for d in diagnostics(repo.root, "KB509")]
    # the mirror is the translations' habit; `make all` is changed code
    assert found == [("content/en/install.md", 5), ("content/en/upgrade.md", 5)]


def test_code_cut_into_other_blocks_is_one_finding_where_it_differs(repo: Repo) -> None:
    zh = "# 指南\n\n## 甲\n\n```bash\nsudo cp a /opt/a\n```\n\n```bash\ncd /opt/a\n```\n\n"
    zh += "```bash\nsudo nano /opt/a/.env\n```\n\n## 乙\n\n```bash\nmake\n```\n\n"
    zh += "```bash\nmake install\n```\n"
    en = "# Guide\n\n## A\n\n```\nsudo cp a /opt/a\ncd /opt/a\nsudo nano /opt/b/.env\n```\n\n"
    en += "## B\n\n```\nmake\nmake install\n```\n"
    assert pages(repo, zh, en) == [(8, 1, Severity.ERROR, (ZH, 14))]  # another file


def test_a_block_missing_next_to_a_changed_one_is_one_more_finding(repo: Repo) -> None:
    zh = "# 指南\n\n## 甲\n\n```bash\nffmpeg -f flv rtmp://192.168.1.170:19350/live\n```\n\n"
    zh += "```bash\nFMS URL: rtmp://192.168.1.170:19350/live\n```\n"
    en = "# Guide\n\n## A\n\n```bash\nffmpeg -f flv rtmp://192.168.1.170/live\n```\n"
    found = pages(repo, zh, en)
    assert [(line, related) for line, _, _, related in found] == [(3, (ZH, 9)), (6, (ZH, 6))]


def test_code_missing_after_a_translated_chart_of_another_tag_is_a_finding(repo: Repo) -> None:
    en = "```\n1. Plugin Registration\n   ↓\n2. Plugins Ready\n```\n\n"
    en += "```go\nvar plugins = map[string]Factory{\n    loadaware.Name: loadaware.New,\n"
    en += (
        "    reservation.Name: reservation.New,\n    elasticquota.Name: elasticquota.New,\n}\n```\n"
    )
    zh = "```\n1. 插件注册\n   ↓\n2. 插件就绪\n```\n"
    found = [(d.line, *related(d)) for d in from_english(repo, "zh", en, zh)]
    assert found == [(1, ("content/en/guide.md", 9))]


def test_the_same_change_in_several_blocks_is_one_finding_at_the_first(repo: Repo) -> None:
    zh = "# 指南\n\n## 甲\n\n```\nGET /graphspaces/DEFAULT/graphs/g/kout\n```\n\n"
    zh += "```\nPOST /graphspaces/DEFAULT/graphs/g/paths\n```\n\n"
    zh += "```\nGET /graphspaces/DEFAULT/graphs/g/rings?depth=2\n```\n"
    en = "# Guide\n\n## A\n\n```\nGET /graphs/g/kout\n```\n\n"
    en += "```\nPOST /graphs/g/paths\n```\n\n"
    en += "```\nGET /graphs/g/rings?depth=3\n```\n"
    # the path renamed in the first two blocks; the last block changes a number too
    assert pages(repo, zh, en) == [
        (6, 1, Severity.ERROR, (ZH, 6)),
        (14, 1, Severity.ERROR, (ZH, 14)),
    ]


def test_a_change_the_source_has_since_caught_up_with_in_one_block_is_not_the_others(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_kb(repo)
    zh = "# 指南\n\n## 甲\n\n```bash\ncurl /v1/a\n```\n\n## 乙\n\n```bash\ncurl /v1/b\n```\n"
    repo.write(ZH, zh)
    repo.write(
        EN, "# Guide\n\n## A\n\n```bash\ncurl /v2/a\n```\n\n## B\n\n```bash\ncurl /v2/b\n```\n"
    )
    repo.commit("guide")
    assert cli(repo.root, monkeypatch, "translations", "mark", EN).exit_code == 0
    repo.commit("en: translated from the first version")
    repo.write(ZH, zh.replace("/v1/a", "/v2/a").replace("甲\n\n", "甲\n\n新的一段。\n\n"))
    repo.commit("zh: a on v2, and a new paragraph")
    # the translation follows the first version, which both blocks differ from;
    # the current source shows the change in the second block only
    found = [(d.line, *related(d)) for d in diagnostics(repo.root, "KB509")]
    assert found == [(18, (ZH, 14))]  # below the record of the translated version


def test_a_command_wrapped_otherwise_is_named_where_its_words_differ(repo: Repo) -> None:
    zh = (
        "# 指南\n\n```shell\ndocker run -d -p 80:80 \\\n"
        "  -v /conf/app.properties:/app/conf/app.properties \\\n  app:v1\n```\n"
    )
    en = (
        "# Guide\n\n```shell\ndocker run -d \\\n  -p 80:80 \\\n"
        "  -v /conf/App.properties:/app/conf/app.properties \\\n  app:v1\n```\n"
    )
    assert pages(repo, zh, en) == [(6, 1, Severity.ERROR, (ZH, 5))]


def test_the_moment_a_sample_was_made_is_not_code(repo: Repo) -> None:
    def block(moment: str, phase: str) -> str:
        return f'```yaml\nstatus:\n  lastTransitionTime: "{moment}"\n  phase: {phase}\n```\n'

    zh = "# 指南\n\n" + block("2025-10-12T11:23:45Z", "Running")
    en = "# Guide\n\n" + block("2025-09-17T08:41:35Z", "Running")
    assert pages(repo, zh, en) == []
    en = "# Guide\n\n" + block("2025-09-17T08:41:35Z", "Pending")
    assert pages(repo, zh, en) == [(6, 1, Severity.ERROR, (ZH, 6))]


def test_an_address_of_the_readers_own_machine_is_an_example(repo: Repo) -> None:
    def block(host: str, port: int) -> str:
        return f"```bash\nffmpeg -re -i in.flv -f mpegts 'srt://{host}:{port}?m=publish'\n```\n"

    zh = "# 指南\n\n" + block("127.0.0.1", 10080)
    en = "# Guide\n\n" + block("192.168.1.170", 10080)
    assert pages(repo, zh, en) == []  # each reader puts their own machine
    en = "# Guide\n\n" + block("192.168.1.170", 10081)
    assert pages(repo, zh, en) == [(4, 1, Severity.ERROR, (ZH, 4))]  # the port is code


def test_sudo_is_the_readers_setup_not_code(repo: Repo) -> None:
    zh = "# 指南\n\n```bash\nsudo nano /app/.env\nsudo pip install -r requirements.txt\n```\n"
    en = "# Guide\n\n```bash\nnano /app/.env\nsudo pip install -r requirements.txt\n```\n"
    assert pages(repo, zh, en) == []  # whether the reader needs root is theirs to know
    en = "# Guide\n\n```bash\nnano /app/.env\nsudo pip install -r requirement.txt\n```\n"
    assert pages(repo, zh, en) == [(5, 1, Severity.ERROR, (ZH, 5))]


def test_a_markdown_block_is_not_a_ts_block_retagged(repo: Repo) -> None:
    zh = (
        "# 路由\n\n## 重写\n\n也可以是函数：\n\n```ts\nexport default {\n"
        "  rewrites(id) {\n    return id.replace('a', 'b')\n  }\n}\n```\n\n"
        "相对链接：\n\n```md\n[链接到 B](../pkg-b/code)\n```\n"
    )
    en = "# Routing\n\n## Rewrites\n\nRelative links:\n\n```md\n[Link to B](../pkg-b/code)\n```\n"
    # the function example is missing; the link, in its own words, is no retagged code
    found = [(line, severity) for line, _, severity, *_ in pages(repo, zh, en)]
    assert found == [(3, Severity.ERROR)]


def test_blocks_around_a_separator_are_the_section_above_s(repo: Repo) -> None:
    zh = (
        "# 卸载\n\n## 脚本\n\n运行：\n\n```bash\nbash uninstall.sh\n```\n\n#### **或者**\n\n"
        "```bash\nbash <(curl -s https://example.org/uninstall.sh)\n```\n\n## 清理\n\n删掉缓存。\n"
    )
    en = (
        "# Uninstall\n\n## Script\n\nRun:\n\n```bash\nbash uninstall.sh\n# or\n"
        "bash <(curl -s https://example.org/uninstall.sh)\n```\n\n"
        "## Clean-up\n\nDelete the cache.\n"
    )
    # the translation joins the two alternatives in one block, with its own "or"
    assert pages(repo, zh, en) == []
    en = en.replace("```bash\nbash uninstall.sh\n# or\n", "```bash\n")
    assert pages(repo, zh, en) == [(3, 1, Severity.ERROR, (ZH, 7))]  # the first one lost
