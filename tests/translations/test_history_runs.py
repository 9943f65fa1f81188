"""Git history as a run reads it: the same answers for one file as for the whole
knowledge base, and one warning when git cannot tell."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest
from translation_kb import cli, diagnostics, make_kb
from translation_repo import Repo

from kbcheck import check, load_config
from kbcheck.page import Page
from kbcheck.translations.state import Translations


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\n---\n\n# {title}\n\n{body}\n"


def run(root: Path, *paths: str, select: str = "KB5") -> list[tuple]:
    config = load_config(root / "kbcheck.toml")
    found = check(config, [Path(p) for p in paths], select=[select], offline=True, cwd=root)
    return [(d.path, d.line, d.column, d.code, d.message) for d in found.diagnostics]


def branchy_history(repo: Repo) -> None:
    """Pages edited on branches and merged, a source renamed with its translation
    left behind, images committed beside them."""
    make_kb(repo)
    for n in range(4):
        repo.write(f"content/zh/p{n}.md", page(f"页{n}", "正文。"))
        repo.write(f"content/en/p{n}.md", page(f"Page {n}", "Text."))
    repo.write("content/zh/old.md", page("旧", "旧的正文。"))
    repo.write("content/en/old.md", page("Old", "Old text."))
    repo.commit("pages")
    repo.git("checkout", "-q", "-b", "side")
    repo.write("content/zh/p1.md", page("页1", "正文，分支上改过。"))
    repo.write("static/img/a.png", b"\x89PNG" + bytes(range(256)) * 40)
    repo.commit("side: p1 and an image")
    repo.git("checkout", "-q", "main")
    repo.write("content/zh/p2.md", page("页2", "正文，主干上改过。"))
    repo.commit("main: p2")
    repo.clock += 3600
    repo.git("merge", "-q", "--no-ff", "--no-edit", "side", when=repo.clock)
    repo.git("mv", "content/zh/old.md", "content/zh/new.md")
    repo.commit("rename old to new")
    repo.write("content/zh/p3.md", page("页3", "正文，又改了。"))
    repo.write("static/img/a.png", b"\x89PNG" + bytes(range(256)) * 41)
    repo.commit("p3 and the image")


def test_one_file_runs_say_what_the_whole_run_says(repo: Repo) -> None:
    branchy_history(repo)
    whole = run(repo.root)
    assert {(d[0], d[3]) for d in whole} >= {
        ("content/en/p1.md", "KB514"),
        ("content/en/p2.md", "KB514"),
        ("content/en/p3.md", "KB514"),
        ("content/en/old.md", "KB503"),
    }
    assert not any(d[0] == "content/en/p0.md" for d in whole)
    assert "content/zh/new.md" in next(d[4] for d in whole if d[3] == "KB503")
    for n in range(4):
        one = f"content/en/p{n}.md"
        assert run(repo.root, one) == [d for d in whole if d[0] == one]
    assert run(repo.root, "content/en/old.md") == [d for d in whole if d[3] == "KB503"]


def test_the_history_kept_between_runs_answers_as_git_does(repo: Repo) -> None:
    branchy_history(repo)
    run(repo.root)  # reads the whole history, and keeps it
    (cache,) = (repo.root / ".git/kbcheck").glob("history-*.json")
    assert repo.git("status", "--porcelain") == ""  # kept in the git folder
    # a branch made from an old commit, with old dates, merged now: read from the cache
    # and git, its commits must fall where git's own order puts them
    repo.git("checkout", "-q", "-b", "late", "HEAD~3")
    repo.write("content/zh/p0.md", page("页0", "正文，很久以前的分支。"))
    repo.commit("late: p0", when=repo.clock - 30 * 86400)
    repo.git("checkout", "-q", "main")
    repo.clock += 3600
    repo.git("merge", "-q", "--no-ff", "--no-edit", "late", when=repo.clock)
    repo.write("content/en/p3.md", page("Page 3", "Text, updated."))
    repo.commit("en: p3")
    with_cache = run(repo.root)
    with_cache_one = [run(repo.root, f"content/en/p{n}.md") for n in range(4)]
    cache.unlink()
    assert run(repo.root) == with_cache
    assert with_cache_one == [
        [d for d in with_cache if d[0] == f"content/en/p{n}.md"] for n in range(4)
    ]
    assert ("content/en/p0.md", "KB514") in {(d[0], d[3]) for d in with_cache}


def test_git_that_cannot_read_the_history_is_one_warning(repo: Repo, tmp_path: Path) -> None:
    branchy_history(repo)
    origin = tmp_path / "origin"
    shutil.copytree(repo.root, origin)
    subprocess.run(
        ["git", "-C", str(origin), "config", "uploadpack.allowFilter", "true"], check=True
    )
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--filter=blob:none", f"file://{origin}", str(clone)], check=True
    )
    shutil.rmtree(origin)  # the promisor is gone: older page versions cannot be fetched
    warnings = [d for d in diagnostics(clone) if d.code == "KB514"]
    assert len(warnings) == 1, warnings
    warning = warnings[0]
    # p0's source has not changed since its translation (git's blob ids say so,
    # no old version needs reading); the other three need versions git cannot read
    assert (warning.path, warning.line, warning.column) == ("content/en/p1.md", 1, 1)
    assert "3 translations" in warning.message


def test_a_shallow_clone_leaves_staleness_unknown_and_says_so(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    branchy_history(repo)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    # one commit: every page looks added in it, so no translation can be judged
    found = [(d.path, d.line, d.code) for d in diagnostics(clone) if d.code == "KB514"]
    assert found == [("content/en/p0.md", 1, "KB514")]
    result = cli(clone, monkeypatch, "translations", "status", "--format", "json")
    pages = json.loads(result.output)["pages"]
    assert {p["translation"]: p["state"] for p in pages} == {
        f"content/en/p{n}.md": "unknown" for n in range(4)
    }
    assert all("shallow" in p["reason"] for p in pages)
    (row,) = json.loads(result.output)["locales"]
    assert row["unknown"] == 4 and sum(row["unknown_reasons"].values()) == 4
    text = cli(clone, monkeypatch, "translations", "status").output
    assert "en: 4 the translation's last change is older than this shallow clone" in text


def renamed_pairs(repo: Repo) -> str:
    """On top of :func:`branchy_history`: a pair renamed together and its source
    edited after the rename, a translation whose record names a commit from before
    its source's rename, and an orphan whose source was moved into another folder
    on a merged branch. Returns the record's commit."""
    branchy_history(repo)
    repo.write("content/zh/guide.md", page("指南", "正文。"))
    repo.write("content/en/guide.md", page("Guide", "Text."))
    repo.write("content/zh/faq.md", page("问答", "正文。"))
    repo.write("content/zh/setup.md", page("安装", "正文。"))
    repo.write("content/en/setup.md", page("Setup", "Text."))
    recorded = repo.commit("guide, faq and setup")
    repo.write(
        "content/en/faq.md",
        page("FAQ", "Text.").replace(
            "---\n\n", f"translation:\n  source_commit: {recorded}\n---\n\n", 1
        ),
    )
    repo.commit("en: faq")
    repo.git("mv", "content/zh/guide.md", "content/zh/guide-new.md")
    repo.git("mv", "content/en/guide.md", "content/en/guide-new.md")
    repo.git("mv", "content/zh/faq.md", "content/zh/questions.md")
    repo.git("mv", "content/en/faq.md", "content/en/questions.md")
    repo.commit("rename guide and faq")
    repo.write("content/zh/guide-new.md", page("指南", "正文，改名后改过。"))
    repo.write("content/zh/questions.md", page("问答", "正文，改名后改过。"))
    repo.commit("zh: guide and faq edited")
    repo.git("checkout", "-q", "-b", "move")
    (repo.root / "content/zh/setup.md").unlink()
    repo.write("content/zh/install/setup.md", page("安装", "正文。"))
    repo.commit("move setup")
    repo.git("checkout", "-q", "main")
    repo.clock += 3600
    repo.git("merge", "-q", "--no-ff", "--no-edit", "move", when=repo.clock)
    return recorded


