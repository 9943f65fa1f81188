from collections.abc import Iterable
from functools import lru_cache

from kbcheck.diagnostics import Finding
from kbcheck.fields import describe, is_date, is_url
from kbcheck.patterns import Pattern
from kbcheck.rules.base import PageRule


class FieldValue(PageRule):
    """A frontmatter value is of the right type but not an allowed value.

    Checks `enum` (one of a list), `pattern` (a regular expression that must
    match), and the formats of `date` (ISO 8601) and `url` fields.

    ## Why
    A status of `Draft` where tooling expects `draft`, a slug with spaces or
    a date of `2024-13-45` pass YAML and break later, far from the cause.

    ## Bad
    ```
    status: Done      # enum: [draft, review, published]
    image: not a url
    ```

    ## Good
    ```
    status: published
    image: /img/cover.png
    ```
    """

    code = "KB104"
    name = "field-value"
    reads_body = False

    def check(self, page, ctx) -> Iterable[Finding]:
        page_type = ctx.page_type(page)
        if page_type is None:
            return
        for value in ctx.field_values(page):
            kind = value.kind
            if kind is None or kind == "null":
                continue
            problem = None
            spec, raw = value.spec, value.value
            if spec.enum is not None and raw not in spec.enum:
                allowed = ", ".join(describe(v) for v in spec.enum)
                problem = f"{value.key} is {describe(raw)}; expected one of {allowed}"
            elif (
                spec.pattern
                and kind == "string"
                and not _matches(page_type.compiled[spec.pattern], str(raw))
            ):
                problem = f"{value.key} {describe(raw)} does not match {spec.pattern!r}"
            elif kind == "date" and not is_date(raw, page_type.lenient):
                problem = f"{value.key} {describe(raw)} is not a valid date (YYYY-MM-DD)"
            elif kind == "url" and raw != "" and not is_url(raw):
                problem = f"{value.key} {describe(raw)} is not a valid URL"
            if problem:
                pos = page.frontmatter.position(value.path)
                yield Finding(pos.value_line, pos.value_column, problem)


@lru_cache(maxsize=4096)
def _matches(pattern: Pattern, text: str) -> bool:
    """Whether ``pattern`` is found in ``text``, remembered: the same tags and
    values come back page after page, and each search crosses into RE2."""
    return bool(pattern.search(text))
