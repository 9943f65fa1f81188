"""The pages a change affects: what ``--changed-since`` and the hooks check.

A changed page affects itself, its translations and its source (the same
key in every locale), and the pages that link into it (a removed heading
breaks their anchors). A deleted page, or the old path of a renamed one,
affects its translations (now orphans) and the pages that link into it (now
broken). Inbound links are found without parsing the whole knowledge base:
only pages whose text names the changed page (its file name, folder, ``id``
or ``slug``; ``git grep`` reads the files) are parsed, and their links
resolved the way the link rules resolve them, against the knowledge base
with the gone pages put back as they were at the base.
"""

from __future__ import annotations

import os
import posixpath
from urllib.parse import quote

from kbcheck.changes import Changes, files_containing
from kbcheck.corpus import Corpus
from kbcheck.page import Link, Page
from kbcheck.resolve import Resolver, route_base
from kbcheck.sites import site_of
from kbcheck.sites.routes import strip_number_prefix


def affected(corpus: Corpus, changes: Changes) -> list[Page]:
    """The pages of the corpus that ``changes`` affect, in corpus order."""
    config = corpus.config
    gone = [_phantom(corpus, rel, data) for rel, data in changes.gone.items()]
    changed = [corpus.by_rel[rel] for rel in sorted(changes.changed) if rel in corpus.by_rel]
    if not changed and not gone:
        return []
    keys = {page.key for page in changed + gone if page.locale is not None}
    chosen = {page.rel for page in corpus.pages if page.rel in changes.changed}
    chosen.update(page.rel for page in corpus.pages if page.locale and page.key in keys)
    whole = Corpus(config)
    for page in corpus.pages + [g for g in gone if g.rel not in corpus.by_rel]:
        whole.add(page)
    resolver = Resolver(whole, route_base(config))
    targets = {page.rel for page in changed + gone}
    needles = _needles(changed + gone)
    naming = _naming(corpus, needles)
    for page in corpus.pages:
        if page.rel in chosen or (naming is not None and page.rel not in naming):
            continue
        if not any(n in page.source for n in needles):
            continue
        if any(_reaches(resolver, page, link, targets) for link in page.links):
            chosen.add(page.rel)
    return [page for page in corpus.pages if page.rel in chosen]


def _naming(corpus: Corpus, needles: set[bytes]) -> set[str] | None:
    """The pages whose bytes may hold a needle, as ``git grep`` finds them (faster
    than reading every page here), and every page that is a symbolic link (git
    reads the link, not the page); None: read them all."""
    config = corpus.config
    found = files_containing(config.root, needles, ignored=not config.respect_gitignore)
    if found is None:
        return None
    base = os.path.join(config.root, "")
    return found | {page.rel for page in corpus.pages if os.path.islink(base + page.rel)}


def _reaches(resolver: Resolver, page: Page, link: Link, targets: set[str]) -> bool:
    target = resolver.target(page, link)
    return target is not None and target.rel in targets and target is not page


def _phantom(corpus: Corpus, rel: str, data: bytes) -> Page:
    """A gone page as it was, for resolving links into it (never checked itself)."""
    locale, key = site_of(corpus.config).locate(rel)
    return Page(rel, data or b"\n", rel=rel, key=key, locale=locale)


def _needles(pages: list[Page]) -> set[bytes]:
    """What a link into one of these pages must contain, one way or another."""
    found: set[str] = set()
    for page in pages:
        folder, name = posixpath.split(posixpath.splitext(page.rel)[0])
        stem = strip_number_prefix(name)
        found.add(stem)
        if stem.lower() in ("index", "readme") or stem == posixpath.basename(folder):
            found.add(strip_number_prefix(posixpath.basename(folder)))
        for key in ("id", "slug"):
            value = page.data.get(key)
            if isinstance(value, str) and value.strip("/"):
                found.add(value.strip("/").rsplit("/", 1)[-1])
    found.discard("")
    return {form.encode() for text in found for form in (text, quote(text))}
