"""Code and links of a translation against its source: what may be translated is
left alone, what may not is named on both pages."""

from __future__ import annotations

import pytest
from translation_kb import diagnostics, from_english, make_kb, related
from translation_repo import Repo

from kbcheck.diagnostics import Severity

ZH, EN = "content/zh/guide.md", "content/en/guide.md"


def pair(repo: Repo, zh_code: str, en_code: str, language: str = "") -> None:
    """One code block per page: on line 9 (fence) of both, code from line 10."""
    make_kb(repo)
    repo.write(ZH, f"---\ntitle: 指南\n---\n\n# 指南\n\n示例：\n\n```{language}\n{zh_code}```\n")
    repo.write(
        EN, f"---\ntitle: Guide\n---\n\n# Guide\n\nExample:\n\n```{language}\n{en_code}```\n"
    )
    repo.commit()


TRANSLATABLE = {
    "comments in an untagged yaml block": (
        "",
        "# 安装 Pod\napiVersion: v1\nkind: Pod  # 类型\n",
        "# Install the pod\napiVersion: v1\nkind: Pod  # kind\n",
    ),
    "mermaid labels": (
        "mermaid",
        "graph TD\n  A[开始] --> B{是否命中?}\n  B -->|是| C(返回)\n  用户->>系统: 请求\n",
        "graph TD\n  A[Start] --> B{Hit?}\n  B -->|yes| C(Return)\n  User->>System: request\n",
    ),
    "a string literal of prose": (
        "bash",
        'curl -X POST http://localhost:8000/ask -d \'{"text": "什么是机器学习？"}\'\n',
        'curl -X POST http://localhost:8000/ask -d \'{"text": "What is machine learning?"}\'\n',
    ),
    "html comments in vue-html": (
        "vue-html",
        '<!-- 按钮 -->\n<button @click="go">Go</button>\n',
        '<!-- the button -->\n<button @click="go">Go</button>\n',
    ),
    "a systemd unit with and without its suffix": (
        "bash",
        "sudo systemctl restart nginx  # 重启\n",
        "sudo systemctl restart nginx.service  # restart\n",
    ),
    "what the commands of a session printed": (
        "bash",
        "$ kubectl get pods\nNAME    READY   RESTARTS   AGE\napp-7c9   1/1   0   6h3m\n",
        "$ kubectl get pods\nNAME    READY   RESTARTS   AGE\napp-5b2   1/1   3 (6h2m ago)   9m\n",
    ),
}


@pytest.mark.parametrize("case", TRANSLATABLE, ids=list(TRANSLATABLE))
def test_translated_prose_in_code_is_fine(repo: Repo, case: str) -> None:
    language, zh_code, en_code = TRANSLATABLE[case]
    pair(repo, zh_code, en_code, language)
    assert [d for d in diagnostics(repo.root) if d.code == "KB509"] == []


CHANGED = {
    "a key renamed by translation": (
        "",
        "# 清单\nkind: Pod\napiVersion: v1\n",
        "# Manifest\nkind: Pod\napiversion: v1\n",
        12,
    ),
    "an image tag": (
        "yaml",
        "image: registry.example.org/app:v1.3.0  # 镜像\n",
        "image: registry.example.org/app:v1.5.0  # image\n",
        10,
    ),
    "a string that is not prose": (
        "python",
        'client = Client(model="qwen-7b")  # 客户端\n',
        'client = Client(model="qwen-14b")  # client\n',
        10,
    ),
    "a mermaid direction": (
        "mermaid",
        "graph TD\n  A[开始] --> B\n",
        "graph LR\n  A[Start] --> B\n",
        10,
    ),
    "a command of a session": (
        "console",
        "$ kubectl get pods\nNAME  AGE\n$ kubectl logs app-0\nstarted\n",
        "$ kubectl get pods\nNAME  AGE\n$ kubectl logs app-1\nstarted\n",
        12,
    ),
    "the input of a session's here-document": (
        "bash",
        "$ kubectl apply -f - <<EOF\napiVersion: v1\nEOF\npod/app created\n",
        "$ kubectl apply -f - <<EOF\napiversion: v1\nEOF\npod/app created\n",
        11,
    ),
}


