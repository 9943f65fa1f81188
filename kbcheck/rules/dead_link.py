from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.rules.base import CorpusRule


class DeadLink(CorpusRule):
    """An external link is dead: the server says the page is gone, or there is no server.

    Every `http(s)` URL of the pages is checked once per run, however many
    pages and locales use it, and reported at every place it is written:
    Markdown links and images (inline, reference-style, autolinks), raw HTML
    `href`/`src`, and frontmatter fields typed `url`. Dead means an answer
    outside `[links] accept` (404, 410, most 4xx, 500, 501...), a redirect
    loop, a domain that does not exist, a refused connection, a TLS error,
    or a URL that cannot be requested at all (a bad port or IDNA name).
    Rate limits, bot walls and timeouts are never dead: they are KB402.

    ## Why
    Dead links are the first thing readers notice and the last thing a site
    build checks. One check per unique URL keeps the run fast and polite.

    ## Bad
    ```
    [spec](https://example.org/removed-page)    # 404 not found
    ```

    ## Good
    ```
    [spec](https://example.org/current-page)
    ```

    ## Options
    The `[links]` table (see the README, "Link checking"): `accept`,
    `exclude`/`include` patterns, `timeout`, `retries`, concurrency, the
    cache and per-host headers. `kbcheck check --offline` skips KB4xx.
    """

    code = "KB401"
    name = "dead-link"
    network = True

    def check_corpus(self, ctx) -> Iterable[Finding]:
        # imported here: an offline run never loads the link checker
        from kbcheck.links.result import Verdict
        from kbcheck.links.run import at, link_run

        run = link_run(ctx)
        for url, result in run.report.items():
            if result.verdict is Verdict.BROKEN:
                for site in run.sites.get(url, ()):
                    yield at(site, f"{url} is dead: {result.reason}")
