from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class FrontmatterTooComplex(InputRule):
    """The frontmatter nests too deeply or expands into too many values.

    ## Why
    Alias bombs ("billion laughs") and absurd nesting make YAML parsers
    take minutes or exhaust memory. kbcheck refuses them before expanding.

    ## Bad
    ```
    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # and so on
    ```

    ## Good
    Plain, shallow values.
    """

    code = "KB013"
    name = "frontmatter-too-complex"
    severity = Severity.ERROR
