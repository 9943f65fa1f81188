from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class DuplicateKey(InputRule):
    """A frontmatter key appears twice.

    ## Why
    YAML parsers silently keep one of the two values (which one depends on
    the parser), so the page does not say what its author thinks it says.

    ## Bad
    ```
    title: Intro
    title: Introduction
    ```

    ## Good
    ```
    title: Introduction
    ```
    """

    code = "KB012"
    name = "duplicate-key"
    severity = Severity.ERROR
