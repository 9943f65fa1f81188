from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.rules.base import PageRule


class FieldLength(PageRule):
    """A string is too short or too long, or a list has too few or too many items.

    Bounds come from `min_length`/`max_length` (characters) and
    `min_items`/`max_items` in the page type.

    ## Why
    Titles beyond ~60 characters are cut off in search results and sidebars;
    a page with twenty keywords is keyword stuffing.

    ## Bad
    ```
    title: An extremely long title that no sidebar will ever show in full, really
    ```

    ## Good
    ```
    title: Generative AI
    ```
    """

    code = "KB105"
    name = "field-length"
    reads_body = False

    def check(self, page, ctx) -> Iterable[Finding]:
        page_type = ctx.page_type(page)
        if page_type is None:
            return
        for value in ctx.field_values(page):
            kind = value.kind
            spec = value.spec
            if kind == "string":
                size, unit, low, high = (
                    len(str(value.value)),
                    "characters",
                    *_bounds(spec, "length"),
                )
            elif kind == "list":
                size, unit, low, high = len(value.value), "items", *_bounds(spec, "items")
            else:
                continue
            pos = page.frontmatter.position(value.path)
            if low is not None and size < low:
                yield Finding(
                    pos.value_line,
                    pos.value_column,
                    f"{value.key} has {size} {unit}; minimum {low}",
                )
            elif high is not None and size > high:
                yield Finding(
                    pos.value_line,
                    pos.value_column,
                    f"{value.key} has {size} {unit}; maximum {high}",
                )


def _bounds(spec, what: str) -> tuple[int | None, int | None]:
    return getattr(spec, f"min_{what}"), getattr(spec, f"max_{what}")
