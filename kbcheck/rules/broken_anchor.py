from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.resolve import LinkOptions, resolver
from kbcheck.rules.base import PageRule


class BrokenAnchor(PageRule):
    """A link's `#anchor` is not on the page it leads to.

    Anchors are the heading ids Docusaurus renders (github-slugger slugs,
    with `-1`, `-2` for repeated headings, counted per page) and the `id` or
    `name` of HTML elements. An explicit `{#id}` replaces the generated slug:
    `## Hello World {#custom}` has the anchor `custom`, not `hello-world`.
    Same-page links (`#id`) and links to other pages (`other.md#id`, routes)
    are checked alike. The message lists the closest anchors that exist.

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
            if found.problem == "anchor":
                link = found.link
                yield Finding(link.line, link.column, found.message,
                              end_line=link.end_line, end_column=link.end_column)  # fmt: skip
