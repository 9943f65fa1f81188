from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import PageRule


class HeadingIncrement(PageRule):
    """A heading is more than one level below the heading before it.

    Each heading may go at most one level deeper than the previous one
    (H2 then H3, not H2 then H4); going back up any number of levels is
    fine. The first heading of a page is not checked. Every page is
    checked, whatever its type.

    ## Why
    Headings are the page's outline: screen readers navigate by level and
    announce a skipped one as a missing part, and the table of contents
    nests by level too.

    ## Bad
    ```
    ## Tools
    #### Deployment
    ```

    ## Good
    ```
    ## Tools
    ### Deployment
    ```
    """

    code = "KB207"
    name = "heading-increment"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        previous = None
        for heading in page.headings:
            if previous is not None and heading.level > previous + 1:
                message = f"h{heading.level} follows h{previous}; expected h{previous + 1}"
                yield Finding(heading.line, heading.column, message)
            previous = heading.level