def test_one_file_runs_read_only_their_pages_history_and_agree(repo: Repo) -> None:
    renamed_pairs(repo)
    whole = run(repo.root)
    assert {(d[0], d[3]) for d in whole} >= {
        ("content/en/guide-new.md", "KB514"),
        ("content/en/questions.md", "KB514"),
        ("content/en/setup.md", "KB503"),
    }
    assert "content/zh/install/setup.md" in next(
        d[4] for d in whole if d[:1] == ("content/en/setup.md",) and d[3] == "KB503"
    )
    kept = repo.root / ".git/kbcheck"
    pages = sorted({d[0] for d in whole} | {f"content/en/p{n}.md" for n in range(4)})
    for path in pages:
        shutil.rmtree(kept, ignore_errors=True)  # a first run: nothing kept from before
        assert run(repo.root, path) == [d for d in whole if d[0] == path], path
        assert not kept.exists()  # only the pages' history was read: none is kept
    assert run(repo.root, *pages[:3]) == [d for d in whole if d[0] in pages[:3]]


def test_one_file_runs_in_a_shallow_clone_agree(repo: Repo, tmp_path: Path) -> None:
    renamed_pairs(repo)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "4", f"file://{repo.root}", str(clone)], check=True
    )
    whole = run(clone)
    assert any(d[3] == "KB514" for d in whole)
    for path in sorted({d[0] for d in whole}):
        shutil.rmtree(clone / ".git/kbcheck", ignore_errors=True)
        assert run(clone, path) == [d for d in whole if d[0] == path], path


