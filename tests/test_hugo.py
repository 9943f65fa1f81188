"""A Hugo site checked with no configuration: languages from ``config.toml``, links as URLs.

Each test writes a small Hugo site (``config.toml`` with a content folder per language,
as Docsy sites have) into a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kbcheck import check
from kbcheck.config import load_config

CONFIG = """\
baseURL = "/"
contentDir = "content/cn"
defaultContentLanguage = "en"

[languages.cn]
contentDir = "content/cn"
weight = 1

[languages.en]
contentDir = "content/en"

[permalinks]
blog = "/:section/:year/:month/:day/:slug/"
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def findings(root: Path, *codes: str) -> set[tuple[str, int, int, str]]:
    result = check(load_config(start=root), select=list(codes), offline=True, cwd=root)
    return {(d.path, d.line, d.column, d.code) for d in result.diagnostics}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path / "config.toml", CONFIG)
    for lang in ("en", "cn"):
        content = tmp_path / "content" / lang
        write(content / "docs/_index.md", "---\ntitle: Docs\n---\n\nAll the docs.\n")
        write(content / "docs/a/_index.md", "---\ntitle: A\n---\n\nSection A.\n")
        write(content / "docs/a/c.md", "---\ntitle: C\n---\n\n## Setup\n\nText.\n")
        write(content / "docs/a/d/index.md", "---\ntitle: D\n---\n\nA bundle.\n")
        write(content / "docs/a/Upper.md", "---\ntitle: Upper\n---\n\nServed lower-cased.\n")
        write(content / "blog/post.md", "---\ntitle: Post\n---\n\n[up](../../docs/)\n")
    write(tmp_path / "static/files/x.txt", "x\n")
    return tmp_path


def test_languages_and_content_folders_detected(site: Path) -> None:
    config = load_config(start=site)
    assert config.layout == "hugo"
    assert config.content == ["content/cn", "content/en"]
    assert (config.source_locale, config.locales) == ("en", ["cn", "en"])
    assert config.origin("layout") == "detected from config.toml"


@pytest.mark.parametrize(
    "link",
    [
        "../c/",  # relative to the page's route /docs/a/b/
        "../c",
        "../c/#setup",
        "../d/",  # a page bundle's index.md
        "../",  # a section's _index.md
        "../../",
        "/docs/a/c/",  # absolute, from the language's content folder
        "/docs/a/c/#setup",
        "/docs/a/",
        "/docs/a/upper/",  # Hugo lower-cases paths
        "/docs/a/c.md",  # a file path still works
        "/cn/docs/a/c/",  # an explicit language prefix
        "/blog/2024/01/02/post/",  # a permalink pattern: not judged
        "/tags/hugo/",  # a taxonomy's route: not judged
        "/files/",  # a folder of static/
        "{{< ref c.md >}}",
    ],
)
def test_hugo_link_forms_resolve(site: Path, link: str) -> None:
    write(site / "content/en/docs/a/b.md", f"---\ntitle: B\n---\n\n[x]({link})\n")
    assert findings(site, "KB301", "KB302", "KB303") == set()


@pytest.mark.parametrize(
    ("link", "code"),
    [
        ("../gone/", "KB301"),
        ("c/", "KB301"),  # /docs/a/b/c/: a Hugo route, not the file beside the page
        ("/docs/a/gone/", "KB301"),
        ("/a/c/", "KB301"),  # no section a/ at the top: Hugo has no such route
        ("/docs/a/c/#gone", "KB302"),
        ("../c/#gone", "KB302"),
    ],
)
def test_broken_hugo_links_reported(site: Path, link: str, code: str) -> None:
    write(site / "content/en/docs/a/b.md", f"---\ntitle: B\n---\n\nText.\n\n[x]({link})\n")
    assert findings(site, "KB301", "KB302", "KB303") == {("content/en/docs/a/b.md", 7, 1, code)}


def test_netlify_redirects_are_followed(site: Path) -> None:
    write(site / "static/_redirects", "# moved\n/old/c/   /docs/a/c/\n/cn/old/c/ /cn/docs/a/c/\n")
    page = "---\ntitle: B\n---\n\n[x](/old/c/#setup) [y](/old/c/#gone)\n"
    write(site / "content/en/docs/a/b.md", page)
    assert findings(site, "KB301", "KB302") == {("content/en/docs/a/b.md", 5, 20, "KB302")}


