"""Differences declared in the configuration, and the status by version and folder."""

from __future__ import annotations

import json

import pytest
from translation_kb import cli, diagnostics, found
from translation_repo import Repo

DOCUSAURUS = 'layout = "docusaurus"\nsource_locale = "zh"\nlocales = ["zh", "en"]\n'
I18N = "i18n/en/docusaurus-plugin-content-docs"


def site(repo: Repo, config: str = "") -> None:
    """current: intro, setup, style-guide (the last one untranslated); version-1.0:
    intro, setup, with only intro translated."""
    repo.write("kbcheck.toml", DOCUSAURUS + config)
    for name in ("intro", "setup", "style-guide"):
        repo.write(f"docs/{name}.md", f"# {name} 中文\n")
    for name in ("intro", "setup"):
        repo.write(f"{I18N}/current/{name}.md", f"# {name}\n")
        repo.write(f"versioned_docs/version-1.0/{name}.md", f"# {name} 中文\n")
    repo.write(f"{I18N}/version-1.0/intro.md", "# intro\n")
    repo.commit()


def test_a_rule_excluded_from_some_paths_reports_elsewhere(repo: Repo) -> None:
    site(repo)
    assert found(repo.root, "KB501") == {
        ("docs/style-guide.md", 1, 1, "KB501"),
        ("versioned_docs/version-1.0/setup.md", 1, 1, "KB501"),
    }
    site(repo, '\n[rules.missing-translation]\nexclude = ["versioned_docs/version-1.0/**"]\n')
    assert found(repo.root, "KB501") == {("docs/style-guide.md", 1, 1, "KB501")}


