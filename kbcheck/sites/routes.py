"""Doc ids and routes as ``@docusaurus/plugin-content-docs`` 3 computes them.

Checked against the package's source (``docs.ts``, ``slug.ts``, ``numberPrefix.ts``):
the file name loses its number prefix (``01-intro`` -> ``intro``, but not dates or
versions such as ``2024-01-x`` or ``1.2-x``) unless ``parse_number_prefixes: false``;
frontmatter ``id`` replaces the file name in the id; ``slug`` is absolute (``/x``) or
resolved against the folder; ``index``, ``readme`` and a file named like its folder
(any case) are category indexes and take the folder's route.
"""

from __future__ import annotations

import posixpath
from typing import Any

from kbcheck.lazyre import lazy

_NUMBER_PREFIX = lazy(r"^\d+\s*[-_.]+\s*([^-_.\s].*)$")
_NOT_A_PREFIX = lazy(r"^\d+[-_.]\d+")  # dates and versions: 2024-01-x, 1.2-x
_MULTI_SLASH = lazy(r"/{2,}")


def permalink(version_path: str, slug: str) -> str:
    return _MULTI_SLASH.sub("/", f"{version_path}/{slug}")


def strip_number_prefix(name: str) -> str:
    """``01-intro`` -> ``intro``, as DefaultNumberPrefixParser; ``2024-01-x`` stays."""
    if _NOT_A_PREFIX.match(name):
        return name
    match = _NUMBER_PREFIX.match(name)
    return match[1] if match else name


def doc_route(source: str, data: dict[str, Any]) -> tuple[str, str]:
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


def route_key(route: str) -> str:
    """Docusaurus accepts a route with or without its trailing slash."""
    return route.rstrip("/") or "/"
