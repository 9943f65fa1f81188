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
    """(locale, key) of a page given its POSIX path relative to the config root.

    Plain string work: it runs for every file of the corpus on every run.
    """
    stem = rel.rsplit(".", 1)[0] if rel.endswith(MARKDOWN_SUFFIXES) else rel
    if config.layout == "suffix":
        return _suffix(stem, config)
    for root in content_roots(config):
        root = root.strip("/")
        if root in ("", ".") or stem.startswith(root + "/"):
            parts = tuple(
                stem[len(root) + 1 :].split("/") if root not in ("", ".") else stem.split("/")
            )
            if config.layout == "docusaurus":
                return _docusaurus(root.rsplit("/", 1)[-1], parts, config)
            return _locale_dirs(parts, config)
    return None, stem


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
        return parts[0], "/".join(parts[2:])
    return None, "/".join(parts)


def _suffix(stem: str, config: Config) -> tuple[str | None, str]:
    base, dot, tail = stem.rpartition(".")
    if dot and "/" not in tail and tail in config.locales and tail != config.source_locale:
        return tail, base
    return config.source_locale, stem
