from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class NotText(InputRule):
    """The file named `.md` is binary, not text.

    ## Why
    A binary file with a Markdown name (an image renamed by mistake, a
    corrupted download) breaks the site build and every tool that reads it.

    ## Bad
    `diagram.md` holding PNG bytes.

    ## Good
    Rename the file to its real extension, or restore the text.
    """

    code = "KB002"
    name = "not-text"
    severity = Severity.ERROR
