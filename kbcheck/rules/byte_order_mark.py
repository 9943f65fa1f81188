from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class ByteOrderMark(InputRule):
    """The file starts with a UTF-8 byte-order mark.

    ## Why
    A BOM before `---` hides the frontmatter from some parsers, so the page
    loses its title and sidebar position.

    ## Bad
    `\xef\xbb\xbf---` at the start of the file.

    ## Good
    Save the file as UTF-8 without BOM.
    """

    code = "KB005"
    name = "byte-order-mark"
    severity = Severity.WARNING
