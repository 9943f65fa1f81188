"""External links of a translation against its source: one finding per cause."""

from __future__ import annotations

from translation_kb import diagnostics, make_kb, pair_diagnostics, related
from translation_repo import Repo

from kbcheck.diagnostics import Severity
from kbcheck.translations.policy import neutral_url

ZH, EN = "content/zh/guide.md", "content/en/guide.md"


def links(repo: Repo, zh: str, en: str) -> list[tuple]:
    return [(d.line, d.column, *related(d)) for d in pair_diagnostics(repo, "KB511", zh, en)]


def test_a_trailing_slash_is_the_same_link(repo: Repo) -> None:
    zh = "# 指南\n\n见 [Kafka](https://kafka.apache.org) 和 [文档](https://example.org/docs/).\n"
    en = "# Guide\n\nSee [Kafka](https://kafka.apache.org/) and [docs](https://example.org/docs).\n"
    assert links(repo, zh, en) == []


def test_links_changed_the_same_way_are_one_finding(repo: Repo) -> None:
    rows = "".join(f"| {n} | [问题](https://github.com/o/r/issues/{n}) |\n" for n in (1, 2, 3))
    zh = f"# 路线图\n\n| 版本 | 问题 |\n|---|---|\n{rows}"
    en = "# Roadmap\n\n| Version | Issue |\n|---|---|\n" + rows.replace("/o/r/", "/p/r/")
    en = en.replace("问题](", "Issue](")
    assert links(repo, zh, en) == [(5, 7, (ZH, 5))]


def test_links_missing_from_one_section_are_one_finding(repo: Repo) -> None:
    zh = (
        "# 指南\n\n## 来源\n\n- [a.go](https://github.com/o/r/a.go)\n"
        "- [b.go](https://github.com/o/r/b.go)\n- [c.go](https://github.com/o/r/c.go)\n"
    )
    en = "# Guide\n\n## Sources\n\nSee the repository.\n"
    assert links(repo, zh, en) == [(3, 1, (ZH, 5))]


def test_a_url_the_source_writes_in_code_is_not_a_new_link(repo: Repo) -> None:
    zh = "# 指南\n\n```sh\ngit clone https://github.com/o/r.git\n```\n"
    en = "# Guide\n\n```sh\ngit clone <https://github.com/o/r.git>\n```\n\n<https://github.com/o/r.git>\n"
    assert links(repo, zh, en) == []


def test_the_sites_own_page_written_whole_is_the_sources_link_from_the_root(
    repo: Repo,
) -> None:
    zh = "# 指南\n\n请参考[安装文档](/docs/installation)。\n"
    en = "# Guide\n\nSee [Installation](https://kb.example.org/docs/installation/).\n"
    assert links(repo, zh, en) == []


def test_a_site_swapped_for_another_on_two_pages_is_a_localisation(repo: Repo) -> None:
    make_kb(repo)
    for name in ("guide", "faq"):
        repo.write(
            f"content/zh/{name}.md", f"# 页\n\n见 [文档](https://help.aliyun.com/{name}.htm).\n"
        )
        url = f"https://www.alibabacloud.com/help/en/{name}-feature"
        repo.write(f"content/en/{name}.md", f"# Page\n\nSee [docs]({url}).\n")
    repo.commit()
    assert diagnostics(repo.root, "KB511") == []


def test_another_page_of_the_site_in_the_readers_language_is_a_replaced_link(
    repo: Repo,
) -> None:
    zh = "# 指南\n\n见 [部署](https://docs.example.org/zh/guide/deploy).\n"
    en = "# Guide\n\nSee [install](https://docs.example.org/guide/install).\n"
    assert links(repo, zh, en) == [(3, 5, (ZH, 3))]


def test_links_the_source_took_or_dropped_since_the_translation_are_staleness(
    repo: Repo,
) -> None:
    make_kb(repo)
    old, new = "https://example.org/old", "https://example.org/new"
    repo.write(ZH, f"# 指南\n\n## 甲\n\n见 [旧文档]({old})。\n\n## 乙\n\n乙的正文。\n")
    repo.write(EN, "# Guide\n\n## A\n\nSee the docs.\n\n## B\n\nText of B.\n")
    repo.commit("guide in zh and en")
    repo.write(EN, f"# Guide\n\n## A\n\nSee the docs.\n\n## B\n\nText of B, see [docs]({new}).\n")
    repo.commit("en: a link ahead of the source")
    repo.write(ZH, f"# 指南\n\n## 甲\n\n见文档。\n\n## 乙\n\n乙的正文，见 [文档]({new})。\n")
    repo.commit("zh: the old link dropped, the new one added")
    assert [d.code for d in diagnostics(repo.root)] == ["KB514"]


