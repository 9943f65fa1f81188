from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class NotText(InputRule):
    """The file named `.md` is binary, not text, or cannot be read.

    A FIFO, a device or a socket named `.md` (or a symbolic link to one) is
    reported without being opened for reading; so is a file or a folder that
    cannot be read (its pages are not checked).

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
