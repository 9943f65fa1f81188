import os
from collections import defaultdict
from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Location
from kbcheck.rules.base import CorpusRule


class DuplicatePage(CorpusRule):
    """Two files are the same page: `intro.md` beside `intro.mdx`.

    Two files in one folder whose names differ only in the extension give
    Docusaurus two docs with the same id, and kbcheck would pair only one of
    them with its translations. A file of `i18n/<locale>/` for the default
    locale beside the same file of `docs/` is no duplicate: Docusaurus
    builds that locale from the `i18n/` copy.

    ## Why
    Docusaurus stops the build with a duplicate doc id, at build time and
    without saying which file to remove; until then, one of the two pages
    silently wins.

    ## Bad
    ```
    content/en/guide/intro.md
    content/en/guide/intro.mdx
    ```

    ## Good
    ```
    content/en/guide/intro.mdx
    ```
    """

    code = "KB014"
    name = "duplicate-page"
    reads_body = False

    def check_corpus(self, ctx) -> Iterable[Finding]:
        groups = defaultdict(list)
        for page in ctx.corpus.pages:
            groups[os.path.splitext(page.rel)[0]].append(page)
        for pages in groups.values():
            if len(pages) < 2:
                continue
            for page in pages:
                others = [p for p in pages if p is not page]
                listed = ", ".join(p.path for p in others)
                yield Finding(
                    1,
                    1,
                    f"same page as {listed}",
                    path=page.path,
                    related=tuple(Location(p.path, 1, 1) for p in others),
                )