def test_a_locale_word_in_a_file_name_or_fragment_is_a_localised_link(repo: Repo) -> None:
    zh = (
        "# 指南\n\n下载 [安装包](https://example.org/dl/oryx-zh.tar.gz)，"
        "见 [说明](https://github.com/o/r/issues/7#guide-cn)。\n\n"
        "另见 [论文](https://arxiv.org/abs/1706.03762)。\n"  # line 5
    )
    en = (
        "# Guide\n\nDownload [the package](https://example.org/dl/oryx-en.tar.gz), "
        "see [notes](https://github.com/o/r/issues/7#guide-en).\n\n"
        "See also [the paper](https://arxiv.org/abs/1706.03761).\n"
    )
    assert links(repo, zh, en) == [(5, 10, (ZH, 5))]  # the paper alone was replaced


def test_a_site_the_translations_leave_out_on_three_pages_is_a_localisation(
    repo: Repo,
) -> None:
    make_kb(repo)
    for name in ("guide", "faq", "deploy"):
        repo.write(
            f"content/zh/{name}.md", "# 页\n\n加入 [Discord](https://discord.gg/a1) 交流。\n"
        )
        repo.write(f"content/en/{name}.md", "# Page\n\nJoin our WeChat group.\n")
    zh = "# 指南\n\n代码在 [GitHub](https://github.com/o/r)。\n"
    repo.write("content/zh/code.md", zh)
    repo.write("content/en/code.md", "# Code\n\nThe code is on GitHub.\n")
    repo.commit()
    found = diagnostics(repo.root, "KB511")
    assert [(d.path, d.line, related(d)) for d in found] == [
        ("content/en/code.md", 1, [("content/zh/code.md", 3)])
    ]


def test_a_site_the_translations_add_on_three_pages_is_a_localisation(repo: Repo) -> None:
    make_kb(repo)
    for n, name in enumerate(("guide", "faq", "deploy")):
        repo.write(f"content/zh/{name}.md", "# 页\n\n正文。\n")
        url = f"https://www.bilibili.com/video/BV{n}"
        repo.write(f"content/en/{name}.md", f"# Page\n\nText, and [a video]({url}).\n")
    repo.commit()
    assert diagnostics(repo.root, "KB511") == []


def test_a_link_whose_section_names_the_locales_video_site_instead_is_a_localisation(
    repo: Repo,
) -> None:
    make_kb(repo)
    for n, name in enumerate(("guide", "faq", "deploy")):
        repo.write(f"content/zh/{name}.md", "# 页\n\n正文。\n")
        url = f"https://www.bilibili.com/video/BV{n}"
        repo.write(f"content/en/{name}.md", f"# Page\n\nText, and [a video]({url}).\n")
    zh = "# 视频\n\n## 直播\n\n[视频](https://youtu.be/Wc1)\n\n## 其他\n\n[论文](https://arxiv.org/abs/1)\n"
    en = "# Videos\n\n## Live\n\n* https://www.bilibili.com/video/BV9\n\n## Other\n\nThe paper.\n"
    repo.write("content/zh/videos.md", zh)
    repo.write("content/en/videos.md", en)
    repo.commit()
    found = diagnostics(repo.root, "KB511")
    assert [(d.path, d.line, related(d)) for d in found] == [
        ("content/en/videos.md", 7, [("content/zh/videos.md", 9)])  # the paper, not the video
    ]


def test_a_mirrors_page_is_the_page_even_where_the_source_links_the_mirror_too(
    repo: Repo,
) -> None:
    mirror = "https://v1-14.docs.kubernetes.io/docs/deploy"
    zh = (
        f"# 指南\n\n## 甲\n\n见 [部署]({mirror})。\n\n"
        "## 乙\n\n见 [部署](https://kubernetes.io/docs/deploy/)。\n"
    )
    en = f"# Guide\n\n## A\n\nSee [deploy]({mirror}).\n\n## B\n\nSee [deploy]({mirror}).\n"
    assert links(repo, zh, en) == []


def test_a_host_with_or_without_www_is_one_site(repo: Repo) -> None:
    zh = "# 指南\n\n见 [镜像](http://www.example.org)。\n"
    en = "# Guide\n\nSee [the mirror](http://example.org/).\n"
    assert links(repo, zh, en) == []


