"""The pre-commit hook, installed by pre-commit itself from this repository's manifest,
run against a real git repository on real commits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "---\ntitle: 标题\nsidebar_position: 1\n---\n\n# 标题\n\n正文。\n"


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def project(tmp_path: Path, hook_repo: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    repo, rev = hook_repo
    work = tmp_path / "kb"
    (work / "content" / "zh").mkdir(parents=True)
    (work / "schemas").mkdir()
    (work / "schemas" / "doc.yaml").write_text(
        "fields:\n  title: {type: string, required: true}\n  sidebar_position: {type: integer}\n"
    )
    (work / "kbcheck.toml").write_text('source_locale = "zh"\ndefault_page_type = "doc"\n')
    (work / "content" / "zh" / "good.md").write_text(GOOD, encoding="utf-8")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n  - id: kbcheck\n"
    )
    git(work, "init", "-q")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "start")
    home = tmp_path.parent / "pre-commit-home"  # shared by the tests: install once
    monkeypatch.setenv("PRE_COMMIT_HOME", str(home))
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=work, check=True, capture_output=True
    )
    return work


def commit(work: Path, message: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=work, env=env, capture_output=True, text=True
    )


def test_hook_blocks_a_bad_page_and_names_it(project: Path) -> None:
    bad = project / "content" / "zh" / "bad.md"
    bad.write_text("---\ntitle: 坏\nsidebar_position: x\n---\n\n# 坏\n", encoding="utf-8")
    git(project, "add", "content/zh/bad.md")
    done = commit(project, "add a bad page")
    assert done.returncode != 0
    assert "content/zh/bad.md:3:19: error KB102" in done.stdout + done.stderr
    assert git(project, "rev-list", "--count", "HEAD").strip() == "1"


def test_hook_passes_a_good_page_and_checks_only_staged_files(project: Path) -> None:
    # an unstaged broken page elsewhere does not block a commit of a good one
    (project / "content" / "zh" / "wip.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    (project / "content" / "zh" / "new.md").write_text(GOOD, encoding="utf-8")
    (project / "README.md").write_text("# About\n\n[gone](nowhere.md)\n", encoding="utf-8")
    git(project, "add", "content/zh/new.md", "README.md")  # a README is not a page
    done = commit(project, "add a good page")
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(project, "rev-list", "--count", "HEAD").strip() == "2"
