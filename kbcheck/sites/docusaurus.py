"""A Docusaurus 3 site, as ``@docusaurus/plugin-content-docs`` and the blog plugin read it.

- docs: ``docs/guide/rag.md`` (source, version ``current``),
  ``versioned_docs/version-2/...``, and their translations
  ``i18n/<locale>/docusaurus-plugin-content-docs/current/...`` and ``.../version-2/...``;
- blog: ``blog/...`` and ``i18n/<locale>/docusaurus-plugin-content-blog/...``,
  paired like docs but served at routes of their own (not checked);
- partials: files and folders whose name starts with ``_`` (Docusaurus's default
  ``exclude``): imported into pages, never pages themselves;
- localized files replace: for every locale, the default one included, Docusaurus
  serves ``i18n/<locale>/docusaurus-plugin-content-docs/current/x.md`` instead of
  ``docs/x.md`` when both exist. The docs folder is written in ``docs_locale``
  (the default locale unless detection or the configuration says otherwise); a
  file of it that ``i18n/<docs_locale>/`` replaces is served in no locale of its
  own, so it is not a page;
- routes: ``routeBasePath``, then the version's path (``lastVersion`` is served at
  the base, ``current`` otherwise at ``next``, each version may set its own
  ``path``), then the doc's slug (see :mod:`kbcheck.sites.routes`).

Folder names and routes come from the ``[docusaurus]`` settings, which detection
fills in from ``docusaurus.config.*`` and ``versions.json``.
"""

from __future__ import annotations

import json
import os
import posixpath
from typing import TYPE_CHECKING

from kbcheck.sites.base import Doc, Site, _subfolders, join
from kbcheck.sites.mdximports import rendered_imports
from kbcheck.sites.plain import stem
from kbcheck.sites.routes import doc_route, permalink, route_key, strip_number_prefix
from kbcheck.validation import updated

if TYPE_CHECKING:
    from kbcheck.config import Config
    from kbcheck.page import Page

DOCS_PLUGIN = "docusaurus-plugin-content-docs"
BLOG_PLUGIN = "docusaurus-plugin-content-blog"
CURRENT = "current"
BLOG = "blog"  # the key prefix of blog posts; docs keys start with a version folder


def read_versions(site: str) -> list[str]:
    """The names in ``versions.json``, newest first; none without the file."""
    try:
        with open(posixpath.join(site, "versions.json"), encoding="utf-8") as handle:
            names = json.load(handle)
    except (OSError, ValueError):
        return []
    return [str(n) for n in names] if isinstance(names, list) else []


