from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class LineEndings(InputRule):
    """The file ends lines with CRLF or a lone CR, or mixes line endings.

    The message names the endings the file uses. Whatever they are, each one
    ends a line for positions, the frontmatter and headings, as in CommonMark.

    ## Why
    Mixed line endings make diffs noisy and translation tools misalign
    lines; the knowledge base uses LF.

    ## Bad
    Lines ending in `\r\n`, or in `\r` alone.

    ## Good
    Lines ending in `\n` (set `* text=auto eol=lf` in `.gitattributes`).
    """

    code = "KB006"
    name = "line-endings"
    severity = Severity.WARNING
