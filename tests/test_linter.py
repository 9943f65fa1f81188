"""The engine: a failing rule is reported, and the other rules and files go on."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbcheck import check
from kbcheck.config import Config
from kbcheck.rules.field_type import FieldType


def test_a_crashing_rule_becomes_kb000_and_the_rest_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = tmp_path / "content" / "zh"
    pages.mkdir(parents=True)
    (pages / "a.md").write_text("# a\n\ntext\n", encoding="utf-8")
    (pages / "b.md").write_bytes(b"# b\r\n\r\ntext\r\n")

    def boom(self, page, ctx):
        if page.path.endswith("a.md"):
            raise RuntimeError("bug")
        return iter(())

    monkeypatch.setattr(FieldType, "check", boom)
    config = Config(root=tmp_path, source_locale="zh", locales=["zh"])
    result = check(config, select=["KB0", "KB1"], cwd=tmp_path)
    found = {(d.path, d.code, d.line) for d in result.diagnostics}
    assert ("content/zh/a.md", "KB000", 1) in found
    assert ("content/zh/b.md", "KB006", 1) in found  # other files still checked
    assert result.internal_errors == 1
