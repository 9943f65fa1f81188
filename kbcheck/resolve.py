"""Where an internal link lands, decided the way the site generator decides it.

One ``Resolver`` is built per run (``resolver(ctx, options)`` memoises it) and
indexes the corpus once: pages by path and by (locale, key), and for the
``docusaurus`` layout every doc's id and route, computed as
``@docusaurus/plugin-content-docs`` 3 computes them (number prefixes stripped,
``id`` replacing the file name, ``slug`` absolute or relative, ``index.md``,
``README.md`` and ``<folder>/<folder>.md`` as category index). Each link then
costs a few dictionary look-ups; results are cached per page so the KB3xx
rules share them.

A link is one of:

- an anchor on the same page (``#id``);
- a Markdown file (``x.md``, ``x.mdx``, ``@site/docs/x.md``), looked up the way
  Docusaurus does: ``./`` and ``../`` from the file's folder only, ``/x.md``
  from the content folders then the site folder, ``x.md`` from all three;
- an image or another file with an extension: relative to the page, absolute
  in the static folders, ``@site/`` from the site folder;
- anything else: in Docusaurus a route, resolved like a browser against the
  page's own route (so ``intro`` from the index doc ``/docs/guide/`` is
  ``/docs/guide/intro``); in other layouts a file path without extension or a
  folder with an index page.

A translated page resolves within its own locale first; when only the source
locale has the page, the link works through the fallback (reported by KB304)
or, with ``translations.fallback_to_source = false``, is broken.
"""

from __future__ import annotations

import difflib
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote

from pydantic import BaseModel, ConfigDict

from kbcheck.layout import MARKDOWN_SUFFIXES, locate
from kbcheck.page import Link, Page
from kbcheck.slugger import slug

if TYPE_CHECKING:
    from kbcheck.context import Context
    from kbcheck.corpus import Corpus

_EXTERNAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")  # http:, mailto:, pathname:, //host
_NUMBER_PREFIX = re.compile(r"^\d+\s*[-_.]+\s*([^-_.\s].*)$")
_NOT_A_PREFIX = re.compile(r"^\d+[-_.]\d+")  # dates and versions: 2024-01-x, 1.2-x
_MULTI_SLASH = re.compile(r"/{2,}")
_ROUTE_LIKE = (".md", ".mdx", ".html")  # extensions that Docusaurus does not treat as files
_DOCS_PLUGIN = "docusaurus-plugin-content-docs"


class LinkOptions(BaseModel):
    """Options of the internal-link rules (KB301-KB304)."""

    model_config = ConfigDict(extra="forbid")
    route_base_path: str = "docs"  # the docs plugin's routeBasePath; "/" for a docs-only site


@dataclass(frozen=True)
class Resolved:
    """A link worth reporting: broken (``problem``) or reached through the fallback."""

    link: Link
    problem: str | None  # "page", "anchor", "file"; None when it works
    message: str = ""
    target: Page | None = None
    fallback: bool = False  # reached only through the source locale


@dataclass(frozen=True)
class Doc:
    version: str  # "current" or "version-X"
    id: str
    permalink: str


class _Found(NamedTuple):
    page: Page | None  # None: a file on disk outside the corpus
    fallback: bool


def resolver(ctx: Context, options: LinkOptions) -> Resolver:
    """The run's resolver for this route base, built once and shared by the rules."""
    base = "/" + options.route_base_path.strip("/")
    base = "" if base == "/" else base
    return ctx.memo(f"kbcheck.resolve:{base}", lambda: Resolver(ctx.corpus, base))


