from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.fields import number
from kbcheck.rules.base import PageRule


class FieldConflict(PageRule):
    """Two frontmatter fields contradict each other.

    The page type lists `exclusive` groups (fields that must not all be
    true, like Docusaurus `draft` and `unlisted`) and `ordered` pairs (the
    first must not exceed the second, like `toc_min_heading_level` and
    `toc_max_heading_level`).

    ## Why
    Docusaurus refuses to build a doc that is both draft and unlisted, or
    whose TOC minimum level is above its maximum.

    ## Bad
    ```
    draft: true
    unlisted: true
    ```

    ## Good
    ```
    unlisted: true
    ```
    """

    code = "KB109"
    name = "field-conflict"
    reads_body = False

    def check(self, page, ctx) -> Iterable[Finding]:
        page_type = ctx.page_type(page)
        if page_type is None:
            return
        data = page.data
        for group in page_type.exclusive:
            if all(_true(data.get(name)) for name in group):
                pos = page.frontmatter.position((group[-1],))
                yield Finding(pos.line, pos.column, f"{' and '.join(group)} cannot all be true")
        for low_name, high_name in (pair[:2] for pair in page_type.ordered if len(pair) >= 2):
            low, high = number(data.get(low_name)), number(data.get(high_name))
            if low is not None and high is not None and low > high:
                pos = page.frontmatter.position((high_name,))
                yield Finding(
                    pos.value_line,
                    pos.value_column,
                    f"{low_name} ({low:g}) is greater than {high_name} ({high:g})",
                )


def _true(value) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")
