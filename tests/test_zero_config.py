"""A Docusaurus site checked with no configuration at all, and the plain layouts detected.

``tests/fixtures/docusaurus-zero`` is trimmed from a ``create-docusaurus`` 3 classic
TypeScript skeleton: two locales (en, fr), versioned docs with ``lastVersion:
'current'`` and a custom version ``path``, a blog, a partial, a JSX heading and a
value that is not a literal (``trailingSlash``). Each test copies it into a
temporary folder, so no configuration file of this repository is found above it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kbcheck import check
from kbcheck.config import Config, DocusaurusSettings, load_config
from kbcheck.corpus import load_corpus
from kbcheck.sites import site_of
from kbcheck.sites.detect import script_of
from kbcheck.translations.pairing import build_pairing
from kbcheck.validation import updated

FIXTURE = Path(__file__).parent / "fixtures" / "docusaurus-zero"
FR = "i18n/fr/docusaurus-plugin-content-docs"
# every KB301 of the fixture: a "next" route that lastVersion 'current' does not serve,
# and a link to a partial; the routes of both versions resolve
BROKEN = {("docs/intro.md", 15, 3), ("docs/intro.md", 16, 3)}
BROKEN |= {(f"{FR}/current/intro.md", 15, 3), (f"{FR}/current/intro.md", 16, 3)}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "site")
    return tmp_path / "site"


def findings(root: Path, start: Path, **kwargs) -> set[tuple[str, int, int, str]]:
    config = load_config(start=start)
    result = check(config, offline=True, cwd=root, **kwargs)
    return {(d.path, d.line, d.column, d.code) for d in result.diagnostics}


def kbcheck(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "kbcheck", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)


def test_docusaurus_config_is_read_without_node(site: Path) -> None:
    config = load_config(start=site)
    assert (config.layout, config.site_dir) == ("docusaurus", ".")
    assert (config.source_locale, config.locales) == ("en", ["en", "fr"])
    assert config.docusaurus.last_version == "current"
    assert config.docusaurus.version_paths == {"1.0": "v1"}
    assert config.origin("layout") == "detected from docusaurus.config.ts"
    assert config.origin("static_dirs") == "default"


def test_site_checked_with_no_configuration(site: Path) -> None:
    found = findings(site, site)
    assert {(p, line, col) for p, line, col, code in found if code == "KB301"} == BROKEN
    # the partial is no page: no missing translation, no finding of its own
    assert {p for p, *_, code in found if code == "KB501"} == {
        "docs/tutorial-basics/create-a-document.md"
    }
    assert not any(p == "docs/_shared.md" for p, *_ in found)


@pytest.mark.parametrize("inside", [".", "docs/tutorial-basics", "i18n/fr"])
def test_detected_from_the_repository_root_and_any_folder_inside(
    tmp_path: Path, inside: str
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo / "website")
    at_root = findings(repo, repo)
    assert {(p, line, col) for p, line, col, code in at_root if code == "KB301"} == {
        (f"website/{p}", line, col) for p, line, col in BROKEN
    }
    config = load_config(start=repo / "website" / inside)
    assert config.root == (repo / "website").resolve() and config.layout == "docusaurus"


def test_a_value_that_is_not_a_literal_falls_back_and_says_so(site: Path) -> None:
    done = kbcheck(site, "check", "--offline")
    assert done.returncode == 1, done.stderr
    notes = [line for line in done.stderr.splitlines() if "note:" in line]
    assert len(notes) == 1 and "trailingSlash" in notes[0]
    assert "Traceback" not in done.stderr


def test_configuration_file_overrides_detection(site: Path) -> None:
    (site / "kbcheck.toml").write_text('[docusaurus]\nlast_version = "1.0"\n', "utf-8")
    config = load_config(start=site)
    assert config.docusaurus.last_version == "1.0"
    assert config.docusaurus.version_paths == {"1.0": "v1"}  # still detected
    assert config.origin("docusaurus.last_version") == str(site / "kbcheck.toml")
    found = findings(site, site)
    # with 1.0 the latest (at its path v1), the current docs move to /docs/next and
    # nothing is served at /docs/intro: the links flip
    broken = {(p, line) for p, line, _, code in found if code == "KB301" and "fr" not in p}
    assert broken == {
        ("docs/intro.md", 13),
        ("docs/intro.md", 16),
        ("versioned_docs/version-1.0/intro.md", 11),
        ("blog/2021-08-26-welcome/index.md", 7),
    }


def _version_routes(tmp_path: Path, versions: str, **settings) -> dict[str, str]:
    (tmp_path / "versions.json").write_text(versions)
    config = Config(root=tmp_path, layout="docusaurus", docusaurus=DocusaurusSettings(**settings))
    return site_of(config).version_paths


@pytest.mark.parametrize(
    ("versions", "settings", "routes"),
    [
        ("[]", {}, {"current": "/docs"}),
        ('["2", "1"]', {}, {"current": "/docs/next", "version-2": "/docs", "version-1": "/docs/1"}),
        ('["2"]', {"last_version": "current"}, {"current": "/docs", "version-2": "/docs/2"}),
        ('["2"]', {"version_paths": {"2": "v2", "current": "dev"}},
         {"current": "/docs/dev", "version-2": "/docs/v2"}),
        ('["2"]', {"route_base_path": "/"}, {"current": "/next", "version-2": ""}),
        ('["2", "1"]', {"only_include_versions": ["current", "2"]},
         {"current": "/docs/next", "version-2": "/docs"}),
        ('["2"]', {"include_current_version": False}, {"version-2": "/docs"}),
    ],
)  # fmt: skip
def test_versioned_routes_follow_the_site_config(tmp_path, versions, settings, routes) -> None:
    assert _version_routes(tmp_path, versions, **settings) == routes


def test_versions_left_out_are_not_checked(site: Path) -> None:
    config = load_config(start=site)
    only = updated(config.docusaurus, only_include_versions=["current"])
    config = updated(config, docusaurus=only)
    rels = {page.rel for page in load_corpus(config, site).pages}
    assert "docs/intro.md" in rels and "versioned_docs/version-1.0/intro.md" not in rels


def test_partials_and_blog_posts(site: Path) -> None:
    config = load_config(start=site)
    corpus = load_corpus(config, site)
    assert "docs/_shared.md" in corpus.by_rel
    assert "docs/_shared.md" not in {p.rel for p in corpus.pages}
    pairing = build_pairing(config, corpus)
    post = corpus.by_rel["i18n/fr/docusaurus-plugin-content-blog/2021-08-26-welcome/index.md"]
    assert pairing.source_of(post) is corpus.by_rel["blog/2021-08-26-welcome/index.md"]
    old = corpus.by_rel[f"{FR}/version-1.0/intro.md"]
    assert pairing.source_of(old) is corpus.by_rel["versioned_docs/version-1.0/intro.md"]


def test_kbcheck_config_says_where_each_value_came_from(site: Path) -> None:
    (site / "kbcheck.toml").write_text('ignore = ["blog/**"]\n', "utf-8")
    done = kbcheck(site, "config")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert 'layout = "docusaurus"  # detected from docusaurus.config.ts' in lines
    assert f'ignore = ["blog/**"]  # {site / "kbcheck.toml"}' in lines
    assert 'schemas = "schemas"  # default' in lines
    assert any(line.startswith("# note:") and "trailingSlash" in line for line in lines)


def test_kbcheck_init_writes_a_configuration_that_loads(site: Path) -> None:
    done = kbcheck(site, "init")
    assert done.returncode == 0, done.stderr
    config = load_config(start=site)
    assert config.file == site / "kbcheck.toml"
    assert (config.layout, config.locales, config.default_page_type) == (
        "docusaurus",
        ["en", "fr"],
        "page",
    )
    page_type = (site / "schemas" / "page.yaml").read_text("utf-8")
    assert "extends: docusaurus" in page_type and "sidebar_position: {type: integer" in page_type
    assert kbcheck(site, "check", "--offline").returncode == 1  # the same two broken links
    assert kbcheck(site, "init").returncode == 2  # never overwrites without --force


def test_source_pages_in_another_script_than_the_default_locale(site: Path) -> None:
    config = site / "docusaurus.config.ts"
    text = config.read_text("utf-8").replace("['en', 'fr']", "['en', 'zh-Hans']")
    config.write_text(text, "utf-8")
    for page in (site / "docs").rglob("*.md"):
        page.write_text("# 教程简介\n\n用不到五分钟的时间了解 Docusaurus 的主要功能。\n", "utf-8")
    notes = load_config(start=site).notes
    assert any("Han" in note and "source_locale = 'zh-Hans'" in note for note in notes)


def test_scripts() -> None:
    assert script_of("用不到五分钟 Docusaurus") == "Han"
    assert script_of("ドキュメントを書く") == "kana"
    assert script_of("Документация") == "Cyrillic"
    assert script_of("문서 작성") == "Hangul"
    assert script_of("Read the docs") == "Latin"


def test_plain_locale_folders_detected(tmp_path: Path) -> None:
    for name in ("zh/a.md", "zh/b.md", "en/a.md"):
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text("# t\n", "utf-8")
    config = load_config(start=tmp_path)
    assert (config.layout, config.source_locale) == ("locale-dirs", "zh")
    assert config.origin("source_locale").startswith("detected")


def test_plain_locale_suffix_detected(tmp_path: Path) -> None:
    for name in ("guide.md", "guide.fr.md", "faq.md"):
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text("# t\n", "utf-8")
    config = load_config(start=tmp_path)
    assert (config.layout, config.source_locale, config.locales) == ("suffix", "en", ["en", "fr"])


def test_files_in_i18n_outside_a_version_folder_are_not_pages(site: Path) -> None:
    stray = site / FR / "guide.md"  # Docusaurus builds only current/ and version-*/
    stray.write_text("# Guide\n\n[gone](missing.md)\n", "utf-8")
    config = load_config(start=site)
    assert f"{FR}/guide.md" not in {page.rel for page in load_corpus(config, site).pages}
    assert not any(path == f"{FR}/guide.md" for path, *_ in findings(site, site))


@pytest.mark.parametrize(
    ("files", "content", "layout"),
    [
        # VitePress: the source folder is the one holding .vitepress/
        (
            ("site/.vitepress/config.mts", "site/en/a.md", "site/zh/a.md", "site/zh/b.md"),
            "site",
            "locale-dirs",
        ),
        # MkDocs with mkdocs-static-i18n's suffix layout, docs_dir from mkdocs.yml
        (("mkdocs.yml", "pages/index.md", "pages/index.fr.md", "pages/b.md"), "pages", "suffix"),
        # any docs/ folder
        (("docs/en/a.md", "docs/zh/a.md"), "docs", "locale-dirs"),
        # cn/ is no language code, but is a locale folder beside en/ all the same
        (("docs/index.md", "docs/en/a.md", "docs/cn/a.md"), "docs", "locale-dirs"),
    ],
)
def test_content_folder_of_vitepress_mkdocs_and_docs_detected(tmp_path, files, content, layout):
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        text = "docs_dir: pages  # the pages\n" if name == "mkdocs.yml" else "# t\n"
        (tmp_path / name).write_text(text, "utf-8")
    config = load_config(start=tmp_path)
    assert (config.layout, config.content) == (layout, [content])
    assert config.origin("content").startswith(("the folder", "docs_dir", "a docs"))
    result = check(config, offline=True, cwd=tmp_path)
    assert result.files == len([f for f in files if f.endswith(".md")])


def test_a_site_two_folders_down_is_found(site: Path, tmp_path: Path) -> None:
    monorepo = tmp_path / "repo"
    shutil.move(site, monorepo / "apps" / "docs-site")
    config = load_config(start=monorepo)
    assert config.layout == "docusaurus"
    assert config.site_dir == "apps/docs-site"


def test_a_vitepress_site_gets_vitepress_heading_ids(tmp_path: Path) -> None:
    heads = "# Guide {#guide}\n\n## Vite, Vue & Markdown Config\n\n## Customize Link's State\n\n"
    heads += "## `useData` <Badge text='beta' />\n\n## 1. Steps\n\n## Guide\n\n"
    links = "[a](#vite-vue-markdown-config) [b](#customize-link-s-state) [c](#usedata)"
    links += " [d](#_1-steps) [e](#guide-1) [f](#vite-vue--markdown-config)\n"
    for locale in ("en", "zh"):
        (tmp_path / "docs" / locale).mkdir(parents=True)
        (tmp_path / "docs" / locale / "guide.md").write_text(heads + links, "utf-8")
    (tmp_path / "docs" / ".vitepress").mkdir()
    config = load_config(start=tmp_path)
    assert config.heading_ids == "vitepress"
    result = check(config, offline=True, cwd=tmp_path, select=["KB209", "KB302"])
    found = {(d.path, d.line, d.column, d.code) for d in result.diagnostics}
    # only the github-slugger form is broken here; "Guide" after {#guide} is #guide-1,
    # and the inline HTML is no part of a heading's id
    assert found == {(f"docs/{loc}/guide.md", 13, 104, "KB302") for loc in ("en", "zh")}


def test_vitepress_root_locale_two_folders_down(tmp_path: Path) -> None:
    # pinia's layout: English at the top of packages/docs/, Chinese in zh/; api/ and ssr/
    # are named like locales but are no translation of the top; /x links and public/
    docs = tmp_path / "packages" / "docs"
    (docs / ".vitepress").mkdir(parents=True)
    (docs / "public").mkdir()
    (docs / "public" / "logo.svg").write_text("<svg/>", "utf-8")
    pages = {
        "index.md": "# Pinia\n\n[guide](/guide) [api](/api/) ![logo](/logo.svg) [x](/gone)\n",
        "guide.md": "# Guide\n\nThe store.\n",
        "api/index.md": "# API\n\nAll of it.\n",
        "ssr/index.md": "# SSR\n\nOn the server.\n",
        "zh/index.md": "# Pinia\n\n[指南](/zh/guide) [API](/api/) ![logo](/logo.svg)\n",
        "zh/guide.md": "# 指南\n\nStore。\n",
    }
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, "utf-8")
    config = load_config(start=tmp_path)
    assert (config.content, config.source_locale, config.locales) == (
        ["packages/docs"],
        "en",
        ["en", "zh"],
    )
    assert config.static_dirs == ["packages/docs/public"]
    top = "packages/docs"
    codes = ["KB301", "KB303", "KB304", "KB501"]
    assert findings(tmp_path, tmp_path, select=codes) == {
        (f"{top}/index.md", 3, 49, "KB301"),  # /gone: the only broken link
        (f"{top}/zh/index.md", 3, 17, "KB304"),  # /api/ is the English page
        (f"{top}/api/index.md", 1, 1, "KB501"),  # api/ and ssr/ are pages to translate
        (f"{top}/ssr/index.md", 1, 1, "KB501"),
    }


def test_mkdocs_folder_per_locale_takes_files_from_the_source_docs_dir(tmp_path: Path) -> None:
    # FastAPI: docs/en/mkdocs.yml, pages in docs/<locale>/docs/ (the other locales'
    # mkdocs.yml are written at build time); /img/x.png in a translation is served from
    # the English build's docs folder; files outside docs/ are no pages; {{ x }} is Jinja
    for locale in ("en", "de"):
        folder = tmp_path / "docs" / locale
        (folder / "docs").mkdir(parents=True)
        page = '# T\n\n<img src="/img/a.png">\n\n![b](/img/b.png)\n\n<a href="{{ u }}">u</a>\n'
        page += "\n[English version](ENGLISH_VERSION_URL) [licence](LICENSE)\n"
        (folder / "docs" / "index.md").write_text(page, "utf-8")
        (folder / "llm-prompt.md").write_text("Translate it.\n", "utf-8")
    (tmp_path / "docs" / "en" / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    (tmp_path / "docs" / "missing-translation.md").write_text("Not yet.\n", "utf-8")
    (tmp_path / "docs" / "en" / "docs" / "img").mkdir()
    (tmp_path / "docs" / "en" / "docs" / "img" / "a.png").write_bytes(b"png")
    config = load_config(start=tmp_path)
    assert (config.content, config.source_locale) == (["docs"], "en")
    assert findings(tmp_path, tmp_path, select=["KB205", "KB301", "KB303"]) == {
        ("docs/en/docs/index.md", 5, 1, "KB303"),
        ("docs/de/docs/index.md", 5, 1, "KB303"),
        ("docs/en/docs/index.md", 9, 40, "KB301"),  # a file named like a placeholder is not one
        ("docs/de/docs/index.md", 9, 40, "KB301"),
    }


def test_vitepress_slugify_and_attribute_delimiters_of_the_site(tmp_path: Path) -> None:
    # pinia: its own slugify (case kept) and markdown-it-attrs with %{ }%; x.html is x.md
    docs = tmp_path / "docs"
    (docs / ".vitepress" / "config").mkdir(parents=True)
    shared = "export const shared = {\n  markdown: {\n    attrs: {leftDelimiter: '%{',"
    shared += " rightDelimiter: '}%'},\n    anchor: { slugify },\n  },\n}\n"
    (docs / ".vitepress" / "config" / "shared.ts").write_text(shared, "utf-8")
    page = "# Stores\n\n## Shared Getters\n\n### StateTree %{#statetree}%\n\nText.\n\n"
    page += "[a](#Shared-Getters) [b](#statetree) [c](#options-api) [d](./api.html#statetree)"
    page += " [e](./gone.html)\n"
    for folder in (docs, docs / "zh"):
        folder.mkdir(exist_ok=True)
        (folder / "stores.md").write_text(page, "utf-8")
        (folder / "api.md").write_text("# API\n\n## StateTree %{#statetree}%\n\nT.\n", "utf-8")
    config = load_config(start=tmp_path)
    assert (config.heading_ids, config.heading_attrs) == ("custom", ("%{", "}%"))
    found = findings(tmp_path, tmp_path, select=["KB301", "KB302"])
    assert found == {
        (f"{top}/stores.md", 9, 38, "KB302")  # no heading could give #options-api
        for top in ("docs", "docs/zh")
    } | {(f"{top}/stores.md", 9, 82, "KB301") for top in ("docs", "docs/zh")}


def test_vitepress_heading_with_an_emoji_shortcode(tmp_path: Path) -> None:
    # markdown-it-emoji makes :tada: an emoji, which VitePress leaves out of the id
    page = "# Markdown\n\n## Emoji :tada:\n\n[a](#emoji) [b](#emoji-tada) [c](#key-value-pairs)\n\n"
    page += "## key:value pairs\n\nText.\n"
    for locale in ("en", "zh"):
        (tmp_path / "docs" / locale).mkdir(parents=True)
        (tmp_path / "docs" / locale / "markdown.md").write_text(page, "utf-8")
    (tmp_path / "docs" / ".vitepress").mkdir()
    found = findings(tmp_path, tmp_path, select=["KB302"])
    assert found == {(f"docs/{loc}/markdown.md", 5, 13, "KB302") for loc in ("en", "zh")}


@pytest.mark.parametrize(("theme", "reported"), [("material", False), ("readthedocs", True)])
def test_material_for_mkdocs_titles_a_page_without_h1(tmp_path: Path, theme, reported) -> None:
    # Material writes <h1>{{ page.title }}</h1> (nav, title or file name) when the body has none
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\ntheme:\n  name: {theme}\n", "utf-8")
    for name in ("index.md", "index.fr.md"):
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text("Some text.\n\n# One\n\n# Two\n", "utf-8")
    (tmp_path / "docs" / "banner.md").write_text("/// details | Note\n\nText.\n///\n", "utf-8")
    found = findings(tmp_path, tmp_path, select=["KB205"])
    expected = {(f"docs/{n}", 5, 1, "KB205") for n in ("index.md", "index.fr.md")}
    assert found == expected | ({("docs/banner.md", 1, 1, "KB205")} if reported else set())
