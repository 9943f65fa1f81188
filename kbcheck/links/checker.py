"""Running a whole link check: screening, cache, then the network.

The order matters for cost: patterns and schemes are screened first (free), then
the cache is consulted (no network), and only the rest goes to the network
(:mod:`kbcheck.links.network`), with links that differ only by ``#fragment``
sharing a single check. asyncio and httpx are imported only when something must
be fetched, so a fully cached run starts fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING
from urllib.parse import urldefrag

from kbcheck.links.cache import LinkCache
from kbcheck.links.result import NETWORK_DOWN, LinkReport, LinkResult, Verdict, hostname
from kbcheck.links.settings import LinkSettings

if TYPE_CHECKING:
    from kbcheck.patterns import Pattern

Progress = Callable[[int, int], None]


def check_urls(
    urls: Iterable[str], settings: LinkSettings | None = None, *, progress: Progress | None = None
) -> LinkReport:
    """Check external URLs and return a report keyed by URL (see ``acheck_urls``).

    Runs its own event loop when there is something to fetch; from inside a
    running loop it uses a worker thread, so it is safe to call from notebooks
    and async frameworks too.
    """
    run = _Check(urls, settings or LinkSettings(), progress)
    if not run.groups:
        return run.report()
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(run.fetch())
    else:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, run.fetch()).result()
    return run.report()  # in this thread, which opened the cache


async def acheck_urls(
    urls: Iterable[str], settings: LinkSettings | None = None, *, progress: Progress | None = None
) -> LinkReport:
    """Check URLs (deduplicated, order kept); ``progress(done, total)`` counts unique URLs.

    Never raises for network or cache trouble: those end up in results and warnings.
    """
    run = _Check(urls, settings or LinkSettings(), progress)
    if run.groups:
        await run.fetch()
    return run.report()


class _Check:
    """One check: what patterns and the cache answer at once, the rest to fetch."""

    def __init__(
        self, urls: Iterable[str], settings: LinkSettings, progress: Progress | None
    ) -> None:
        self.settings = settings
        self.progress = progress
        self.started = time.monotonic()
        self.unique = list(dict.fromkeys(url.strip() for url in urls if url and url.strip()))
        self.results: dict[str, LinkResult] = {}
        self.warnings: list[str] = []
        self.requests, self.network_down = 0, False
        include, exclude = _patterns(settings.include), _patterns(settings.exclude)
        for url in self.unique:
            screened = _screen(url, include, exclude)
            if screened is not None:
                self.results[url] = screened
        self.cache = _open_cache(settings, self.warnings)
        if self.cache is not None:
            left = [u for u in self.unique if u not in self.results]
            self.results.update(self.cache.lookup(left, time.time()))
        self.groups: dict[str, list[str]] = {}  # base URL -> the URLs with its fragments
        for url in self.unique:
            if url not in self.results:
                self.groups.setdefault(urldefrag(url)[0], []).append(url)
        if progress is not None and self.results:
            progress(len(self.results), len(self.unique))

    async def fetch(self) -> None:
        from kbcheck.links.network import check_network

        settings, results = self.settings, self.results
        deadline = self.started + settings.budget
        fetched, self.network_down = await check_network(
            self.groups, settings, deadline, results, len(self.unique), self.progress, self.warnings
        )
        self.requests = sum(f.requests for f in fetched.values())
        if self.network_down:
            for base, variants in self.groups.items():
                if fetched[base].public and fetched[base].verdict is not Verdict.SKIPPED:
                    for url in variants:
                        results[url] = LinkResult(
                            url,
                            Verdict.UNVERIFIABLE,
                            None,
                            NETWORK_DOWN,
                            requests=fetched[base].requests,
                        )

    def report(self) -> LinkReport:
        """The report; what was fetched goes into the cache (unless the network was down)."""
        cache, results = self.cache, self.results
        if cache is not None:
            if self.groups and not self.network_down:
                fresh = (results[u] for variants in self.groups.values() for u in variants)
                cache.store(fresh, time.time())
            cache.close()
            self.warnings.extend(cache.warnings)
        return LinkReport(
            results={u: results[u] for u in self.unique},
            network_down=self.network_down,
            warnings=self.warnings,
            requests=self.requests,
            elapsed=time.monotonic() - self.started,
        )


def _patterns(sources: list[str]) -> list[Pattern]:
    """User patterns run on RE2, in time linear in the URL (see kbcheck.patterns)."""
    if not sources:
        return []  # RE2 is imported only when there is a pattern
    from kbcheck.patterns import compile_pattern

    return [compile_pattern(source) for source in sources]


def _screen(url: str, include: list[Pattern], exclude: list[Pattern]) -> LinkResult | None:
    """Decide without the network. Patterns follow lychee: an include match always
    checks; otherwise an exclude match skips, and so does having includes but no
    excludes (then the includes are an allow-list)."""
    if url.partition(":")[0].lower() not in ("http", "https"):
        return LinkResult(url, Verdict.SKIPPED, reason="unsupported scheme")
    if not hostname(url):
        return LinkResult(url, Verdict.BROKEN, reason="invalid url")
    if any(p.search(url) for p in include):
        return None
    if any(p.search(url) for p in exclude) or (include and not exclude):
        return LinkResult(url, Verdict.SKIPPED, reason="excluded by pattern")
    return None


def _open_cache(settings: LinkSettings, warnings: list[str]) -> LinkCache | None:
    path = settings.cache_path()
    if path is None:
        return None
    cache = LinkCache(path, settings.cache_ttl, settings.profile())
    if cache.enabled:
        return cache
    warnings.extend(cache.warnings)
    return None
