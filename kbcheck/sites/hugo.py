"""A Hugo site: pages in each language's ``contentDir``, served at URLs, not file paths.

- languages: ``[languages.<lang>]`` with its own ``contentDir`` (``content/en``,
  ``content/cn``), or every language in one folder with ``page.<lang>.md`` beside
  ``page.md``; the source is ``defaultContentLanguage`` (``en`` unless set). The
  configuration is ``hugo.toml``, ``hugo.yaml``, ``config.toml`` or ``config.yaml``
  in the site folder, or the files of ``config/_default/``;
- routes (pretty URLs): ``docs/a/b.md`` is ``/docs/a/b/``; ``_index.md`` (a section)
  and ``index.md`` (a page bundle) take their folder's route; ``slug`` replaces the
  last part, ``url`` the whole route, ``aliases`` add routes; paths are lower-cased
  as Hugo does (``disablePathToLower`` aside). A language other than the default
  one is served under ``/<lang>/`` (the default one too with
  ``defaultContentLanguageInSubdir``): links are looked up with or without it;
- a section with a ``[permalinks]`` pattern (``/:year/:month/:slug/``) has routes
  that depend on dates and titles: links into it and relative links out of its
  pages are not judged, nor links to routes outside the content's sections
  (taxonomies, static files, pages a theme makes).
"""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from kbcheck.sites.base import Doc, Site, join
from kbcheck.sites.plain import stem

if TYPE_CHECKING:
    from kbcheck.config import Config
    from kbcheck.page import Page

CONFIG_FILES = ("hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml")
# keys of Hugo's own, lower-cased as Hugo reads them
_HUGO_KEYS = ("baseurl", "contentdir", "languages", "defaultcontentlanguage")


class HugoConfig:
    """What a Hugo configuration says about languages and routes."""

    def __init__(self, file: str, default_language: str = "en", in_subdir: bool = False) -> None:
        self.file = file  # the configuration file, relative to the site folder
        self.default_language = default_language
        self.in_subdir = in_subdir  # defaultContentLanguageInSubdir
        self.content_dirs: dict[str, str] = {}  # language -> its contentDir
        self.permalinks: set[str] = set()  # sections with a permalink pattern
        self.heading_ids = "github"  # markup.goldmark.parser.autoHeadingIDType
        self.taxonomies = {"tags", "categories"}
        self.mounts = False  # module mounts may put more folders into the content


def read_hugo(site: Path) -> HugoConfig | None:
    """The Hugo configuration of the site in ``site``, if it is one."""
    try:
        names = {e.name for e in os.scandir(site)}
    except OSError:
        return None
    for name in CONFIG_FILES:
        data = _load(site / name) if name in names else None
        if data is not None:
            return _hugo(data, name, site)
    default = site / "config" / "_default"
    if "config" not in names or not default.is_dir():
        return None
    data = {}
    for name in CONFIG_FILES:
        data |= _load(default / name) or {}
    languages = _load(default / "languages.toml") or _load(default / "languages.yaml")
    if languages:
        data["languages"] = languages
    return _hugo(data, "config/_default/", site) if data else None


def _load(path: Path) -> dict[str, Any] | None:
    """The mapping of a TOML or YAML file, keys lower-cased at the top (Hugo ignores case)."""
    try:
        text = path.read_text("utf-8", "replace")
    except OSError:
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    from kbcheck.pyyaml import yaml

    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError):
        return None
    return {str(k).lower(): v for k, v in data.items()} if isinstance(data, dict) else None