def test_links_of_a_section_the_translation_made_three_times_as_long_are_its_own(
    repo: Repo,
) -> None:
    prose = "".join(f"Step {n}, see [docs](https://example.org/{n}).\n\n" for n in range(6))
    zh = "# 指南\n\n## 步骤\n\n见下文。\n\n## 其他\n\n正文。\n"
    en = f"# Guide\n\n## Steps\n\n{prose}## Other\n\nText, see [more](https://example.org/x).\n"
    assert links(repo, zh, en) == [(19, 11, (ZH, 7))]  # the link of the section kept


def test_links_of_a_translation_three_times_as_long_as_its_stub_source_are_its_own(
    repo: Repo,
) -> None:
    prose = "".join(f"Step {n}, see [docs](https://example.org/{n}).\n\n" for n in range(6))
    zh = "# 指南\n\n敬请期待。\n"
    en = f"# Guide\n\n{prose}"
    assert links(repo, zh, en) == []


def test_links_missing_from_a_translation_three_times_shorter_are_still_missing(
    repo: Repo,
) -> None:
    prose = "".join(f"第 {n} 步，见 [文档](https://example.org/{n})。\n\n" for n in range(6))
    zh = f"# 指南\n\n## 步骤\n\n{prose}"
    en = "# Guide\n\n## Steps\n\nSee below.\n"
    assert links(repo, zh, en) == [(3, 1, (ZH, 5))]


def test_a_link_added_in_several_sections_is_one_finding(repo: Repo) -> None:
    usage = "https://github.com/o/r/tree/4.0#usage"
    zh = "# 指南\n\n## 甲\n\n运行。\n\n## 乙\n\n运行。\n\n## 丙\n\n运行。\n"
    en = (
        f"# Guide\n\n## A\n\nRun (see [usage]({usage})).\n\n"
        f"## B\n\nRun (see [usage]({usage}), [#2](https://github.com/o/r/pull/2)).\n\n"
        f"## C\n\nRun (see [usage]({usage})).\n"
    )
    assert links(repo, zh, en) == [(5, 10, (ZH, 3)), (9, 58, (ZH, 7))]


def test_a_file_named_for_the_sources_language_replaced_by_its_sibling_is_localised(
    repo: Repo,
) -> None:
    zh = (
        "# 工具\n\n* [控制台](https://example.org/console/zh_index.html)\n"
        "* [播放器](https://example.org/players/index.html)\n"
    )
    en = (
        "# Tools\n\n* [Console](https://example.org/console/ng_index.html)\n"
        "* [Player](https://example.org/players/old_index.html)\n"
    )
    assert links(repo, zh, en) == [(4, 3, (ZH, 4))]  # the player's name has no language


def test_a_locale_a_site_names_cn_is_chinese_in_its_urls() -> None:
    locales = ["en", "cn"]  # a site whose Chinese pages live under /cn/
    assert neutral_url("https://kb.example.org/cn/docs/config/", locales) == neutral_url(
        "https://kb.example.org/docs/config/", locales
    )
    assert neutral_url("https://kb.example.org/zh/docs/", locales) == neutral_url(
        "https://kb.example.org/docs/", locales
    )


def test_what_the_translation_adds_is_info_what_it_lacks_a_warning(repo: Repo) -> None:
    zh = (
        "# 指南\n\n## 甲 {#a}\n\n见 [Kafka](https://kafka.apache.org/docs)。\n\n"
        "## 乙 {#b}\n\n乙的正文。\n"
    )
    en = (
        "# Guide\n\n## A {#a}\n\nSee the docs.\n\n"
        "## B {#b}\n\nText of B, [in English](https://www.rabbitmq.com/docs).\n\n"
        "```sh\nrun b\n```\n\n## C {#c}\n\nText of C.\n"
    )
    found = {
        (d.code, d.line, d.column): d.severity
        for code in ("KB507", "KB509", "KB511")
        for d in pair_diagnostics(repo, code, zh, en)
    }
    assert found == {
        ("KB511", 3, 1): Severity.WARNING,  # the source's link, missing from section A
        ("KB511", 9, 12): Severity.INFO,  # a link only the translation has
        ("KB509", 11, 1): Severity.INFO,  # a code block only the translation has
        ("KB507", 15, 1): Severity.INFO,  # a section only the translation has
    }


