from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.fields import describe
from kbcheck.rules.base import PageRule


class FieldType(PageRule):
    """A frontmatter value has the wrong type.

    Types are `string`, `integer`, `number`, `boolean`, `date`, `url`,
    `list` and `mapping` (or a list of them); `null` only where the field is
    `nullable`. Page types that extend the `docusaurus` preset are lenient
    as Docusaurus is: strings accept numbers, numbers accept decimal
    strings, booleans accept `true`/`false` in any case, never `yes` or `1`.

    ## Why
    Docusaurus rejects a mistyped field at build time without saying where;
    a boolean written `yes` is a string and silently does nothing elsewhere.

    ## Bad
    ```
    hide_title: yes
    tags: llm
    ```

    ## Good
    ```
    hide_title: true
    tags: [llm]
    ```
    """

    code = "KB102"
    name = "field-type"
    reads_body = False

    def check(self, page, ctx) -> Iterable[Finding]:
        page_type = ctx.page_type(page)
        if page_type is None:
            return
        for value in ctx.field_values(page):
            if value.spec.types and value.kind is None:
                pos = page.frontmatter.position(value.path)
                expected = " or ".join(value.spec.types)
                yield Finding(
                    pos.value_line,
                    pos.value_column,
                    f"{value.key} is {describe(value.value)}; expected {expected}",
                )
