"""Records read in every form, reported once when wrong, and rename hints that name
only pages that can be sources."""

from __future__ import annotations

from translation_kb import CONFIG, diagnostics, en_page, make_kb, only, related, zh_page
from translation_repo import Repo

EN, ZH = "content/en/guide.md", "content/zh/guide.md"
DOCUSAURUS = 'layout = "docusaurus"\nsource_locale = "zh"\nlocales = ["zh", "en"]\n'
I18N = "i18n/en/docusaurus-plugin-content-docs"


def test_a_top_level_record_is_read(repo: Repo) -> None:
    make_kb(repo, CONFIG)
    repo.write(ZH, zh_page())
    repo.write(EN, en_page())
    first = repo.commit("guide")
    repo.write(ZH, zh_page(b_text="乙的正文，改过。"))
    repo.commit("zh: b")
    # translated again later (git history alone would call it up to date), but
    # the record says it follows the first version
    repo.write(EN, en_page(f"source_commit: {first}\nsource_file: {ZH}\n"))
    repo.commit("en: record")
    stale = only(repo.root, "KB514")
    assert (stale.path, stale.line, stale.column) == (EN, 4, 1)
    assert related(stale) == [(ZH, 14)]


def test_a_misplaced_record_is_one_finding_and_git_history_decides(repo: Repo) -> None:
    repo.write("kbcheck.toml", DOCUSAURUS)
    repo.write("docs/intro.md", zh_page(b_text="当前版本。"))
    repo.write("versioned_docs/version-1.0/intro.md", zh_page())
    repo.write(f"{I18N}/version-1.0/intro.md", en_page())
    repo.write(f"{I18N}/current/intro.md", en_page())
    repo.commit("docs")
    repo.write("docs/intro.md", zh_page(b_text="当前版本，又改了。"))
    current = repo.commit("current docs move on")
    # the record of the current docs, pasted into the versioned translation
    record = f"translation:\n  source_commit: {current}\n  source_file: docs/intro.md\n"
    repo.write(f"{I18N}/version-1.0/intro.md", en_page(record))
    repo.commit("en: record")
    repo.write("versioned_docs/version-1.0/intro.md", zh_page(b_text="旧版本的更正。"))
    repo.commit("a fix to version 1.0")
    versioned = f"{I18N}/version-1.0/intro.md"
    bad = only(repo.root, "KB515")
    assert (bad.path, bad.line, bad.column) == (versioned, 5, 1)
    assert related(bad) == [("versioned_docs/version-1.0/intro.md", 1)]
    # git history decides: the versioned source changed after the translation's commit
    stale = [d for d in diagnostics(repo.root, "KB514") if d.path == versioned]
    assert [(d.line, d.column) for d in stale] == [(5, 1)]
    assert "1 commit," in stale[0].message


def test_a_rename_hint_names_only_a_page_of_the_source_locale(repo: Repo) -> None:
    repo.write("kbcheck.toml", DOCUSAURUS)
    body = "".join(f"第{n}行，足够长的相同文字。\n" for n in range(30))
    repo.write("docs/setup.md", "# 安装\n\n" + body)
    repo.write(f"{I18N}/current/setup.md", "# Setup\n\nText.\n")
    repo.commit("setup")
    # the source page leaves; a copy of it lands as another locale's translation
    repo.git("rm", "-q", "docs/setup.md")
    repo.write(f"{I18N}/version-1.0/setup.md", "# 安装\n\n" + body)
    repo.write("versioned_docs/version-1.0/setup.md", "# 安装\n\n" + body + "新。\n")
    repo.commit("move setup to version 1.0")
    orphan = only(repo.root, "KB503")
    assert (orphan.path, orphan.line, orphan.column) == (f"{I18N}/current/setup.md", 1, 1)
    assert related(orphan) == []
    assert I18N + "/version-1.0" not in orphan.message


def test_a_version_made_after_a_rename_names_its_copy_as_the_renamed_source(repo: Repo) -> None:
    repo.write("kbcheck.toml", DOCUSAURUS)
    body = "".join(f"第{n}行，足够长的相同文字。\n" for n in range(30))
    repo.write("docs/quota.md", "# 配额\n\n" + body)
    repo.write(f"{I18N}/current/quota.md", "# Quota\n\nText.\n")
    repo.commit("quota")
    repo.git("mv", "docs/quota.md", "docs/capacity.md")
    repo.git("mv", f"{I18N}/current/quota.md", f"{I18N}/current/capacity.md")
    repo.commit("rename quota to capacity")
    # version 1.0 is cut from the renamed docs; its translation, copied from an
    # older checkout, keeps the name from before the rename
    repo.write("versioned_docs/version-1.0/capacity.md", "# 配额\n\n" + body)
    repo.write(f"{I18N}/version-1.0/quota.md", "# Quota\n\nText.\n")
    repo.commit("version 1.0")
    orphan = only(repo.root, "KB503")
    assert (orphan.path, orphan.line, orphan.column) == (f"{I18N}/version-1.0/quota.md", 1, 1)
    assert related(orphan) == [("versioned_docs/version-1.0/capacity.md", 1)]
    # one cause, one finding: the version's page is not also reported untranslated
    assert diagnostics(repo.root, "KB501") == []
