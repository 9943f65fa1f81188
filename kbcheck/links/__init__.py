"""External link checking: the only part of kbcheck that talks to the network.

    from kbcheck.links import LinkSettings, check_urls, summarize
    report = check_urls(urls, LinkSettings(host_concurrency=4))
    for url, result in report.items():
        if result.verdict is Verdict.BROKEN:
            ...

The library never prints; progress is reported through a callback and problems
that did not stop the run (an unusable cache) through ``report.warnings``.
"""

from kbcheck.links.checker import acheck_urls, check_urls
from kbcheck.links.result import LinkReport, LinkResult, Summary, Verdict, summarize
from kbcheck.links.settings import CacheTTL, HostSettings, LinkSettings

__all__ = [
    "CacheTTL",
    "HostSettings",
    "LinkReport",
    "LinkResult",
    "LinkSettings",
    "Summary",
    "Verdict",
    "acheck_urls",
    "check_urls",
    "summarize",
]
