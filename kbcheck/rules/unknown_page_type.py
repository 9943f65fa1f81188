from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.rules.base import PageRule


class UnknownPageType(PageRule):
    """The page names a page type that has no schema.

    The page type comes from the frontmatter key `page_type_key` (default
    `page_type`), else from the `page_types` globs of the configuration,
    else from `default_page_type`.

    ## Why
    A page whose type has no schema is not validated at all: a typo in
    `page_type` turns every frontmatter check off for that page.

    ## Bad
    ```
    page_type: overveiw
    ```

    ## Good
    ```
    page_type: overview     # schemas/overview.yaml exists
    ```
    """

    code = "KB110"
    name = "unknown-page-type"
    reads_body = False

    def check(self, page, ctx) -> Iterable[Finding]:
        if page.page_type and page.page_type not in ctx.schemas:
            key = ctx.config.page_type_key
            pos = page.frontmatter.position((key,)) if page.frontmatter else None
            known = ", ".join(sorted(ctx.schemas)) or "none"
            yield Finding(
                pos.value_line if pos else 1,
                pos.value_column if pos else 1,
                f"no schema for page type {page.page_type!r} (known: {known})",
            )