@pytest.mark.parametrize("case", CHANGED, ids=list(CHANGED))
def test_changed_code_names_the_line_on_both_pages(repo: Repo, case: str) -> None:
    language, zh_code, en_code, line = CHANGED[case]
    pair(repo, zh_code, en_code, language)
    (d,) = [d for d in diagnostics(repo.root) if d.code == "KB509"]
    assert (d.path, d.line, d.column, related(d)) == (EN, line, 1, [(ZH, line)])
    assert f"line {line}:" in d.message and f"(line {line})" in d.message


def test_labels_of_mermaid_sequence_blocks_are_translatable(repo: Repo) -> None:
    diagram = (
        "```mermaid\nsequenceDiagram\n  opt {}\n    D-->>H: {}\n  end\n  loop {}\n"
        "    alt {}\n      H->>C: 200\n    else {}\n      H->>C: 500\n    end\n  end\n```\n"
    )
    en = diagram.format("raise Exception", "raise", "every minute", "success", "failure")
    de = diagram.format("Löst Exception aus", "auslösen", "jede Minute", "Erfolg", "Fehler")
    assert from_english(repo, "de", en, de) == []


def test_strings_written_in_the_translations_script_are_translated(repo: Repo) -> None:
    code = "```js\nconst msg = {}\nconst state = {{ ok: {} }}\nconst id = {}\n```\n"
    en = code.format("'Highlighted!'", "'SUCCESS'", "'a1'")
    ru = code.format("'Подсвечено!'", "'УСПЕШНО'", "'a2'")
    (d,) = from_english(repo, "ru", en, ru)
    assert (d.path, d.line, related(d)) == ("content/ru/guide.md", 6, [("content/en/guide.md", 6)])


def test_a_one_word_label_with_its_punctuation_is_translatable(repo: Repo) -> None:
    code = "```js\nconst msg = {}\nconst id = {}\n```\n"
    en, es = code.format("'Highlighted!'", "'a1'"), code.format("'Destacado!'", "'a2'")
    (d,) = from_english(repo, "es", en, es)
    assert (d.path, d.line, related(d)) == ("content/es/guide.md", 5, [("content/en/guide.md", 5)])


def test_a_replaced_link_is_one_finding_naming_both(repo: Repo) -> None:
    make_kb(repo)
    repo.write(
        ZH,
        "# 指南\n\n见 [文档](https://example.org/zh/guide) 和 [论文](https://arxiv.org/abs/1).\n",
    )
    repo.write(
        EN,
        "# Guide\n\nSee [docs](https://example.org/en/guide) and [paper](https://arxiv.org/abs/2).\n",
    )
    repo.commit()
    (d,) = diagnostics(repo.root, "KB511")
    assert (d.path, d.line, d.column, related(d)) == (EN, 3, 46, [(ZH, 3)])
    assert "https://arxiv.org/abs/2" in d.message and "https://arxiv.org/abs/1" in d.message


DOCUSAURUS = 'layout = "docusaurus"\nsource_locale = "zh"\nlocales = ["zh", "en"]\n'
I18N = "i18n/en/docusaurus-plugin-content-docs/current"


def images(repo: Repo, zh_images: str, en_images: str) -> list:
    repo.write("kbcheck.toml", DOCUSAURUS)
    for name in ("arch.png", "shot.png", "shot-en.png", "flow.png"):
        repo.write(f"static/img/{name}", b"\x89PNG" + name.encode())
    repo.write("docs/guide/a.md", f"# 指南\n\n{zh_images}\n")
    repo.write(f"{I18N}/guide/a.md", f"# Guide\n\n{en_images}\n")
    repo.commit()
    return diagnostics(repo.root, "KB510")


