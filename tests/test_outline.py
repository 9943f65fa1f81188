"""The section layout of page types (kbcheck.outline) and the page's section tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbcheck import check
from kbcheck.config import Config, ConfigError
from kbcheck.context import Context
from kbcheck.outline import SectionSpec, build_outline, count_text, outline, strip_symbols
from kbcheck.page import read_page
from kbcheck.schema import load_schemas


def _schemas(tmp_path: Path, **files: str) -> dict:
    folder = tmp_path / "schemas"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, "utf-8")
    return load_schemas(folder)


def test_a_typo_in_a_section_is_an_error_naming_the_file_and_key(tmp_path: Path) -> None:
    text = (
        "sections:\n  - id: intro\n  - id: setup\n    sections:\n      - {id: a, requird: true}\n"
    )
    with pytest.raises(ConfigError) as exc:
        _schemas(tmp_path, guide=text)
    message = str(exc.value)
    assert "guide.yaml" in message
    assert "sections.1.sections.0.requird: unknown key" in message


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("extra_sections: sometimes\n", "extra_sections", "allow"),
        ("sections:\n  - {required: false}\n", "sections.0", "needs an id or a title"),
        ("sections:\n  - {title: 're:(unclosed'}\n", "sections.0", "invalid regular expression"),
        ("sections:\n  - {id: a}\n  - {id: b, sections: [{id: a}]}\n", "sections", "twice"),
        ("sections:\n  - {id: a, contains: [image]}\n", "sections.0.contains.0", "list"),
        ("sections:\n  - {id: a, min_text: 0}\n", "sections.0.min_text", "greater than"),
        (
            "sections:\n  - {id: a, level: 3, sections: [{id: b, level: 2}]}\n",
            "sections.0",
            "below",
        ),
    ],
)
def test_invalid_layouts_are_errors(tmp_path: Path, text: str, key: str, words: str) -> None:
    with pytest.raises(ConfigError) as exc:
        _schemas(tmp_path, guide=text)
    assert f"guide.yaml: {key}" in str(exc.value)
    assert words in str(exc.value)


def test_a_page_type_inherits_the_layout_it_extends(tmp_path: Path) -> None:
    base = "extra_sections: none\nsections:\n  - {id: intro, title: {en: 're:^Intro'}}\n"
    types = _schemas(tmp_path, base=base, child="extends: base\n")
    child = types["child"]
    assert child.extra_sections == "none"
    assert [s.id for s in child.sections] == ["intro"]
    assert child.sections[0].matches_title("Introduction", "en")


def test_titles_match_after_leading_emoji_per_locale() -> None:
    spec = SectionSpec(id="tools", title={"zh": "技术栈与工具", "en": ["re:^Tools", "Stack"]})
    assert spec.matches_title(strip_symbols("🛠️ 技术栈与工具"), "zh")
    assert spec.matches_title(strip_symbols("⚖️ Tools and stack"), "en")
    assert spec.matches_title("Stack", "en")
    assert not spec.matches_title("技术栈与工具", "en")  # another locale's title
    assert spec.matches_title("技术栈与工具", None)  # no locale: any title
    assert SectionSpec(title="FAQ").matches_title("FAQ", "zh")  # one title for every locale
    assert spec.label("en") == "#tools"
    assert SectionSpec(title={"zh": "常见问题", "en": "FAQ"}).label("en") == '"FAQ"'


@pytest.mark.parametrize(
    ("heading", "stripped"),
    [
        ("📚 什么是生成式AI？", "什么是生成式AI？"),
        ("⚖️ Ethics", "Ethics"),  # with VARIATION SELECTOR-16
        ("👩‍💻 Developers", "Developers"),  # a ZWJ sequence
        ("★ → Next", "Next"),
        ("C++ tips", "C++ tips"),  # only leading symbols go
        ("2024 roadmap", "2024 roadmap"),
    ],
)
def test_strip_symbols(heading: str, stripped: str) -> None:
    assert strip_symbols(heading) == stripped


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("生成式AI模型", 6),  # five characters and one word
        ("Generative AI models", 3),
        ("大语言模型（LLM）以Transformer为骨架。", 11),
        ("don't over-fit GPT-4!", 3),
        ("ひらがなカタカナ", 8),
        ("📚 — ， 。", 0),
    ],
)
def test_count_text(text: str, units: int) -> None:
    assert count_text(text) == units


PAGE = """\
---
title: 标题
# 前置元数据里不是标题
---

