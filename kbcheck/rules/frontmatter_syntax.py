from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class FrontmatterSyntax(InputRule):
    """The frontmatter block is not valid YAML or TOML, or is never closed.

    ## Why
    Docusaurus stops the build on invalid frontmatter, without a line
    number. kbcheck points at the line of the YAML or TOML error.

    ## Bad
    ```
    ---
    tags: [llm, rag
    ---
    ```

    ## Good
    ```
    ---
    tags: [llm, rag]
    ---
    ```
    """

    code = "KB010"
    name = "frontmatter-syntax"
    severity = Severity.ERROR
