from collections.abc import Iterable
from dataclasses import dataclass, field

from kbcheck.diagnostics import Finding, Location
from kbcheck.rules.base import PageRule
from kbcheck.translations.pairing import pairing
from kbcheck.translations.policy import comparable, fields_with
from kbcheck.validation import STRICT


@dataclass
class Options:
    """The options of frontmatter-must-match."""

    __pydantic_config__ = STRICT
    fields: list[str] = field(
        default_factory=list
    )  # more fields that must be equal, besides the schema's


class FrontmatterMustMatch(PageRule):
    """A field that must be the same in every locale differs in a translation.

    The fields are those the page type marks `translation: same` (the
    Docusaurus preset: `id`, `slug`, `sidebar_position`, `tags`), plus the
    rule's `fields` option. Numbers equal numeric strings (Docusaurus
    converts them) and lists compare as sets. A field the source has and the
    translation lacks (or the reverse) differs too.

    ## Why
    A different `slug` or `id` breaks the locale switcher and every link
    between locales; a different `sidebar_position` reorders the sidebar of
    one locale only.

    ## Bad
    ```
    # content/zh/rag.md        # content/en/rag.md
    sidebar_position: 2        sidebar_position: 3
    ```

    ## Good
    ```
    sidebar_position: 2        sidebar_position: 2
    ```

    ## Options
    `fields`: more field names that must match (`[rules.KB504] fields = ["image"]`).
    """

    code = "KB504"
    name = "frontmatter-must-match"
    Options = Options

    def check(self, page, ctx) -> Iterable[Finding]:
        source = pairing(ctx).source_of(page)
        if source is None or (page.frontmatter is None and source.frontmatter is None):
            return
        mine, theirs = page.data, source.data
        for name in fields_with(ctx, "same", (page, source), self.options.fields):
            if name not in mine and name not in theirs:
                continue
            both = name in mine and name in theirs
            if both and comparable(mine[name]) == comparable(theirs[name]):
                continue
            related = ()
            if name in theirs and source.frontmatter is not None:
                pos = source.frontmatter.position((name,))
                related = (Location(source.path, pos.value_line, pos.value_column),)
            if name not in mine:
                line = page.frontmatter.start_line if page.frontmatter else 1
                message = f"{name} is missing; the source has {theirs[name]!r}"
                yield Finding(line, 1, message, related=related)
                continue
            pos = page.frontmatter.position((name,))
            expected = repr(theirs[name]) if name in theirs else "none"
            yield Finding(
                pos.value_line,
                pos.value_column,
                f"{name} is {mine[name]!r}; the source has {expected}",
                related=related,
            )
