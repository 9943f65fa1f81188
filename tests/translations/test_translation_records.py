from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml

from kbcheck.translations import FrontmatterError, content_hash, read_record, write_record
from kbcheck.translations import records as records_module
from kbcheck.translations.records import SourceRecord, find_key_line

SHA = "0f3c2a9e5b7d41c8a6e2f9b0d3c5a7e9f1b2c4d6"
HASH = "sha256:00112233aabbccdd"


def frontmatter(text: str) -> dict:
    return yaml.safe_load(text.removeprefix("\ufeff").split("---")[1]) or {}


# -- reading -----------------------------------------------------------------


def test_reads_kbcheck_form_with_line_from_text() -> None:
    text = (
        "---\ntitle: T\ntranslation:\n  source_file: content/zh/x.md\n"
        f"  source_commit: {SHA}\n  source_hash: {HASH}\n---\n"
    )
    record = read_record(frontmatter(text), text=text)
    assert record == SourceRecord(SHA, HASH, "content/zh/x.md", "translation.source_commit", 5)


def test_reads_line_from_positions() -> None:
    fm = {"translation": {"source_commit": SHA}}
    record = read_record(fm, positions={"translation.source_commit": 12})
    assert record is not None and record.line == 12


def test_flow_mapping_line_is_the_parent_line() -> None:
    text = f"---\ntitle: T\ntranslation: {{source_commit: {SHA}}}\n---\n"
    record = read_record(frontmatter(text), text=text)
    assert record is not None and (record.commit, record.line) == (SHA, 3)


def test_reads_mdn_form() -> None:
    text = f"---\ntitle: T\nl10n:\n  sourceCommit: {SHA}\n---\n"
    record = read_record(frontmatter(text), text=text)
    assert record == SourceRecord(SHA, None, None, "l10n.sourceCommit", 4)


def test_reads_osu_form_as_first_missing_commit() -> None:
    text = f"---\noutdated_translation: true\noutdated_since: {SHA[:10]}\n---\n"
    record = read_record(frontmatter(text), text=text)
    assert record is not None
    assert (record.commit, record.key, record.line) == (SHA[:10], "outdated_since", 3)
    assert record.lacks_commit and record.outdated


def test_reads_outdated_flags_without_a_commit() -> None:
    osu = read_record({"outdated_translation": True})
    assert osu is not None and osu.commit is None and osu.outdated
    hand = read_record({"translation": {"outdated": True, "source_file": "docs/a.md"}})
    assert hand is not None and hand.outdated and hand.source_file == "docs/a.md"
    assert hand.key == "translation.source_file"


def test_kbcheck_form_wins_over_others() -> None:
    fm = {"l10n": {"sourceCommit": "aaaaaaa"}, "translation": {"source_commit": "bbbbbbb"}}
    record = read_record(fm)
    assert record is not None and record.commit == "bbbbbbb"


def test_no_record() -> None:
    assert read_record({}) is None
    assert read_record({"title": "x", "translation": "yes", "l10n": None}) is None
    assert read_record({"outdated_translation": False}) is None


def test_all_digit_commit_is_read_as_written() -> None:
    text = "---\ntranslation:\n  source_commit: 0123456  # octal in YAML 1.1\n---\n"
    fm = frontmatter(text)
    assert fm["translation"]["source_commit"] == 42798
    assert read_record(fm, text=text).commit == "0123456"
    assert read_record({"translation": {"source_commit": 1234567}}).commit == "1234567"


def test_junk_values_are_dropped() -> None:
    record = read_record({"translation": {"source_commit": ["a"], "source_hash": "", "x": 1}})
    assert record is not None and record.commit is None and record.hash is None


def test_find_key_line_skips_block_scalars() -> None:
    text = (
        "---\ndescription: |\n  translation:\n    source_commit: no\n"
        "translation:\n  source_commit: yes\n---\n"
    )
    assert find_key_line(text, "translation.source_commit") == 6
    assert find_key_line(text, "missing") is None
    assert find_key_line("no frontmatter", "translation") is None


# -- hashing -----------------------------------------------------------------


def test_content_hash_ignores_crlf_and_bom() -> None:
    plain = content_hash(b"# T\n\ntext\n")
    assert plain.startswith("sha256:") and len(plain) == len("sha256:") + 16
    assert content_hash(b"\xef\xbb\xbf# T\r\n\r\ntext\r\n") == plain
    assert content_hash(b"# T\n\ntext!\n") != plain


# -- writing -----------------------------------------------------------------


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_write_keeps_every_other_byte(tmp_path: Path) -> None:
    before = (
        "\ufeff---\r\n"
        "# leading comment\r\n"
        "title: 'Quoted: title'   # keep me\r\n"
        "translation:\r\n"
        "    source_commit: 1111111  # the old one\r\n"
        "    outdated: false\r\n"
        "\r\n"
        "    # a note about the record\r\n"
        "tags: [b, a]\r\n"
        "description: >\r\n"
        "  folded\r\n"
        "---\r\n"
        "\r\n"
        "# Body\r\n"
    ).encode()
    page = write(tmp_path / "x.md", before)
    assert write_record(page, commit=SHA, hash=HASH, source_file="content/zh/x.md")
    # New keys go after the block's last key, before its trailing blank line and comment.
    assert page.read_bytes() == before.replace(
        b"1111111  # the old one\r\n    outdated: false\r\n",
        f"{SHA}  # the old one\r\n    outdated: false\r\n"
        f"    source_hash: {HASH}\r\n    source_file: content/zh/x.md\r\n".encode(),
    )


