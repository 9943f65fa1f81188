from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.rules.base import PageRule


class MissingField(PageRule):
    """A field the page type requires is missing from the frontmatter.

    Also covers nested mappings (`last_update` needs `author` or `date`)
    through `required_any`.

    ## Why
    Required fields feed the sidebar, search and SEO; a missing `title` or
    `sidebar_position` puts the page in the wrong place or under its file name.

    ## Bad
    ```
    ---
    sidebar_label: RAG
    ---
    ```

    ## Good
    ```
    ---
    title: Retrieval-augmented generation
    sidebar_label: RAG
    ---
    ```
    """

    code = "KB101"
    name = "missing-field"
    reads_body = False

    def check(self, page, ctx) -> Iterable[Finding]:
        page_type = ctx.page_type(page)
        if page_type is None or (page.frontmatter is not None and page.frontmatter.data is None):
            return
        data = page.data
        where = page.frontmatter.position(()) if page.frontmatter else None
        line = where.line if where else 1
        for name, spec in page_type.fields.items():
            if spec.required and name not in data:
                yield Finding(line, 1, f"missing required field {name!r} ({page_type.name})")
        for value in ctx.field_values(page):
            if value.kind != "mapping":
                continue
            pos = page.frontmatter.position(value.path)
            for name, spec in (value.spec.fields or {}).items():
                if spec.required and name not in value.value:
                    yield Finding(pos.line, pos.column, f"{value.key}: missing field {name!r}")
            wanted = value.spec.required_any
            if wanted and not any(name in value.value for name in wanted):
                names = " or ".join(repr(n) for n in wanted)
                yield Finding(pos.line, pos.column, f"{value.key} needs {names}")
