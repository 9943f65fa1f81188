from kbcheck.diagnostics import Severity
from kbcheck.rules.base import InputRule


class NotUtf8(InputRule):
    """The file is not valid UTF-8.

    ## Why
    Docusaurus, MkDocs and every editor in the team expect UTF-8; a stray
    Latin-1 or GBK byte shows up as mojibake or breaks the build. The
    finding points at the first invalid byte.

    ## Bad
    A page saved as GBK: `\xc9\xfa\xb3\xc9` instead of `生成`.

    ## Good
    Save the page as UTF-8.
    """

    code = "KB001"
    name = "not-utf8"
    severity = Severity.ERROR