def test_a_link_within_the_sources_is_the_sources_loss(repo: Repo) -> None:
    zh = (
        "# 路线图\n\n见 [问题](https://github.com/o/r/) 和 [镜像](https://hub.docker.com/r/o/r)。\n\n"
        "## 参考\n\n见 [正则](https://github.com/p/path-to-regexp/tree/6.x#parameters)。\n"
    )
    en = (
        "# Roadmap\n\nSee [issue](https://github.com/o/r/issues/4) and "
        "[image](https://registry.hub.docker.com/r/o/r/tags).\n\n"
        "## Reference\n\nSee [regexp](https://github.com/p/path-to-regexp#parameters).\n"
    )
    # the translation's links lead within the source's; the last one leads out of it
    assert links(repo, zh, en) == [(7, 5, (ZH, 7))]


def test_a_link_left_out_to_a_site_of_the_source_readers_country_is_a_localisation(
    repo: Repo,
) -> None:
    zh = (
        "# 指南\n\n## 接口\n\n先读 [REST 入门](https://restfulapi.cn/)。\n\n"
        "## 参考\n\n见 [规范](https://example.org/spec)。\n"
    )
    en = "# Guide\n\n## API\n\nRead a REST primer first.\n\n## Reference\n\nSee the spec.\n"
    # the Chinese primer is for the source's readers; the spec is for everyone
    assert links(repo, zh, en) == [(7, 1, (ZH, 9))]


def from_english(repo: Repo, locale: str, en: str, translation: str) -> list[tuple]:
    """The KB511 findings (path, line, column) of an English page and its translation."""
    make_kb(repo, f'content = ["content"]\nsource_locale = "en"\nlocales = ["en", "{locale}"]\n')
    repo.write("content/en/guide.md", en)
    repo.write(f"content/{locale}/guide.md", translation)
    repo.commit("pages")
    return [(d.path, d.line, d.column) for d in diagnostics(repo.root, "KB511")]


def test_a_link_to_a_platform_of_the_readers_country_is_a_localisation(repo: Repo) -> None:
    en = (
        "# Guide\n\n## Talks\n\nWatch [the talk](https://www.youtube.com/watch?v=abc).\n\n"
        "## Reference\n\nSee [the spec](https://example.org/spec).\n"
    )
    zh = (
        "# 指南\n\n## 演讲\n\n看[演讲](https://www.bilibili.com/video/BV1x)。\n\n"
        "## 参考\n\n见[规范](https://example.org/draft)。\n"
    )
    # the video on a Chinese platform stands for the source's; the spec is another page
    assert from_english(repo, "zh", en, zh) == [("content/zh/guide.md", 9, 2)]


def test_a_link_the_translation_has_elsewhere_on_the_page_is_not_lost(repo: Repo) -> None:
    zh = (
        "# 指南\n\n## 报名\n\n见[项目](https://example.org/p?lang=zh)。\n\n"
        "## 链接\n\n再见[项目](https://example.org/p?lang=zh)。\n\n"
        "## 规范\n\n见[规范](https://example.org/spec)。\n"
    )
    en = (
        "# Guide\n\n## Apply\n\nSee [the projects](https://example.org/p?lang=en).\n\n"
        "## Links\n\nSee the projects again.\n\n## Spec\n\nSee the spec.\n"
    )
    # the project page once where the source has it twice: the readers have it; the
    # spec is lost
    assert [(d.line, d.column) for d in pair_diagnostics(repo, "KB511", zh, en)] == [(11, 1)]


def test_a_sites_translation_on_a_host_of_its_own_is_a_localisation(repo: Repo) -> None:
    en = (
        "# Guide\n\n## Stores\n\nSee [Pinia](https://pinia.vuejs.org/).\n\n"
        "## Tests\n\nSee [Vitest](https://vitest.dev/).\n"
    )
    ru = (
        "# Руководство\n\n## Хранилища\n\nСм. [Pinia](https://pinia-ru.netlify.app/).\n\n"
        "## Тесты\n\nСм. [Jest](https://jest-ru.netlify.app/).\n"
    )
    # Pinia's Russian site stands for Pinia's; a Russian site of another name does not
    assert from_english(repo, "ru", en, ru) == [("content/ru/guide.md", 9, 5)]


def test_a_github_link_with_the_repository_left_out_is_no_reference(repo: Repo) -> None:
    zh = (
        "# 路线图\n\n## 计划\n\n见 [问题](https://github.com/org/issues/270)。\n\n"
        "## 规范\n\n见 [规范](https://example.org/spec)。\n"
    )
    en = "# Roadmap\n\n## Plans\n\nSee the issue.\n\n## Spec\n\nSee the spec.\n"
    # the source's link leads nowhere (no repository): only the spec is lost
    assert [(d.line, d.column) for d in pair_diagnostics(repo, "KB511", zh, en)] == [(7, 1)]