def _hugo(data: dict[str, Any], file: str, site: Path) -> HugoConfig | None:
    if not any(key in data for key in _HUGO_KEYS):
        return None
    top = str(data.get("contentdir") or "content").strip("/")
    default = str(data.get("defaultcontentlanguage") or "en").lower()
    found = HugoConfig(file, default, data.get("defaultcontentlanguageinsubdir") is True)
    languages = data.get("languages")
    tables = languages if isinstance(languages, dict) else {}
    disabled = data.get("disablelanguages") or []
    for lang, table in tables.items():
        table = {str(k).lower(): v for k, v in table.items()} if isinstance(table, dict) else {}
        if table.get("disabled") is True or lang in disabled:
            continue
        found.content_dirs[str(lang).lower()] = str(table.get("contentdir") or top).strip("/")
    if default not in found.content_dirs:
        found.content_dirs = {default: top, **found.content_dirs}
    parser = _table(_table(_table(data, "markup"), "goldmark"), "parser")
    found.heading_ids = str(parser.get("autoheadingidtype") or "github").lower()
    taxonomies = data.get("taxonomies")
    if isinstance(taxonomies, dict):
        found.taxonomies = {str(v).lower() for v in taxonomies.values()}
    found.mounts = bool(_table(data, "module").get("mounts"))
    permalinks = data.get("permalinks")
    for key, value in (permalinks if isinstance(permalinks, dict) else {}).items():
        if isinstance(value, dict):  # [permalinks.page] / [permalinks.section]
            found.permalinks |= {str(k).lower() for k in value}
        else:
            found.permalinks.add(str(key).lower())
    if not any((site / d).is_dir() for d in found.content_dirs.values()):
        return None
    return found


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    """The table at ``key`` (any case), keys lower-cased; empty if there is none."""
    table = next((v for k, v in data.items() if str(k).lower() == key), None)
    return {str(k).lower(): v for k, v in table.items()} if isinstance(table, dict) else {}


def route_key(route: str) -> str:
    """A route as Hugo serves it, for looking up: lower-case, without its trailing slash."""
    route = unquote(route) if "%" in route else route
    return route.lower().rstrip("/") or "/"


