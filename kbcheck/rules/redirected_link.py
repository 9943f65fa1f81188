from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import CorpusRule


class RedirectedLink(CorpusRule):
    """An external link has moved permanently: use the URL it now lives at.

    Reported when every redirect on the way is permanent (301 or 308) and the
    final page answers; temporary redirects (302, 303, 307) are normal (login
    pages, mirrors, "latest" links) and are not reported. The message names
    the new URL.

    ## Why
    A permanent redirect works today and breaks the day the old domain or
    path is dropped; each one also costs readers a round trip.

    ## Bad
    ```
    [docs](http://example.org/docs)    # 301 -> https://example.org/docs/
    ```

    ## Good
    ```
    [docs](https://example.org/docs/)
    ```

    ## Options
    `[links] max_redirects` (default 10). Severity is `info` by default; set
    `[rules.KB403] severity = "warning"` to make `--strict` fail on it.
    """

    code = "KB403"
    name = "redirected-link"
    severity = Severity.INFO
    network = True

    def check_corpus(self, ctx) -> Iterable[Finding]:
        # imported here: an offline run never loads the link checker
        from kbcheck.links.result import Verdict
        from kbcheck.links.run import at, link_run

        run = link_run(ctx)
        for url, result in run.report.items():
            if result.verdict is Verdict.REDIRECTED and result.final_url:
                message = f"{url} moved permanently to {result.final_url} ({result.reason})"
                for site in run.sites.get(url, ()):
                    yield at(site, message)
