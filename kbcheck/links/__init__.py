"""External link checking: the only part of kbcheck that talks to the network.

    from kbcheck.links import LinkSettings, check_urls, summarize
    report = check_urls(urls, LinkSettings(host_concurrency=4))
    for url, result in report.items():
        if result.verdict is Verdict.BROKEN:
            ...

The library never prints; progress is reported through a callback and problems
that did not stop the run (an unusable cache) through ``report.warnings``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kbcheck.links.checker import acheck_urls, check_urls
    from kbcheck.links.result import LinkReport, LinkResult, Summary, Verdict, summarize
    from kbcheck.links.settings import CacheTTL, HostSettings, LinkSettings

# Imported on first use: the configuration loads the settings on every run, and
# the checker (asyncio, ssl, sqlite3) is only wanted when links are checked.
_HOMES = {
    "acheck_urls": "checker",
    "check_urls": "checker",
    "LinkReport": "result",
    "LinkResult": "result",
    "Summary": "result",
    "Verdict": "result",
    "summarize": "result",
    "CacheTTL": "settings",
    "HostSettings": "settings",
    "LinkSettings": "settings",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)


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
