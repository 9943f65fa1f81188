from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class FileTooLarge(InputRule):
    """The file is larger than `max_file_size` and is not checked.

    ## Why
    A multi-megabyte Markdown page is almost always generated output or a
    paste accident; it slows every tool and every reader. kbcheck reports it
    and moves on instead of spending time on it.

    ## Bad
    A 10 MB log pasted into `content/en/debug.md`.

    ## Good
    Split the page, or move the data to a static file.
    """

    code = "KB004"
    name = "file-too-large"
    severity = Severity.WARNING
