from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class EmptyFile(InputRule):
    """The file is empty (or holds only whitespace).

    ## Why
    An empty page renders as a blank entry in the sidebar: usually a
    placeholder that was committed by mistake.

    ## Bad
    `content/en/todo.md` with zero bytes.

    ## Good
    Write the page, or delete the file.
    """

    code = "KB003"
    name = "empty-file"
    severity = Severity.WARNING
