"""All pages of the knowledge base, parsed once, with indexes for cross-file rules."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from kbcheck.config import Config
from kbcheck.globs import matches
from kbcheck.page import Page
from kbcheck.sites import MARKDOWN_SUFFIXES, Site, site_of


class Corpus:
    """The pages of the knowledge base, with indexes by path and by (locale, key)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.pages: list[Page] = []
        self.by_rel: dict[str, Page] = {}
        self.by_key: dict[tuple[str | None, str], Page] = {}
        self.partials: list[Page] = []  # not checked; links may reach them
        self.unreadable: list[tuple[str, str]] = []  # (folder, why)

    def add(self, page: Page) -> None:
        self.pages.append(page)
        self.by_rel[page.rel] = page
        self.by_key.setdefault((page.locale, page.key), page)

    def add_partial(self, page: Page) -> None:
        self.partials.append(page)
        self.by_rel[page.rel] = page

    def locales(self) -> list[str]:
        found = {p.locale for p in self.pages if p.locale}
        return self.config.locales or sorted(found)


def discover(config: Config) -> list[str]:
    """Markdown files under the content roots, relative to the config root."""
    return find_files(config)[0]


def find_files(config: Config) -> tuple[list[str], list[tuple[str, str]]]:
    """Markdown files under the content roots, relative to the config root, and the
    folders that could not be read (folder, why): their pages are not checked.

    ``.gitignore`` is respected by asking git itself (one call); outside a
    git repository every file is taken. ``ignore`` globs apply in both cases.
    Whatever is there is taken, not only regular files: a FIFO or a device
    named ``.md`` is reported when read, not skipped in silence.
    """
    site = site_of(config)
    roots = [r for r in site.content_roots() if (config.root / r).exists()]
    if not roots:
        return [], []
    unreadable: list[tuple[str, str]] = []
    files = _git_files(config.root, roots, unreadable) if config.respect_gitignore else None
    if files is None:
        unreadable.clear()
        files = list(_walk(config.root, roots, unreadable))
    pages = sorted(
        f
        for f in files
        if f.endswith(MARKDOWN_SUFFIXES) and not matches(f, config.ignore) and site.is_built(f)
    )
    return pages, sorted(set(unreadable))


_GIT_UNREADABLE = "warning: could not open directory '"


_LS_FILES = ["git", "ls-files", "-z", "-t", "--cached", "--deleted", "--others"]


def _git_files(root: Path, roots: list[str], unreadable: list) -> list[str] | None:
    try:
        done = subprocess.run(
            [*_LS_FILES, "--exclude-standard", "--", *roots],
            cwd=root,
            capture_output=True,
            check=True,
            env={**os.environ, "LC_ALL": "C"},  # its warnings in English, to be read here
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in done.stderr.decode("utf-8", "surrogateescape").splitlines():
        if line.startswith(_GIT_UNREADABLE) and "': " in line:
            folder, _, why = line[len(_GIT_UNREADABLE) :].rpartition("': ")
            unreadable.append((folder.rstrip("/"), why))
    # Tagged: "H" in the index, "?" untracked, "R" deleted since (and listed as "H"
    # too), "S" outside a sparse checkout. git has looked at the files already.
    out = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    tagged = [(entry[0], entry[2:]) for entry in out if entry]
    gone = {name for tag, name in tagged if tag == "R"}
    base = os.path.join(root, "")
    return [
        name
        for tag, name in tagged
        if (tag not in "RS" and name not in gone) or (tag == "S" and os.path.lexists(base + name))
    ]


def _walk(root: Path, roots: list[str], unreadable: list) -> Iterable[str]:
    base = os.path.normpath(root)

    def failed(error: OSError) -> None:
        folder = os.path.relpath(error.filename, base).replace(os.sep, "/")
        unreadable.append((folder, error.strerror or str(error)))

    for top in roots:
        start = os.path.normpath(os.path.join(base, top))
        for folder, dirs, names in os.walk(start, onerror=failed):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "node_modules"]
            inside = os.path.relpath(folder, base).replace(os.sep, "/")
            prefix = "" if inside == "." else inside + "/"
            yield from (prefix + name for name in names)


def display_path(path: Path, cwd: Path) -> str:
    """Paths in output are relative to the working directory when possible."""
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return os.path.relpath(path, cwd) if path.anchor == cwd.anchor else path.as_posix()


def load_page(
    path: str,
    rel: str,
    config: Config,
    cwd: Path,
    shown: str | None = None,
    site: Site | None = None,
) -> Page:
    """A page of the corpus; nothing is read until a rule asks."""
    site = site or site_of(config)
    locale, key = site.locate(rel)
    return Page(
        shown or display_path(Path(path), cwd),
        file=path,
        rel=rel,
        key=key,
        locale=locale,
        max_bytes=config.max_file_size,
        typer=lambda page: page_type_of(page, config),
        slugs=site.slugs,
    )


def page_type_of(page: Page, config: Config) -> str | None:
    declared = page.data.get(config.page_type_key)
    if isinstance(declared, str) and declared:
        return declared
    for name, globs in config.page_types.items():
        if matches(page.rel, globs):
            return name
    return site_of(config).page_type(page.rel) or config.default_page_type


def load_corpus(config: Config, cwd: Path) -> Corpus:
    corpus = Corpus(config)
    # the common case, the root at or below the working directory, takes no path arithmetic
    base = display_path(config.root, cwd)
    inside = not base.startswith("..") and not Path(base).is_absolute()
    prefix = "" if base == "." else f"{base}/"
    site = site_of(config)
    files, corpus.unreadable = find_files(config)
    root = os.path.join(config.root, "")  # paths as text: cheaper than a Path per page
    for rel in files:
        shown = prefix + rel if inside else None
        page = load_page(root + rel, rel, config, cwd, shown, site)  # site: once
        (corpus.add if site.is_page(rel) else corpus.add_partial)(page)
    return corpus
