"""Translation rules KB501-KB515 on real git repositories, one scenario each.

Positions are asserted on both pages: the finding in the translation, and its
related location in the source. Wording is not asserted.
"""

from __future__ import annotations

import json
import time

import pytest
from translation_kb import (
    CONFIG,
    cli,
    diagnostics,
    en_page,
    found,
    make_kb,
    only,
    related,
    zh_page,
)
from translation_repo import T0, Repo

from kbcheck import check, load_config
from kbcheck.translations import content_hash

ZH, EN = "content/zh/guide.md", "content/en/guide.md"


def translated(repo: Repo, record: str = "") -> str:
    """A source and its translation, committed; returns the commit."""
    make_kb(repo)
    repo.write(ZH, zh_page())
    repo.write(EN, en_page(record))
    return repo.commit("guide in zh and en")


def marked(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A source and its translation, committed, then the translation marked as
    following the source (its record committed)."""
    translated(repo)
    assert cli(repo.root, monkeypatch, "translations", "mark", EN).exit_code == 0
    repo.commit("mark")


def edit_section_b(repo: Repo) -> str:
    repo.write(ZH, zh_page(b_text="乙的正文，补充了一句。"))
    return repo.commit("zh: expand section b")


# -- staleness -------------------------------------------------------------------


def test_source_edited_after_translation_is_stale_with_the_section_named(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked(repo, monkeypatch)
    edit_section_b(repo)

    stale = only(repo.root, "KB514")
    assert (stale.path, stale.line, stale.column) == (EN, 5, 1)  # translation.source_commit
    assert related(stale) == [(ZH, 14)]  # the heading of the changed section {#b}
    assert "#b" in stale.message and "#a" not in stale.message
    # The structure is compared with the recorded version: nothing else to say.
    assert found(repo.root) == {(EN, 5, 1, "KB514")}


def test_a_translation_marked_after_updating_is_in_sync(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    translated(repo)
    edit_section_b(repo)
    assert ("KB514" in {d.code for d in diagnostics(repo.root)}) is True  # git fallback
    result = cli(repo.root, monkeypatch, "translations", "mark", EN)
    assert result.exit_code == 0, result.output
    assert found(repo.root) == set()
    record = (repo.root / EN).read_text()
    assert f"source_hash: {content_hash((repo.root / ZH).read_bytes())}" in record
    assert "source_commit: " + repo.git("rev-parse", "HEAD").strip() in record


def test_without_a_record_git_history_decides(repo: Repo) -> None:
    translated(repo)
    assert found(repo.root) == set()
    repo.write(EN, en_page().replace("Text of A.", "Text of A, reworded."))
    repo.commit("en: reword")  # a later translation commit: still in sync
    assert found(repo.root) == set()
    edit_section_b(repo)
    stale = only(repo.root, "KB514")
    assert (stale.line, related(stale)) == (1, [(ZH, 14)])


def test_a_source_that_took_the_translations_new_url_leaves_it_up_to_date(repo: Repo) -> None:
    make_kb(repo)
    old, new = "https://github.com/org/r/tree/main/sdk", "https://github.com/org/r/blob/main/sdk"
    repo.write(ZH, zh_page(b_text=f"见 [SDK]({old})。"))
    repo.write(EN, en_page().replace("Text of B.", f"See the [SDK]({new})."))
    repo.commit("guide in zh and en; the translation has the right link")
    repo.write(ZH, zh_page(b_text=f"见 [SDK]({new})。"))
    repo.commit("zh: fix the link")
    assert found(repo.root) == set()  # nothing to translate, no link to compare with the old one
    repo.write(ZH, zh_page(b_text=f"见 [SDK]({new})，或源码。"))
    repo.commit("zh: words too")
    assert (EN, 1, 1, "KB514") in found(repo.root)


def test_a_link_the_source_cut_short_is_no_staleness(repo: Repo) -> None:
    make_kb(repo)
    full, short = "https://github.com/org/repo/issues/417", "https://github.com/org/issues/417"
    repo.write(ZH, zh_page(b_text=f"见 [问题]({full})。"))
    repo.write(EN, en_page().replace("Text of B.", f"See the [issue]({full})."))
    repo.commit("guide in zh and en")
    repo.write(ZH, zh_page(b_text=f"见 [问题]({short})。"))  # a segment lost
    repo.commit("zh: links rewritten")
    assert found(repo.root, "KB514") == set()  # the translation's full link is the one to keep
    repo.write(ZH, zh_page(b_text="见 [问题](https://github.com/org/repo/issues/418)。"))
    repo.commit("zh: another issue")
    assert found(repo.root, "KB514") == {(EN, 1, 1, "KB514")}


def test_a_github_link_the_source_broke_is_no_staleness(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page(b_text="见 [问题](https://github.com/org/repo/)。"))
    repo.write(
        EN, en_page().replace("Text of B.", "See the [issue](https://github.com/org/repo/).")
    )
    repo.commit("guide in zh and en")
    repo.write(ZH, zh_page(b_text="见 [问题](https://github.com/org/issues/270)。"))
    repo.commit("zh: links rewritten, the repository left out")
    assert found(repo.root, "KB514") == set()  # a link to no page: nothing to follow
    repo.write(ZH, zh_page(b_text="见 [问题](https://github.com/org/repo/issues/270)。"))
    repo.commit("zh: the link mended")
    assert found(repo.root, "KB514") == {(EN, 1, 1, "KB514")}


def test_a_url_that_cannot_be_taken_apart_is_no_crash_of_staleness(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page(b_text="见 [问题](https://github.com/org/repo/issues/417)。"))
    repo.write(EN, en_page().replace("Text of B.", "See https://[::1/x, the issue."))
    repo.commit("guide in zh and en")
    repo.write(ZH, zh_page(b_text="见 [问题](https://github.com/org/issues/417)。"))
    repo.commit("zh: the link rewritten")
    # the translation never had the old link: nothing to follow, and nothing crashes
    assert found(repo.root, "KB514") == set()
    assert not [d for d in diagnostics(repo.root, "KB") if d.code == "KB000"]


def test_a_source_that_took_the_translations_new_path_leaves_it_up_to_date(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page(b_text="配置在 `config/decision/and/` 中。"))
    repo.write(EN, en_page().replace("Text of B.", "It is in `config/fragments/decision/and/`."))
    repo.commit("guide in zh and en; the translation has the new path")
    repo.write(ZH, zh_page(b_text="配置在 `config/fragments/decision/and/` 中。"))
    repo.commit("zh: the new path")
    assert found(repo.root, "KB514") == set()


def test_a_source_that_took_the_translations_new_code_line_leaves_it_up_to_date(
    repo: Repo,
) -> None:
    translated(repo)
    repo.write(EN, en_page(code="top_k=8"))  # the translation fixed the example first
    repo.commit("en: top_k=8")
    repo.write(ZH, zh_page(code="top_k=8"))
    repo.commit("zh: top_k=8")
    assert found(repo.root, "KB514") == set()


def test_a_source_url_the_translation_never_had_is_no_staleness(repo: Repo) -> None:
    make_kb(repo)
    pixel = "\n![](https://stats.example.org/p.gif?page=guide&lang={})\n"
    repo.write(ZH, zh_page() + pixel.format("zh"))
    repo.write(EN, en_page() + pixel.format("en"))  # its own tracking pixel
    repo.commit("guide in zh and en")
    repo.write(ZH, zh_page() + pixel.format("zh").replace("example.org", "example.cn"))
    repo.commit("zh: the pixel moves to another host")
    assert found(repo.root, "KB514") == set()
    repo.write(ZH, zh_page(b_text="乙的正文，改了。") + pixel.format("zh"))
    repo.commit("zh: words")
    assert found(repo.root, "KB514") == {(EN, 1, 1, "KB514")}


def test_a_line_of_code_taken_out_that_the_translation_never_had_is_no_staleness(
    repo: Repo,
) -> None:
    block = "\n```yaml\nkind: Route\n{}name: a\n```\n"
    make_kb(repo)
    repo.write(ZH, zh_page() + block.format("endpoint: a1\n"))
    repo.write(EN, en_page() + block.format(""))  # its example never had the endpoint line
    repo.commit("guide in zh and en")
    repo.write(ZH, zh_page() + block.format(""))
    repo.commit("zh: the endpoint line goes")
    assert found(repo.root, "KB514") == set()
    repo.write(ZH, zh_page() + block.format("endpoint: a1\n"))
    repo.write(EN, en_page() + block.format("endpoint: a1\n"))
    repo.commit("both have it")
    repo.write(ZH, zh_page() + block.format(""))
    repo.commit("zh: it goes again")
    assert found(repo.root, "KB514") == {(EN, 1, 1, "KB514")}  # the translation still has it


def test_a_field_added_that_the_translation_sets_in_its_own_words_is_no_staleness(
    repo: Repo,
) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page())
    repo.write(EN, en_page().replace("title: Guide\n", "title: Guide\ndescription: A guide.\n"))
    repo.commit("guide in zh and en; the translation describes itself")
    repo.write(ZH, zh_page().replace("title: 指南\n", "title: 指南\ndescription: 一份指南。\n"))
    repo.commit("zh: a description")
    assert found(repo.root, "KB514") == set()
    repo.write(ZH, zh_page().replace("title: 指南\n", "title: 指南\nkeywords: [检索]\n"))
    repo.commit("zh: keywords the translation does not set")
    assert found(repo.root, "KB514") == {(EN, 1, 1, "KB514")}


def test_a_source_that_took_the_translations_link_target_leaves_it_up_to_date(
    repo: Repo,
) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page(b_text="详见 [HLS](./delivery-hls.md)。"))
    repo.write(EN, en_page().replace("Text of B.", "See [HLS](./hls.md)."))
    repo.commit("guide in zh and en; the translation links the new page")
    repo.write(ZH, zh_page(b_text="详见 [HLS](./hls.md)。"))
    repo.commit("zh: the new page")
    assert found(repo.root, "KB514") == set()


def test_a_space_taken_out_of_the_source_is_no_staleness(repo: Repo) -> None:
    translated(repo)
    repo.write(ZH, zh_page(b_text="乙的正文，见 [配置 ](./config.md)。"))
    repo.commit("zh: a link")
    repo.write(EN, en_page().replace("Text of B.", "Text of B, see [configuration](./config.md)."))
    repo.commit("en: the link")
    repo.write(ZH, zh_page(b_text="乙的正文，见 [配置](./config.md)。"))
    repo.commit("zh: no space in the link")
    assert found(repo.root, "KB514") == set()


def test_punctuation_or_case_edited_in_prose_is_no_staleness(repo: Repo) -> None:
    translated(repo)
    repo.write(ZH, zh_page(b_text="1、用 eventmesh 发送"))
    repo.commit("zh: how to send")
    repo.write(EN, en_page().replace("Text of B.", "1. Send with EventMesh"))
    repo.commit("en: how to send")
    repo.write(ZH, zh_page(b_text="1. 用 EventMesh 发送"))
    repo.commit("zh: punctuation and case")
    assert found(repo.root, "KB514") == set()
    repo.write(ZH, zh_page(b_text="1. 用 EventMesh 发送", code="Top_K=5"))
    repo.commit("zh: the case of a line of code the translation has")
    assert found(repo.root, "KB514") == {(EN, 1, 1, "KB514")}


# source text of section B, its translation, the source edited in a way that asks
# nothing of a translator, then edited in a way that does
FOLLOWED = {
    "a misspelt word corrected": (
        "SRS is expirement, use FFMEPG to ingest it.",
        "SRS 是实验性的，用 ffmpeg 采集。",
        "SRS is an experiment, use FFmpeg to ingest it.",
        "SRS is an experiment, use FFmpeg to ingest it in 2.0.",
    ),
    "misprinted chinese characters": (
        "消息流试处理，或则批处理。",
        "Messages are processed as a stream, or in batches.",
        "消息流式处理，或者批处理。",
        "消息流式处理，不能批处理。",
    ),
    "a name misspelt inside chinese": (
        "部署 RockeMQ集群即可。",
        "Deploy a RocketMQ cluster.",
        "部署 RocketMQ集群即可。",
        "部署 RocketMQ集群与代理即可。",
    ),
    "a badge taken out that the translation never had": (
        "[![CI](https://ci.example.org/badge.svg)](https://ci.example.org)\n\n乙的正文。",
        "Text of B.",
        "乙的正文。",
        "乙的正文，补充了一句。",
    ),
    "the new addresses the translation had first, with prose": (
        "打开 http://localhost:8080 即可。",
        "Open http://192.168.1.8:8001 (the web UI) or http://192.168.1.8 (admin).",
        "先确认服务器地址，再打开 http://192.168.1.8:8001 或 http://192.168.1.8 即可。",
        "先确认地址，再打开 http://192.168.1.8:8001、http://192.168.1.8 或 http://192.168.1.8:9000。",
    ),
    "punctuation in a line the translation copies as it is": (
        "Run `make build`。",
        "Run `make build`。",
        "Run `make build`.",
        "Run `make build` twice.",
    ),
    "a name put in backticks": (
        "Edit lv-settings.lua to configure nvim.",
        "Edite lv-settings.lua para configurar nvim.",
        "Edit `lv-settings.lua` to configure `nvim`.",
        "Edit `config.lua` to configure `nvim`.",
    ),
    "a backtick moved": (
        "Set `sink``=`true` in `conf.yml`.",
        "在 `conf.yml` 中设置 `sink`=`true`。",
        "Set `sink`=`true` in `conf.yml`.",
        "Set `sink`=`false` in `conf.yml`.",
    ),
    "a table of contents' links made to match the headings": (
        "- [安装](#install)\n- [使用方法](#usage-guide)",
        "- [Install](#install)\n- [Usage](#usage)",
        "- [安装步骤](#installation)\n- [使用方法](#usage)",
        "- [安装步骤](#installation)\n- [使用方法](#usage)\n\n先读安装步骤。",
    ),
    "links into the page retargeted in prose": (
        "见[甲](#a)和[乙](#b)。",
        "See [A](#a) and [B](#b).",
        "见[甲](#A)和[乙](#B)。",
        "见[甲](#A)和[乙](#B)，以及[丙](#c)。",
    ),
    "a line the source had in the translation's language, translated": (
        "Start the broker first.",
        "Start the broker first.",
        "先启动 broker。",
        "先启动 broker。\n\n然后启动 proxy。",
    ),
    "code fences put around lines the translation fenced first": (
        "流程：\n\n设备\n↓\n采集服务",
        "Flow:\n\n```\nDevice\n↓\nCollector\n```",
        "流程：\n\n```\n设备\n↓\n采集服务\n```",
        "流程：\n\n```\n设备\n↓\n网关\n↓\n采集服务\n```",
    ),
}


@pytest.mark.parametrize("case", FOLLOWED, ids=list(FOLLOWED))
def test_a_source_edit_that_asks_nothing_of_a_translator_is_no_staleness(
    repo: Repo, case: str
) -> None:
    before, translated_text, followed, changed = FOLLOWED[case]
    make_kb(repo)
    repo.write(ZH, zh_page(b_text=before))
    repo.write(EN, en_page().replace("Text of B.", translated_text))
    repo.commit("guide in zh and en")
    repo.write(ZH, zh_page(b_text=followed))
    repo.commit("zh: an edit with nothing to translate")
    assert found(repo.root, "KB514") == set()
    repo.write(ZH, zh_page(b_text=changed))
    repo.commit("zh: an edit to carry over")
    assert found(repo.root, "KB514") == {(EN, 1, 1, "KB514")}


# source text of section B, its translation, the source edited in a way that asks
# something of a translator
ASKED = {
    "a word corrected that the translation has as it is": (
        "Set relativenumbr to show it.",
        "设置 relativenumbr 来显示。",
        "Set relativenumber to show it.",
    ),
    "code fences put in the source and not in the translation": (
        "流程：\n\n设备\n↓\n采集服务",
        "Flow:\n\nDevice\n↓\nCollector",
        "流程：\n\n```\n设备\n↓\n采集服务\n```",
    ),
}


@pytest.mark.parametrize("case", ASKED, ids=list(ASKED))
def test_a_source_edit_that_asks_something_of_a_translator_is_staleness(
    repo: Repo, case: str
) -> None:
    before, translated_text, changed = ASKED[case]
    make_kb(repo)
    repo.write(ZH, zh_page(b_text=before))
    repo.write(EN, en_page().replace("Text of B.", translated_text))
    repo.commit("guide in zh and en")
    repo.write(ZH, zh_page(b_text=changed))
    repo.commit("zh: an edit to carry over")
    assert found(repo.root, "KB514") == {(EN, 1, 1, "KB514")}


def test_a_link_added_to_a_source_line_is_staleness(repo: Repo) -> None:
    translated(repo)
    repo.write(ZH, zh_page(b_text="需要：`git`。"))
    repo.commit("zh: tools")
    repo.write(EN, en_page().replace("Text of B.", "You need: `git`."))
    repo.commit("en: tools")
    repo.write(ZH, zh_page(b_text="需要：`git`，[`rg`](https://example.org/rg)。"))
    repo.commit("zh: one more tool, linked")
    assert found(repo.root, "KB514") == {(EN, 1, 1, "KB514")}


def test_hash_only_record_finds_its_commit_in_the_source_history(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page())
    first = repo.commit("zh")
    old_hash = content_hash(zh_page().encode())
    repo.write(EN, en_page(f"translation:\n  source_hash: {old_hash}\n"))
    repo.commit("en")
    assert found(repo.root) == set()
    edit_section_b(repo)
    edit_b_again = zh_page(b_text="乙的正文，又改了。")
    repo.write(ZH, edit_b_again)
    repo.commit("zh again")

    stale = only(repo.root, "KB514")
    assert (stale.path, stale.line) == (EN, 5)
    assert related(stale) == [(ZH, 14)]
    assert first[:10] in stale.message  # the version the hash names
    assert "2 commits" in stale.message


def test_hash_matching_no_version_is_an_invalid_record(repo: Repo) -> None:
    translated(repo, "translation:\n  source_hash: sha256:0000000000000000\n")
    bad = only(repo.root, "KB515")
    assert (bad.path, bad.line) == (EN, 5)
    assert {d.code for d in diagnostics(repo.root)} == {"KB514", "KB515"}


def test_mdn_source_commit_record(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page())
    base = repo.commit("zh")
    repo.write(EN, en_page(f"l10n:\n  sourceCommit: {base}\n"))
    repo.commit("en")
    assert found(repo.root) == set()
    edit_section_b(repo)
    stale = only(repo.root, "KB514")
    assert (stale.path, stale.line, related(stale)) == (EN, 5, [(ZH, 14)])
    assert "1 commit" in stale.message


def test_osu_outdated_since_counts_that_commit_as_missing(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page())
    repo.commit("zh")
    repo.write(EN, en_page())
    repo.commit("en")
    lacking = edit_section_b(repo)
    repo.write(EN, en_page(f"outdated_since: {lacking}\n"))
    repo.commit("en: flag")
    stale = only(repo.root, "KB514")
    assert (stale.line, related(stale)) == (4, [(ZH, 14)])


def test_unknown_commit_with_the_current_hash_is_in_sync(repo: Repo) -> None:
    """A fresh clone whose commits were re-created: the hash still holds."""
    make_kb(repo)
    repo.write(ZH, zh_page())
    current = content_hash(zh_page().encode())
    record = f"translation:\n  source_commit: {'ab' * 20}\n  source_hash: {current}\n"
    repo.write(EN, en_page(record))
    repo.commit()
    assert found(repo.root) == set()


def test_unknown_commit_without_hash_is_an_invalid_record(repo: Repo) -> None:
    translated(repo, f"translation:\n  source_commit: {'ab' * 20}\n")
    assert found(repo.root) == {(EN, 5, 1, "KB515")}


def test_commit_that_did_not_change_the_source_is_invalid(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page())
    repo.commit("zh")
    repo.write("content/zh/other.md", "# 其他\n")
    repo.write("content/en/other.md", "# Other\n")
    unrelated = repo.commit("another page")
    repo.write(EN, en_page(f"translation:\n  source_commit: {unrelated}\n"))
    repo.commit("en")
    assert found(repo.root) == {(EN, 5, 1, "KB515")}


def test_translation_ahead_of_its_source(repo: Repo) -> None:
    """A record naming a commit newer than the source's last change: that commit did
    not change the source, so the record is invalid (KB515); the content it names
    is the current source, so the translation is not stale. A section the source
    lacks is reported by KB507."""
    make_kb(repo)
    repo.write(ZH, zh_page())
    repo.commit("zh")
    repo.write(EN, en_page())
    later = repo.commit("en")
    ahead = en_page(f"translation:\n  source_commit: {later}\n")
    ahead += "\n## C {#c}\n\nA section the source does not have yet.\n"
    repo.write(EN, ahead)
    repo.commit("en: ahead")
    assert found(repo.root) == {(EN, 5, 1, "KB515"), (EN, 25, 1, "KB507")}
    extra = only(repo.root, "KB507")
    assert related(extra) == [(ZH, 14)]  # the source section it follows


def test_missing_source_file_is_an_invalid_record(repo: Repo) -> None:
    translated(repo, "translation:\n  source_file: content/zh/gone.md\n")
    assert found(repo.root, "KB515") == {(EN, 5, 1, "KB515")}


# -- orphans and coverage ----------------------------------------------------------


def test_renamed_source_leaves_an_orphan_with_the_rename_suggested(repo: Repo) -> None:
    translated(repo)
    repo.git("mv", ZH, "content/zh/handbook.md")
    repo.commit("rename the zh page")
    orphan = only(repo.root, "KB503")
    assert (orphan.path, orphan.line, orphan.column) == (EN, 1, 1)
    assert related(orphan) == [("content/zh/handbook.md", 1)]
    assert "content/zh/handbook.md" in orphan.message
    # one cause, one finding: the renamed source is not also a missing translation
    assert found(repo.root, "KB501") == set()


def test_deleted_source_leaves_an_orphan(repo: Repo) -> None:
    translated(repo)
    repo.git("rm", "-q", ZH)
    repo.commit("drop the zh page")
    orphan = only(repo.root, "KB503")
    assert (orphan.path, orphan.line, related(orphan)) == (EN, 1, [])


def test_an_orphaned_draft_is_not_published_and_left_alone(repo: Repo) -> None:
    translated(repo)
    repo.git("rm", "-q", ZH)
    text = (repo.root / EN).read_text(encoding="utf-8")
    repo.write(EN, text.replace("---\n", "---\ndraft: true\n", 1))
    repo.commit("drop the zh page, keep the English one as a draft")
    assert found(repo.root, "KB503") == set()


def test_missing_translation_and_the_coverage_gate(repo: Repo) -> None:
    make_kb(repo, CONFIG + "\n[translations]\nmin_coverage = 60\n")
    repo.write(ZH, zh_page())
    repo.write(EN, en_page())
    repo.write("content/zh/b.md", "# 乙\n")
    repo.write("content/zh/c.md", "# 丙\n")
    repo.commit()
    assert found(repo.root, "KB501") == {
        ("content/zh/b.md", 1, 1, "KB501"),
        ("content/zh/c.md", 1, 1, "KB501"),
    }
    assert found(repo.root, "KB502") == {("content/zh/b.md", 1, 1, "KB502")}  # 33% < 60%
    repo.write("content/en/b.md", "# B\n")
    assert found(repo.root, "KB502") == set()  # 67%


def test_a_locale_yet_to_start_is_one_missing_translation_finding(repo: Repo) -> None:
    make_kb(repo)
    for n in range(12):
        repo.write(f"content/zh/p{n:02}.md", f"# 第{n}页\n")
    repo.write("content/en/p05.md", "# Page 5\n")  # 1 of 12: not yet started
    repo.commit()
    assert found(repo.root, "KB501") == {("content/zh/p00.md", 1, 1, "KB501")}
    repo.write("content/en/p07.md", "# Page 7\n")  # 2 of 12: under way, page by page
    assert len(found(repo.root, "KB501")) == 10


def test_a_docs_version_a_locale_is_yet_to_start_is_one_finding(repo: Repo) -> None:
    repo.write("kbcheck.toml", DOCUSAURUS)
    repo.write("versions.json", '["1.0"]')
    for n in range(12):
        repo.write(f"docs/p{n:02}.md", f"# 第{n}页\n")
        repo.write(f"versioned_docs/version-1.0/p{n:02}.md", f"# 第{n}页\n")
        if n != 3:  # version 1.0 is translated but for one page, reported as such
            repo.write(f"{I18N}/version-1.0/p{n:02}.md", f"# Page {n}\n")
    repo.write(f"{I18N}/current/p05.md", "# Page 5\n")  # 1 of 12 in the current docs
    repo.commit()
    assert found(repo.root, "KB501") == {
        ("docs/p00.md", 1, 1, "KB501"),
        ("versioned_docs/version-1.0/p03.md", 1, 1, "KB501"),
    }


# -- frontmatter and structure -------------------------------------------------------


def test_sidebar_position_that_differs(repo: Repo) -> None:
    make_kb(repo)
    schema = "fields:\n  sidebar_position: {type: integer, translation: same}\n"
    repo.write("schemas/doc.yaml", schema)
    repo.write(ZH, zh_page().replace("title: 指南", "page_type: doc\ntitle: 指南"))
    en = en_page().replace("sidebar_position: 1", "page_type: doc\nsidebar_position: 2")
    repo.write(EN, en)
    repo.commit()
    d = only(repo.root, "KB504")
    assert (d.path, d.line, d.column, related(d)) == (EN, 4, 19, [(ZH, 4)])


def test_a_title_left_as_is_on_a_page_not_translated_at_all_is_no_finding(repo: Repo) -> None:
    make_kb(repo)
    repo.write("schemas/doc.yaml", "fields:\n  title: {type: string, translation: translate}\n")
    source = zh_page().replace("title: 指南", "page_type: doc\ntitle: 指南")
    repo.write(ZH, source)
    repo.write(EN, source)  # a copy, kept in the locale's folder as it is
    repo.commit()
    assert found(repo.root, "KB505") == set()
    repo.write(EN, en_page().replace("title: Guide", "page_type: doc\ntitle: 指南"))
    repo.commit()
    assert found(repo.root, "KB505") == {(EN, 3, 8, "KB505")}  # translated, but not its title


def test_translated_heading_that_lost_its_id(repo: Repo) -> None:
    translated(repo)
    repo.write(EN, en_page().replace("## B {#b}", "## B"))
    d = only(repo.root, "KB508")
    assert (d.path, d.line, d.column, related(d)) == (EN, 14, 1, [(ZH, 14)])


def test_code_changed_in_the_source_but_translated_comments_are_fine(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked(repo, monkeypatch)
    assert found(repo.root) == set()  # comments differ, code does not
    repo.write(ZH, zh_page(code="top_k=8"))
    repo.commit("zh: new top_k")
    # Compared with the recorded version the code still matches: only stale.
    assert {d.code for d in diagnostics(repo.root)} == {"KB514"}
    # Marked without carrying the change over: now the code differs.
    assert cli(repo.root, monkeypatch, "translations", "mark", EN).exit_code == 0
    d = only(repo.root, "KB509")
    # the differing line of each page (the translation has 4 record lines)
    assert (d.path, d.line, d.column, related(d)) == (EN, 24, 1, [(ZH, 20)])


def test_stale_parity_lines_point_into_the_current_source(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    translated(repo)
    repo.write(EN, en_page().replace("## B {#b}", "## B"))
    assert cli(repo.root, monkeypatch, "translations", "mark", EN).exit_code == 0
    repo.commit("en without the id")
    # Two lines added above section b: the related line follows it there.
    repo.write(ZH, zh_page().replace("甲的正文。", "甲的正文。\n\n新的一段。"))
    repo.commit("zh: a new paragraph")
    d = only(repo.root, "KB508")
    assert (d.line, related(d)) == (18, [(ZH, 16)])


def test_a_change_the_translation_made_first_is_no_finding(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page())
    repo.write(EN, en_page(code="top_k=8").replace("## A {#a}", "## A {#a}\n\n### A1"))
    repo.commit("en fixed first")  # and given a subsection the source will have
    repo.write(ZH, zh_page(code="top_k=8").replace("## 甲 {#a}", "## 甲 {#a}\n\n### 甲一"))
    repo.commit("zh: the same")
    # The source caught up with the translation: the translation has the source's
    # new outline, not the one before, so it follows the new version.
    assert diagnostics(repo.root) == []


def test_a_source_section_the_translation_has_not_yet_is_staleness(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page())
    repo.write(EN, en_page(code="top_k=8"))
    repo.commit("en fixed first")
    repo.write(ZH, zh_page(code="top_k=8").replace("## 甲 {#a}", "## 甲 {#a}\n\n### 甲一"))
    repo.commit("zh: a subsection")
    # the translation follows the outline before the change: stale, and nothing else
    assert {d.code for d in diagnostics(repo.root)} == {"KB514"}


def test_a_difference_from_both_versions_of_the_source_is_reported(repo: Repo) -> None:
    make_kb(repo)
    repo.write(ZH, zh_page())
    repo.write(EN, en_page(code="top_k=9"))
    repo.commit("guide")
    repo.write(ZH, zh_page(code="top_k=8"))
    repo.commit("zh: new top_k")
    d = only(repo.root, "KB509")
    assert (d.line, d.column, related(d)) == (20, 1, [(ZH, 20)])


# -- layouts ----------------------------------------------------------------------------


def test_suffix_layout_pairs_page_md_with_page_locale_md(repo: Repo) -> None:
    repo.write("kbcheck.toml", CONFIG + 'layout = "suffix"\n')
    repo.write("content/guide.md", zh_page())
    repo.write("content/guide.en.mdx", en_page().replace("## B {#b}", "## B"))
    repo.write("content/alone.md", "# 单独\n")
    repo.commit()
    assert found(repo.root) == {
        ("content/alone.md", 1, 1, "KB501"),
        ("content/guide.en.mdx", 14, 1, "KB508"),
    }


DOCUSAURUS = 'layout = "docusaurus"\nsource_locale = "zh"\nlocales = ["zh", "en"]\n'
I18N = "i18n/en/docusaurus-plugin-content-docs"


def test_docusaurus_versioned_docs_pair_by_version(repo: Repo) -> None:
    repo.write("kbcheck.toml", DOCUSAURUS)
    repo.write("docs/intro.md", zh_page(b_text="当前版本。"))
    repo.write("versioned_docs/version-1.0/intro.md", zh_page())
    repo.write(f"{I18N}/current/intro.md", en_page())
    repo.write(f"{I18N}/version-1.0/intro.md", en_page())
    repo.write(f"{I18N}/version-1.0/gone.md", "# Gone\n")
    repo.commit()
    assert found(repo.root) == {(f"{I18N}/version-1.0/gone.md", 1, 1, "KB503")}
    # A versioned translation recording the current docs, which keep moving.
    version = content_hash((repo.root / "versioned_docs/version-1.0/intro.md").read_bytes())
    record = f"translation:\n  source_hash: {version}\n  source_file: docs/intro.md\n"
    repo.write(f"{I18N}/version-1.0/intro.md", en_page(record))
    bad = only(repo.root, "KB515")
    assert (bad.path, bad.line) == (f"{I18N}/version-1.0/intro.md", 5)
    assert related(bad) == [("versioned_docs/version-1.0/intro.md", 1)]


def test_a_record_copied_when_the_version_was_cut_names_the_text_it_holds(repo: Repo) -> None:
    repo.write("kbcheck.toml", DOCUSAURUS)
    repo.write("docs/intro.md", zh_page())
    first = repo.commit("docs")
    record = f"translation:\n  source_commit: {first}\n  source_file: docs/intro.md\n"
    repo.write(f"{I18N}/current/intro.md", en_page(record))
    repo.commit("en")
    # cutting version 1.0 copies the docs and the locale's docs, records and all
    repo.write("versioned_docs/version-1.0/intro.md", zh_page())
    repo.write(f"{I18N}/version-1.0/intro.md", en_page(record))
    repo.commit("version 1.0")
    assert found(repo.root) == set()
    repo.write("versioned_docs/version-1.0/intro.md", zh_page(b_text="乙的正文，补充了一句。"))
    repo.commit("1.0: expand section b")
    assert found(repo.root) == {(f"{I18N}/version-1.0/intro.md", 5, 1, "KB514")}


def test_a_copied_record_of_docs_since_deleted_names_the_text_it_holds(repo: Repo) -> None:
    # the site lives in a folder, and its records name files relative to it
    repo.write("kbcheck.toml", DOCUSAURUS + 'site_dir = "website"\n')
    repo.write("website/docs/intro.md", zh_page())
    first = repo.commit("docs")
    record = f"translation:\n  source_commit: {first}\n  source_file: docs/intro.md\n"
    repo.write("website/versioned_docs/version-1.0/intro.md", zh_page())
    repo.write(f"website/{I18N}/version-1.0/intro.md", en_page(record))
    repo.commit("version 1.0, records and all")
    repo.git("rm", "-q", "website/docs/intro.md")
    repo.commit("the current docs drop the page")
    assert found(repo.root) == set()


def test_pair_key_pairs_pages_whose_paths_differ(repo: Repo) -> None:
    repo.write("kbcheck.toml", CONFIG + '\n[translations]\npair_key = "translation_key"\n')
    repo.write(ZH, zh_page().replace("title: 指南", "translation_key: guide\ntitle: 指南"))
    en = en_page().replace("title: Guide", "translation_key: guide\ntitle: Guide")
    repo.write("content/en/user-guide.md", en)
    repo.commit()
    assert found(repo.root) == set()


def test_status_json_figures(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    translated(repo)
    repo.write("content/zh/b.md", "# 乙\n")
    repo.write("content/en/orphan.md", "# Orphan\n")
    repo.commit()
    edit_section_b(repo)
    result = cli(repo.root, monkeypatch, "translations", "status", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["locales"] == [
        {"locale": "en", "pages": 2, "translated": 1, "up_to_date": 0, "stale": 1,
         "unknown": 0, "unknown_reasons": {}, "missing": 1, "copies": 0, "untranslated": 0,
         "orphaned": 1, "coverage": 50.0}
    ]  # fmt: skip
    (page,) = data["pages"]
    assert page["translation"] == EN and page["state"] == "stale"
    assert page["commits_behind"] == 1
    assert page["lines_changed"] == 2
    assert [(s["change"], s["id"], s["line"]) for s in page["sections"]] == [("modified", "b", 14)]
    lacking = T0 + 3 * 3600  # the third commit, the one the translation lacks
    assert page["days_behind"] == pytest.approx((time.time() - lacking) / 86400, abs=0.2)
    assert data["missing"] == {"en": ["content/zh/b.md"]}
    assert data["orphans"] == ["content/en/orphan.md"]
    text = cli(repo.root, monkeypatch, "translations", "status")
    assert "50.0%" in text.output and EN in text.output


def test_findings_do_not_depend_on_the_files_given(repo: Repo) -> None:
    """pre-commit passes a shuffled part of the files: each page gets the same findings."""
    translated(repo)
    repo.write(EN, en_page().replace("## B {#b}", "## B"))
    repo.write("content/zh/b.md", "# 乙\n")
    repo.commit()
    edit_section_b(repo)
    config = load_config(repo.root / "kbcheck.toml")
    whole = {
        (d.path, d.line, d.code)
        for d in check(config, select=["KB5"], offline=True, cwd=repo.root).diagnostics
    }
    parts = set()
    for one in (EN, "content/zh/b.md", ZH):
        result = check(config, [repo.root / one], select=["KB5"], offline=True, cwd=repo.root)
        parts |= {(d.path, d.line, d.code) for d in result.diagnostics}
    assert parts == whole
    assert {code for *_, code in whole} == {"KB501", "KB508", "KB514"}


def test_a_title_the_translated_text_keeps_as_it_is_is_a_name(repo: Repo) -> None:
    make_kb(repo, 'content = ["content"]\nsource_locale = "en"\nlocales = ["en", "es"]\n')
    repo.write("schemas/doc.yaml", "fields:\n  title: {type: string, translation: translate}\n")
    page = "---\npage_type: doc\ntitle: Nerd Fonts\n---\n\n# {}\n\n{}\n"
    repo.write("content/en/fonts.md", page.format("Nerd Fonts", "Patched fonts with many icons."))
    es = page.format("Fuentes", "Nerd Fonts parchea fuentes con iconos.")
    repo.write("content/es/fonts.md", es)
    repo.commit()
    assert found(repo.root, "KB505") == set()
    repo.write("content/es/fonts.md", page.format("Fuentes", "Fuentes parcheadas con iconos."))
    repo.commit()  # a title the translated text does not use: left untranslated
    assert found(repo.root, "KB505") == {("content/es/fonts.md", 3, 8, "KB505")}


def test_a_title_made_of_acronyms_or_a_product_name_is_a_name(repo: Repo) -> None:
    make_kb(repo, 'content = ["content"]\nsource_locale = "en"\nlocales = ["en", "es"]\n')
    repo.write("schemas/doc.yaml", "fields:\n  title: {type: string, translation: translate}\n")
    page = "---\npage_type: doc\ntitle: {}\n---\n\n# {}\n\n{}\n"
    for name, title in (("atc", "RTMP ATC"), ("pi", "RaspBerryPi"), ("use", "Use Scenarios")):
        repo.write(f"content/en/{name}.md", page.format(title, "Title", "Streams with time codes."))
        es = page.format(title, "Título", "Flujos con códigos de tiempo.")
        repo.write(f"content/es/{name}.md", es)
    repo.commit()
    assert found(repo.root, "KB505") == {("content/es/use.md", 3, 8, "KB505")}


def test_a_title_the_pages_h1_keeps_in_the_sources_words_is_its_name(repo: Repo) -> None:
    make_kb(repo, 'content = ["content"]\nsource_locale = "en"\nlocales = ["en", "zh"]\n')
    repo.write("schemas/doc.yaml", "fields:\n  title: {type: string, translation: translate}\n")
    page = "---\npage_type: doc\ntitle: {}\n---\n\n# {}\n\n{}\n"
    for name, title, h1, zh_h1 in (
        ("git", "Git Usage", "GIT usage", "GIT Usage"),  # the h1 is the title
        ("edge", "Edge Cluster", "Edge Server", "Edge Server"),  # the h1 is the source's
        ("codec", "SRT Codec", "SRT Codec", "SRT 编码"),  # the h1 is translated
    ):
        repo.write(f"content/en/{name}.md", page.format(title, h1, "Streams over the network."))
        repo.write(f"content/zh/{name}.md", page.format(title, zh_h1, "通过网络传输的流。"))
    repo.commit()
    assert found(repo.root, "KB505") == {("content/zh/codec.md", 3, 8, "KB505")}


def test_a_title_and_sidebar_label_left_alike_are_one_finding(repo: Repo) -> None:
    make_kb(repo, 'content = ["content"]\nsource_locale = "en"\nlocales = ["en", "zh"]\n')
    fields = "  title: {type: string, translation: translate}\n"
    fields += "  sidebar_label: {type: string, translation: translate}\n"
    repo.write("schemas/doc.yaml", "fields:\n" + fields)
    names = "title: Use Scenarios\nsidebar_label: Use Scenarios\n"
    page = "---\npage_type: doc\n" + names + "---\n\n# {}\n\n{}\n"
    repo.write("content/en/use.md", page.format("Scenarios", "Who uses it."))
    repo.write("content/zh/use.md", page.format("场景", "谁在使用。"))
    repo.commit()
    assert found(repo.root, "KB505") == {("content/zh/use.md", 3, 8, "KB505")}


def test_a_translation_edited_with_each_source_commit_since_its_record_is_up_to_date(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked(repo, monkeypatch)
    repo.write(ZH, zh_page(b_text="乙的正文，补充了一句。"))
    repo.write(EN, (repo.root / EN).read_text().replace("Text of B.", "Text of B, and more."))
    repo.commit("both: expand section b")  # the record is left behind
    assert found(repo.root) == set()
    repo.write(ZH, zh_page(b_text="乙的正文，又改了。"))
    repo.commit("zh: edit section b again")  # a source commit without the translation
    stale = only(repo.root, "KB514")
    assert (stale.path, stale.line, stale.column) == (EN, 5, 1)