def test_one_image_through_two_relative_paths_is_the_same_image(repo: Repo) -> None:
    found = images(repo, "![架构](../../static/img/arch.png)", "![Architecture](/img/arch.png)")
    assert found == []


def test_a_localised_screenshot_is_info_and_a_missing_image_a_warning(repo: Repo) -> None:
    found = images(
        repo,
        "![截图](/img/shot.png)\n\n![流程](/img/flow.png)",
        "![Screenshot](/img/shot-en.png)",
    )
    assert sorted((d.line, d.column, d.severity, *related(d)) for d in found) == [
        (1, 1, Severity.WARNING, ("docs/guide/a.md", 5)),  # flow.png is missing
        (3, 1, Severity.INFO, ("docs/guide/a.md", 3)),  # shot-en.png for shot.png
    ]
    repo.write("kbcheck.toml", DOCUSAURUS + "\n[rules.image-mismatch]\nreport_localized = false\n")
    assert [d.severity for d in diagnostics(repo.root, "KB510")] == [Severity.WARNING]


def test_images_missing_from_one_section_are_one_finding(repo: Repo) -> None:
    shots = "![一](/img/shot.png)\n\n![二](/img/flow.png)\n\n![三](/img/arch.png)"
    found = images(repo, shots, "Three screenshots of the steps.")
    assert [(d.line, d.column, d.severity, *related(d)) for d in found] == [
        (1, 1, Severity.WARNING, ("docs/guide/a.md", 3))
    ]


def test_images_of_a_section_the_translation_wrote_over_a_stub_are_its_own(repo: Repo) -> None:
    steps = "".join(f"Step {n}.\n\n![Step {n}](/img/step-{n}.png)\n\n" for n in range(4))
    found = images(repo, "## 部署\n\n敬请期待。\n\n## 其他\n\n正文。", f"## Deploy\n\n{steps}")
    assert found == []


def test_an_image_of_the_source_shown_in_place_of_another_is_a_warning(repo: Repo) -> None:
    found = images(
        repo,
        "![第一步](/img/shot.png)\n\n![第二步](/img/flow.png)",
        "![Step 1](/img/shot.png)\n\n![Step 2](/img/shot.png)",
    )
    assert [(d.line, d.column, d.severity, *related(d)) for d in found] == [
        (5, 1, Severity.WARNING, ("docs/guide/a.md", 5))
    ]


def test_the_locales_copy_of_an_image_in_another_section_is_one_localised_image(
    repo: Repo,
) -> None:
    repo.write("kbcheck.toml", DOCUSAURUS)
    zh_pixel, en_pixel = "https://example.net/zh/pixel.gif", "https://example.org/en/pixel.gif"
    repo.write("docs/guide/a.md", f"# 指南\n\n## 甲\n\n甲。\n\n## 乙\n\n乙。\n\n![]({zh_pixel})\n")
    en = f"# Guide\n\n## A\n\nA.\n\n![]({en_pixel})\n\n## B\n\nB.\n"
    repo.write(f"{I18N}/guide/a.md", en)
    repo.commit()
    found = diagnostics(repo.root, "KB510")
    assert [(d.line, d.column, d.severity, *related(d)) for d in found] == [
        (7, 1, Severity.INFO, ("docs/guide/a.md", 11))
    ]


def test_the_locales_copy_of_an_image_of_a_section_it_lacks_is_that_sections(
    repo: Repo,
) -> None:
    repo.write("kbcheck.toml", DOCUSAURUS)
    zh_pixel, en_pixel = "https://example.net/zh/pixel.gif", "https://example.org/en/pixel.gif"
    zh = f"# 指南\n\n## 甲 {{#a}}\n\n甲。\n\n## 乙 {{#b}}\n\n乙。\n\n![]({zh_pixel})\n"
    repo.write("docs/guide/a.md", zh)
    repo.write(f"{I18N}/guide/a.md", f"# Guide\n\n## A {{#a}}\n\nA.\n\n![]({en_pixel})\n")
    repo.commit()
    assert diagnostics(repo.root, "KB510") == []  # 乙 is missing: KB507's finding