class Resolver:
    def __init__(self, corpus: Corpus, route_base: str = "/docs") -> None:
        config = corpus.config
        self.config = config
        self.by_rel = corpus.by_rel
        self.by_key = corpus.by_key
        self.source = config.source_locale
        self.fallback = config.translations.fallback_to_source
        self.site = _join(".", config.site_dir)
        self.static = [_join(self.site, d) for d in config.static_dirs]
        self.docusaurus = config.layout == "docusaurus"
        self.docs: dict[str, Doc] = {}  # page.rel -> doc
        self.routes: dict[tuple[str | None, str], Page] = {}  # (locale, route) -> page
        self.ids: dict[tuple[str | None, str, str], Page] = {}  # (locale, version, id) -> page
        self.base_ids: dict[tuple[str | None, str, str], str] = {}  # ... last id part -> id
        self.version_paths: dict[str, str] = {}
        self._files: dict[str, bool] = {}
        self._anchors: dict[str, set[str]] = {}
        self._done: dict[str, list[Resolved]] = {}
        if self.docusaurus:
            self._index_docs(corpus, route_base)

    # -- the index ---------------------------------------------------------------------------

    def _index_docs(self, corpus: Corpus, base: str) -> None:
        versions = self._versions()
        self.version_paths["current"] = f"{base}/next" if versions else base
        for name in versions:
            path = base if name == versions[0] else f"{base}/{name}"
            self.version_paths[f"version-{name}"] = path
        for page in corpus.pages:
            version, _, inner = page.key.partition("/")
            if page.locale is None or version not in self.version_paths or not inner:
                continue
            if any(part.startswith("_") for part in inner.split("/")):
                continue  # partials: excluded from the docs by Docusaurus' default `exclude`
            doc_id, doc_slug = doc_route(inner + posixpath.splitext(page.rel)[1], page.data)
            permalink = _MULTI_SLASH.sub("/", f"{self.version_paths[version]}/{doc_slug}")
            self.docs[page.rel] = Doc(version, doc_id, permalink)
            self.routes.setdefault((page.locale, _route_key(permalink)), page)
            self.ids.setdefault((page.locale, version, doc_id), page)
            self.base_ids.setdefault((page.locale, version, doc_id.rpartition("/")[2]), doc_id)

    def _versions(self) -> list[str]:
        path = self.config.root / self.site / "versions.json"
        try:
            names = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return []
        return [str(n) for n in names] if isinstance(names, list) else []

    # -- per page ----------------------------------------------------------------------------

    def problems(self, page: Page) -> list[Resolved]:
        """The links of ``page`` that are broken or work only through the fallback."""
        done = self._done.get(page.rel)
        if done is None:
            done = [r for link in page.links if (r := self.resolve(page, link)) is not None]
            self._done[page.rel] = done
        return done

    def resolve(self, page: Page, link: Link) -> Resolved | None:
        """Resolve one link; ``None`` when it is external or simply works."""
        dest = link.dest.strip()
        if not dest or link.kind == "autolink" or _EXTERNAL.match(dest):
            return None
        path, _, fragment = dest.partition("#")
        path = path.partition("?")[0]
        if not path:
            return self._anchor(page, link, page, fragment, False)
        decoded = unquote(path)
        ext = posixpath.splitext(decoded.rstrip("/"))[1].lower()
        if link.kind == "image" or (ext and ext not in _ROUTE_LIKE):
            return self._file(page, link, decoded, fragment)
        if ext in MARKDOWN_SUFFIXES or decoded.startswith("@site/"):
            found, missing = self._markdown(page, decoded)
        elif page.rel in self.docs:
            found, missing = self._route(page, decoded)
        else:
            found, missing = self._plain(page, decoded)
        if found is None:
            return Resolved(link, "page", missing) if missing else None
        if found.page is None:
            return None  # a file on disk outside the corpus: nothing to check inside
        return self._anchor(page, link, found.page, fragment, found.fallback)

    # -- kinds of links ----------------------------------------------------------------------

    def _markdown(self, page: Page, decoded: str) -> tuple[_Found | None, str]:
        here = posixpath.dirname(page.rel)
        if decoded.startswith("@site/"):
            tries = [_join(self.site, decoded[6:])]
        elif page.rel in self.docs:
            roots = [*self._content_dirs(page), self.site]
            if decoded.startswith("/"):
                bases = roots
            elif decoded.startswith(("./", "../")):
                bases = [here]
            else:
                bases = [here, *roots]
            tries = list(dict.fromkeys(_join(b, decoded.lstrip("/")) for b in bases))
        else:
            tries = [_join(here, decoded) if not decoded.startswith("/") else _join(".", decoded)]
        found, blocked = self._find(page, tries)
        if found is not None:
            return found, ""
        if self.docusaurus and tries[0] in self.by_rel and tries[0] not in self.docs:
            return None, f"{tries[0]} is not a doc (a partial, or outside the docs) and has no route"
        message = f"no page {tries[0]}"
        if tries[1:]:
            message += f" (also tried {', '.join(tries[1:])})"
        return None, message + self._blocked(blocked) + self._id_hint(page, tries[0])

    def _plain(self, page: Page, decoded: str) -> tuple[_Found | None, str]:
        """A path without extension outside Docusaurus routes: a page file or a folder index."""
        here = posixpath.dirname(page.rel)
        base = _join(".", decoded) if decoded.startswith("/") else _join(here, decoded)
        name = posixpath.basename(base)
        index = [f"{base}/{n}{s}" for n in ("index", "README", name) for s in MARKDOWN_SUFFIXES]
        folder = decoded.endswith("/")
        found, blocked = self._find(page, index if folder else [base + ".md", base + ".mdx", *index])
        if found is not None or self._is_file(base):
            return found or _Found(None, False), ""
        message = f"no index.md, README.md or {name}.md in {base}/"
        if not folder:
            message = f"no page {base}.md or {base}.mdx, and {message}"
        return None, message + self._blocked(blocked)

    def _route(self, page: Page, decoded: str) -> tuple[_Found | None, str]:
        """A Docusaurus route, absolute or relative to the page's own route."""
        doc = self.docs[page.rel]
        route = resolve_pathname(decoded, doc.permalink)
        prefix = f"/{page.locale}/"
        if page.locale != self.source and route.startswith(prefix):
            route = route[len(prefix) - 1 :]  # an explicit /fr/docs/... in a fr page
        version = self._version_of(route)
        if version is None:
            return None, ""  # a page, blog post or asset outside the docs: not ours to judge
        key = _route_key(route)
        found = self._lookup(page, lambda loc: self.routes.get((loc, key)))
        if found is not None and (not found.fallback or self.fallback):
            return found, ""
        message = f"no doc at route {route}"
        if found is not None:
            return None, message + self._blocked(found.page)
        doc_id = key[len(self.version_paths[version]) :].strip("/")
        target = self._lookup(page, lambda loc: self.ids.get((loc, version, doc_id)))
        if target is not None and target.page is not None:
            where = self.docs[target.page.rel].permalink
            message += f"; doc id {doc_id} is {target.page.rel}, whose route is {where}"
        else:
            message += f"; no doc with id {doc_id or '(none)'}"
        beside = _join(posixpath.dirname(page.rel), decoded.rstrip("/"))
        named = target.page.rel if target is not None and target.page is not None else None
        for rel in (beside + ".md", beside + ".mdx"):
            if rel in self.docs and rel != named:
                message += f"; {rel} exists but its route is {self.docs[rel].permalink}"
        return None, message

    def _file(self, page: Page, link: Link, decoded: str, fragment: str) -> Resolved | None:
        if decoded.startswith("@site/"):
            tries = [_join(self.site, decoded[6:])]
        elif decoded.startswith("/"):
            tries = [_join(d, decoded[1:]) for d in self.static]
            if not self.docusaurus:
                tries.append(_join(".", decoded))  # repository-absolute, as a Git host shows it
        else:
            tries = [_join(posixpath.dirname(page.rel), decoded)]
        if any(self._is_file(rel) for rel in tries):
            return None
        if link.kind != "image" and page.rel in self.docs and not decoded.startswith("@site/"):
            found, _ = self._route(page, decoded)  # a route may look like a file name: v1.2
            if found is not None and found.page is not None:
                return self._anchor(page, link, found.page, fragment, found.fallback)
        message = f"no file {tries[0]}"
        if tries[1:]:
            message += f" (also tried {', '.join(tries[1:])})"
        source = self.by_key.get((self.source, page.key)) if page.locale != self.source else None
        if source is not None and not decoded.startswith(("/", "@site/")):
            beside = _join(posixpath.dirname(source.rel), decoded)
            if self._is_file(beside):
                message += f"; {beside} exists beside the source page, but files resolve"
                message += " relative to the translated page"
        return Resolved(link, "file", message)

    def _anchor(
        self, page: Page, link: Link, target: Page, fragment: str, fallback: bool
    ) -> Resolved | None:
        anchors = self._anchors_of(target)
        if fragment and fragment not in anchors and unquote(fragment) not in anchors:
            wanted = unquote(fragment)
            where = "this page" if target is page else target.rel
            message = f"no anchor #{wanted} {'on' if target is page else 'in'} {where}"
            for heading in target.headings:
                if heading.explicit_id and slug(heading.text) == wanted:
                    message += f"; the heading {heading.text!r} has the explicit id"
                    message += f" #{heading.explicit_id}, which replaces its generated slug"
                    break
            close = difflib.get_close_matches(wanted, sorted(anchors), n=3, cutoff=0.5)
            if close:
                message += "; closest: " + ", ".join(f"#{a}" for a in close)
            elif not anchors:
                message += f"; {where} has no anchors"
            return Resolved(link, "anchor", message, target, fallback)
        return Resolved(link, None, "", target, True) if fallback else None

    # -- look-ups ----------------------------------------------------------------------------

    def _find(self, page: Page, tries: list[str]) -> tuple[_Found | None, Page | None]:
        """The first candidate reached in the page's own locale, else through the fallback.

        Returns (found, blocked): ``blocked`` is a source page that only the
        disabled fallback would have reached.
        """
        hits = [hit for rel in tries if (hit := self._page_at(page, rel)) is not None]
        for hit in hits:
            if not hit.fallback:
                return hit, None
        if hits and self.fallback:
            return hits[0], None
        for rel in tries:
            if self._is_file(rel) and rel not in self.by_rel:
                return _Found(None, False), None  # on disk, outside the corpus (ignored?)
        return None, hits[0].page if hits else None

    def _page_at(self, page: Page, rel: str) -> _Found | None:
        target = self.by_rel.get(rel)
        translated = page.locale not in (None, self.source)
        if target is not None:
            if self.docusaurus and target.locale is not None and rel not in self.docs:
                return None  # a partial or another plugin's file: no route
            if translated and target.locale == self.source:
                own = self.by_key.get((page.locale, target.key))
                return _Found(own, False) if own is not None else _Found(target, True)
            return _Found(target, False)
        if translated and rel.endswith(MARKDOWN_SUFFIXES):
            locale, key = locate(rel, self.config)  # only on a miss: cheap enough
            source = self.by_key.get((self.source, key)) if locale == page.locale else None
            if source is not None and (not self.docusaurus or source.rel in self.docs):
                return _Found(source, True)
        return None

    def _lookup(self, page: Page, get: Callable[[str | None], Page | None]) -> _Found | None:
        own = get(page.locale)
        if own is not None:
            return _Found(own, False)
        source = get(self.source) if page.locale != self.source else None
        return _Found(source, True) if source is not None else None

    def _blocked(self, source: Page | None) -> str:
        if source is None:
            return ""
        return f"; {source.rel} exists only in the source locale (fallback_to_source is off)"

    def _id_hint(self, page: Page, rel: str) -> str:
        """When a .md link misses, name the doc whose id the file name looks like."""
        doc = self.docs.get(page.rel)
        if doc is None:
            return ""
        base_id = strip_number_prefix(posixpath.splitext(posixpath.basename(rel))[0])
        doc_id = self.base_ids.get((page.locale, doc.version, base_id))
        if doc_id is None:
            return f"; no doc with id {base_id}"
        return f"; doc id {doc_id} is {self.ids[(page.locale, doc.version, doc_id)].rel}"

    def _content_dirs(self, page: Page) -> list[str]:
        version = self.docs[page.rel].version
        source = _join(self.site, "docs" if version == "current" else f"versioned_docs/{version}")
        if page.locale == self.source:
            return [source]
        return [_join(self.site, f"i18n/{page.locale}/{_DOCS_PLUGIN}/{version}"), source]

    def _version_of(self, route: str) -> str | None:
        key = _route_key(route)
        best = None
        for version, path in self.version_paths.items():
            if (key == (path or "/") or key.startswith(path + "/")) and (
                best is None or len(path) > len(self.version_paths[best])
            ):
                best = version
        return best

    def _anchors_of(self, page: Page) -> set[str]:
        anchors = self._anchors.get(page.rel)
        if anchors is None:
            anchors = self._anchors[page.rel] = page.anchors
        return anchors

    def _is_file(self, rel: str) -> bool:
        known = self._files.get(rel)
        if known is None:
            known = self._files[rel] = (self.config.root / rel).is_file()
        return known