# 标题

导语。

## 一 {#one}

<!-- 注释 -->

### 一点一

```md
## 代码里的标题
```

<!--
## 注释里的标题
-->

## 二

文字。
"""


def test_the_section_tree() -> None:
    root = build_outline(read_page("p.md", PAGE.encode()))
    (title,) = root.children
    assert title.heading.text == "标题" and [b.kind for b in title.blocks] == ["paragraph"]
    one, two = title.children
    assert (one.line, one.end_line, one.blocks) == (10, 24, [])  # the comment is not content
    (sub,) = one.children
    assert [b.kind for b in sub.blocks] == ["code"]  # code and comments hold no headings
    assert (two.heading.text, two.line, two.end_line) == ("二", 24, 27)
    assert [b.text for b in two.all_blocks()] == ["文字。"]
    assert root.end_line == 27
    assert [s.label for s in root.walk()] == ["the page", '"标题"', '"一"', '"一点一"', '"二"']


def test_the_section_tree_is_built_once_per_page() -> None:
    page = read_page("p.md", PAGE.encode())
    ctx = Context(Config(), None, {})  # type: ignore[arg-type]
    assert outline(page, ctx) is outline(page, ctx)


def _kb(tmp_path: Path, pages: dict[str, str], **config: object) -> Config:
    for rel, text in pages.items():
        path = tmp_path / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return Config.validate(
        {"root": tmp_path, "source_locale": "zh", "locales": ["zh", "en"], **config}
    )


def test_single_h1_require_false_allows_a_page_without_h1(tmp_path: Path) -> None:
    pages = {"zh/a.md": "---\nsidebar_label: 甲\n---\n\n## 小节\n", "zh/b.md": "# 一\n\n# 二\n"}
    strict = check(_kb(tmp_path, pages), select=["KB205"], cwd=tmp_path)
    assert {(d.path, d.line) for d in strict.diagnostics} == {
        ("content/zh/a.md", 4),
        ("content/zh/b.md", 3),
    }
    config = _kb(tmp_path, pages, rules={"KB205": {"require": False}})
    lenient = check(config, select=["KB205"], cwd=tmp_path)
    assert {(d.path, d.line) for d in lenient.diagnostics} == {("content/zh/b.md", 3)}


def test_layout_rules_skip_pages_without_a_page_type(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "guide.yaml").write_text("sections:\n  - {id: intro}\n", "utf-8")
    config = _kb(tmp_path, {"zh/a.md": "# 无类型\n\n文字。\n"})
    assert (
        check(config, select=["KB201", "KB202", "KB203", "KB204"], cwd=tmp_path).diagnostics == []
    )
    typed = _kb(tmp_path, {"zh/a.md": "# 无类型\n\n文字。\n"}, default_page_type="guide")
    found = check(typed, select=["KB201"], cwd=tmp_path).diagnostics
    assert [(d.line, d.column, d.code) for d in found] == [(3, 1, "KB201")]  # the end of the page


def test_an_explicit_id_decides_over_the_title(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    schema = "sections:\n  - {id: intro, title: {en: Introduction}}\n  - {id: usage}\n"
    (tmp_path / "schemas" / "guide.yaml").write_text(schema, "utf-8")
    page = "# Guide\n\n## Introduction {#old-intro}\n\nText.\n\n## Anything {#usage}\n\nText.\n"
    config = _kb(tmp_path, {"en/a.md": page}, default_page_type="guide")
    found = check(config, select=["KB201"], cwd=tmp_path).diagnostics
    assert [(d.line, d.column, d.code) for d in found] == [(3, 1, "KB201")]
