"""The external URLs of a set of pages, each with every place it is used.

URLs come from the page model, never from a regex over the text: inline,
reference-style (resolved where used), autolinks, images, raw HTML ``href`` and
``src`` (all in ``Page.links``), and frontmatter values whose page type declares
them ``url``. Only ``http``/``https`` URLs are external; the rest is KB3xx's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import unescape
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kbcheck.fields import Value
    from kbcheck.page import Page

FieldValues = Callable[["Page"], "Iterable[Value]"]


class Site(NamedTuple):  # a tuple: one is made per use of a URL, on every run
    """One use of a URL: where it is written (1-based line and column) and how."""

    path: str
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None
    kind: str = "link"  # link, image, autolink, html, frontmatter


def is_external(dest: str) -> bool:
    scheme, sep, _ = dest.partition("://")
    return bool(sep) and scheme.lower() in ("http", "https")


def site_rows(page: Page, field_values: FieldValues | None = None) -> list[tuple]:
    """Every external URL of a page, in the order written, as plain values (for a
    process to send): ``(url, line, column, end_line, end_column, kind)`` each."""
    rows: list[tuple] = []
    shell = page.frontmatter
    if field_values is not None and shell is not None:
        for value in field_values(page):
            if value.kind == "url" and isinstance(value.value, str):
                url = value.value.strip()
                if is_external(url):
                    where = shell.position(value.path)
                    rows.append(
                        (url, where.value_line, where.value_column, None, None, "frontmatter")
                    )
    for link in page.links:
        # Raw HTML attributes keep their entities: href="?a=1&amp;b=2" means "&".
        url = (unescape(link.dest) if link.kind == "html" else link.dest).strip()
        if is_external(url):
            rows.append((url, link.line, link.column, link.end_line, link.end_column, link.kind))
    return rows


def sites_of(pages: Iterable[Page], rows: Callable[[Page], list[tuple]]) -> dict[str, list[Site]]:
    """Every external URL of the pages (first use first), with all its sites, from
    each page's :func:`site_rows`. The same URL on many pages, in every locale, is
    one key: it is checked once."""
    sites: dict[str, list[Site]] = {}
    for page in pages:
        for url, *where in rows(page):
            sites.setdefault(url, []).append(Site(page.path, *where))
    return sites
