from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import CorpusRule


class MissingFragment(CorpusRule):
    """An external link's `#fragment` names no element of the page it points to.

    Only with `[links] check_fragments = true` (or `kbcheck links
    --check-fragments`): the page is then fetched with GET and its `id` and
    `name` attributes are read (up to `fragment_max_bytes`; GitHub's
    `user-content-` prefix is understood). Pages that are not HTML, `#top`
    and text fragments (`#:~:text=`) are not judged. One page is fetched once
    for all its fragments.

    ## Why
    A section renamed upstream leaves the link "working" but dropping the
    reader at the top of a long page.

    ## Bad
    ```
    [install](https://example.org/guide#instalation)
    ```

    ## Good
    ```
    [install](https://example.org/guide#installation)
    ```

    ## Options
    `[links] check_fragments` (default false), `fragment_max_bytes`.
    """

    code = "KB404"
    name = "missing-fragment"
    severity = Severity.WARNING
    network = True

    def check_corpus(self, ctx) -> Iterable[Finding]:
        # imported here: an offline run never loads the link checker
        from kbcheck.links.run import at, link_run

        run = link_run(ctx)
        for url, result in run.report.items():
            if result.fragment_missing:
                fragment = url.partition("#")[2]
                for site in run.sites.get(url, ()):
                    yield at(site, f"#{fragment} not found on {url.partition('#')[0]}")