def test_the_locales_own_copy_of_a_picture_is_the_same_image(repo: Repo) -> None:
    repo.write("docs/picture/flow.png", b"\x89PNG flow")
    repo.write(f"{I18N}/picture/flow.png", b"\x89PNG flow")
    repo.write(f"{I18N}/picture/arch.png", b"\x89PNG arch in English")
    repo.write("docs/picture/arch.png", b"\x89PNG arch")
    found = images(
        repo,
        "![架构](../picture/arch.png)\n\n![流程](../picture/flow.png)",
        "![Architecture](../picture/arch.png)\n\n![Flow](../picture/flow.png)",
    )
    # flow.png is the same picture in both folders; arch.png was localised
    assert [(d.line, d.column, d.severity, *related(d)) for d in found] == [
        (3, 1, Severity.INFO, ("docs/guide/a.md", 3))
    ]


def test_a_translation_with_only_its_own_screenshots_gives_their_count_as_info(
    repo: Repo,
) -> None:
    for n in range(5):
        repo.write(f"static/img/zh-{n}.png", b"\x89PNG zh" + bytes([n]))
        repo.write(f"static/img/en-{n}.png", b"\x89PNG en" + bytes([n]))
    zh = "\n\n".join(f"![第{n}步](/img/zh-{n}.png)" for n in range(5))
    en = "\n\n".join(f"![Step {n}](/img/en-{n}.png)" for n in range(3))
    found = images(repo, zh, en)
    # three screenshots of its own, none of the source's: the two it lacks are info
    assert [(d.line, d.severity) for d in found if d.severity is not Severity.INFO] == []
    assert (5, Severity.INFO) in [(d.line, d.severity) for d in found]
    # with one of the source's pictures among them, they are the source's set
    repo.write(f"{I18N}/guide/a.md", f"# Guide\n\n{en}\n\n![Step 0](/img/zh-0.png)\n")
    repo.commit()
    found = diagnostics(repo.root, "KB510")
    assert Severity.WARNING in [d.severity for d in found]


def test_a_linked_picture_missing_is_one_link_finding_and_a_badge_none(repo: Repo) -> None:
    shot = "[![架构](https://example.org/arch.png)](https://example.org/arch-full.png)"
    badge = "[![license](https://img.shields.io/badge/license-Apache-blue.svg)](https://x.org/l)"
    repo.write("kbcheck.toml", DOCUSAURUS)
    repo.write("docs/guide/a.md", f"# 指南\n\n{badge}\n\n## 架构\n\n{shot}\n")
    repo.write(f"{I18N}/guide/a.md", "# Guide\n\n## Architecture\n\nText.\n")
    repo.commit()
    found = diagnostics(repo.root, "KB51")
    # the picture goes with its link (KB511); a badge decorates: neither rule reports it
    assert [(d.code, *related(d)) for d in found] == [("KB511", ("docs/guide/a.md", 7))]


LOCALISED = [
    ("https://github.com/o/r/blob/main/docs/cn/design.md", "https://github.com/o/r/blob/main/docs/en/design.md"),
    ("https://kb.example.org/zh-Hans/docs/device/#设备调度", "https://kb.example.org/docs/device/#device-scheduling"),
    ("https://zh.wikipedia.org/wiki/机器学习", "https://en.wikipedia.org/wiki/Machine_learning"),
    ("https://open.feishu.cn/document/server-docs/im-v1/create", "https://open.larksuite.com/document/server-docs/im-v1/create"),
    ("https://docs.example.org/guide?lang=zh", "https://docs.example.org/guide"),
    ("https://kb.example.org/contributing", "https://github.com/o/r/blob/main/CONTRIBUTING.md"),
    ("https://support.apple.com/zh-cn/guide/mac-help/mchlp1066/mac", "https://support.apple.com/guide/mac-help/allow-remote-access-mchlp1066/mac"),
    ("https://cn.vuejs.org/guide/scaling-up/ssr#跨请求状态污染", "https://vuejs.org/guide/scaling-up/ssr.html#cross-request-state-pollution"),
    ("https://vuex.vuejs.org/zh/api/index.html#subscribe", "https://vuex.vuejs.org/api/#subscribe"),
]  # fmt: skip


