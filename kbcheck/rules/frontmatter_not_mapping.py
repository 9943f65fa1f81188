from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class FrontmatterNotMapping(InputRule):
    """The frontmatter is valid YAML but not a mapping of keys to values.

    ## Why
    Every tool reads frontmatter as key/value pairs; a list or a bare
    string is ignored or crashes the build.

    ## Bad
    ```
    ---
    - title: Intro
    ---
    ```

    ## Good
    ```
    ---
    title: Intro
    ---
    ```
    """

    code = "KB011"
    name = "frontmatter-not-mapping"
    severity = Severity.ERROR
