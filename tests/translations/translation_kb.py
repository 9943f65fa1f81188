"""Helpers for translation scenarios: a knowledge base in a scratch git repository."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from translation_repo import Repo

from kbcheck import check, load_config
from kbcheck.cli import main
from kbcheck.diagnostics import Diagnostic

CONFIG = 'content = ["content"]\nsource_locale = "zh"\nlocales = ["zh", "en"]\n'


def zh_page(b_text: str = "乙的正文。", code: str = "top_k=5") -> str:
    return (
        "---\ntitle: 指南\nsidebar_position: 1\n---\n\n# 指南\n\n简介。\n\n"
        "## 甲 {#a}\n\n甲的正文。\n\n"
        f"## 乙 {{#b}}\n\n{b_text}\n\n"
        f"```python\n# 检索\ndocs = search(q, {code})\n```\n"
    )


def en_page(record: str = "", code: str = "top_k=5") -> str:
    return (
        f"---\ntitle: Guide\nsidebar_position: 1\n{record}---\n\n# Guide\n\nIntro.\n\n"
        "## A {#a}\n\nText of A.\n\n"
        "## B {#b}\n\nText of B.\n\n"
        f"```python\n# retrieve\ndocs = search(q, {code})\n```\n"
    )


def make_kb(repo: Repo, config: str = CONFIG) -> None:
    repo.write("kbcheck.toml", config)


def diagnostics(root: Path, select: str = "KB5") -> list[Diagnostic]:
    config = load_config(root / "kbcheck.toml")
    return check(config, select=[select], offline=True, cwd=root).diagnostics


def pair_diagnostics(repo: Repo, code: str, zh: str, en: str) -> list[Diagnostic]:
    """The ``code`` findings of a knowledge base of one page ``zh`` and its translation ``en``."""
    make_kb(repo)
    repo.write("content/zh/guide.md", zh)
    repo.write("content/en/guide.md", en)
    repo.commit()
    return diagnostics(repo.root, code)


def from_english(repo: Repo, locale: str, en: str, translated: str) -> list[Diagnostic]:
    """KB509 on an English source page and its ``locale`` translation."""
    make_kb(repo, f'content = ["content"]\nsource_locale = "en"\nlocales = ["en", "{locale}"]\n')
    repo.write("content/en/guide.md", "# Guide\n\n" + en)
    repo.write(f"content/{locale}/guide.md", "# Title\n\n" + translated)
    repo.commit()
    return diagnostics(repo.root, "KB509")


def found(root: Path, select: str = "KB5") -> set[tuple[str, int, int, str]]:
    return {(d.path, d.line, d.column, d.code) for d in diagnostics(root, select)}


def only(root: Path, code: str) -> Diagnostic:
    hits = diagnostics(root, code)
    assert len(hits) == 1, hits
    return hits[0]


def related(d: Diagnostic) -> list[tuple[str, int]]:
    return [(r.path, r.line) for r in d.related]


def cli(root: Path, monkeypatch, *args: str) -> Result:
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)
