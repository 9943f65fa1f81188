"""Internal links and anchors in a small Docusaurus site, resolved as Docusaurus 3 does.

``tests/fixtures/docusaurus-site`` has nested and number-prefixed folders, frontmatter
ids and slugs, category indexes, a CJK file name, a partial, static files and a French
translation that lacks ``guide/指南.md``. Each case names one behaviour and the exact
(code, line, column) it must produce, or ``None`` where the link must resolve.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kbcheck import check, load_config
from kbcheck.config import RuleSettings
from kbcheck.page import read_page
from kbcheck.sites.routes import doc_route, resolve_pathname, strip_number_prefix
from kbcheck.validation import updated

SITE = Path(__file__).parent / "fixtures" / "docusaurus-site"
FR = "i18n/fr/docusaurus-plugin-content-docs/current"
GS = "docs/01-getting-started"

# (behaviour, page, line, column, code on the default config or None)
CASES = [
    ("relative file link with extension", "docs/intro.md", 6, 3, None),
    ("extension-less route", "docs/intro.md", 7, 3, None),
    ("folder index with trailing slash", "docs/intro.md", 8, 3, None),
    ("README.md as folder index", "docs/intro.md", 9, 3, None),
    ("folder index file", "docs/intro.md", 10, 3, None),
    ("number-prefixed file link", "docs/intro.md", 11, 3, None),
    ("route from frontmatter id and stripped prefix", "docs/intro.md", 12, 3, None),
    ("absolute doc route", "docs/intro.md", 13, 3, None),
    ("absolute slug", "docs/intro.md", 14, 3, None),
    ("relative slug", "docs/intro.md", 15, 3, None),
    ("category index of a numbered folder", "docs/intro.md", 16, 3, None),
    ("percent-encoded CJK file name", "docs/intro.md", 17, 3, None),
    ("CJK route", "docs/intro.md", 18, 3, None),
    ("@site link to a doc", "docs/intro.md", 19, 3, None),
    ("bare .mdx name", "docs/intro.md", 20, 3, None),
    ("/x.md from the content folder", "docs/intro.md", 21, 3, None),
    ("absolute image in static/", "docs/intro.md", 22, 3, None),
    ("relative image", "docs/intro.md", 23, 3, None),
    ("absolute download in static/", "docs/intro.md", 24, 3, None),
    ("@site link to a static file", "docs/intro.md", 25, 3, None),
    ("same-page anchor", "docs/intro.md", 26, 3, None),
    ("explicit heading id", "docs/intro.md", 27, 3, None),
    ("duplicate heading -1 suffix", "docs/intro.md", 28, 3, None),
    ("explicit id does not take the slug", "docs/intro.md", 29, 3, None),
    ("HTML a name", "docs/intro.md", 30, 3, None),
    ("HTML id", "docs/intro.md", 31, 3, None),
    ("percent-encoded anchor", "docs/intro.md", 32, 3, None),
    ("external links are not ours", "docs/intro.md", 33, 3, None),
    ("links in code are not links", "docs/intro.md", 34, 4, None),
    ("reference-style link", "docs/intro.md", 35, 3, None),
    ("relative route from the root index", "docs/index.md", 6, 16, None),
    ("relative route from a category index", f"{GS}/index.md", 6, 4, None),
    ("relative route from a relative slug", f"{GS}/03-usage.md", 7, 9, None),
    ("relative route from an absolute slug", f"{GS}/02-configure.md", 10, 1, "KB301"),
    ("missing file", "docs/broken.md", 6, 3, "KB301"),
    ("number prefix is not in the route", "docs/broken.md", 7, 3, "KB301"),
    ("slug replaces the path", "docs/broken.md", 8, 3, "KB301"),
    ("partial has no route", "docs/broken.md", 9, 3, "KB301"),
    ("folder without index", "docs/broken.md", 10, 3, "KB301"),
    ("missing static image", "docs/broken.md", 11, 3, "KB303"),
    ("missing relative file", "docs/broken.md", 12, 3, "KB303"),
    ("missing @site file", "docs/broken.md", 13, 3, "KB303"),
    ("generated slug replaced by explicit id", "docs/broken.md", 14, 3, "KB302"),
    ("no third duplicate", "docs/broken.md", 15, 3, "KB302"),
    ("missing same-page anchor", "docs/broken.md", 16, 3, "KB302"),
    ("reference-style link reported where used", "docs/broken.md", 17, 3, "KB301"),
    ("file names are case-sensitive", "docs/broken.md", 18, 3, "KB301"),
    ("translated page links its own translation", f"{FR}/intro.md", 6, 3, None),
    ("anchor of the translation", f"{FR}/intro.md", 7, 3, None),
    ("untranslated file through the fallback", f"{FR}/intro.md", 8, 3, "KB304"),
    ("untranslated route through the fallback", f"{FR}/intro.md", 9, 3, "KB304"),
    ("anchor of the source page through the fallback", f"{FR}/intro.md", 10, 3, "KB304"),
    ("static image from a translation", f"{FR}/intro.md", 11, 3, None),
    ("relative image resolves beside the translation", f"{FR}/intro.md", 12, 3, "KB303"),
    ("translation links back", f"{FR}/guide/anchors.md", 10, 1, None),
]
NO_FALLBACK = {  # the same links with translations.fallback_to_source = false
    (f"{FR}/intro.md", 8, 3): "KB301",
    (f"{FR}/intro.md", 9, 3): "KB301",
    (f"{FR}/intro.md", 10, 3): "KB301",
}


def _run(fallback: bool) -> dict[tuple[str, int, int], str]:
    config = load_config(SITE / "kbcheck.toml")
    translations = updated(config.translations, fallback_to_source=fallback)
    config = updated(config, translations=translations)
    result = check(config, select=["KB3"], offline=True, cwd=SITE)
    found = {(d.path, d.line, d.column): d.code for d in result.diagnostics}
    assert len(found) == len(result.diagnostics), "one finding per link"
    return found


@pytest.fixture(scope="module")
def with_fallback() -> dict[tuple[str, int, int], str]:
    return _run(True)


@pytest.fixture(scope="module")
def without_fallback() -> dict[tuple[str, int, int], str]:
    return _run(False)


@pytest.mark.parametrize(("behaviour", "path", "line", "column", "code"), CASES,
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_link(with_fallback, behaviour, path, line, column, code) -> None:
    assert with_fallback.get((path, line, column)) == code


def test_nothing_else_is_reported(with_fallback) -> None:
    expected = {(p, line, col): code for _, p, line, col, code in CASES if code}
    assert with_fallback == expected


def test_fallback_off_makes_untranslated_links_broken(without_fallback) -> None:
    expected = {(p, line, col): code for _, p, line, col, code in CASES if code}
    expected = {k: v for k, v in expected.items() if v != "KB304"} | NO_FALLBACK
    assert without_fallback == expected


def test_positions_cover_the_whole_link(with_fallback) -> None:
    config = load_config(SITE / "kbcheck.toml")
    result = check(config, [SITE / "docs/broken.md"], select=["KB301"], cwd=SITE)
    first = result.diagnostics[0]
    assert (first.line, first.column, first.end_line, first.end_column) == (6, 3, 6, 31)


def test_messages_say_what_was_tried() -> None:
    config = load_config(SITE / "kbcheck.toml")
    result = check(config, [SITE / "docs/broken.md"], select=["KB3"], cwd=SITE)
    messages = {d.line: d.message for d in result.diagnostics}
    assert messages[6] == "no page docs/missing.md; no doc with id missing"
    assert "doc id getting-started/configure is" in messages[8]
    assert "/docs/config" in messages[8]
    assert "explicit id #qs" in messages[14]
    assert "closest: #hello-world" in messages[15]


def test_route_base_path_option() -> None:
    config = load_config(SITE / "kbcheck.toml")
    rules = {"KB301": RuleSettings(options={"route_base_path": "/"})}
    config = updated(config, rules=rules)
    result = check(config, [SITE / "docs/intro.md"], select=["KB301"], cwd=SITE)
    broken = {d.line for d in result.diagnostics}
    assert broken == {13, 14, 16}  # the absolute /docs/... routes; relative links still work


def test_doc_routes_follow_docusaurus() -> None:
    assert doc_route("intro.md", {}) == ("intro", "/intro")
    assert doc_route("index.md", {}) == ("index", "/")
    assert doc_route("01-guide/02-setup.md", {}) == ("guide/setup", "/guide/setup")
    assert doc_route("01-guide/02-setup.md", {"id": "install"}) == ("guide/install",
                                                                    "/guide/install")  # fmt: skip
    assert doc_route("guide/x.md", {"slug": "/custom"}) == ("guide/x", "/custom")
    assert doc_route("guide/x.md", {"slug": "../up"}) == ("guide/x", "/up")
    assert doc_route("guide/Guide.md", {}) == ("guide/Guide", "/guide/")
    assert doc_route("guide/README.mdx", {}) == ("guide/README", "/guide/")
    assert doc_route("01-a/01-a.md", {}) == ("a/a", "/a/")
    assert doc_route("01-x.md", {"parse_number_prefixes": False}) == ("01-x", "/01-x")
    assert strip_number_prefix("2024-01-31-news") == "2024-01-31-news"
    assert strip_number_prefix("1.2-notes") == "1.2-notes"
    assert strip_number_prefix("003 - Doc") == "Doc"


def test_resolve_pathname_is_url_resolution() -> None:
    assert resolve_pathname("intro", "/docs/guide/") == "/docs/guide/intro"
    assert resolve_pathname("intro", "/docs/guide") == "/docs/intro"
    assert resolve_pathname("../x/", "/docs/a/b") == "/docs/x/"
    assert resolve_pathname("../../../..", "/docs/a") == "/"


def test_page_model_excludes_code() -> None:
    page = read_page("x.md", b"`[a](b.md)`\n\n```\n[c](d.md)\n```\n")
    assert page.links == []
