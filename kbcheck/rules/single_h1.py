from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import PageRule, is_home_page
from kbcheck.settings import settings
from kbcheck.sites import site_of
from kbcheck.validation import STRICT


@settings
class Options:
    """The options of single-h1."""

    __pydantic_config__ = STRICT
    require: bool = True  # false: a page with neither an H1 nor a `title` is fine too


class SingleH1(PageRule):
    """A page has no H1, or more than one.

    The H1s after the first are one finding, at the second, which names the
    lines of the others (a page that uses H1 for all its sections is one
    mistake, not one per section); a page without one
    is reported at the first line of its body, unless its frontmatter has a
    `title`, which Docusaurus renders as the H1, or its page type requires a
    `title` (then `missing-field` reports it), or its theme shows a title
    (Material for MkDocs, from the nav or the file name). Headings in code blocks, HTML
    comments and the frontmatter do not count. A home page (`layout: home`
    in VitePress, `home: true` in VuePress, `template: home.html` in MkDocs)
    shows a hero instead of an H1.

    ## Why
    The H1 is the page's title for readers, search engines and screen
    readers; a second one splits the page in two, and stays out of the
    table of contents, which Docusaurus builds from H2 and H3.

    ## Bad
    ```
    # Generative AI
    ## Applications
    # History
    ```

    ## Good
    ```
    # Generative AI
    ## Applications
    ## History
    ```

    ## Options
    `require` (default `true`): report a page with neither an H1 nor a
    frontmatter `title`.
    """

    code = "KB205"
    name = "single-h1"
    severity = Severity.WARNING
    Options = Options

    def check(self, page, ctx) -> Iterable[Finding]:
        if not page.text:
            return
        h1s = [heading for heading in page.headings if heading.level == 1]
        first = h1s[0] if h1s else None
        if len(h1s) > 1:
            second, *more = h1s[1:]
            message = f'another h1 "{second.text}"; the page has one at line {first.line}'
            if more:
                lines = ", ".join(str(h.line) for h in more[:5])
                etc = ", ..." if len(more) > 5 else ""
                message += f", and {len(more)} more after it (lines {lines}{etc})"
            yield Finding(second.line, second.column, message)
        data = page.data
        if first is None and self.options.require and not _has_title(data.get("title")):
            if is_home_page(data) or site_of(ctx.config).draws_title():
                return
            page_type = ctx.page_type(page)
            title = page_type.fields.get("title") if page_type else None
            if title is None or not title.required:
                yield Finding(page.body_line, 1, "page has no h1 and no title; expected one")


def _has_title(title: object) -> bool:
    """A frontmatter title Docusaurus would render as the page's H1."""
    return (
        isinstance(title, (str, int, float))
        and not isinstance(title, bool)
        and bool(str(title).strip())
    )