def test_unprefixed_route_in_another_language_is_the_default_languages_page(site: Path) -> None:
    # /docs/... is served in the default language: its anchors are the English page's
    page = "---\ntitle: B\n---\n\n[x](/docs/a/c/#setup) [y](/cn/docs/a/c/#gone)\n"
    write(site / "content/cn/docs/a/b.md", page)
    write(site / "content/cn/docs/a/c.md", "---\ntitle: C\n---\n\n## 安装\n\n正文。\n")
    assert findings(site, "KB301", "KB302") == {("content/cn/docs/a/b.md", 5, 23, "KB302")}


def test_slug_url_and_aliases_give_routes(site: Path) -> None:
    page = "---\ntitle: E\nslug: renamed\naliases: [/old/e/]\n---\n\nText.\n"
    write(site / "content/en/docs/a/e.md", page)
    write(site / "content/en/docs/f.md", "---\ntitle: F\nurl: /docs/elsewhere/\n---\n\nText.\n")
    write(
        site / "content/cn/docs/g.md",
        "---\ntitle: G\nurl: /cn/docs/other/\n---\n\n[1](/cn/docs/other/)\n",
    )
    links = "[1](/docs/a/renamed/) [2](/old/e/) [3](/docs/elsewhere/) [4](/docs/a/e/)\n"
    write(site / "content/en/docs/a/b.md", f"---\ntitle: B\n---\n\n{links}")
    assert findings(site, "KB301") == {("content/en/docs/a/b.md", 5, 58, "KB301")}


def test_translations_pair_across_content_folders(site: Path) -> None:
    # the source is defaultContentLanguage, though the other language has more pages
    write(site / "content/en/docs/only-en.md", "---\ntitle: Only\n---\n\nText.\n")
    for name in ("only-cn", "also-cn"):
        write(site / f"content/cn/docs/{name}.md", "---\ntitle: 仅\n---\n\n正文。\n")
    assert findings(site, "KB501", "KB503") == {
        ("content/en/docs/only-en.md", 1, 1, "KB501"),
        ("content/cn/docs/only-cn.md", 1, 1, "KB503"),
        ("content/cn/docs/also-cn.md", 1, 1, "KB503"),
    }


def test_languages_in_one_folder_by_file_suffix(tmp_path: Path) -> None:
    config = 'baseURL = "/"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n'
    write(tmp_path / "hugo.toml", config)
    write(tmp_path / "content/docs/a.md", "---\ntitle: A\n---\n\n[b](/docs/b/)\n")
    # /docs/b/ is the English page; /fr/docs/b/ does not exist: Hugo has no fallback
    write(tmp_path / "content/docs/a.fr.md", "---\ntitle: A\n---\n\n[b](/docs/b/) [c](../b/)\n")
    write(tmp_path / "content/docs/b.md", "---\ntitle: B\n---\n\nText.\n")
    config = load_config(start=tmp_path)
    assert (config.layout, config.content, config.locales) == ("hugo", ["content"], ["en", "fr"])
    assert findings(tmp_path, "KB301", "KB304", "KB501", "KB503") == {
        ("content/docs/a.fr.md", 5, 15, "KB301"),
        ("content/docs/b.md", 1, 1, "KB501"),
    }


def test_heading_ids_of_another_type_are_matched_loosely(site: Path) -> None:
    config = CONFIG + "[markup.goldmark.parser]\nautoHeadingIDType = 'blackfriday'\n"
    write(site / "config.toml", config)
    write(site / "content/en/docs/a/c.md", "---\ntitle: C\n---\n\n## v1.2 notes\n\nText.\n")
    page = "---\ntitle: B\n---\n\n[x](../c/#v1-2-notes) [y](../c/#gone)\n"
    write(site / "content/en/docs/a/b.md", page)
    assert load_config(start=site).heading_ids == "custom"
    assert findings(site, "KB302") == {("content/en/docs/a/b.md", 5, 23, "KB302")}
