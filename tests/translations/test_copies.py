"""A translation that is a copy of its source, in its source's language, is a
translation missing: one KB501 finding, counted as missing, and not compared."""

from __future__ import annotations

import json

from translation_kb import cli, diagnostics, make_kb, related
from translation_repo import Repo

CONFIG = 'content = ["content"]\nsource_locale = "en"\nlocales = ["en", "zh"]\n'
EN, ZH = "content/en/guide.md", "content/zh/guide.md"


def english(extra: str = "") -> str:
    return (
        "# Guide\n\nThis guide explains how the service is set up and run.\n\n"
        "## Install\n\nInstall the package with the manager your system uses.\n\n"
        "```bash\npip install service\n```\n\n"
        f"## Run\n\nStart the service and open the address it prints.\n{extra}"
    )


TRANSLATED = (
    "# 指南\n\n本指南说明如何安装并运行这个服务。\n\n"
    "## 安装\n\n用系统自带的包管理器安装。\n\n"
    "```bash\npip install service\n```\n\n"
    "- Service Manager for Linux and macOS\n- Service Manager for Windows Server\n\n"
    "## 运行\n\n启动服务，然后打开它打印的地址。\n"
)


def kb(repo: Repo, zh: str) -> None:
    make_kb(repo, CONFIG)
    stop = "\n## Stop\n\nStop the service with the key it names.\n"
    for name in ("guide", "setup"):
        repo.write(f"content/en/{name}.md", english(stop))
    repo.write(ZH, zh)  # copied into the Chinese folder before the source gained a section
    repo.write("content/zh/setup.md", TRANSLATED)  # translated, names kept in English
    repo.commit("pages")


def test_a_copy_in_the_sources_language_is_one_missing_translation(repo: Repo) -> None:
    kb(repo, english())
    missing = diagnostics(repo.root, "KB501")
    assert [(d.path, d.line, d.column) for d in missing] == [(EN, 1, 1)]
    assert related(missing[0]) == [(ZH, 1)]
    # one cause, one finding: the copy is not compared with its source; the
    # translation is, and lacks the section its source gained
    others = [(d.path, d.code, d.line) for d in diagnostics(repo.root) if d.code != "KB501"]
    assert others == [("content/zh/setup.md", "KB507", 16)]


def test_status_counts_a_copy_as_missing(repo: Repo, monkeypatch) -> None:
    kb(repo, english())
    result = cli(repo.root, monkeypatch, "translations", "status", "--format", "json")
    data = json.loads(result.output)
    (zh,) = data["locales"]
    assert (zh["pages"], zh["translated"], zh["missing"], zh["copies"]) == (2, 1, 1, 1)
    assert zh["coverage"] == 50.0
    assert [p["translation"] for p in data["pages"]] == ["content/zh/setup.md"]  # not the copy
    report = cli(repo.root, monkeypatch, "report", "--format", "json")
    (_, zh_row) = json.loads(report.output)["locales"]
    assert (zh_row["missing"], zh_row["copies"], zh_row["coverage"]) == (1, 1, 50.0)


def test_a_short_page_word_for_word_its_sources_is_a_copy(repo: Repo) -> None:
    make_kb(repo, CONFIG)
    flags = "# Flags\n\nUsers can flag spam posts for review.\n"
    repo.write("content/en/flags.md", flags)
    repo.write("content/zh/flags.md", flags)
    repo.write("content/en/tags.md", "# Tags\n\nTODO\n")  # nothing to translate yet
    repo.write("content/zh/tags.md", "# Tags\n\nTODO\n")
    repo.commit("pages")
    found = [(d.path, d.line, *related(d)) for d in diagnostics(repo.root, "KB501")]
    assert found == [("content/en/flags.md", 1, ("content/zh/flags.md", 1))]