@pytest.mark.parametrize(("zh_url", "en_url"), LOCALISED)
def test_a_link_to_the_same_page_in_the_readers_language_is_fine(
    repo: Repo, zh_url: str, en_url: str
) -> None:
    make_kb(repo)
    repo.write(ZH, f"# 指南\n\n见 [文档]({zh_url}) 和 [论文](https://arxiv.org/abs/1).\n")
    repo.write(EN, f"# Guide\n\nSee [docs]({en_url}) and [paper](https://arxiv.org/abs/1).\n")
    repo.commit()
    assert diagnostics(repo.root, "KB511") == []


def test_sites_declared_equivalent_replace_each_other(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, "# 指南\n\n见 [分组](https://help.aliyun.com/document_detail/338407.htm).\n")
    url = "https://www.alibabacloud.com/help/en/ecs/group-identity-feature"
    repo.write(EN, f"# Guide\n\nSee [groups]({url}).\n")
    repo.commit()
    (d,) = diagnostics(repo.root, "KB511")  # two sites, two paths: a replaced link
    assert (d.path, d.line, d.column, related(d)) == (EN, 3, 5, [(ZH, 3)])
    config = (repo.root / "kbcheck.toml").read_text()
    option = '\n[rules.link-mismatch]\nequivalent_hosts = [["aliyun.com", "alibabacloud.com"]]\n'
    repo.write("kbcheck.toml", config + option)
    assert diagnostics(repo.root, "KB511") == []


SPANISH = (
    'content = ["content"]\nlayout = "locale-dirs"\nsource_locale = "en"\nlocales = ["en", "es"]\n'
)


@pytest.mark.parametrize(
    ("es_line", "finding"),
    [
        ('  ["e"] = { "<cmd>NvimTreeToggle<CR>", "Explorador" },', False),  # a label
        ('  ["e"] = { "<cmd>NvimTreeToggle<CR>", "explorer" },', True),  # only its case
        ('  ["e"] = { "<cmd>NvimTreeFocus<CR>", "Explorador" },', True),  # a command
    ],
)
def test_a_one_word_label_in_a_latin_source_may_be_translated(
    repo: Repo, es_line: str, finding: bool
) -> None:
    make_kb(repo, SPANISH)
    code = "lvim.builtin.which_key.mappings = {\n{}\n}\n"
    en_line = '  ["e"] = { "<cmd>NvimTreeToggle<CR>", "Explorer" },'
    repo.write("content/en/keys.md", f"# Keys\n\n```lua\n{code.replace('{}', en_line, 1)}```\n")
    repo.write("content/es/keys.md", f"# Teclas\n\n```lua\n{code.replace('{}', es_line, 1)}```\n")
    repo.commit()
    found = [(d.path, d.line) for d in diagnostics(repo.root, "KB509")]
    assert found == ([("content/es/keys.md", 5)] if finding else [])


def test_tables_of_a_section_kept_under_another_heading_are_that_sections(repo: Repo) -> None:
    make_kb(repo)
    table2, table3 = (
        "| 键 | 说明 |\n|---|---|\n| a | b |\n",
        "| 场景 | 请求 | 响应 |\n|---|---|---|\n",
    )
    repo.write(ZH, f"# 协议\n\n## 格式\n\n{table2}\n### 交互\n\n{table3}\n## 示例\n\n{table2}")
    en_tables = "| Scene | Request | Response |\n|---|---|---|\n\n| Key | Notes |\n|---|---|\n"
    repo.write(EN, f"# Protocol\n\n## Format\n\n{en_tables}\n## Example\n\n{table2}")
    repo.commit()
    found = [(d.code, d.line, *related(d)) for d in diagnostics(repo.root)]
    assert found == [("KB507", 3, (ZH, 9))]  # 交互 is missing; its table is not one more


