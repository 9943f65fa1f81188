from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.lazyre import lazy
from kbcheck.outline import outline
from kbcheck.rules.base import PageRule, is_home_page

_EXPLICIT_ID = lazy(r"\{#[^{}]*\}\s*$")


class EmptySection(PageRule):
    """A heading has nothing under it.

    A heading directly followed by a heading of the same or a higher level,
    or by the end of the page, heads an empty section. HTML comments do not
    count as content; a subsection does. An H1 directly followed by another
    H1 is left to `single-h1`, which reports the second: making it an H2
    fills the first. The title of a home page (`layout: home`, `home: true`,
    `template: home.html`) may stand alone: its template draws the rest. A
    heading written as in a code block above it is the
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
        h1s = [s for s in root.children if s.level == 1]
        before_another_h1 = {id(s) for s in h1s[:-1]}
        home = is_home_page(page.data)  # its template draws what is under the title
        for section in root.walk():
            if section.heading is None or section.blocks or section.children:
                continue
            if home and section.level == 1:
                continue
            if id(section) not in before_another_h1 and not _shown_above(page, section.line):
                yield Finding(section.line, section.column, f"section {section.label} is empty")


def _shown_above(page, line: int) -> bool:
    """Whether the heading at ``line`` (its ``{#id}`` aside) is written in a code block
    above it, whatever the line breaks there."""
    heading = " ".join(_EXPLICIT_ID.sub("", page.text.splitlines()[line - 1]).split())
    return any(
        block.line < line and heading in " ".join(block.code.split()) for block in page.code_blocks
    )