# -- Docusaurus' doc ids and routes ----------------------------------------------------------


def strip_number_prefix(name: str) -> str:
    """``01-intro`` -> ``intro``, as DefaultNumberPrefixParser; ``2024-01-x`` stays."""
    if _NOT_A_PREFIX.match(name):
        return name
    match = _NUMBER_PREFIX.match(name)
    return match[1] if match else name


def doc_route(source: str, data: dict) -> tuple[str, str]:
    """(doc id, slug) of a doc from its path inside the content folder and its frontmatter."""
    parse = data.get("parse_number_prefixes", True) is not False
    folder = posixpath.dirname(source) or "."
    stem = posixpath.splitext(posixpath.basename(source))[0]
    declared = data.get("id")
    base_id = str(declared) if isinstance(declared, (str, int, float)) and declared != "" else None
    base_id = base_id or (strip_number_prefix(stem) if parse else stem)
    stripped = "/".join(map(strip_number_prefix, folder.split("/"))) if parse else folder
    doc_id = base_id if folder == "." else f"{stripped}/{base_id}"
    declared_slug = data.get("slug")
    fm_slug = str(declared_slug) if isinstance(declared_slug, (str, int, float)) else ""
    if fm_slug.startswith("/"):
        return doc_id, fm_slug
    folder_slug = "/" if folder == "." else "/" + stripped.strip("/") + "/"
    if not fm_slug and stem.lower() in ("index", "readme", folder.split("/")[-1].lower()):
        return doc_id, folder_slug  # a category index takes its folder's route
    return doc_id, resolve_pathname(fm_slug or base_id, folder_slug)


def resolve_pathname(to: str, base: str) -> str:
    """Resolve ``to`` against the path ``base`` like a browser (``resolve-pathname``)."""
    joined = to if to.startswith("/") else base[: base.rfind("/") + 1] + to
    trailing = joined.endswith(("/", "/.", "/..")) or joined in (".", "..")
    resolved = "/" + posixpath.normpath(joined).lstrip("/")
    return resolved + "/" if trailing and resolved != "/" else resolved


def _route_key(route: str) -> str:
    """Docusaurus accepts a route with or without its trailing slash."""
    return route.rstrip("/") or "/"


def _join(base: str, rel: str) -> str:
    return posixpath.normpath(posixpath.join(base, rel))
