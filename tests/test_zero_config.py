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
