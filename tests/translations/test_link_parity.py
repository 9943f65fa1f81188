"""External links of a translation against its source: one finding per cause."""

from __future__ import annotations

from translation_kb import diagnostics, make_kb, pair_diagnostics, related
from translation_repo import Repo

ZH, EN = "content/zh/guide.md", "content/en/guide.md"


def links(repo: Repo, zh: str, en: str) -> list[tuple]:
    return [(d.line, d.column, *related(d)) for d in pair_diagnostics(repo, "KB511", zh, en)]


def test_a_trailing_slash_is_the_same_link(repo: Repo) -> None:
    zh = "# 指南\n\n见 [Kafka](https://kafka.apache.org) 和 [文档](https://example.org/docs/).\n"
    en = "# Guide\n\nSee [Kafka](https://kafka.apache.org/) and [docs](https://example.org/docs).\n"
    assert links(repo, zh, en) == []


def test_links_changed_the_same_way_are_one_finding(repo: Repo) -> None:
    rows = "".join(f"| {n} | [问题](https://github.com/o/issues/{n}) |\n" for n in (1, 2, 3))
    zh = f"# 路线图\n\n| 版本 | 问题 |\n|---|---|\n{rows}"
    en = "# Roadmap\n\n| Version | Issue |\n|---|---|\n" + rows.replace("/o/issues", "/o/r/issues")
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
