from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.resolve import LinkOptions, resolver
from kbcheck.rules.base import PageRule


class MissingFile(PageRule):
    """An image or another linked file does not exist.

    Images (`![](...)`, `<img src>`) and links to files with an extension
    other than `.md`, `.mdx` and `.html` are looked up where Docusaurus looks
    for them: a relative path beside the page, an absolute `/img/x.png` in
    each of `static_dirs` under `site_dir`, and `@site/x` from `site_dir`.
    In a translated page a relative path is resolved beside the translation,
    not beside the source page.

    ## Why
    A missing image fails `docusaurus build` for the whole site; a missing
    download is only a 404 for the reader.

    ## Bad
    ```
    ![architecture](/img/architecure.png)
    ```

    ## Good
    ```
    ![architecture](/img/architecture.png)   # static/img/architecture.png
    ```

    ## Options
    `route_base_path` (default `docs`), as for KB301: a link such as `v1.2`
    that is not a file may still be a route.
    """

    code = "KB303"
    name = "missing-file"
    Options = LinkOptions

    def check(self, page, ctx) -> Iterable[Finding]:
        for found in resolver(ctx, self.options).problems(page):
            if found.problem == "file":
                link = found.link
                yield Finding(link.line, link.column, found.message,
                              end_line=link.end_line, end_column=link.end_column)  # fmt: skip