def test_images_of_subsections_folded_into_their_parent_are_no_extra_images(repo: Repo) -> None:
    found = images(
        repo,
        "## 消息类型\n\n### 同步消息\n\n![同步](/img/arch.png)\n\n"
        "### 异步消息\n\n![异步](/img/flow.png)",
        "## Message types\n\n![Sync](/img/arch.png)\n\n![Async](/img/flow.png)",
    )
    assert found == []  # the two missing subsections are KB507's findings


TABS = (
    '<Tabs>\n<TabItem value="linux" label="Linux">\n\n```bash\nsh uninstall.sh\n```\n\n'
    '</TabItem>\n<TabItem value="windows" label="Windows">\n\n```powershell\n'
    "./uninstall.ps1\n```\n\n</TabItem>\n</Tabs>\n"
)


def test_a_missing_tabs_group_is_one_finding_not_one_per_tab(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, f"# 指南\n\n## 卸载\n\n运行 `uninstall` 脚本：\n\n{TABS}")  # <Tabs> on line 7
    repo.write(EN, "# Guide\n\n## Uninstall\n\nRun the `uninstall` script.\n")
    repo.commit()
    found = [(d.line, d.column, d.code, *related(d)) for d in diagnostics(repo.root, "KB513")]
    assert found == [(3, 1, "KB513", (ZH, 7))]
    repo.write(ZH, "# 指南\n\n## 卸载\n\n运行 `uninstall` 脚本。\n")
    repo.write(EN, f"# Guide\n\n## Uninstall\n\nRun the `uninstall` script:\n\n{TABS}")
    repo.commit()
    found = [(d.line, d.column, d.code) for d in diagnostics(repo.root, "KB513")]
    assert found == [(7, 1, "KB513")]  # the other way round: one <Tabs> not in the source


def test_a_link_added_to_a_site_of_the_readers_country_is_fine(repo: Repo) -> None:
    make_kb(repo, 'content = ["content"]\nsource_locale = "en"\nlocales = ["en", "zh-CN"]\n')
    repo.write("content/en/guide.md", "# Guide\n\nA RESTful API.\n\n## Example\n\nText.\n")
    added = "# 指南\n\n一个 [RESTful](https://restfulapi.cn/) 接口。\n\n## 例子\n\n[例子](https://example.org/x)\n"
    repo.write("content/zh-CN/guide.md", added)
    repo.commit()
    # the Chinese site added for its readers is no finding; the other added link is
    assert [(d.code, d.line) for d in diagnostics(repo.root, "KB511")] == [("KB511", 7)]


def test_an_address_of_the_readers_own_machine_is_no_reference(repo: Repo) -> None:
    make_kb(repo, 'content = ["content"]\nsource_locale = "en"\nlocales = ["en", "zh"]\n')
    repo.write("content/en/guide.md", "# Guide\n\nStart the server.\n")
    local = "[本机](http://localhost:8080/nginx.html)、[内网](http://192.168.1.10/)"
    repo.write("content/zh/guide.md", f"# 指南\n\n启动服务，打开 {local}。\n")
    repo.commit()
    assert diagnostics(repo.root, "KB511") == []


