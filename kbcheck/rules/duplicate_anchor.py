from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Location
from kbcheck.rules.base import PageRule


class DuplicateAnchor(PageRule):
    """Two headings or HTML anchors of a page have the same anchor.

    Anchors are the explicit `{#id}` of a heading, else its generated slug,
    and the `id`/`name` of HTML elements. Generated slugs never collide:
    like github-slugger, a second `## Intro` becomes `intro-1`. But an
    explicit id is not counted by the slugger (Docusaurus; VitePress counts
    it, `heading_ids = "vitepress"`), so `{#intro-1}`, `{#intro}`
    twice, or `<a id="intro">` next to `## Intro` collide. Every anchor
    after the first is reported, pointing at the first.

    ## Why
    A link to `page#intro` lands on the first element with that anchor; the
    second can never be linked to, and which one wins can change silently
    when the page is edited.

    ## Bad
    ```
    ## Intro
    ## Intro
    ## Details {#intro-1}
    ```

    ## Good
    ```
    ## Intro
    ## Intro
    ## Details {#details}
    ```
    """

    code = "KB209"
    name = "duplicate-anchor"

    def check(self, page, ctx) -> Iterable[Finding]:
        anchors = [(h.line, h.column, h.anchor) for h in page.headings]
        if page.html_anchors:
            anchors += [(m.line, m.column, m.name) for m in page.html_anchors]
            anchors.sort()
        first: dict[str, tuple[int, int]] = {}
        for line, column, anchor in anchors:
            if not anchor:
                continue
            seen = first.setdefault(anchor, (line, column))
            if seen != (line, column):
                message = f"anchor #{anchor} is already used at line {seen[0]}"
                yield Finding(line, column, message, related=(Location(page.path, *seen),))
