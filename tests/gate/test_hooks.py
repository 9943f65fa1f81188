"""The hooks of ``.pre-commit-hooks.yaml``, installed by real pre-commit from a snapshot
of this repository, on real commits of a real bilingual knowledge base."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from gate_kb import ENV, findings, git, make_repo, page, write


def install(root: Path, hook_repo: tuple[Path, str], *hooks: str, stage: str = "pre-commit"):
    repo, rev = hook_repo
    listed = "".join(f"  - id: {hook}\n" for hook in hooks)
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n{listed}"
    )
    git(root, "add", ".pre-commit-config.yaml")
    git(root, "commit", "-qm", "hooks", "--no-verify")
    subprocess.run([sys.executable, "-m", "pre_commit", "install", "-t", stage],
                   cwd=root, check=True, capture_output=True)  # fmt: skip


@pytest.fixture
def kb(tmp_path: Path, hook_repo: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    # shared by the tests of the session: pre-commit installs the hooks' environment once
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path.parent / "pre-commit-home"))
    root = make_repo(tmp_path / "kb")
    write(root, "content/zh/c.md", page("丙", "正文。\n"))  # start clean
    git(root, "commit", "-qam", "fix c")
    install(root, hook_repo, "kbcheck")
    return root


def commit(root: Path, message: str = "change") -> tuple[bool, str]:
    done = subprocess.run(["git", "commit", "-m", message], cwd=root,
                          env={**os.environ, **ENV}, capture_output=True, text=True)  # fmt: skip
    return done.returncode == 0, done.stdout + done.stderr


LAYOUT = "## 一 {#x}\n\n正文。\n\n## 二 {#x}\n\n正文。\n"  # one anchor, two headings


def test_a_clean_commit_passes(kb: Path) -> None:
    write(kb, "content/zh/a.md", page("甲", "见[乙](b.md#sec)。\n\n又一段。\n"))
    git(kb, "add", "-A")
    ok, out = commit(kb)
    assert ok, out


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        ("content/zh/a.md", page("甲", "", position="x"), ("content/zh/a.md", 3, 19, "KB102")),
        ("content/zh/a.md", page("甲", LAYOUT), ("content/zh/a.md", 12, 1, "KB209")),
        (
            "content/zh/a.md",
            page("甲", "见[乙](b.md#nope)。\n"),
            ("content/zh/a.md", 8, 2, "KB302"),
        ),
        ("content/en/b.md", page("B", "## Section\n\nText.\n"), ("content/en/b.md", 8, 1, "KB508")),
    ],
    ids=["frontmatter", "layout", "internal-link", "translation"],
)
def test_a_commit_that_breaks_a_page_is_refused(kb: Path, rel: str, text: str, expected) -> None:
    write(kb, rel, text)
    git(kb, "add", "-A")
    ok, out = commit(kb)
    assert not ok
    assert expected in findings(out), out


def test_a_translation_alone_still_sees_the_other_pages(kb: Path) -> None:
    # the anchor exists in the staged translation's own locale only through the explicit id
    write(kb, "content/en/a.md", page("A", "See [B](b.md#sec) and [C](c.md).\n"))
    git(kb, "add", "-A")
    ok, out = commit(kb)
    assert ok, out
    write(kb, "content/en/a.md", page("A", "See [B](b.md#section).\n"))
    git(kb, "add", "-A")
    ok, out = commit(kb)
    assert not ok and ("content/en/a.md", 8, 5, "KB302") in findings(out), out


def test_deleting_a_source_page_with_a_translation_and_links_is_refused(kb: Path) -> None:
    git(kb, "rm", "-q", "content/zh/b.md")
    ok, out = commit(kb)
    assert not ok
    found = findings(out)
    assert ("content/en/b.md", 1, 1, "KB503") in found
    assert ("content/zh/a.md", 8, 2, "KB301") in found


def test_renaming_a_linked_page_is_refused_until_the_links_follow(kb: Path) -> None:
    git(kb, "mv", "content/zh/b.md", "content/zh/b2.md")
    git(kb, "mv", "content/en/b.md", "content/en/b2.md")
    ok, out = commit(kb)
    assert not ok
    assert {f for f in findings(out) if f[3] == "KB301"} == {
        ("content/zh/a.md", 8, 2, "KB301"),
        ("content/en/a.md", 8, 5, "KB301"),
    }
    write(kb, "content/zh/a.md", page("甲", "见[乙](b2.md#sec)。\n"))
    write(kb, "content/en/a.md", page("A", "See [B](b2.md#sec).\n"))
    git(kb, "add", "-A")
    ok, out = commit(kb)
    assert ok, out


def test_each_finding_once_when_pre_commit_splits_the_file_list(kb: Path) -> None:
    # more than pre-commit's 128 KiB of file names: it runs the hook several times
    folder = "content/zh/" + "深" * 60
    for n in range(700):
        write(kb, f"{folder}/page-{n:04}.md", page(f"页{n}", "正文。\n"))
    git(kb, "rm", "-q", "content/zh/b.md")
    git(kb, "add", "-A")
    ok, out = commit(kb)
    assert not ok
    assert out.count("content/en/b.md:1:1: error KB503") == 1, out[-3000:]
    assert out.count("content/zh/a.md:8:2: error KB301") == 1
    assert out.count("files checked") > 1  # it was split


def test_kbcheck_all_checks_the_whole_knowledge_base_once(
    tmp_path: Path, hook_repo: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path.parent / "pre-commit-home"))
    root = make_repo(tmp_path / "kb")  # content/zh/c.md has an old KB102
    install(root, hook_repo, "kbcheck-all")
    folder = "content/zh/" + "深" * 60
    for n in range(700):
        write(root, f"{folder}/page-{n:04}.md", page(f"页{n}", "正文。\n"))
    git(root, "add", "-A")
    ok, out = commit(root)
    assert not ok
    assert out.count("content/zh/c.md:3:19: error KB102") == 1
    assert out.count("files checked") == 1


class _Gone(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def gone_server() -> Iterator[str]:
    """A loopback server where every page is gone (404); stopped, thread and all, after use."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gone)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_kbcheck_links_before_a_push(
    tmp_path: Path, hook_repo: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path.parent / "pre-commit-home"))
    root = make_repo(tmp_path / "kb")
    with (root / "kbcheck.toml").open("a") as handle:
        handle.write("[links]\nallow_private = true\n")
    install(root, hook_repo, "kbcheck-links")
    with gone_server() as url:
        write(root, "content/zh/a.md", page("甲", f"[坏]({url}/gone)\n"))
        done = subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "kbcheck-links", "--hook-stage",
             "manual", "--files", "content/zh/a.md"], cwd=root, capture_output=True, text=True,
        )  # fmt: skip
    assert done.returncode == 1
    assert ("content/zh/a.md", 8, 1, "KB401") in findings(done.stdout), done.stdout