def test_code_the_other_page_writes_in_other_markup_is_not_missing(repo: Repo) -> None:
    response = '{"status": 200, "msg": "success"}'
    zh = f"# 指南\n\n返回：\n\n```json\n{response}\n```\n\n"
    zh += "启动：\n\n```bash\n$ nohup sh bin/mqbroker -c conf/broker.conf &\n```\n\n"  # at 11
    zh += "再运行：\n\n```bash\nmake deploy-all\n```\n"  # from line 17
    en = f"# Guide\n\nIt returns:\n\n>{response}\n\n"
    en += "Start it: `nohup sh bin/mqbroker -c conf/broker.conf &`\n\nThen deploy.\n"
    make_kb(repo)
    repo.write(ZH, zh)
    repo.write(EN, en)
    repo.commit()
    found = diagnostics(repo.root, "KB509")
    # the response is there as a quote, the command inline without its prompt
    assert [(d.line, *related(d)) for d in found] == [(1, (ZH, 17))]


def test_a_repository_the_other_page_clones_over_ssh_is_there(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, "# 指南\n\n克隆仓库：\n\n```bash\ngit clone git@github.com:o/r.git\n```\n")
    en = "# Guide\n\nClone [the repository](https://github.com/o/r):\n\n"
    en += "```bash\ngit clone git@github.com:o/r.git\n```\n\nSee [r-site](https://github.com/o/r-site).\n"
    repo.write(EN, en)
    repo.commit()
    # o/r is the repository the source clones; o/r-site is another one
    assert [(d.line, d.code) for d in diagnostics(repo.root, "KB511")] == [(9, "KB511")]


def test_a_repository_file_is_the_same_on_any_branch_but_not_on_another_version(
    repo: Repo,
) -> None:
    make_kb(repo)
    base = "https://github.com/o/r/blob"
    zh = f"# 指南\n\n见 [管理器]({base}/master/lua/manager.lua)。\n\n"
    zh += f"## 安装\n\n见 [安装]({base}/v1.3.0/docs/install.md)。\n"
    en = f"# Guide\n\nSee [the manager]({base}/rolling/lua/manager.lua).\n\n"
    en += f"## Install\n\nSee [install]({base}/v1.5.0/docs/install.md).\n"
    repo.write(ZH, zh)
    repo.write(EN, en)
    repo.commit()
    # the default branch renamed is the same file; another release is another one
    assert [(d.line, d.code) for d in diagnostics(repo.root, "KB511")] == [(7, "KB511")]


def test_a_link_added_into_the_projects_own_code_is_no_finding(repo: Repo) -> None:
    make_kb(repo)
    for n in range(3):  # the sources link the project's organization on three pages
        repo.write(f"content/zh/p{n}.md", f"# 页{n}\n\n见 [代码](https://github.com/o/r{n})。\n")
        repo.write(f"content/en/p{n}.md", f"# Page {n}\n\nSee [code](https://github.com/o/r{n}).\n")
    repo.write(ZH, "# 指南\n\n正文。\n\n## 安装\n\n安装即可。\n")
    en = "# Guide\n\nText, as in [the pull request](https://github.com/o/r1/pull/12).\n\n"
    en += "## Install\n\nInstall [it](https://github.com/someone/tool).\n"
    repo.write(EN, en)
    repo.commit()
    # a pointer into the project's own code is the translator's; another site is not
    assert [(d.path, d.line) for d in diagnostics(repo.root, "KB511")] == [(EN, 7)]


def test_a_page_of_the_site_in_the_readers_language_replaces_the_sources_link(
    repo: Repo,
) -> None:
    make_kb(repo)
    zh = "# 指南\n\n见[本站](https://kb.example.org)。\n\n## 工具\n\n见[工具](https://b.org/tool)。\n"
    en = "# Guide\n\nSee [the framework](https://kb.example.org/en/docs/framework/).\n\n"
    en += "## Tools\n\nSee [a tool](https://c.org/other).\n"
    repo.write(ZH, zh)
    repo.write(EN, en)
    repo.commit()
    # an English page of the site for its home page is the translator's choice;
    # another site in place of b.org is not
    assert [(d.path, d.line) for d in diagnostics(repo.root, "KB511")] == [(EN, 7)]
