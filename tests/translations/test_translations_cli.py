"""``kbcheck translations mark`` and ``status`` as users run them."""

from __future__ import annotations

import os

import pytest
import yaml
from translation_kb import cli, en_page, found, make_kb, zh_page
from translation_repo import Repo

from kbcheck.translations import content_hash

ZH, EN = "content/zh/guide.md", "content/en/guide.md"


def kb(repo: Repo, en: str | bytes) -> str:
    make_kb(repo)
    repo.write(ZH, zh_page())
    repo.write(EN, en)
    return repo.commit()


def test_mark_edits_only_the_record_and_keeps_every_other_byte(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = (
        b"---\r\n# a comment the translator left\r\ntitle: 'Guide'   # quoted\r\n"
        b"sidebar_position: 1\r\n---\r\n\r\n# Guide\r\n\r\nBody with trailing spaces.  \r\n"
    )
    head = kb(repo, b"\xef\xbb\xbf" + original)
    result = cli(repo.root, monkeypatch, "translations", "mark", EN)
    assert result.exit_code == 0, result.output
    after = (repo.root / EN).read_bytes()
    assert after.startswith(b"\xef\xbb\xbf---\r\n# a comment the translator left\r\n")
    body = after.split(b"---\r\n", 2)[2]
    assert body == original.split(b"---\r\n", 2)[2]
    lines = after.decode("utf-8-sig").split("\r\n")
    kept = [line for line in lines if not line.startswith(("translation:", "  source_"))]
    assert "\r\n".join(kept).encode() == original
    record = yaml.safe_load(after.decode("utf-8-sig").split("---")[1])["translation"]
    assert record == {
        "source_commit": head,
        "source_hash": content_hash(zh_page().encode()),
        "source_file": ZH,
    }
    # Marking again changes nothing.
    assert "already marked" in cli(repo.root, monkeypatch, "translations", "mark", EN).output
    assert (repo.root / EN).read_bytes() == after


def test_mark_is_atomic(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    kb(repo, en_page())
    before = (repo.root / EN).read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = cli(repo.root, monkeypatch, "translations", "mark", EN)
    assert result.exit_code == 2
    assert (repo.root / EN).read_bytes() == before
    assert sorted(p.name for p in (repo.root / "content/en").iterdir()) == ["guide.md"]


def test_mark_hash_only_and_uncommitted_sources(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb(repo, en_page())
    assert cli(repo.root, monkeypatch, "translations", "mark", "--hash-only", EN).exit_code == 0
    assert "source_commit" not in (repo.root / EN).read_text()
    # A source changed in the work tree has no commit yet: only the hash is recorded.
    repo.write(ZH, zh_page(b_text="尚未提交。"))
    assert cli(repo.root, monkeypatch, "translations", "mark", EN).exit_code == 0
    text = (repo.root / EN).read_text()
    assert "source_commit" not in text
    assert content_hash(zh_page(b_text="尚未提交。").encode()) in text
    assert found(repo.root) == set()


def test_mark_refuses_a_page_that_is_not_a_translation(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb(repo, en_page())
    result = cli(repo.root, monkeypatch, "translations", "mark", ZH)
    assert result.exit_code == 2


def test_mark_a_folder_marks_its_translations(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    kb(repo, en_page())
    repo.write("content/zh/b.md", "# 乙\n")
    repo.write("content/en/b.md", "# B\n")
    result = cli(repo.root, monkeypatch, "translations", "mark", "content/en")
    assert result.exit_code == 0, result.output
    assert all("source_hash" in (repo.root / p).read_text() for p in (EN, "content/en/b.md"))


def test_status_text_lists_the_stalest_first(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    kb(repo, en_page())
    repo.write("content/zh/b.md", "# 乙\n\n## 一 {#one}\n\n甲。\n")
    repo.write("content/en/b.md", "# B\n\n## One {#one}\n\nA.\n")
    repo.commit()
    repo.write("content/zh/b.md", "# 乙\n\n## 一 {#one}\n\n乙。\n")
    repo.commit()
    repo.write(ZH, zh_page(b_text="新。"))
    repo.commit()
    result = cli(repo.root, monkeypatch, "translations", "status")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["locale", "pages", "translated", "up", "to", "date", "stale",
                                "unknown", "missing", "untranslated", "orphaned",
                                "coverage"]  # fmt: skip
    assert lines[1].split() == ["en", "2", "2", "0", "2", "0", "0", "0", "0", "100.0%"]
    stale = [line.strip().split(":")[0] for line in lines if line.startswith("  content/")]
    assert stale == ["content/en/b.md", EN]  # behind for longer first