class DocusaurusSite(Site):
    name = "docusaurus"
    preset = "docusaurus"
    doc_ids = True

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        settings = config.docusaurus
        self.settings = settings
        site = self.site_dir
        self.docs_dir = join(site, settings.docs_path)
        self.blog_dir = join(site, settings.blog_path)
        self.i18n_dir = join(site, settings.i18n_path)
        self.versioned_dir = join(site, "versioned_docs")
        self.docs_locale = settings.docs_locale or self.source_locale
        self.default_locale = settings.default_locale or self.source_locale
        self._is_page: dict[str, bool] = {}
        names = read_versions(str(config.root / site))
        base = "/" + settings.route_base_path.strip("/")
        self.route_base = "" if base == "/" else base
        last = settings.last_version or (names[0] if names else CURRENT)
        self.last = CURRENT if last == CURRENT else f"version-{last}"
        built = settings.only_include_versions
        self.version_paths: dict[str, str] = {}  # version folder built -> route prefix
        self.left_out: set[str] = set()  # version folders the site does not build
        self.listed = bool(names)  # versions.json names the versions built
        for name in [CURRENT, *names]:
            folder = CURRENT if name == CURRENT else f"version-{name}"
            if (built is not None and name not in built) or (
                name == CURRENT and not settings.include_current_version
            ):
                self.left_out.add(folder)
                continue
            default = "" if name == last else ("next" if name == CURRENT else name)
            path = settings.version_paths.get(name, default).strip("/")
            self.version_paths[folder] = route_key(f"{self.route_base}/{path}").rstrip("/")
        self._docs: dict[str, Doc] | None = None
        self._pages: list[Page] = []
        self.routes: dict[tuple[str | None, str], Page] = {}  # (locale, route) -> page
        self.ids: dict[tuple[str | None, str, str], Page] = {}  # (locale, version, id) -> page
        self.base_ids: dict[tuple[str | None, str, str], str] = {}  # ... last id part -> id

    # -- files -------------------------------------------------------------------------------

    def content_roots(self) -> list[str]:
        if self.config.origin("content") != "default":
            return list(self.config.content)
        return [self.docs_dir, self.versioned_dir, self.blog_dir, self.i18n_dir]

    def locate(self, rel: str) -> tuple[str | None, str]:
        name = stem(rel)
        inner = _inside(name, self.docs_dir)
        if inner is not None:
            return self.docs_locale, f"{CURRENT}/{inner}"
        inner = _inside(name, self.versioned_dir)
        if inner is not None and "/" in inner:
            return self.docs_locale, inner
        inner = _inside(name, self.blog_dir)
        if inner is not None:
            return self.docs_locale, f"{BLOG}/{inner}"
        inner = _inside(name, self.i18n_dir)
        if inner is not None:
            parts = inner.split("/")
            if len(parts) > 3 and parts[1] == DOCS_PLUGIN and _is_version(parts[2]):
                return parts[0], "/".join(parts[2:])
            if len(parts) > 2 and parts[1] == BLOG_PLUGIN:
                return parts[0], f"{BLOG}/" + "/".join(parts[2:])
        return None, name

    def locale_folders(self) -> dict[str, str]:
        return _subfolders(self.config.root, self.i18n_dir)

    def is_page(self, rel: str) -> bool:
        known = self._is_page.get(rel)
        if known is None:
            locale, key = self.locate(rel)
            known = locale is None or not (
                any(p.startswith("_") for p in key.split("/")[1:]) or self.replaced_by(rel)
            )
            self._is_page[rel] = known
        return known

    def localized(self, locale: str, key: str, suffix: str) -> str:
        """The file of ``locale`` in ``i18n/`` that holds the page at ``key``."""
        part, _, inner = key.partition("/")
        if part == BLOG:
            return f"{self.i18n_dir}/{locale}/{BLOG_PLUGIN}/{inner}{suffix}"
        return f"{self.i18n_dir}/{locale}/{DOCS_PLUGIN}/{part}/{inner}{suffix}"

    def replaced_by(self, rel: str) -> str | None:
        """The localized file Docusaurus serves instead of ``rel``, a file of the docs,
        versioned docs or blog folder, in the locale that folder is written in."""
        locale, key = self.locate(rel)
        if locale is None or not (_is_version(key.partition("/")[0]) or key.startswith(BLOG + "/")):
            return None
        there = self.localized(locale, key, posixpath.splitext(rel)[1])
        if there == rel or not os.path.isfile(self.config.root / there):
            return None
        return there

    def is_built(self, rel: str) -> bool:
        """Whether Docusaurus builds ``rel``: not a docs version the site leaves out
        (``onlyIncludeVersions``, ``includeCurrentVersion``), nor a ``version-*``
        folder that ``versions.json`` does not list (a leftover: it has no route).
        Without ``versions.json``, version folders are checked (with no routes)."""
        locale, key = self.locate(rel)
        version = key.partition("/")[0]
        if locale is None:  # a file in i18n/ outside the plugins' folders is never built
            return _inside(stem(rel), self.i18n_dir) is None or self.i18n_dir in ("", ".")
        if version == BLOG or version in self.version_paths:
            return True
        return version.startswith("version-") and not self.listed and version not in self.left_out

    def expected_sources(self, rel: str) -> list[str]:
        locale, key = self.locate(rel)
        if locale in (None, self.source_locale):
            return []
        version, _, inner = key.partition("/")
        if version == CURRENT:
            folder = self.docs_dir
        elif version == BLOG:
            folder = self.blog_dir
        else:
            folder = f"{self.versioned_dir}/{version}"
        if self.docs_locale == self.source_locale:
            return [f"{folder}/{inner}"]
        return [self.localized(self.source_locale, key, "")]

    def part_of(self, rel: str) -> str:
        return self.locate(rel)[1].partition("/")[0]

    def page_type(self, rel: str) -> str | None:
        """Blog posts have a contract of their own, whatever type docs default to."""
        return "docusaurus-blog" if self.part_of(rel) == BLOG else super().page_type(rel)

    def changing_version(self, rel: str) -> bool:
        return self.locate(rel)[1].startswith(CURRENT + "/")

    def version_folders(self, rel: str) -> tuple[str, str] | None:
        locale, key = self.locate(rel)
        version = key.partition("/")[0]
        if locale != self.docs_locale or not version.startswith("version-"):
            return None
        return f"{self.docs_dir}/", f"{self.versioned_dir}/{version}/"

    def frozen_version(self, rel: str) -> bool:
        locale, key = self.locate(rel)
        return locale is not None and key.startswith("version-")

    def version(self, page: Page) -> str | None:
        if page.locale is None:
            return None
        version, _, inner = page.key.partition("/")
        if version not in self.version_paths or not inner:
            return None
        return version if self.is_page(page.rel) else None

    # -- links -------------------------------------------------------------------------------

    def index(self, pages: list[Page]) -> None:
        """The pages whose routes may be asked for (computed when first asked)."""
        self._pages = pages
        self._docs = None

    @property
    def docs(self) -> dict[str, Doc]:
        """Every doc's id and route. Routes need every doc's frontmatter, so they are
        computed only when a link needs a route, once per run."""
        if self._docs is None:
            self._docs = {}
            for page in self._pages:
                version = self.version(page)
                if version is None:
                    continue
                inner = page.key.partition("/")[2] + posixpath.splitext(page.rel)[1]
                doc_id, doc_slug = doc_route(inner, page.data)
                route = permalink(self.version_paths[version], doc_slug)
                self._docs[page.rel] = Doc(version, doc_id, route)
                self.routes.setdefault((page.locale, route_key(route)), page)
                self.ids.setdefault((page.locale, version, doc_id), page)
                last = doc_id.rpartition("/")[2]
                self.base_ids.setdefault((page.locale, version, last), doc_id)
        return self._docs

    def doc(self, page: Page) -> Doc | None:
        return self.docs.get(page.rel) if self.version(page) is not None else None

    def page_at_route(self, locale: str | None, route: str) -> Page | None:
        self.docs  # noqa: B018 (builds the index)
        return self.routes.get((locale, route_key(route)))

    def page_with_id(self, locale: str | None, version: str, page_id: str) -> Page | None:
        self.docs  # noqa: B018
        return self.ids.get((locale, version, page_id))

    def id_named(self, locale: str | None, version: str, name: str) -> str | None:
        """The id of the doc whose id ends with ``name`` (a file name, prefix stripped)."""
        self.docs  # noqa: B018
        return self.base_ids.get((locale, version, strip_number_prefix(name)))

    def route_of(self, rel: str) -> str | None:
        doc = self.docs.get(rel)
        return doc.permalink if doc is not None else None

    def version_route(self, version: str) -> str:
        return self.version_paths[version]

    def id_named_as(self, name: str) -> str:
        return strip_number_prefix(name)

    def version_of_route(self, route: str) -> str | None:
        """The docs version whose routes ``route`` is under (the longest prefix); a route
        under ``routeBasePath`` that no version serves belongs to the latest one."""
        key = route_key(route)
        best = None
        for version, path in self.version_paths.items():
            if (key == (path or "/") or key.startswith(path + "/")) and (
                best is None or len(path) > len(self.version_paths[best])
            ):
                best = version
        base = self.route_base
        if best is None and (not base or key == base or key.startswith(base + "/")):
            best = self.last if self.last in self.version_paths else None
        return best

    def alias(self, dest: str) -> str | None:
        """``@site/x`` is ``x`` in the site folder."""
        return join(self.site_dir, dest[6:]) if dest.startswith("@site/") else None

    def links_are_routes(self, page: Page) -> bool:
        """Docs and blog posts link to routes; blog routes are not known, so only
        absolute links from a post are judged."""
        return page.locale is not None and (
            self.version(page) is not None or page.key.startswith(BLOG + "/")
        )

    def markdown_bases(self, page: Page, dest: str) -> list[str]:
        """``./x.md`` from the page's folder only, ``/x.md`` from the content folders
        then the site, ``x.md`` from all three (Docusaurus's markdown link resolution)."""
        version = self.version(page)
        here = posixpath.dirname(page.rel)
        if version is None:
            return super().markdown_bases(page, dest)
        if dest.startswith(("./", "../")):
            return [here]
        folder = self.docs_dir if version == CURRENT else f"{self.versioned_dir}/{version}"
        localized = f"{self.i18n_dir}/{page.locale}/{DOCS_PLUGIN}/{version}"
        roots = [localized, folder, self.site_dir]
        return roots if dest.startswith("/") else [here, *roots]

    def with_route_base(self, route_base: str) -> Site:
        config = self.config
        settings = updated(config.docusaurus, route_base_path=route_base)
        return DocusaurusSite(updated(config, docusaurus=settings))

    def web_roots(self) -> list[str]:
        return ["."]

    def draws_title(self) -> bool:
        return False

    def absolute_file_bases(self) -> list[str]:
        return list(self.static_dirs)

    def included(self, page: Page) -> list[str]:
        """Markdown files the page imports and renders (MDX), usually partials."""
        out = []
        for dest in rendered_imports(page):
            aliased = self.alias(dest)
            if aliased is not None:
                out.append(aliased)
            elif dest.startswith("."):
                out.append(join(posixpath.dirname(page.rel), dest))
        return out

    def has_route(self, page: Page) -> bool:
        if page.locale is None or page.key.startswith(BLOG + "/"):
            return True
        return self.version(page) is not None

    def not_routable_message(self, rel: str) -> str | None:
        locale, key = self.locate(rel)
        if locale is None or key.startswith(BLOG + "/"):
            return None
        replaced = self.replaced_by(rel)
        if replaced is not None:
            return f"{rel} is replaced by {replaced}, which Docusaurus serves in its place"
        if not self.is_page(rel):
            return f"{rel} is a partial (its name starts with _) and has no route"
        return f"{rel} is not a doc and has no route"


def _is_version(folder: str) -> bool:
    return folder == CURRENT or folder.startswith("version-")


def _inside(name: str, folder: str) -> str | None:
    if folder in ("", "."):
        return name
    return name[len(folder) + 1 :] if name.startswith(folder + "/") else None
