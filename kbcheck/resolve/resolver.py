"""The resolver: one index of the corpus per run, a few look-ups per link."""

from __future__ import annotations

import difflib
import os
import posixpath
import stat
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote

from kbcheck.lazyre import lazy
from kbcheck.page import Link, Page
from kbcheck.settings import settings
from kbcheck.sites import MARKDOWN_SUFFIXES, site_of
from kbcheck.sites.base import join as _join
from kbcheck.sites.routes import resolve_pathname
from kbcheck.slugger import slug
from kbcheck.validation import STRICT

if TYPE_CHECKING:
    from kbcheck.corpus import Corpus

_EXTERNAL = lazy(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")  # http:, mailto:, pathname:, //host
_PLACEHOLDER = lazy(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
_ROUTE_LIKE = (".md", ".mdx", ".html")  # extensions that Docusaurus does not treat as files


@settings
class LinkOptions:
    """Options of the internal-link rules (KB301-KB304)."""

    __pydantic_config__ = STRICT
    route_base_path: str | None = None  # the docs plugin's routeBasePath; default: the site's


class Resolved(NamedTuple):
    """A link worth reporting: broken (``problem``) or reached through the fallback."""

    link: Link
    problem: str | None  # "page", "anchor", "file"; None when it works
    message: str = ""
    target: Page | None = None
    fallback: bool = False  # reached only through the source locale


class _Found(NamedTuple):
    page: Page | None  # None: a file on disk outside the corpus
    fallback: bool


class Resolver:
    def __init__(self, corpus: Corpus, route_base: str | None = None) -> None:
        config = corpus.config
        self.config = config
        self.by_rel = corpus.by_rel
        self.by_key = corpus.by_key
        self.source = config.source_locale
        self.fallback = config.translations.fallback_to_source
        self._root = str(config.root)  # joined as text: a Path per look-up costs more than the stat
        self.site = site_of(config)
        if route_base is not None:
            self.site = self.site.with_route_base(route_base)
        self.site.index(corpus.pages)
        self._files: dict[str, bool | str] = {}  # rel -> is a file, or why it cannot be
        self._names: dict[str, frozenset[str] | None] = {}  # folder -> its entries, if listed
        self._why: list[str] = []  # why candidates of the link being resolved were unreachable
        self._anchor_messages: dict[tuple[str, str, bool], str] = {}
        self._folders: dict[str, str] = {}
        self._done: dict[str, list[Resolved]] = {}
        self._anchors: dict[str, set[str]] = {}  # rel -> ids, with those of included files
        self._shown: dict[str, Page | None] = {}  # included files outside the corpus
        # ids made by a function of the site's own: known up to case and punctuation
        self.custom_ids = config.heading_ids == "custom"
        self._loose_anchors: dict[str, set[str]] = {}

    # -- per page ----------------------------------------------------------------------------

    def problems(self, page: Page) -> list[Resolved]:
        """The links of ``page`` that are broken or work only through the fallback."""
        done = self._done.get(page.rel)
        if done is None:
            done = [r for link in page.links if (r := self.resolve(page, link)) is not None]
            self._done[page.rel] = done
        return done

    def resolve(self, page: Page, link: Link) -> Resolved | None:
        """Resolve one link; ``None`` when it is external or simply works. A broken
        link's message says why a candidate could not be looked at, if one could not."""
        self._why.clear()
        resolved = self._resolve(page, link)
        if resolved is not None and resolved.problem and self._why:
            return resolved._replace(message=f"{resolved.message}; {self._why[0]}")
        return resolved

    def _resolve(self, page: Page, link: Link) -> Resolved | None:
        """Resolve one link; ``None`` when it is external or simply works.

        This runs for every link of a run: string methods only, no regex unless
        the link has a colon, and candidates are built lazily.
        """
        dest = link.dest
        if not dest or link.kind == "autolink" or _is_template(dest):
            return None
        if (":" in dest or dest.startswith("//")) and _EXTERNAL.match(dest):
            return None
        path, _, fragment = dest.partition("#")
        if "?" in path:
            path = path[: path.index("?")]
        if not path:
            return self._anchor(page, link, page, fragment, False)
        decoded = unquote(path) if "%" in path else path
        if link.kind == "image":
            return self._file(page, link, decoded, fragment)
        reached = self._reach(page, decoded)
        if reached is None:
            return self._file(page, link, decoded, fragment)
        found, missing = reached
        if found is None:
            return Resolved(link, "page", missing) if missing else None
        if found.page is None or not (fragment or found.fallback):
            return None  # works (or is a file on disk outside the corpus)
        return self._anchor(page, link, found.page, fragment, found.fallback)

    def target(self, page: Page, link: Link) -> Page | None:
        """The page a link reaches, anchors aside; ``None`` for anything else."""
        dest = link.dest
        if not dest or link.kind in ("autolink", "image") or _EXTERNAL.match(dest):
            return None
        path = dest.partition("#")[0].partition("?")[0]
        decoded = unquote(path) if "%" in path else path
        reached = self._reach(page, decoded) if decoded else None
        return reached[0].page if reached is not None and reached[0] is not None else None

    def _reach(self, page: Page, decoded: str) -> tuple[_Found | None, str] | None:
        """Where a link to a page goes, and if nowhere, why; ``None`` for a file link."""
        if decoded.lower().endswith(MARKDOWN_SUFFIXES):
            return self._markdown(page, decoded)
        if _has_file_extension(decoded) or self.site.alias(decoded) is not None:
            return None
        if self.site.links_are_routes(page):
            return self._route(page, decoded)
        return self._plain(page, decoded)

    # -- kinds of links ----------------------------------------------------------------------

    def _markdown(self, page: Page, decoded: str) -> tuple[_Found | None, str]:
        site = self.site
        aliased = site.alias(decoded)
        if aliased is None and not decoded.startswith("/"):
            # the common case first: a file beside the page, in the page's own locale
            target = self.by_rel.get(_join(self._folder(page), decoded))
            if target is not None and target.locale == page.locale and site.has_route(target):
                return _Found(target, False), ""
        if aliased is not None:
            tries: Iterable[str] = [aliased]
        else:
            tries = (_join(b, decoded) for b in site.markdown_bases(page, decoded))
        found, blocked, tried = self._find(page, tries)
        if found is not None:
            return found, ""
        first = self.by_rel.get(tried[0])
        why = site.not_routable_message(tried[0]) if first is not None else None
        if why is not None and not site.has_route(first):
            return None, why
        tries = tried
        message = f"no page {tries[0]}"
        if tries[1:]:
            message += f" (also tried {', '.join(tries[1:])})"
        hint = self._blocked(blocked) if blocked else self._id_hint(page, tries[0])
        return None, message + hint

    def _plain(self, page: Page, decoded: str) -> tuple[_Found | None, str]:
        """A path without extension outside Docusaurus routes: a page file or a folder index."""
        folder = decoded.endswith("/")
        bases = [_join(b, decoded) for b in self.site.markdown_bases(page, decoded)]
        tries = []
        for base in bases:
            name = posixpath.basename(base)
            if name.endswith(".html"):  # the page VitePress or MkDocs writes for name.md
                tries += [base[:-5] + ".md", base[:-5] + ".mdx"]
            index = [f"{base}/{n}{s}" for n in ("index", "README", name) for s in MARKDOWN_SUFFIXES]
            tries += index if folder else [base + ".md", base + ".mdx", *index]
        found, blocked, _ = self._find(page, tries)
        if found is not None or any(self._is_file(rel) for rel in self._tries(page, decoded)):
            return found or _Found(None, False), ""
        base = bases[0]
        name = posixpath.basename(base)
        message = f"no index.md, README.md or {name}.md in {base}/"
        if not folder:
            message = f"no page {base}.md or {base}.mdx, and {message}"
        return None, message + self._blocked(blocked)

    def _route(self, page: Page, decoded: str) -> tuple[_Found | None, str]:
        """A route, absolute or relative to the page's own route (when it has one)."""
        site = self.site
        doc = site.doc(page)
        if doc is None and not decoded.startswith("/"):
            return None, ""  # relative to a route the site model does not know
        route = resolve_pathname(decoded, doc.permalink) if doc is not None else decoded
        locale, route = site.route_locale(page.locale, route)
        version = site.version_of_route(route)
        if version is None:
            return None, ""  # a page, blog post or asset outside the docs: not ours to judge
        key = route.rstrip("/") or "/"
        found = self._lookup(locale, lambda loc: site.page_at_route(loc, key))
        if found is not None and (not found.fallback or self.fallback):
            return found, ""
        message = f"no doc at route {route}"
        if found is not None:
            return None, message + self._blocked(found.page)
        if not site.doc_ids:
            return None, message
        base = site.version_route(version)
        doc_id = key[len(base) :].strip("/") if key.startswith(base) else ""
        target = self._lookup(locale, lambda loc: site.page_with_id(loc, version, doc_id))
        if target is not None and target.page is not None:
            where = site.route_of(target.page.rel)
            message += f"; doc id {doc_id} is {target.page.rel}, whose route is {where}"
        else:
            message += f"; no doc with id {doc_id or '(none)'}"
        beside = _join(self._folder(page), decoded.rstrip("/"))
        named = target.page.rel if target is not None and target.page is not None else None
        for rel in (beside + ".md", beside + ".mdx"):
            where = site.route_of(rel)
            if where is not None and rel != named:
                message += f"; {rel} exists but its route is {where}"
        return None, message

    def file_of(self, page: Page, dest: str) -> str | None:
        """The file (config-relative) a local image or file link of ``page`` names;
        None for external links and files that do not exist."""
        if not dest or _is_template(dest):
            return None
        if (":" in dest or dest.startswith("//")) and _EXTERNAL.match(dest):
            return None
        path = dest.partition("#")[0].partition("?")[0]
        decoded = unquote(path) if "%" in path else path
        return next((rel for rel in self._tries(page, decoded) if self._is_file(rel)), None)

    def _tries(self, page: Page, decoded: str) -> list[str]:
        aliased = self.site.alias(decoded)
        if aliased is not None:
            return [aliased]
        if decoded.startswith("/"):
            return [_join(d, decoded[1:]) for d in self.site.absolute_file_bases()]
        return [_join(self._folder(page), decoded)]

    def _file(self, page: Page, link: Link, decoded: str, fragment: str) -> Resolved | None:
        aliased = self.site.alias(decoded)
        tries = self._tries(page, decoded)
        if any(self._is_file(rel) for rel in tries):
            return None
        if link.kind != "image" and self.site.doc(page) is not None and aliased is None:
            found, _ = self._route(page, decoded)  # a route may look like a file name: v1.2
            if found is not None and found.page is not None:
                return self._anchor(page, link, found.page, fragment, found.fallback)
        message = f"no file {tries[0]}"
        if tries[1:]:
            message += f" (also tried {', '.join(tries[1:])})"
        source = self.by_key.get((self.source, page.key)) if page.locale != self.source else None
        if source is not None and not decoded.startswith("/") and aliased is None:
            beside = _join(posixpath.dirname(source.rel), decoded)
            if self._is_file(beside):
                message += f"; {beside} exists beside the source page, but files resolve"
                message += " relative to the translated page"
        return Resolved(link, "file", message)

    def anchors(self, page: Page) -> set[str]:
        """The ids on ``page``: its own, and those of the files it shows (MDX imports)."""
        anchors = self._anchors.get(page.rel)
        if anchors is None:
            self._anchors[page.rel] = page.anchors  # an import cycle adds nothing twice
            anchors = set(page.anchors)
            for rel in self.site.included(page):
                shown = self.by_rel.get(rel) or self._outside(rel)
                if shown is not None:
                    anchors |= self.anchors(shown)
            self._anchors[page.rel] = anchors
        return anchors

    def _loose(self, page: Page) -> set[str]:
        loose = self._loose_anchors.get(page.rel)
        if loose is None:
            loose = self._loose_anchors[page.rel] = {_loose(a) for a in self.anchors(page)}
        return loose

    def _outside(self, rel: str) -> Page | None:
        """A file outside the corpus that a page shows, read when first asked for."""
        if rel not in self._shown:
            found = self._is_file(rel) and rel.endswith(MARKDOWN_SUFFIXES)
            self._shown[rel] = Page(rel, file=self.config.root / rel, rel=rel) if found else None
        return self._shown[rel]

    def _anchor(
        self, page: Page, link: Link, target: Page, fragment: str, fallback: bool
    ) -> Resolved | None:
        anchors = self.anchors(target)
        if fragment and fragment not in anchors and unquote(fragment) not in anchors:
            wanted = unquote(fragment)
            if self.custom_ids and _loose(wanted) in self._loose(target):
                return Resolved(link, None, "", target, True) if fallback else None
            key = (target.rel, wanted, target is page)
            message = self._anchor_messages.get(key)
            if message is None:  # one message for every link to the same missing anchor
                message = self._anchor_messages[key] = self._no_anchor(page, target, wanted)
            return Resolved(link, "anchor", message, target, fallback)
        return Resolved(link, None, "", target, True) if fallback else None

    def _no_anchor(self, page: Page, target: Page, wanted: str) -> str:
        anchors = self.anchors(target)
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
        return message

    # -- look-ups ----------------------------------------------------------------------------

    def _find(
        self, page: Page, tries: Iterable[str]
    ) -> tuple[_Found | None, Page | None, list[str]]:
        """The first candidate reached in the page's own locale, else through the fallback.

        Candidates are tried lazily: the first one usually hits. Returns (found,
        blocked, candidates tried): ``blocked`` is a source page that only the
        disabled fallback would have reached.
        """
        tried: list[str] = []
        fallback = None
        for rel in tries:
            if rel in tried:
                continue
            tried.append(rel)
            hit = self._page_at(page, rel)
            if hit is not None and not hit.fallback:
                return hit, None, tried
            fallback = fallback or hit
        if fallback is not None:
            return (fallback, None, tried) if self.fallback else (None, fallback.page, tried)
        for rel in tried:
            if rel not in self.by_rel and self._is_file(rel):
                return _Found(None, False), None, tried  # on disk, outside the corpus
        return None, None, tried

    def _page_at(self, page: Page, rel: str) -> _Found | None:
        target = self.by_rel.get(rel)
        translated = page.locale not in (None, self.source)
        if target is not None:
            if not self.site.has_route(target):
                return None  # a partial: no route
            if translated and target.locale == self.source:
                own = self.by_key.get((page.locale, target.key))
                return _Found(own, False) if own is not None else _Found(target, True)
            return _Found(target, False)
        if translated and rel.endswith(MARKDOWN_SUFFIXES):
            locale, key = self.site.locate(rel)  # only on a miss: cheap enough
            source = self.by_key.get((self.source, key)) if locale == page.locale else None
            if source is not None and self.site.has_route(source):
                return _Found(source, True)
        return None

    def _lookup(
        self, locale: str | None, get: Callable[[str | None], Page | None]
    ) -> _Found | None:
        """The page in ``locale``, else in the source locale (through the fallback)."""
        own = get(locale)
        if own is not None:
            return _Found(own, False)
        source = get(self.source) if locale != self.source else None
        return _Found(source, True) if source is not None else None

    def _blocked(self, source: Page | None) -> str:
        if source is None:
            return ""
        return f"; {source.rel} exists only in the source locale (fallback_to_source is off)"

    def _id_hint(self, page: Page, rel: str) -> str:
        """When a .md link misses, name the doc whose id the file name looks like."""
        doc = self.site.doc(page)
        if doc is None or not self.site.doc_ids:
            return ""
        name = posixpath.splitext(posixpath.basename(rel))[0]
        doc_id = self.site.id_named(page.locale, doc.version, name)
        target = self.site.page_with_id(page.locale, doc.version, doc_id) if doc_id else None
        if target is None:
            return f"; no doc with id {self.site.id_named_as(name)}"
        return f"; doc id {doc_id} is {target.rel}"

    def _folder(self, page: Page) -> str:
        folder = self._folders.get(page.rel)
        if folder is None:
            folder = self._folders[page.rel] = posixpath.dirname(page.rel)
        return folder

    def _is_file(self, rel: str) -> bool:
        known = self._files.get(rel)
        if known is None:
            known = self._files[rel] = self._listed_state(rel)
        if known.__class__ is str:
            self._why.append(f"{rel} {known}")
            return False
        return known is True

    def _listed_state(self, rel: str) -> bool | str:
        """As :func:`_file_state`, with one listing per folder instead of a ``stat``
        per name that is not there (most candidates of a broken link are not)."""
        folder, _, name = rel.rpartition("/")
        if folder not in self._names:
            self._names[folder] = _entries(self._root, folder)
        names = self._names[folder]
        if names is not None and name not in names and _plain_name(name):
            return False
        return _file_state(self._root, rel)


def _entries(root: str, folder: str) -> frozenset[str] | None:
    """The names in ``folder`` (none when it does not exist); ``None`` when it cannot
    be listed or names on this system may match in more than one spelling."""
    if not _EXACT_NAMES or "\0" in folder or folder == ".." or folder.startswith("../"):
        return None
    try:
        return frozenset(os.listdir(os.path.join(root, folder)))
    except (FileNotFoundError, NotADirectoryError):
        return frozenset()
    except OSError:
        return None


def _plain_name(name: str) -> bool:
    """Whether a name can only be missing, not invalid (those ``stat`` explains)."""
    return "\0" not in name and len(name) <= 63  # 255 bytes, for any UTF-8


# Linux compares file names byte for byte; macOS and Windows ignore case (and
# macOS Unicode normalisation), so there a name missing from a listing may exist.
_EXACT_NAMES = sys.platform.startswith("linux")


def _file_state(root: str, rel: str) -> bool | str:
    """Whether ``rel`` is a file under ``root``, or why it cannot be one.

    A path that leaves the root is broken whatever exists there on the machine
    that checks it; an OS error (name too long, permission, symlink loop) is a
    reason, not a crash.
    """
    if rel == ".." or rel.startswith("../"):
        return "leaves the site root"
    try:
        return stat.S_ISREG(os.stat(os.path.join(root, rel)).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    except ValueError:  # a NUL byte in the name
        return "is not a valid file name"


def _loose(anchor: str) -> str:
    """An anchor without case and punctuation: what every slugify keeps of it."""
    return "".join(c for c in anchor.casefold() if c.isalnum())


def _is_template(dest: str) -> bool:
    """Whether a link is filled in by the build, not a path: a template expression
    (Jinja, as in MkDocs's macros plugin: ``{{ sponsor.url }}``) or a placeholder a
    script replaces (``ENGLISH_VERSION_URL``)."""
    if "{" in dest and ("{{" in dest or "{%" in dest):
        return True
    return dest[:1].isupper() and _PLACEHOLDER.fullmatch(dest) is not None


def _has_file_extension(path: str) -> bool:
    """Whether the last segment looks like ``name.ext``, as Docusaurus' asset test."""
    name = path.rstrip("/")
    name = name[name.rfind("/") + 1 :]
    dot = name.rfind(".")
    if dot <= 0 or dot == len(name) - 1 or not name[:dot].strip("."):
        return False
    return name[dot:].lower() not in _ROUTE_LIKE