class HugoSite(Site):
    name = "hugo"

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        hugo = read_hugo(config.root / self.site_dir)
        if hugo is None:
            hugo = HugoConfig("", self.source_locale)
            hugo.content_dirs[self.source_locale] = "content"
        self.hugo = hugo
        self.source_locale = config.source_locale
        # folder -> the language of its pages without a language suffix (the source's first)
        dirs = hugo.content_dirs
        self.folders: dict[str, str] = {}
        for lang in sorted(dirs, key=lambda lang: lang != self.source_locale):
            self.folders.setdefault(join(self.site_dir, dirs[lang]), lang)
        self.languages = set(hugo.content_dirs)
        self._pages: list[Page] = []
        self._docs: dict[str, Doc] | None = None
        self.routes: dict[tuple[str | None, str], Page] = {}  # (language, route key) -> page
        self.sections: set[str] = set()  # the first part of every known route
        self.redirects = {
            route_key(source): target
            for folder in self.static_dirs
            for source, target in _redirects(config.root / folder / "_redirects")
        }

    # -- files -------------------------------------------------------------------------------

    def content_roots(self) -> list[str]:
        if self.config.origin("content") != "default":
            return list(self.config.content)
        return list(self.folders)

    def locale_folders(self) -> dict[str, str]:
        shared = [lang for lang in self.folders.values()]
        return {lang: f"{f}/" for f, lang in self.folders.items() if shared.count(lang) == 1}

    def locate(self, rel: str) -> tuple[str | None, str]:
        name = stem(rel)
        for folder in sorted(self.folders, key=len, reverse=True):
            if folder in ("", ".") or name.startswith(folder + "/"):
                inner = name if folder in ("", ".") else name[len(folder) + 1 :]
                base, dot, tail = inner.rpartition(".")
                if dot and "/" not in tail and tail.lower() in self.languages:
                    return tail.lower(), base
                return self.folders[folder], inner
        return None, name

    def expected_sources(self, rel: str) -> list[str]:
        locale, key = self.locate(rel)
        if locale in (None, self.source_locale):
            return []
        folder = join(self.site_dir, self.hugo.content_dirs.get(self.source_locale, "content"))
        return [join(folder, key)]

    # -- links -------------------------------------------------------------------------------

    def index(self, pages: list[Page]) -> None:
        self._pages = pages
        self._docs = None

    @property
    def docs(self) -> dict[str, Doc]:
        """Every page's route, computed when a link first needs one."""
        if self._docs is None:
            self._docs = {}
            for page in self._pages:
                if page.locale is None:
                    continue
                routes = self._routes(page)
                if not routes:
                    continue
                self._docs[page.rel] = Doc("", page.key, self._prefix(page.locale) + routes[0])
                prefix = f"/{page.locale}/"
                for route in routes:
                    key = route_key(route)
                    if key.startswith(prefix):  # a `url` or alias that names the language
                        key = key[len(prefix) - 1 :]
                    self.routes.setdefault((page.locale, key), page)
                    self.sections.add(key.split("/")[1])
        return self._docs

    def _routes(self, page: Page) -> list[str]:
        """The page's route (first) and its aliases, without the language prefix."""
        data = page.data
        parts = page.key.split("/")
        url = data.get("url")
        if isinstance(url, str) and url.strip():
            route = "/" + url.strip().lstrip("/")
        elif len(parts) > 1 and parts[0].lower() in self.hugo.permalinks:
            return []
        else:
            folder, name = parts[:-1], parts[-1]
            slug = data.get("slug")
            if name not in ("_index", "index"):
                folder.append(str(slug) if isinstance(slug, (str, int)) and slug != "" else name)
            route = "/" + "/".join(folder) + "/" if folder else "/"
        routes = [route.replace(" ", "-")]
        aliases = data.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str) and alias.strip():
                alias = alias.strip()
                at = alias if alias.startswith("/") else posixpath.join(route, "..", alias)
                routes.append("/" + posixpath.normpath(at).lstrip("/"))
        return routes

    def _prefix(self, lang: str) -> str:
        default = lang == self.hugo.default_language and not self.hugo.in_subdir
        return "" if default else f"/{lang}"

    def route_locale(self, locale: str | None, route: str) -> tuple[str | None, str]:
        """A route under ``/<lang>/`` names a page of that language; any other, a page of
        the default language (served at ``/``), whatever the language of the link's page.
        A route the host redirects (Netlify's ``static/_redirects``) names the target."""
        route = self.redirects.get(route_key(route), route)
        first, _, rest = route.strip("/").partition("/")
        if first.lower() in self.languages:
            return first.lower(), "/" + rest
        return self.hugo.default_language, route

    def doc(self, page: Page) -> Doc | None:
        return self.docs.get(page.rel)

    def links_are_routes(self, page: Page) -> bool:
        return page.locale is not None

    def route_of(self, rel: str) -> str | None:
        doc = self.docs.get(rel)
        return doc.permalink if doc is not None else None

    def version_of_route(self, route: str) -> str | None:
        """``""`` for a route of pages; None for a route Hugo or the host may serve
        otherwise (not judged): a taxonomy's, a section with a permalink pattern, a
        folder or file of the static folders, and any route outside the content's
        sections when module mounts may add content."""
        self.docs  # noqa: B018 (builds the index)
        first = route_key(route).split("/")[1]
        hugo = self.hugo
        if not first or first in hugo.permalinks or first in hugo.taxonomies:
            return None
        if first in self.sections:
            return ""
        if hugo.mounts or any(
            os.path.exists(self.config.root / d / first) for d in self.static_dirs
        ):
            return None
        return ""

    def page_at_route(self, locale: str | None, route: str) -> Page | None:
        self.docs  # noqa: B018
        key = route_key(route)
        if key.endswith("/index.html"):
            key = key[: -len("/index.html")] or "/"
        return self.routes.get((locale, key))

    def page_with_id(self, locale: str | None, version: str, page_id: str) -> Page | None:
        return None


def _redirects(path: Path) -> list[tuple[str, str]]:
    """(source, target) of each redirect of a Netlify ``_redirects`` file."""
    try:
        lines = path.read_text("utf-8", "replace").splitlines()
    except OSError:
        return []
    fields = (line.split() for line in lines if line.strip() and not line.lstrip().startswith("#"))
    return [(f[0], f[1]) for f in fields if len(f) > 1 and f[0].startswith("/")]


def find_hugo(root: Path) -> tuple[Path, HugoConfig] | None:
    """The Hugo site in ``root`` or a folder right below it, with its configuration."""
    try:
        below = sorted(e.name for e in os.scandir(root) if e.is_dir())
    except OSError:
        below = []
    skip = ("node_modules", "themes")  # a theme's own exampleSite is not the site
    for folder in (root, *(root / n for n in below if n[0] != "." and n not in skip)):
        hugo = read_hugo(folder)
        if hugo is not None:
            return folder, hugo
    return None
