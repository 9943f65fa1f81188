"""Configuration, discovery and layouts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kbcheck.config import Config, ConfigError, load_config
from kbcheck.corpus import discover, load_corpus
from kbcheck.sites import site_of


def write(path: Path, text: str = "# t\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_found_upward_and_rooted_at_its_folder(tmp_path: Path) -> None:
    write(tmp_path / "kbcheck.toml", 'source_locale = "zh"\n')
    (tmp_path / "a" / "b").mkdir(parents=True)
    config = load_config(start=tmp_path / "a" / "b")
    assert config.root == tmp_path.resolve() and config.source_locale == "zh"


def test_pyproject_without_tool_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "kbcheck.toml", 'source_locale = "zh"\n')
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_config(start=tmp_path / "sub").source_locale == "zh"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("layout = 'jekyll'\n", "layout"),
        ("locales = ['en']\nsource_locale = 'zh'\n", "(top level)"),
        ("[translations]\nmin_coverage = 120\n", "translations.min_coverage"),
        ("[translations]\nfalback = true\n", "translations.falback"),
        ("max_file_size = 0\n", "max_file_size"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    write(tmp_path / "kbcheck.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(start=tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'kbcheck.toml'}: {key}")


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    write(tmp_path / "kbcheck.toml", "content = [\n")
    with pytest.raises(ConfigError):
        load_config(start=tmp_path)


def test_ignore_globs_and_gitignore(tmp_path: Path) -> None:
    for name in ("zh/a.md", "zh/drafts/b.md", "zh/build/c.md", "zh/d.mdx", "zh/e.txt"):
        write(tmp_path / "content" / name)
    write(tmp_path / ".gitignore", "build/\n")
    config = Config(root=tmp_path, ignore=["**/drafts/**"])
    assert discover(config) == [
        "content/zh/a.md",
        "content/zh/build/c.md",
        "content/zh/d.mdx",
    ]  # fmt: skip  (not a git repository yet: .gitignore is git's business)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    assert discover(config) == ["content/zh/a.md", "content/zh/d.mdx"]
    config = Config(root=tmp_path, respect_gitignore=False)
    assert "content/zh/build/c.md" in discover(config)


def test_page_type_from_frontmatter_then_globs_then_default(tmp_path: Path) -> None:
    write(tmp_path / "content/zh/guides/g.md")
    write(tmp_path / "content/zh/x.md", "---\npage_type: faq\n---\n")
    write(tmp_path / "content/zh/y.md")
    config = Config(
        root=tmp_path, page_types={"guide": ["content/*/guides/**"]}, default_page_type="overview"
    )
    corpus = load_corpus(config, tmp_path)
    assert {p.rel: p.page_type for p in corpus.pages} == {
        "content/zh/guides/g.md": "guide",
        "content/zh/x.md": "faq",
        "content/zh/y.md": "overview",
    }


@pytest.mark.parametrize(
    ("layout", "rel", "expected"),
    [
        ("locale-dirs", "content/zh/genai/rag.md", ("zh", "genai/rag")),
        ("locale-dirs", "content/en/genai/rag.mdx", ("en", "genai/rag")),
        ("docusaurus", "docs/genai/rag.md", ("zh", "current/genai/rag")),
        (
            "docusaurus",
            "i18n/en/docusaurus-plugin-content-docs/current/genai/rag.md",
            ("en", "current/genai/rag"),
        ),
        ("docusaurus", "versioned_docs/version-2.0/intro.md", ("zh", "version-2.0/intro")),
        (
            "docusaurus",
            "i18n/en/docusaurus-plugin-content-docs/version-2.0/intro.md",
            ("en", "version-2.0/intro"),
        ),
        ("suffix", "content/genai/rag.md", ("zh", "content/genai/rag")),
        ("suffix", "content/genai/rag.en.md", ("en", "content/genai/rag")),
        ("suffix", "content/v1.2.md", ("zh", "content/v1.2")),
    ],
)
def test_layouts(layout: str, rel: str, expected: tuple[str, str]) -> None:
    config = Config(layout=layout, source_locale="zh", locales=["zh", "en"])
    assert site_of(config).locate(rel) == expected
