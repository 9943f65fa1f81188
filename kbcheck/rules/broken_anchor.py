from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import unquote

from kbcheck.diagnostics import Finding
from kbcheck.resolve import LinkOptions, Resolved, resolver
from kbcheck.rules.base import PageRule
from kbcheck.translations.pairing import pairing

if TYPE_CHECKING:
    from kbcheck.context import Context


class BrokenAnchor(PageRule):
    """A link's `#anchor` is not on the page it leads to.

    Anchors are the heading ids Docusaurus renders (github-slugger slugs,
    with `-1`, `-2` for repeated headings, counted per page; VitePress's own
    slugs with `heading_ids = "vitepress"`) and the `id` or
    `name` of HTML elements. An explicit `{#id}` replaces the generated slug:
    `## Hello World {#custom}` has the anchor `custom`, not `hello-world`.
    Same-page links (`#id`) and links to other pages (`other.md#id`, routes)
    are checked alike. The message lists the closest anchors that exist.
    An anchor that a translation lost with its source heading's explicit id
    is one cause, reported once, on the heading (KB508, or KB507 when the
    section is missing), not again on every link to it.

    ## Why
    Docusaurus only warns about broken anchors (`onBrokenAnchors: warn`), at
    build time; other link checkers accept the generated slug even where an
    explicit id replaced it, so the link jumps to the top of the page.

    ## Bad
    ```
    ## Hello World {#custom}
    [see](#hello-world)
    ```

    ## Good
    ```
    ## Hello World {#custom}
    [see](#custom)
    ```

    ## Options
    `route_base_path` (default `docs`), as for KB301.
    """

    code = "KB302"
    name = "broken-anchor"
    Options = LinkOptions

    def check(self, page, ctx) -> Iterable[Finding]:
        for found in resolver(ctx, self.options).problems(page):
            if found.problem == "anchor" and not _lost_with_its_heading(found, ctx):
                link = found.link
                yield Finding(link.line, link.column, found.message,
                              end_line=link.end_line, end_column=link.end_column)  # fmt: skip


def _lost_with_its_heading(found: Resolved, ctx: Context) -> bool:
    """Whether the anchor is an explicit heading id of the target's source page."""
    target = found.target
    source = pairing(ctx).source_of(target) if target is not None else None
    if source is None:
        return False
    wanted = unquote(found.link.dest.partition("#")[2])
    return any(h.explicit_id == wanted for h in source.headings)
