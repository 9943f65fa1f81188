"""What every site model answers, with the answers of a site that has no routes."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kbcheck.lazyre import lazy
from kbcheck.slugger import Slugger, VitePressSlugger

if TYPE_CHECKING:
    from kbcheck.config import Config
    from kbcheck.page import Page

MARKDOWN_SUFFIXES = (".md", ".mdx")


class Doc(NamedTuple):
    """A page the generator serves at a route: its version, id and route."""

    version: str
    id: str
    permalink: str


class Site:
    """A knowledge base of plain Markdown files; subclasses name their generator.

    Paths are POSIX and relative to the configuration's root (``rel``). Links
    between pages are file paths: relative to the page, or absolute from the
    root (as a Git host shows them) and from the static folders.
    """

    name = ""
    preset: str | None = None  # the built-in page type of the generator's own frontmatter
    doc_ids = False  # whether pages have ids that links may name (Docusaurus's doc ids)

    def __init__(self, config: Config) -> None:
        self.config = config
        self.source_locale = config.source_locale
        self.default_locale = config.source_locale  # the locale routes name no prefix for
        self.site_dir = join(".", config.site_dir)
        self.static_dirs = [join(self.site_dir, d) for d in config.static_dirs]
        slugs = Slugger if config.heading_ids == "github" else VitePressSlugger
        if config.heading_attrs != ("{", "}"):
            slugs = type(slugs.__name__, (slugs,), {"attrs": config.heading_attrs})
        self.slugs = slugs
        self._material: bool | None = None

    # -- files -------------------------------------------------------------------------------

    def content_roots(self) -> list[str]:
        """The folders (relative to the root) that hold pages."""
        return list(self.config.content)

    def locate(self, rel: str) -> tuple[str | None, str]:
        """(locale, key) of a file: the key is shared by a page and its translations."""
        raise NotImplementedError

    def locale_folders(self) -> dict[str, str]:
        """Folders named after a locale on disk: locale -> folder (relative to the root)."""
        out: dict[str, str] = {}
        for root in self.content_roots():
            out |= _subfolders(self.config.root, root)
        return out

    def page_type(self, rel: str) -> str | None:
        """The built-in page type of a page that names none and that no
        ``[page_types]`` glob matches: the generator's own frontmatter contract
        for its kind of page, or None to leave it to ``default_page_type``."""
        return None if self.config.default_page_type else self.preset

    def draws_title(self) -> bool:
        """Whether the theme shows a title on a page whose body has no H1: Material for
        MkDocs writes ``page.title`` (from the nav, the ``title`` or the file name)."""
        if self._material is None:
            folders = ["."] + [join(r, self.source_locale) for r in self.content_roots()]
            self._material = any(_material(self.config.root / f) for f in folders)
        return self._material

    def is_page(self, rel: str) -> bool:
        """Whether a Markdown file of the content folders is a page (not a partial)."""
        return True

    def is_built(self, rel: str) -> bool:
        """Whether the generator builds ``rel`` at all (a version left out is not)."""
        return True

    def expected_sources(self, rel: str) -> list[str]:
        """Where the source of the translation at ``rel`` would be, without extension."""
        return []

    def part_of(self, rel: str) -> str:
        """The part of the site ``rel`` belongs to (a docs version, the blog): a page
        and its translations are always in the same part."""
        return ""

    def changing_version(self, rel: str) -> bool:
        """Whether ``rel`` belongs to content that keeps changing while other
        versions of it are frozen (a translation of a frozen version must not record it)."""
        return False

    def frozen_version(self, rel: str) -> bool:
        """Whether ``rel`` belongs to a frozen copy of content (an old docs version)."""
        return False

    def version_folders(self, rel: str) -> tuple[str, str] | None:
        """For a source page of a frozen docs version: (the current docs' folder, the
        version's folder), a page of the version being a copy of the page at the
        same place in the current docs when the version was made. Else None."""
        return None

    def version(self, page: Page) -> str | None:
        """The version a page belongs to, for pages served at a route; else None."""
        return None

    # -- links -------------------------------------------------------------------------------

    def doc(self, page: Page) -> Doc | None:
        """The route of a page the generator serves at one; None: links are file paths."""
        return None

    def links_are_routes(self, page: Page) -> bool:
        """Whether a link without extension in ``page`` is a route (else a file path)."""
        return False

    def markdown_bases(self, page: Page, dest: str) -> list[str]:
        """Folders a link to ``x.md`` (``./x.md``, ``/x.md``) is looked up in, in order."""
        return self.web_roots() if dest.startswith("/") else [posixpath.dirname(page.rel)]

    def web_roots(self) -> list[str]:
        """Folders a link starting with ``/`` starts from, in order: the folders the
        generator serves at ``/`` (its source folder), then the root (as a Git host
        shows the files)."""
        return [*(join(".", root) for root in self.content_roots()), "."]

    def alias(self, dest: str) -> str | None:
        """The file a link names through a generator's alias (``@site/x``), if it does."""
        return None

    def route_of(self, rel: str) -> str | None:
        """The route of the page at ``rel``, for pages served at one."""
        return None

    def version_route(self, version: str) -> str:
        """The route every page of ``version`` is served under."""
        return ""

    def route_locale(self, locale: str | None, route: str) -> tuple[str | None, str]:
        """The locale whose pages a route from a page of ``locale`` names, and the route
        within it: an explicit ``/fr/docs/...`` in a ``fr`` page is ``/docs/...``."""
        prefix = f"/{locale}/"
        if locale != self.default_locale and route.startswith(prefix):
            return locale, route[len(prefix) - 1 :]
        return locale, route

    def version_of_route(self, route: str) -> str | None:
        """The version whose routes ``route`` is under; None: not a route of pages."""
        return None

    def page_at_route(self, locale: str | None, route: str) -> Page | None:
        return None

    def page_with_id(self, locale: str | None, version: str, page_id: str) -> Page | None:
        return None

    def id_named(self, locale: str | None, version: str, name: str) -> str | None:
        """The id of the page whose id ends with ``name``, a file name without extension."""
        return None

    def id_named_as(self, name: str) -> str:
        """The id a file called ``name`` would give its page."""
        return name

    def index(self, pages: list[Page]) -> None:
        """The pages whose routes may be asked for."""

    def with_route_base(self, route_base: str) -> Site:
        """This site with its pages served under another route base (the link rules'
        ``route_base_path`` option); a site without routes is unchanged."""
        return self

    def absolute_file_bases(self) -> list[str]:
        """Folders an absolute link to a file (``/img/x.png``) is looked up in."""
        return [*self.static_dirs, *self.web_roots()]

    def included(self, page: Page) -> list[str]:
        """The files (relative to the root) whose headings ``page`` shows as its own."""
        return []

    def has_route(self, page: Page) -> bool:
        """Whether a link can reach this page (a partial cannot)."""
        return True

    def not_routable_message(self, rel: str) -> str | None:
        """Why a file of the corpus that a link names has no route, if it has none."""
        return None


def join(base: str, rel: str) -> str:
    """``posixpath.normpath(base/rel)``, skipping the normalisation when nothing needs it."""
    rel = rel.lstrip("/")
    path = rel if base == "." else f"{base}/{rel}"
    if "./" in path or "//" in path or path.endswith((".", "/")) or not rel or not base:
        return posixpath.normpath(path)
    return path


# `theme: material`, or `name: material` in the indented lines under `theme:` (one way to
# match each line: linear whatever the file)
_MATERIAL = lazy(r"^theme:[ \t]*(?:\n(?:[ \t][^\n]*\n)*?[ \t]+name:[ \t]*)?['\"]?material\b", re.M)


def _material(folder: Path) -> bool:
    """Whether the ``mkdocs.yml`` in ``folder`` uses the Material theme."""
    try:
        return _MATERIAL.search((folder / "mkdocs.yml").read_text("utf-8", "replace")) is not None
    except OSError:
        return False


def _subfolders(root: Path, folder: str) -> dict[str, str]:
    try:
        names = [e.name for e in os.scandir(root / folder) if e.is_dir()]
    except OSError:
        return {}
    return {name: f"{join('.', folder)}/{name}/" for name in names if not name.startswith(".")}
