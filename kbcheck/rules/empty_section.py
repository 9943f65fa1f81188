from collections.abc import Iterable
from itertools import pairwise

from kbcheck.diagnostics import Finding, Severity
from kbcheck.lazyre import lazy
from kbcheck.outline import outline
from kbcheck.rules.base import PageRule, is_home_page

_EXPLICIT_ID = lazy(r"\{#[^{}]*\}\s*$")


class EmptySection(PageRule):
    """A heading has nothing under it.

    A heading directly followed by a heading of the same or a higher level,
    or by the end of the page, heads an empty section. HTML comments do not
    count as content; a subsection does. A heading directly followed by an
    H1 other than the page's first is left to `single-h1`, which reports
    that H1: a page that writes its steps as H1s under H2 sections is one
    mistake, and lowering those H1s fills the sections above them. The
    title of a home page (`layout: home`, `home: true`, `template:
    home.html`) may stand alone: its template draws the rest. A heading
    written as in a code block above it is the
    rendered output of that example (`### Title <Badge text="beta" />`), not
    a section. Every page is checked, whatever its type.

    ## Why
    An empty section is a placeholder that was never filled or the remains
    of content moved elsewhere; it shows in the table of contents and leads
    readers to nothing.

    ## Bad
    ```
    ## Deployment
    <!-- TODO -->
    ## Evaluation
    Metrics and benchmarks.
    ```

    ## Good
    ```
    ## Deployment
    Serving models with vLLM or Ollama.
    ## Evaluation
    Metrics and benchmarks.
    ```
    """

    code = "KB208"
    name = "empty-section"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        root = outline(page, ctx)
        extra_h1s = {h.line for h in page.headings if h.level == 1}
        extra_h1s.discard(min(extra_h1s, default=0))
        followed = {h.line: after.line for h, after in pairwise(page.headings)}
        home = is_home_page(page.data)  # its template draws what is under the title
        for section in root.walk():
            if section.heading is None or section.blocks or section.children:
                continue
            if home and section.level == 1:
                continue
            if followed.get(section.line) in extra_h1s:
                continue  # single-h1 reports the H1 that follows
            if not _shown_above(page, section.line):
                yield Finding(section.line, section.column, f"section {section.label} is empty")


def _shown_above(page, line: int) -> bool:
    """Whether the heading at ``line`` (its ``{#id}`` aside) is written in a code block
    above it, whatever the line breaks there."""
    heading = " ".join(_EXPLICIT_ID.sub("", page.text.splitlines()[line - 1]).split())
    return any(
        block.line < line and heading in " ".join(block.code.split()) for block in page.code_blocks
    )
