"""What Docusaurus serves: localized files that replace the docs folder's, and partials.

``docusaurus-localized``: ``docs/`` holds the Chinese text while the default locale
``en`` is served from ``i18n/en/`` (the pattern of sites whose authors write in
another language than ``defaultLocale``). ``docusaurus-partials`` was built with
``docusaurus build`` 3.10.2, which reported exactly these problems (see ``BUILT``):
a ``./x.md`` link to a doc that ``i18n/<defaultLocale>/`` replaces, a link to a
partial (as a file and as a route), and two missing anchors; the headings of an
imported partial are anchors of the page that renders it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kbcheck import check
from kbcheck.config import load_config
from kbcheck.corpus import load_corpus
from kbcheck.translations.pairing import build_pairing

FIXTURES = Path(__file__).parent / "fixtures"
EN = "i18n/en/docusaurus-plugin-content-docs/current"
# what `docusaurus build --locale en` warned about in docusaurus-partials, as (file, line, column)
BUILT = {
    ("docs/b.mdx", 6, 1, "KB301"),  # ./a.md: the doc's source is i18n/en/.../a.md
    ("docs/b.mdx", 6, 34, "KB301"),  # ./_p.md: a partial is no doc
    ("docs/b.mdx", 8, 33, "KB302"),  # /docs/c#nothing
    ("docs/e.md", 3, 1, "KB301"),  # /docs/_p
    ("docs/e.md", 3, 103, "KB302"),  # /docs/b#nope
}


def copy(tmp_path: Path, name: str) -> Path:
    shutil.copytree(FIXTURES / name, tmp_path / name)
    return tmp_path / name


def findings(site: Path, *codes: str) -> set[tuple[str, int, int, str]]:
    result = check(load_config(start=site), offline=True, cwd=site)
    return {(d.path, d.line, d.column, d.code) for d in result.diagnostics if d.code in codes}


def test_docs_folder_in_another_locale_than_the_default_is_detected(tmp_path: Path) -> None:
    config = load_config(start=copy(tmp_path, "docusaurus-localized"))
    # the docs folder is what translations start from; `en` is served without a prefix
    assert (config.source_locale, config.docusaurus.docs_locale) == ("zh", "zh")
    assert config.docusaurus.default_locale == "en"
    assert config.origin("docusaurus.docs_locale").startswith("detected")
    assert not any("source_locale" in note for note in config.notes)  # nothing to set by hand


def test_docs_folder_is_the_source_of_the_default_locale(tmp_path: Path) -> None:
    site = copy(tmp_path, "docusaurus-localized")
    config = load_config(start=site)
    corpus = load_corpus(config, site)
    pairing = build_pairing(config, corpus)
    intro = corpus.by_rel[f"{EN}/intro.md"]
    assert corpus.by_rel["docs/intro.md"].locale == "zh"
    assert pairing.source_of(intro) is corpus.by_rel["docs/intro.md"]
    # no duplicate pages, no orphans; the page the en site serves in Chinese
    # is a page not yet translated
    assert findings(site, "KB014", "KB501", "KB503") == {("docs/only-zh.md", 1, 1, "KB501")}


def test_a_configured_source_locale_keeps_the_routes_of_the_default_locale(
    tmp_path: Path,
) -> None:
    site = copy(tmp_path, "docusaurus-localized")
    (site / "kbcheck.toml").write_text('source_locale = "en"\n', "utf-8")
    config = load_config(start=site)
    assert (config.source_locale, config.docusaurus.docs_locale) == ("en", "zh")
    assert config.docusaurus.default_locale == "en"
    corpus = load_corpus(config, site)
    intro = corpus.by_rel["docs/intro.md"]
    assert build_pairing(config, corpus).source_of(intro) is corpus.by_rel[f"{EN}/intro.md"]
    assert findings(site, "KB014", "KB501", "KB503") == {("docs/only-zh.md", 1, 1, "KB503")}


def test_configured_docs_locale_overrides_detection(tmp_path: Path) -> None:
    site = copy(tmp_path, "docusaurus-localized")
    (site / "kbcheck.toml").write_text('[docusaurus]\ndocs_locale = "en"\n', "utf-8")
    config = load_config(start=site)
    corpus = load_corpus(config, site)
    # docs/ is English now, and i18n/en/ replaces two of its pages: those are no pages
    assert {p.rel for p in corpus.pages} == {f"{EN}/intro.md", f"{EN}/guide.md", "docs/only-zh.md"}


def test_same_locale_copy_in_i18n_replaces_the_docs_file(tmp_path: Path) -> None:
    site = copy(tmp_path, "docusaurus-partials")
    corpus = load_corpus(load_config(start=site), site)
    assert "docs/a.md" not in {p.rel for p in corpus.pages}
    assert corpus.by_rel[f"{EN}/a.md"].locale == "en"
    assert not findings(site, "KB014")


def test_links_and_anchors_agree_with_docusaurus_build(tmp_path: Path) -> None:
    site = copy(tmp_path, "docusaurus-partials")
    assert findings(site, "KB301", "KB302", "KB303", "KB304") == BUILT


def test_an_import_in_a_code_block_adds_no_anchors(tmp_path: Path) -> None:
    site = copy(tmp_path, "docusaurus-partials")
    page = site / "docs" / "b.mdx"
    text = page.read_text("utf-8").replace("import Q from './sub/_q.md';", "")
    page.write_text(text + "\n```mdx\nimport Q from './sub/_q.md';\n```\n", "utf-8")
    assert ("docs/b.mdx", 6, 94, "KB302") in findings(site, "KB302")  # #q-heading


def test_default_locale_not_literal_is_taken_from_the_docs_path(tmp_path: Path) -> None:
    site = copy(tmp_path, "docusaurus-localized")
    (site / "docusaurus.config.js").write_text(
        "const defaultLocale = process.env.LOCALE || 'en-us';\n"
        "module.exports = {i18n: {defaultLocale: defaultLocale, locales: ['zh-cn', 'en-us']},\n"
        "  presets: [['classic', {docs: {path: 'i18n/en-us/docusaurus-plugin-content-docs/"
        "current'}}]]};\n",
        "utf-8",
    )
    config = load_config(start=site)
    assert (config.source_locale, config.locales) == ("en-us", ["zh-cn", "en-us"])
    assert any("defaultLocale is not a literal" in note for note in config.notes)


def test_version_folder_that_versions_json_does_not_list_is_not_checked(tmp_path: Path) -> None:
    site = copy(tmp_path, "docusaurus-zero")
    stray = site / "versioned_docs" / "version-0.9" / "intro.md"
    stray.parent.mkdir()
    stray.write_text("# Old\n\n[gone](missing.md)\n", "utf-8")
    corpus = load_corpus(load_config(start=site), site)
    assert "versioned_docs/version-0.9/intro.md" not in corpus.by_rel
    assert "versioned_docs/version-1.0/intro.md" in corpus.by_rel


def test_undefined_option_is_the_default_and_needs_no_note(tmp_path: Path) -> None:
    site = copy(tmp_path, "docusaurus-localized")
    (site / "docusaurus.config.js").write_text(
        "module.exports = {presets: [['classic', {docs: {lastVersion: undefined}}]]};\n", "utf-8"
    )
    config = load_config(start=site)
    assert config.docusaurus.last_version is None
    assert not any("lastVersion" in note for note in config.notes)


def test_a_version_a_locale_does_not_translate_at_all_is_left_out_on_purpose(
    tmp_path: Path,
) -> None:
    site = copy(tmp_path, "docusaurus-zero")
    shutil.rmtree(site / "i18n/fr/docusaurus-plugin-content-docs/version-1.0")
    config = load_config(start=site)
    pairing = build_pairing(config, load_corpus(config, site))
    assert [s.rel for s in pairing.untranslated("fr")] == ["versioned_docs/version-1.0/intro.md"]
    missing = {path for path, *_ in findings(site, "KB501")}
    assert missing == {"docs/tutorial-basics/create-a-document.md"}  # current: translated in part
