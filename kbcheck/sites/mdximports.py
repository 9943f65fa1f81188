"""Markdown files a page shows by importing them, as MDX does.

``import Setup from './_setup.md'`` and then ``<Setup />`` puts the headings of
``_setup.md`` into the page: they have ids on the page, so ``#their-id`` links to
the page work (checked against a ``docusaurus build``: no broken-anchor warning).
An import that is never rendered adds nothing; an import inside a code block is
an example, not an import.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kbcheck.lazyre import lazy

if TYPE_CHECKING:
    from kbcheck.page import Page

_IMPORT = lazy(
    r"""^import\s+([A-Za-z_$][\w$]*)\s+from\s+(['"])([^'"\n]+\.mdx?)\2[ \t]*;?[ \t]*$""",
    re.MULTILINE,
)


def rendered_imports(page: Page) -> list[str]:
    """The paths (as written) of the Markdown files ``page`` imports and renders."""
    text = page.text
    found = list(_IMPORT.finditer(text)) if "import" in text else []
    if not found:  # most pages: the page is not parsed for this
        return []
    used = {marker.name for marker in page.components}
    fenced = [(b.line, b.line + b.code.count("\n") + 1) for b in page.code_blocks]
    out = []
    for match in found:
        line = text.count("\n", 0, match.start()) + 1
        if match[1] in used and not any(first <= line <= last for first, last in fenced):
            out.append(match[3])
    return out
