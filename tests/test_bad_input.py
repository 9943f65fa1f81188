"""Hostile and broken files: a diagnostic with file and line each, never a traceback,
and every other file still checked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BOMB = (
    "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "---\n"
)

FILES: dict[str, bytes] = {
    "no-frontmatter.md": "# 只有标题\n\n正文。\n".encode(),
    "unterminated.md": b"---\ntitle: x\n\n# x\n",
    "invalid-yaml.md": b"---\ntitle: [x\n---\n",
    "list.md": b"---\n- a\n- b\n---\n",
    "dup.md": b"---\ntitle: a\ntitle: b\n---\n",
    "latin1.md": b"---\ntitle: caf\xe9\n---\n",
    "bom.md": "\ufeff---\ntitle: 标题\n---\n".encode(),
    "crlf.md": b"---\r\ntitle: t\r\n---\r\n",
    "empty.md": b"",
    "binary.md": bytes(range(256)) * 4,
    "huge.md": b"# big\n\n" + b"word " * (2 * 1024 * 1024 + 10),
    "deep.md": b"---\nx: " + b"[" * 100_000 + b"]" * 100_000 + b"\n---\n",
    "laughs.md": BOMB.encode(),
    "deep-block.md": b"---\n" + b"".join(b" " * i + b"k:\n" for i in range(0, 400, 2)) + b"---\n",
}

EXPECTED = {
    "unterminated.md": ("KB010", 1),
    "invalid-yaml.md": ("KB010", 3),
    "list.md": ("KB011", 2),
    "dup.md": ("KB012", 3),
    "latin1.md": ("KB001", 2),
    "bom.md": ("KB005", 1),
    "crlf.md": ("KB006", 1),
    "empty.md": ("KB003", 1),
    "binary.md": ("KB002", 1),
    "huge.md": ("KB004", 1),
    "deep.md": ("KB013", 2),
    "laughs.md": ("KB013", 2),
    "deep-block.md": ("KB013", 2),
}


def test_every_bad_file_gets_a_diagnostic_and_the_rest_is_checked(tmp_path: Path) -> None:
    pages = tmp_path / "content" / "zh"
    pages.mkdir(parents=True)
    for name, data in FILES.items():
        (pages / name).write_bytes(data)
    (pages / "zz-wrong-type.md").write_text("---\nsidebar_position: x\n---\n", encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "doc.yaml").write_text("fields:\n  sidebar_position: {type: integer}\n")
    (tmp_path / "kbcheck.toml").write_text('source_locale = "zh"\ndefault_page_type = "doc"\n')
    done = subprocess.run(
        [sys.executable, "-m", "kbcheck", "check", "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    found = {
        (Path(d["path"]).name, d["rule"], d["line"]) for d in json.loads(done.stdout)["diagnostics"]
    }
    for name, (code, line) in EXPECTED.items():
        assert (name, code, line) in found, name
    assert ("zz-wrong-type.md", "KB102", 2) in found
    assert not any(name == "no-frontmatter.md" for name, _, _ in found)
