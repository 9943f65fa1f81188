"""The two plain layouts: a folder per locale, or a locale suffix beside the source.

- ``locale-dirs``: ``content/<locale>/guide/rag.md``
- ``suffix``: ``guide/rag.md`` (source) beside ``guide/rag.en.md``

The key drops the locale and the extension, so ``.md`` pairs with ``.mdx``.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kbcheck.sites.base import MARKDOWN_SUFFIXES, Site, join

if TYPE_CHECKING:
    from kbcheck.config import Config


def stem(rel: str) -> str:
    return rel.rsplit(".", 1)[0] if rel.endswith(MARKDOWN_SUFFIXES) else rel


class LocaleDirsSite(Site):
    """Translations in ``<locale>/`` folders of the content folders. The source pages
    are in their own ``<source_locale>/`` folder too, or, when there is none, at the
    top of the content folder (VitePress's root locale: ``guide.md``, ``zh/guide.md``)."""

    name = "locale-dirs"

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        folders = self.locale_folders() if config.locales else {self.source_locale: ""}
        self.source_at_top = self.source_locale not in folders
        self._docs_dirs: dict[str, str | None] = {}  # folder -> its mkdocs.yml's docs_dir

    def locate(self, rel: str) -> tuple[str | None, str]:
        name = stem(rel)
        locales = self.config.locales
        for root in self.content_roots():
            root = root.strip("/")
            if root in ("", "."):
                parts = name.split("/")
            elif name.startswith(root + "/"):
                parts = name[len(root) + 1 :].split("/")
            else:
                continue
            if len(parts) > 1 and (not locales or parts[0] in locales):
                return parts[0], "/".join(parts[1:])
            return (self.source_locale if self.source_at_top else None), "/".join(parts)
        return None, name

    def expected_sources(self, rel: str) -> list[str]:
        path = PurePosixPath(stem(rel))
        source = () if self.source_at_top else (self.source_locale,)
        for root in self.content_roots():
            depth = len(PurePosixPath(root).parts)
            if path.parts[:depth] == PurePosixPath(root).parts and len(path.parts) > depth + 1:
                inner = path.parts[depth + 1 :]
                return [str(PurePosixPath(root, *source, *inner))]
        return []

    def is_built(self, rel: str) -> bool:
        """When the source locale's folder has its own ``mkdocs.yml`` (FastAPI's
        ``docs/en/``), every locale is built from the same ``docs_dir`` in its folder;
        other files (prompts for translators, notes) are no pages."""
        for root in self.content_roots():
            root = join(".", root)
            if root == "." or rel.startswith(root + "/"):
                source = self._built(root if self.source_at_top else join(root, self.source_locale))
                if source is None:
                    return True
                locale, _ = self.locate(rel)
                if locale is None:
                    return False
                top = locale == self.source_locale and self.source_at_top
                folder = root if top else join(root, locale)
                built = join(folder, self._built(folder) or source)
                return built == "." or rel.startswith(built + "/")
        return True

    def _built(self, folder: str) -> str | None:
        """The ``docs_dir`` of the ``mkdocs.yml`` in ``folder``, relative to it, if it has one."""
        if folder not in self._docs_dirs:
            self._docs_dirs[folder] = _docs_dir(self.config.root, folder)
        return self._docs_dirs[folder]

    def web_roots(self) -> list[str]:
        """The content folders, then the source locale's folder (served at ``/`` by
        VitePress's ``en/:rest*`` rewrite; where FastAPI's per-locale MkDocs builds
        take the files a translation lacks), or the ``docs_dir`` of its ``mkdocs.yml``."""
        roots = [join(".", root) for root in self.content_roots()]
        if not self.source_at_top:
            for root in list(roots):
                folder = join(root, self.source_locale)
                roots.append(join(folder, self._built(folder) or "."))
        return [*roots, "."]


def _docs_dir(root: Path, folder: str) -> str | None:
    """The ``docs_dir`` of the ``mkdocs.yml`` in ``folder`` (``docs`` unless it names one)."""
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        try:
            text = (root / folder / name).read_text("utf-8", "replace")
        except OSError:
            continue
        match = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", text, re.M)
        return match.group(1).strip("/") if match else "docs"
    return None


class SuffixSite(Site):
    name = "suffix"

    def locale_folders(self) -> dict[str, str]:
        return {}

    def locate(self, rel: str) -> tuple[str | None, str]:
        base, dot, tail = stem(rel).rpartition(".")
        config = self.config
        if dot and "/" not in tail and tail in config.locales and tail != self.source_locale:
            return tail, base
        return self.source_locale, stem(rel)

    def expected_sources(self, rel: str) -> list[str]:
        base = PurePosixPath(stem(rel))
        return [str(base.with_suffix("") if base.suffix else base)]
