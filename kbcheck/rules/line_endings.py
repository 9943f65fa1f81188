from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class LineEndings(InputRule):
    """The file uses CRLF line endings.

    ## Why
    Mixed line endings make diffs noisy and translation tools misalign
    lines; the knowledge base uses LF.

    ## Bad
    Lines ending in `\r\n`.

    ## Good
    Lines ending in `\n` (set `* text=auto eol=lf` in `.gitattributes`).
    """

    code = "KB006"
    name = "line-endings"
    severity = Severity.WARNING
