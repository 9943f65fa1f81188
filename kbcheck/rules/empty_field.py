from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.fields import is_blank
from kbcheck.rules.base import PageRule


class EmptyField(PageRule):
    """A field declared `non_empty` holds an empty string or an empty list.

    A string of spaces counts as empty too, except under the lenient
    `docusaurus` contract, which accepts it as Docusaurus does.

    ## Why
    Docusaurus rejects `id: ''`, `slug: ''`, `sidebar_label: ''` and
    `keywords: []`; elsewhere an empty label shows as a blank sidebar entry.

    ## Bad
    ```
    sidebar_label: ""
    keywords: []
    ```

    ## Good
    ```
    sidebar_label: RAG
    keywords: [retrieval]
    ```
    """

    code = "KB103"
    name = "empty-field"
    reads_body = False

    def check(self, page, ctx) -> Iterable[Finding]:
        page_type = ctx.page_type(page)
        if page_type is None:
            return
        for value in ctx.field_values(page):
            if value.spec.non_empty and is_blank(value.value, page_type.lenient):
                pos = page.frontmatter.position(value.path)
                yield Finding(pos.value_line, pos.value_column, f"{value.key} must not be empty")
