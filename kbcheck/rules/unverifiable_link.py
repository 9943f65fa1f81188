from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import CorpusRule


class UnverifiableLink(CorpusRule):
    """An external link could not be verified either way.

    The server hid the page behind a bot wall (LinkedIn's 999, Cloudflare's
    `cf-mitigated: challenge`), kept rate-limiting after the retries, timed
    out, reset the connection, or answered 502/503/504; its host failed so
    often that it was given up (circuit open); or the run's time budget ran
    out first. None of these says the link is dead, so this is a
    warning, not an error.

    When no server at all could be reached (no network, or a resolver that
    knows no name), the run reports this once, at the first external link,
    instead of once per link: the links are unverifiable, not dead.

    ## Why
    A CI gate that failed on rate limits and bot walls would fail at random;
    one that ignored them would hide links nobody has verified.

    ## Bad
    ```
    [profile](https://www.linkedin.com/in/someone)   # 999: bot wall
    ```

    ## Good
    ```
    [profile](https://www.linkedin.com/in/someone)   # kept, and excluded:
    # kbcheck.toml: [links] exclude = ['^https://www\\.linkedin\\.com/']
    ```

    ## Options
    `[links]`: `retries`, `timeout`, `budget`, `exclude`, and per-host
    `headers` (a token from the environment lifts most rate limits).
    """

    code = "KB402"
    name = "unverifiable-link"
    severity = Severity.WARNING
    network = True

    def check_corpus(self, ctx) -> Iterable[Finding]:
        # imported here: an offline run never loads the link checker
        from kbcheck.links.result import NETWORK_DOWN, Verdict
        from kbcheck.links.run import at, link_run

        run = link_run(ctx)
        unreached: list[str] = []
        for url, result in run.report.items():
            if result.verdict is not Verdict.UNVERIFIABLE or not run.sites.get(url):
                continue
            if run.report.network_down and result.reason == NETWORK_DOWN:
                unreached.append(url)  # reported once, below
                continue
            for site in run.sites[url]:
                yield at(site, f"{url} could not be verified: {result.reason}")
        if unreached:
            yield at(
                run.sites[unreached[0]][0],
                f"network unreachable: {len(unreached)} external URLs not checked "
                "(unverifiable, not dead)",
            )
