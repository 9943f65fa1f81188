from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.outline import outline
from kbcheck.rules.base import PageRule


class EmptySection(PageRule):
    """A heading has nothing under it.

    A heading directly followed by a heading of the same or a higher level,
    or by the end of the page, heads an empty section. HTML comments do not
    count as content; a subsection does. Every page is checked, whatever
    its type.

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
        for section in outline(page, ctx).walk():
            if section.heading is not None and not section.blocks and not section.children:
                yield Finding(section.line, section.column, f"section {section.label} is empty")
