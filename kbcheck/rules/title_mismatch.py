from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import PageRule


class TitleMismatch(PageRule):
    """The H1 differs from the frontmatter `title`.

    When a page has both, the text of its first H1 must equal `title`, both
    trimmed. The finding sits on the H1.

    ## Why
    Docusaurus shows the H1 on the page but uses `title` for the page
    metadata (the browser tab, link previews) and, without a
    `sidebar_label`, in the sidebar and the previous/next links: the two
    drift apart as soon as one of them is edited.

    ## Bad
    ```
    ---
    title: Generative AI
    ---
    # What is generative AI
    ```

    ## Good
    ```
    ---
    title: Generative AI
    ---
    # Generative AI
    ```
    """

    code = "KB206"
    name = "title-mismatch"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        title = page.data.get("title")
        if isinstance(title, bool) or not isinstance(title, (str, int, float)):
            return
        h1 = next((h for h in page.headings if h.level == 1), None)
        if h1 is not None and h1.text.strip() != str(title).strip():
            message = f'h1 "{h1.text.strip()}" differs from the title "{str(title).strip()}"'
            yield Finding(h1.line, h1.column, message)
