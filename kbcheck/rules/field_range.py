from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.fields import describe, number
from kbcheck.rules.base import PageRule


class FieldRange(PageRule):
    """A number is outside the `minimum`/`maximum` bounds of its field.

    ## Why
    Docusaurus only accepts `toc_min_heading_level` and
    `toc_max_heading_level` between 2 and 6; a negative `sidebar_position`
    reorders the whole sidebar.

    ## Bad
    ```
    toc_max_heading_level: 7
    ```

    ## Good
    ```
    toc_max_heading_level: 4
    ```
    """

    code = "KB106"
    name = "field-range"
    reads_body = False

    def check(self, page, ctx) -> Iterable[Finding]:
        page_type = ctx.page_type(page)
        if page_type is None:
            return
        for value in ctx.field_values(page):
            if value.kind not in ("integer", "number"):
                continue
            found, spec = number(value.value), value.spec
            if found is None:
                continue
            pos = page.frontmatter.position(value.path)
            shown = describe(value.value)
            if spec.minimum is not None and found < spec.minimum:
                yield Finding(
                    pos.value_line,
                    pos.value_column,
                    f"{value.key} is {shown}; minimum {spec.minimum:g}",
                )
            elif spec.maximum is not None and found > spec.maximum:
                yield Finding(
                    pos.value_line,
                    pos.value_column,
                    f"{value.key} is {shown}; maximum {spec.maximum:g}",
                )