def test_write_is_idempotent(tmp_path: Path) -> None:
    page = write(tmp_path / "x.md", "---\ntitle: T\n---\nbody\n")
    assert write_record(page, commit=SHA, hash=HASH, source_file=None)
    once = page.read_bytes()
    mtime = page.stat().st_mtime_ns
    assert not write_record(page, commit=SHA, hash=HASH, source_file=None)
    assert page.read_bytes() == once and page.stat().st_mtime_ns == mtime
    assert once.decode() == (
        f"---\ntitle: T\ntranslation:\n  source_commit: {SHA}\n  source_hash: {HASH}\n---\nbody\n"
    )


def test_write_adds_a_frontmatter(tmp_path: Path) -> None:
    page = write(tmp_path / "x.md", "\ufeff# Title\r\n\r\nText\r\n")
    assert write_record(page, commit=None, hash=HASH, source_file="zh/x.md")
    expected = (
        f"\ufeff---\r\ntranslation:\r\n  source_hash: {HASH}\r\n  source_file: zh/x.md\r\n"
        "---\r\n# Title\r\n\r\nText\r\n"
    )
    assert page.read_bytes() == expected.encode()
    empty = write(tmp_path / "empty.md", b"")
    assert write_record(empty, commit=SHA, hash=HASH, source_file=None)
    assert read_record(frontmatter(empty.read_text())).commit == SHA


def test_write_none_removes_a_key(tmp_path: Path) -> None:
    page = write(tmp_path / "x.md", f"---\ntranslation:\n  source_commit: {SHA}\n  other: 1\n---\n")
    assert write_record(page, commit=None, hash=HASH, source_file=None)
    assert page.read_text() == f"---\ntranslation:\n  other: 1\n  source_hash: {HASH}\n---\n"


def test_write_flow_and_empty_translation(tmp_path: Path) -> None:
    flow = write(
        tmp_path / "flow.md", "---\ntranslation: {outdated: true, source_commit: 1}\n---\n"
    )
    assert write_record(flow, commit=SHA, hash=HASH, source_file=None)
    assert frontmatter(flow.read_text())["translation"] == {
        "outdated": True,
        "source_commit": SHA,
        "source_hash": HASH,
    }
    empty = write(tmp_path / "empty.md", "---\ntranslation:  # filled in later\ntitle: T\n---\n")
    assert write_record(empty, commit=SHA, hash=HASH, source_file=None)
    assert empty.read_text() == (
        f"---\ntranslation:  # filled in later\n  source_commit: {SHA}\n"
        f"  source_hash: {HASH}\ntitle: T\n---\n"
    )


def test_write_quotes_values_yaml_would_misread(tmp_path: Path) -> None:
    page = write(tmp_path / "x.md", "---\ntitle: T\n---\n")
    assert write_record(page, commit="1234567", hash=HASH, source_file="zh/a: b #c.md")
    text = page.read_text()
    assert 'source_commit: "1234567"' in text
    record = read_record(frontmatter(text), text=text)
    assert (record.commit, record.source_file) == ("1234567", "zh/a: b #c.md")


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: [unclosed\n---\n",
        "---\ntranslation: yes\n---\n",
        "---\n- a list\n---\n",
        "---\ntitle: T\n",  # never closed
    ],
)
def test_write_refuses_frontmatter_it_cannot_edit_safely(tmp_path: Path, text: str) -> None:
    page = write(tmp_path / "x.md", text)
    with pytest.raises(FrontmatterError):
        write_record(page, commit=SHA, hash=HASH, source_file=None)
    assert page.read_text() == text


def test_write_refuses_non_utf8(tmp_path: Path) -> None:
    page = write(tmp_path / "x.md", b"---\ntitle: \xff\n---\n")
    with pytest.raises(FrontmatterError):
        write_record(page, commit=SHA, hash=HASH, source_file=None)


def test_write_keeps_mode_and_symlink(tmp_path: Path) -> None:
    real = write(tmp_path / "real.md", "---\ntitle: T\n---\n")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real.name)
    assert write_record(link, commit=SHA, hash=HASH, source_file=None)
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert SHA in real.read_text()


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = "---\ntitle: T\n---\nbody\n"
    page = write(tmp_path / "x.md", original)
    calls: list[tuple[str, str]] = []

    def failing_replace(src: str, dst: str) -> None:
        calls.append((str(src), str(dst)))
        assert Path(src).parent == tmp_path  # same directory: the rename is atomic
        assert SHA in Path(src).read_text()  # complete before it replaces anything
        raise OSError("disk on fire")

    with monkeypatch.context() as patch, pytest.raises(OSError, match="disk on fire"):
        patch.setattr(records_module.os, "replace", failing_replace)
        write_record(page, commit=SHA, hash=HASH, source_file=None)
    assert calls and calls[0][1] == str(page)
    assert page.read_text() == original
    assert sorted(os.listdir(tmp_path)) == ["x.md"]  # no temporary file left

    assert write_record(page, commit=SHA, hash=HASH, source_file=None)
    assert sorted(os.listdir(tmp_path)) == ["x.md"]
