"""``--format github`` on a pull request: the findings on changed lines first, as many
as GitHub shows, the rest one annotation per rule; the step summary beside it."""

from __future__ import annotations

from pathlib import Path

from gate_kb import git, kbcheck, make_repo, page, write


def annotations(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("::") and "file=" in line]


def test_changed_lines_come_first_and_the_rest_per_rule(tmp_path: Path) -> None:
    old = "".join(f"[旧{n}](old{n}.md)\n\n" for n in range(15))  # 15 old broken links
    root = make_repo(tmp_path / "kb", {"content/zh/d.md": page("丁", old)})
    git(root, "checkout", "-qb", "topic")
    write(root, "content/zh/d.md", page("丁", old + "[新](new.md)\n"))
    git(root, "commit", "-qam", "one new broken link")
    summary = tmp_path / "summary.md"
    done = kbcheck(root, "check", "--offline", "--format", "github", "--changed-since", "main",
                   env={"GITHUB_STEP_SUMMARY": str(summary)})  # fmt: skip
    assert done.returncode == 1
    shown = annotations(done.stdout)
    assert [line.split("::")[1] for line in shown] == [
        "error file=content/zh/d.md,line=38,col=1,endLine=38,endColumn=12,title=KB301 broken-link"
    ]  # the one on a changed line; the 15 old ones are summarised:
    assert "::error title=KB301 broken-link::15 more findings in 1 files" in done.stdout
    assert done.stdout.count("KB301 broken-link: no page content/zh/old") == 15  # in the log
    text = summary.read_text()
    assert "| KB301 broken-link | 16 | 16 |" in text
    assert "| `content/zh/d.md:38` | KB301 |" in text


def test_without_a_change_ten_of_each_kind_are_annotated(tmp_path: Path) -> None:
    old = "".join(f"[旧{n}](old{n}.md)\n\n" for n in range(15))
    root = make_repo(tmp_path / "kb", {"content/zh/d.md": page("丁", old)})
    done = kbcheck(root, "check", "--offline", "--format", "github", "--select", "KB3")
    assert len(annotations(done.stdout)) == 10
    assert "::error title=KB301 broken-link::5 more findings in 1 files" in done.stdout
