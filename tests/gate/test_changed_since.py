"""``kbcheck check --changed-since REF`` on real git repositories: the changed pages,
their translations and sources, and the pages that link into them; nothing else."""

from __future__ import annotations

from pathlib import Path

from gate_kb import CONFIG, findings, git, kbcheck, make_repo, page, write


def branch(root: Path) -> Path:
    git(root, "checkout", "-qb", "topic")
    return root


def test_unchanged_pages_are_not_reported(tmp_path: Path) -> None:
    root = branch(make_repo(tmp_path / "kb"))
    write(root, "content/zh/a.md", page("甲", "见[乙](b.md#sec)。\n\n新的一段。\n"))
    git(root, "commit", "-qam", "edit a")
    done = kbcheck(root, "check", "--offline", "--changed-since", "main")
    assert done.returncode == 0, done.stdout + done.stderr
    # the old KB102 in c.md is not this change's; the translation of a.md is now behind
    assert findings(done.stdout) == {("content/en/a.md", 1, 1, "KB514")}
    assert "2 files checked" in done.stdout  # zh/a.md and its translation: nothing links in


def test_a_removed_heading_is_reported_where_it_is_linked(tmp_path: Path) -> None:
    root = branch(make_repo(tmp_path / "kb"))
    write(root, "content/zh/b.md", page("乙", "## 小节\n\n正文。\n"))
    git(root, "commit", "-qam", "drop the id")
    done = kbcheck(root, "check", "--offline", "--changed-since", "main")
    assert ("content/zh/a.md", 8, 2, "KB302") in findings(done.stdout)
    assert not any(f[0] == "content/zh/c.md" for f in findings(done.stdout))
    assert done.returncode == 1


def test_a_renamed_source_page_orphans_its_translation_and_breaks_its_links(
    tmp_path: Path,
) -> None:
    root = branch(make_repo(tmp_path / "kb"))
    git(root, "mv", "content/zh/b.md", "content/zh/b2.md")
    git(root, "commit", "-qm", "rename b")
    done = kbcheck(root, "check", "--offline", "--changed-since", "main")
    found = findings(done.stdout)
    assert ("content/en/b.md", 1, 1, "KB503") in found
    assert ("content/zh/a.md", 8, 2, "KB301") in found
    assert not any(f[0] == "content/zh/c.md" for f in found)


def test_a_deleted_page_is_reported_where_it_is_linked(tmp_path: Path) -> None:
    root = branch(make_repo(tmp_path / "kb"))
    git(root, "rm", "-q", "content/zh/b.md", "content/en/b.md")
    git(root, "commit", "-qm", "delete b")
    done = kbcheck(root, "check", "--offline", "--changed-since", "main")
    found = findings(done.stdout)
    assert ("content/zh/a.md", 8, 2, "KB301") in found
    assert ("content/en/a.md", 8, 5, "KB301") in found
    assert {f[0] for f in found} == {"content/zh/a.md", "content/en/a.md"}


def test_a_page_that_is_a_symbolic_link_is_reported_where_it_links(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "kb")
    write(root, "notes/e.md", page("戊", "见[乙](b.md#sec)。\n"))  # b.md: beside the link
    (root / "content/zh/e.md").symlink_to("../../notes/e.md")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "a page kept elsewhere")
    branch(root)
    write(root, "content/zh/b.md", page("乙", "## 小节\n\n正文。\n"))
    git(root, "commit", "-qam", "drop the id")
    done = kbcheck(root, "check", "--offline", "--changed-since", "main")
    assert ("content/zh/e.md", 8, 2, "KB302") in findings(done.stdout)


def test_an_ignored_page_is_reported_where_it_links_when_ignores_are_not_respected(
    tmp_path: Path,
) -> None:
    root = make_repo(tmp_path / "kb")
    (root / "kbcheck.toml").write_text(CONFIG + "respect_gitignore = false\n")
    (root / ".gitignore").write_text("content/zh/f.md\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "check ignored pages too")
    write(root, "content/zh/f.md", page("己", "见[乙](b.md#sec)。\n"))
    branch(root)
    write(root, "content/zh/b.md", page("乙", "## 小节\n\n正文。\n"))
    git(root, "commit", "-qam", "drop the id")
    done = kbcheck(root, "check", "--offline", "--changed-since", "main")
    assert ("content/zh/f.md", 8, 2, "KB302") in findings(done.stdout)


def test_uncommitted_and_untracked_pages_count_as_changed(tmp_path: Path) -> None:
    root = branch(make_repo(tmp_path / "kb"))
    write(root, "content/zh/d.md", page("丁", "见[无](nowhere.md)。\n"))
    done = kbcheck(root, "check", "--offline", "--changed-since", "main")
    assert ("content/zh/d.md", 8, 2, "KB301") in findings(done.stdout)


def shallow_topic_clone(origin: Path, clone: Path, depth: int) -> Path:
    """A clone of ``depth`` commits per branch, on the branch ``topic``, as CI makes one."""
    git(clone.parent, "clone", "-q", "--depth", str(depth), "--no-single-branch",
        f"file://{origin}", str(clone))  # fmt: skip
    git(clone, "checkout", "-q", "topic")
    return clone


def test_a_shallow_clone_works_when_the_ref_is_there(tmp_path: Path) -> None:
    origin = branch(make_repo(tmp_path / "origin"))
    write(origin, "content/zh/b.md", page("乙", "## 小节\n\n正文。\n"))
    git(origin, "commit", "-qam", "drop the id")
    clone = shallow_topic_clone(origin, tmp_path / "clone", depth=2)
    done = kbcheck(clone, "check", "--offline", "--changed-since", "origin/main")
    assert ("content/zh/a.md", 8, 2, "KB302") in findings(done.stdout), done.stderr


def test_a_shallow_clone_without_the_ref_says_what_to_fetch(tmp_path: Path) -> None:
    origin = branch(make_repo(tmp_path / "origin"))
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "-b", "topic", f"file://{origin}", str(clone))
    done = kbcheck(clone, "check", "--offline", "--changed-since", "origin/main")
    assert done.returncode == 2
    assert "git fetch" in done.stderr and "Traceback" not in done.stderr


def test_a_shallow_clone_without_the_merge_base_says_what_to_fetch(tmp_path: Path) -> None:
    origin = branch(make_repo(tmp_path / "origin"))
    for n in range(3):
        write(origin, "content/zh/a.md", page("甲", f"第{n}版。\n"))
        git(origin, "commit", "-qam", f"edit {n}")
    git(origin, "checkout", "-q", "main")
    write(origin, "content/zh/c.md", page("丙", "改。\n"))
    git(origin, "commit", "-qam", "main moves on")
    clone = shallow_topic_clone(origin, tmp_path / "clone", depth=1)
    done = kbcheck(clone, "check", "--offline", "--changed-since", "origin/main")
    assert done.returncode == 2
    assert "shallow" in done.stderr and "git fetch --deepen" in done.stderr


def test_the_staged_pages_of_a_first_commit_are_checked(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "kb")
    git(root, "update-ref", "-d", "HEAD")  # no commit yet: every page is staged, as added
    done = kbcheck(root, "check", "--offline", "--staged", "content/zh/c.md")
    assert done.returncode == 1, done.stdout + done.stderr
    assert findings(done.stdout) == {("content/zh/c.md", 3, 19, "KB102")}