def test_a_one_file_run_after_new_commits_adds_them_to_the_kept_history(repo: Repo) -> None:
    renamed_pairs(repo)
    run(repo.root)  # keeps the history
    (kept,) = (repo.root / ".git/kbcheck").glob("history-*.json")
    repo.write("content/zh/p0.md", page("页0", "正文，新提交。"))
    head = repo.commit("zh: p0 again")
    one = run(repo.root, "content/en/p0.md")
    assert json.loads(kept.read_text())["head"] == head  # read from the kept one onwards
    assert [d[3] for d in one] == ["KB514"]
    kept.unlink()
    assert one == [d for d in run(repo.root) if d[0] == "content/en/p0.md"]


def test_a_knowledge_base_in_a_folder_of_its_repository(repo: Repo) -> None:
    renamed_pairs(repo)
    (repo.root / "site").mkdir()
    repo.git("mv", "content", "site/content")
    repo.git("mv", "kbcheck.toml", "site/kbcheck.toml")
    repo.write("content/zh/p0.md", page("页0", "另一个知识库，不在这里。"))
    repo.commit("the knowledge base moves into site/")
    repo.write("site/content/zh/p1.md", page("页1", "正文，在 site 里改过。"))
    repo.commit("zh: p1 in site")
    site = repo.root / "site"
    whole = run(site)
    assert ("content/en/p1.md", "KB514") in {(d[0], d[3]) for d in whole}
    assert "1 commit" in next(d[4] for d in whole if d[:1] == ("content/en/p1.md",))
    for path in ("content/en/p0.md", "content/en/p1.md", "content/en/guide-new.md"):
        shutil.rmtree(repo.root / ".git/kbcheck", ignore_errors=True)
        assert run(site, path) == [d for d in whole if d[0] == path], path


def test_a_whole_run_parses_its_pages_while_git_reads_the_history(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git takes its time on a long history: the pages are parsed meanwhile, not after,
    and the findings are the same."""
    branchy_history(repo)
    expected = run(repo.root)
    slow = tmp_path / "bin"
    slow.mkdir()
    (slow / "git").write_text(f'#!/bin/sh\nsleep 0.3\nexec {shutil.which("git")} "$@"\n')
    (slow / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{slow}{os.pathsep}{os.environ['PATH']}")
    parsed_when_read: list[int] = []
    show_ahead = Translations.show_ahead

    def counted(self: Translations, pages: Iterable[Page]) -> None:
        parsed_when_read.append(sum("markdown" in p.__dict__ for p in self.corpus.pages))
        show_ahead(self, pages)

    monkeypatch.setattr(Translations, "show_ahead", counted)
    assert run(repo.root) == expected
    assert parsed_when_read[0] == 10  # every page: four pairs and the renamed one
