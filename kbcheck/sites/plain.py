"""The two plain layouts: a folder per locale, or a locale suffix beside the source.

- ``locale-dirs``: ``content/<locale>/guide/rag.md``
- ``suffix``: ``guide/rag.md`` (source) beside ``guide/rag.en.md``

The key drops the locale and the extension, so ``.md`` pairs with ``.mdx``.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from kbcheck.sites.base import MARKDOWN_SUFFIXES, Site


def stem(rel: str) -> str:
    return rel.rsplit(".", 1)[0] if rel.endswith(MARKDOWN_SUFFIXES) else rel


class LocaleDirsSite(Site):
    name = "locale-dirs"

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
            return None, "/".join(parts)
        return None, name

    def expected_sources(self, rel: str) -> list[str]:
        path = PurePosixPath(stem(rel))
        for root in self.content_roots():
            depth = len(PurePosixPath(root).parts)
            if path.parts[:depth] == PurePosixPath(root).parts and len(path.parts) > depth + 1:
                inner = path.parts[depth + 1 :]
                return [str(PurePosixPath(root, self.source_locale, *inner))]
        return []


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
