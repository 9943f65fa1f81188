"""Which locale a file belongs to, and the key that pairs it with its translations.

Three layouts are understood:

- ``locale-dirs``: ``content/<locale>/guide/rag.md``
- ``docusaurus``: ``docs/guide/rag.md`` (source), ``versioned_docs/version-2/...``,
  ``i18n/<locale>/docusaurus-plugin-content-docs/current/guide/rag.md`` and
  ``.../version-2/...``
- ``suffix``: ``guide/rag.md`` (source) beside ``guide/rag.en.md``

The key drops the locale and the extension, so ``.md`` pairs with ``.mdx``.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from kbcheck.config import Config

MARKDOWN_SUFFIXES = (".md", ".mdx")
_DOCS_PLUGIN = "docusaurus-plugin-content-docs"


def content_roots(config: Config) -> list[str]:
    """The folders (relative to the config root) that hold pages."""
    if config.layout == "docusaurus" and "content" not in config.model_fields_set:
        site = PurePosixPath(config.site_dir)
        return [str(site / "docs"), str(site / "versioned_docs"), str(site / "i18n")]
    return list(config.content)


def locate(rel: str, config: Config) -> tuple[str | None, str]:
    """(locale, key) of a page given its path relative to the config root."""
    path = PurePosixPath(rel)
    stem = str(path.with_suffix("")) if path.suffix in MARKDOWN_SUFFIXES else str(path)
    if config.layout == "suffix":
        return _suffix(stem, config)
    for root in content_roots(config):
        root_path = PurePosixPath(root)
        if root_path == PurePosixPath(".") or _under(path, root_path):
            inner = PurePosixPath(stem).relative_to(root_path)
            if config.layout == "docusaurus":
                return _docusaurus(root_path.name, inner.parts, config)
            return _locale_dirs(inner.parts, config)
    return None, stem


def _under(path: PurePosixPath, root: PurePosixPath) -> bool:
    return path.parts[: len(root.parts)] == root.parts


def _locale_dirs(parts: tuple[str, ...], config: Config) -> tuple[str | None, str]:
    if len(parts) > 1 and (not config.locales or parts[0] in config.locales):
        return parts[0], "/".join(parts[1:])
    return None, "/".join(parts)


def _docusaurus(root: str, parts: tuple[str, ...], config: Config) -> tuple[str | None, str]:
    if root == "docs":
        return config.source_locale, "current/" + "/".join(parts)
    if root == "versioned_docs" and parts:
        return config.source_locale, "/".join(parts)
    # i18n/<locale>/docusaurus-plugin-content-docs/<version>/...
    if len(parts) > 3 and parts[1] == _DOCS_PLUGIN:
        version = parts[2].removeprefix("version-")
        version = "current" if version == "current" else f"version-{version}"
        return parts[0], "/".join((version, *parts[3:]))
    return None, "/".join(parts)


def _suffix(stem: str, config: Config) -> tuple[str | None, str]:
    base, dot, tail = stem.rpartition(".")
    if dot and "/" not in tail and tail in config.locales and tail != config.source_locale:
        return tail, base
    return config.source_locale, stem
