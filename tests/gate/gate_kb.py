"""A small bilingual knowledge base in a real git repository, for the gate's tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
CONFIG = """content = ["content"]
source_locale = "zh"
locales = ["zh", "en"]
default_page_type = "doc"
"""
SCHEMA = "fields:\n  title: {type: string, required: true}\n  sidebar_position: {type: integer}\n"


def page(title: str, body: str = "", position: str = "1") -> str:
    return f"---\ntitle: {title}\nsidebar_position: {position}\n---\n\n# {title}\n\n{body}"


PAGES = {
    "content/zh/a.md": page("甲", "见[乙](b.md#sec)。\n"),
    "content/en/a.md": page("A", "See [B](b.md#sec).\n"),
    "content/zh/b.md": page("乙", "## 小节 {#sec}\n\n正文。\n"),
    "content/en/b.md": page("B", "## Section {#sec}\n\nText.\n"),
    "content/zh/c.md": page("丙", "正文。\n", position="x"),  # an old finding: KB102 at 3:19
    "content/en/c.md": page("C", "Text.\n"),
}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **ENV}, check=True,
        capture_output=True, text=True,
    ).stdout  # fmt: skip


def make_repo(root: Path, pages: dict[str, str] = PAGES) -> Path:
    (root / "schemas").mkdir(parents=True)
    (root / "schemas" / "doc.yaml").write_text(SCHEMA)
    (root / "kbcheck.toml").write_text(CONFIG)
    for rel, text in pages.items():
        write(root, rel, text)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def kbcheck(cwd: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "kbcheck", *args], cwd=cwd, capture_output=True, text=True,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def findings(text: str) -> set[tuple[str, int, int, str]]:
    """(path, line, column, code) of each finding line of the text report."""
    found = set()
    for line in text.splitlines():
        parts = line.split(":", 3)
        if len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit():
            code = parts[3].split()[1]
            found.add((parts[0], int(parts[1]), int(parts[2]), code))
    return found
