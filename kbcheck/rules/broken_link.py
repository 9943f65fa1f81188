from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.resolve import LinkOptions, resolver
from kbcheck.rules.base import PageRule


class BrokenLink(PageRule):
    """An internal link leads to no page.

    Links are resolved as the site generator resolves them, without building
    the site: `x.md` and `x.mdx` files (with `./`, `../`, `/` and `@site/`
    looked up in Docusaurus' order), paths without extension and folder
    indexes (`index.md`, `README.md`, `<folder>/<folder>.md`), and in the
    `docusaurus` layout routes made from doc ids, number prefixes and `slug`.
    Percent-encoded names are decoded. A translated page resolves in its own
    locale first, then in the source locale unless
    `translations.fallback_to_source` is off. External URLs are KB4xx.

    ## Why
    Docusaurus finds broken links only in a full `docusaurus build`, per
    locale, with no line numbers; a renamed file or a new `slug` breaks links
    that nobody sees until then.

    ## Bad
    ```
    [RAG](./rag)           # docs/guide/05-rag.md has `slug: /rag`
    [setup](setup.md)      # the file is 02-setup.md
    ```

    ## Good
    ```
    [RAG](./05-rag.md)     # a file link: Docusaurus turns it into the route
    [RAG](/docs/rag)       # or the route itself
    ```

    ## Options
    `route_base_path` (default `docs`): the docs plugin's `routeBasePath`;
    `/` for a docs-only site. Set it on KB301 to KB304 alike.
    """

    code = "KB301"
    name = "broken-link"
    Options = LinkOptions

    def check(self, page, ctx) -> Iterable[Finding]:
        for found in resolver(ctx, self.options).problems(page):
            if found.problem == "page":
                link = found.link
                yield Finding(link.line, link.column, found.message,
                              end_line=link.end_line, end_column=link.end_column)  # fmt: skip
