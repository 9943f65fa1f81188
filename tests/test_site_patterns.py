"""Patterns of real knowledge bases that are no defect, or one defect reported once."""

from __future__ import annotations

from pathlib import Path

from kbcheck import check
from kbcheck.config import Config, load_config


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def findings(config: Config, root: Path, *codes: str) -> set[tuple[str, int, int, str]]:
    result = check(config, select=list(codes) or None, offline=True, cwd=root)
    return {(d.path, d.line, d.column, d.code) for d in result.diagnostics}


def docusaurus_site(root: Path, default_locale: str, locales: list[str]) -> Path:
    i18n = f"i18n: {{defaultLocale: {default_locale!r}, locales: {locales!r}}}"
    write(root / "docusaurus.config.js", f"module.exports = {{{i18n}}};\n")
    return root


def test_default_locale_copy_in_i18n_is_not_a_duplicate_page(tmp_path: Path) -> None:
    # Docusaurus builds the default locale from i18n/<locale>/ where a file is there
    site = docusaurus_site(tmp_path, "en", ["zh", "en"])
    write(site / "docs/intro.md", "# 简介\n\n正文。\n")
    write(site / "i18n/en/docusaurus-plugin-content-docs/current/intro.md", "# Intro\n\nText.\n")
    write(site / "docs/guide.md", "# 指南\n\n正文。\n")
    write(site / "docs/guide.mdx", "# 指南\n\n正文。\n")
    found = findings(load_config(start=site), site, "KB014")
    assert found == {("docs/guide.md", 1, 1, "KB014"), ("docs/guide.mdx", 1, 1, "KB014")}


def test_h1_sections_are_one_finding_of_single_h1(tmp_path: Path) -> None:
    # `# Title` then `# Section`: the second H1 is the defect, not an empty first section
    # and not a title in another language than the section heading
    page = "---\ntitle: Agentic GraphRAG\n---\n\n# 项目背景\n\n# 现有流程\n\n正文。\n\n# 结语\n"
    write(tmp_path / "content/zh/a.md", page)
    config = Config(root=tmp_path, source_locale="zh", locales=["zh"])
    found = findings(config, tmp_path, "KB205", "KB206", "KB208")
    assert found == {
        ("content/zh/a.md", 7, 1, "KB205"),
        ("content/zh/a.md", 11, 1, "KB205"),
        ("content/zh/a.md", 11, 1, "KB208"),  # the last section is empty
    }