def test_pages_untranslated_on_purpose_are_counted_apart(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = '\n[translations]\nmin_coverage = 75\nuntranslated = ["docs/style-guide.md"]\n'
    site(repo, config)
    # 3 of the 4 pages to translate are: 75%, the gate holds; no KB501 for the style guide
    assert found(repo.root, "KB50") == {
        ("versioned_docs/version-1.0/setup.md", 1, 1, "KB501"),
    }
    data = json.loads(
        cli(repo.root, monkeypatch, "translations", "status", "--format", "json").output
    )
    (row,) = data["locales"]
    assert (row["pages"], row["translated"], row["missing"], row["untranslated"]) == (5, 3, 1, 1)
    assert row["coverage"] == 75.0


def test_a_page_no_thorough_locale_translates_is_untranslated_on_purpose(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """en and ja translate every page but the release notes; ko only one page."""
    repo.write("kbcheck.toml", DOCUSAURUS.replace('"en"]', '"en", "ja", "ko"]'))
    names = ("intro", "setup", "usage", "faq", "release-notes")
    for name in names:
        repo.write(f"docs/{name}.md", f"# {name} 中文\n")
    for locale in ("en", "ja"):
        for name in names[:-1]:
            repo.write(f"i18n/{locale}/docusaurus-plugin-content-docs/current/{name}.md", "# x\n")
    repo.write("i18n/ko/docusaurus-plugin-content-docs/current/intro.md", "# x\n")
    repo.commit()
    assert found(repo.root, "KB501") == {(f"docs/{name}.md", 1, 1, "KB501") for name in names[1:-1]}
    data = json.loads(
        cli(repo.root, monkeypatch, "translations", "status", "--format", "json").output
    )
    rows = {r["locale"]: (r["missing"], r["untranslated"]) for r in data["locales"]}
    assert rows == {"en": (0, 1), "ja": (0, 1), "ko": (3, 1)}
    # ja translates three pages of four: en alone is thorough, and the release
    # notes may be a page the translators have yet to reach
    repo.git("rm", "-q", "i18n/ja/docusaurus-plugin-content-docs/current/faq.md")
    repo.commit()
    assert ("docs/release-notes.md", 1, 1, "KB501") in found(repo.root, "KB501")


def test_status_by_version_with_a_path_filter(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    site(repo)
    out = cli(
        repo.root, monkeypatch, "translations", "status", "--by", "version", "--format", "json"
    )
    rows = {r["version"]: r for r in json.loads(out.output)["locales"]}
    assert {v: (r["pages"], r["translated"], r["coverage"]) for v, r in rows.items()} == {
        "current": (3, 2, 66.7),
        "version-1.0": (2, 1, 50.0),
    }
    text = cli(
        repo.root, monkeypatch, "translations", "status", "--by", "version", "versioned_docs"
    )
    lines = text.output.splitlines()
    assert lines[0].split()[:3] == ["locale", "version", "pages"]
    assert [line.split()[:4] for line in lines[1:2]] == [["en", "version-1.0", "2", "1"]]
    assert not any("current" in line for line in lines)
    by_folder = cli(
        repo.root, monkeypatch, "translations", "status", "--by", "folder", "--format", "json"
    )
    folders = [r["folder"] for r in json.loads(by_folder.output)["locales"]]
    assert folders == ["docs", "versioned_docs/version-1.0"]


@pytest.mark.parametrize("pages", [4, 5])
def test_a_folder_a_locale_leaves_all_out_is_one_finding(repo: Repo, pages: int) -> None:
    """en translates the guides, and none of the `api/` pages (five make a folder)."""
    repo.write("kbcheck.toml", DOCUSAURUS)
    for name in ("intro", "setup", "usage"):
        repo.write(f"docs/guides/{name}.md", f"# {name} 中文\n")
        repo.write(f"{I18N}/current/guides/{name}.md", f"# {name}\n")
    names = [f"call-{n}" for n in range(pages)]
    for name in names:
        repo.write(f"docs/api/{name}.md", f"# {name} 中文\n")
    repo.commit()
    each = {(f"docs/api/{name}.md", 1, 1, "KB501") for name in names}
    assert found(repo.root, "KB501") == (
        each if pages < 5 else {("docs/api/call-0.md", 1, 1, "KB501")}
    )


def test_a_doc_no_sidebar_lists_is_an_info_finding(repo: Repo) -> None:
    """The sidebar names intro and setup; hidden is reached by links only."""
    repo.write("kbcheck.toml", DOCUSAURUS)
    repo.write("sidebars.js", "module.exports = { docs: ['intro', 'setup'] };\n")
    for name in ("intro", "setup", "hidden"):
        repo.write(f"docs/{name}.md", f"# {name} 中文\n")
    repo.write(f"{I18N}/current/intro.md", "# intro\n")
    repo.commit()
    found_ = {(d.path, d.line, d.severity.value) for d in diagnostics(repo.root, "KB501")}
    assert found_ == {("docs/setup.md", 1, "warning"), ("docs/hidden.md", 1, "info")}
    generated = "module.exports = { docs: [{type: 'autogenerated', dirName: '.'}] };\n"
    repo.write("sidebars.js", generated)
    repo.commit()
    found_ = {(d.path, d.line, d.severity.value) for d in diagnostics(repo.root, "KB501")}
    assert found_ == {("docs/setup.md", 1, "warning"), ("docs/hidden.md", 1, "warning")}


def test_a_folder_no_sidebar_lists_is_one_info_finding(repo: Repo) -> None:
    """The sidebar lists the guides; the five reports are reached by links only."""
    repo.write("kbcheck.toml", DOCUSAURUS)
    guides = ["guides/intro", "guides/setup", "guides/usage"]
    listed = ", ".join(f"'{name}'" for name in guides)
    repo.write("sidebars.js", f"module.exports = {{ docs: [{listed}] }};\n")
    for name in guides:
        repo.write(f"docs/{name}.md", f"# {name} 中文\n")
        repo.write(f"{I18N}/current/{name}.md", f"# {name}\n")
    for n in range(5):
        repo.write(f"docs/reports/run-{n}.md", f"# 报告 {n}\n")
    repo.commit()
    found_ = [(d.path, d.line, d.severity.value) for d in diagnostics(repo.root, "KB501")]
    assert found_ == [("docs/reports/run-0.md", 1, "info")]


def test_a_locale_yet_to_start_is_reported_on_a_page_it_lacks_not_a_renamed_one(
    repo: Repo,
) -> None:
    repo.write("kbcheck.toml", DOCUSAURUS)
    repo.write(
        "docs/a.md", "# 甲\n\n" + "".join(f"第{n}行，足够长的相同文字。\n" for n in range(30))
    )
    repo.write(f"{I18N}/current/a.md", "# A\n")
    for n in range(10):
        repo.write(f"docs/b{n}.md", f"# 乙{n}\n")
    repo.commit()
    repo.git("mv", "docs/a.md", "docs/a2.md")  # its translation keeps the old name
    repo.commit("rename")
    # en translates none of the 11 pages: one finding, on the first it lacks; a2's
    # translation is the orphan a.md, KB503's
    assert found(repo.root, "KB501") == {("docs/b0.md", 1, 1, "KB501")}
    assert found(repo.root, "KB503") == {(f"{I18N}/current/a.md", 1, 1, "KB503")}
