"""One wrong heading or link, one finding: the rule that names the cause reports it."""

from __future__ import annotations

from pathlib import Path

from kbcheck import check
from kbcheck.config import Config


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_lost_heading_id_is_reported_on_the_heading_not_on_each_link(tmp_path: Path) -> None:
    write(tmp_path / "content/zh/a.md", "# 标题\n\n## 安装 {#setup}\n\n文本 [x](#setup)\n")
    write(tmp_path / "content/en/a.md", "# Title\n\n## Installation\n\ntext [x](#setup)\n")
    write(tmp_path / "content/en/b.md", "# B\n\n[a](a.md#setup) [a](a.md#nowhere)\n")
    config = Config(root=tmp_path, source_locale="zh", locales=["zh", "en"])
    result = check(config, select=["KB302", "KB508"], offline=True, cwd=tmp_path)
    found = {(d.path, d.line, d.column, d.code) for d in result.diagnostics}
    assert found == {
        ("content/en/a.md", 3, 1, "KB508"),  # the cause, once
        ("content/en/b.md", 3, 17, "KB302"),  # an anchor no heading ever had
    }
