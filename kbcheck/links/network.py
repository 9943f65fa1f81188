"""The network part of a link check: one client, hosts resolved first, links fetched
in an order that spreads them over hosts, within the run's time budget.

Imported only when something is left to fetch once patterns and the cache have
answered, so that a fully cached run never imports asyncio or httpx.
"""

from __future__ import annotations

import asyncio
import functools
import ssl
import time
from itertools import zip_longest
from typing import TYPE_CHECKING
from urllib.parse import urldefrag

from kbcheck.links.fragments import fragment_missing
from kbcheck.links.hostguard import HostGuard
from kbcheck.links.hosts import HostPool
from kbcheck.links.result import LinkResult, Verdict, hostname
from kbcheck.links.settings import LinkSettings

if TYPE_CHECKING:
    import httpx

    from kbcheck.links.checker import Progress
    from kbcheck.links.fetch import Fetched, Fetcher
    from kbcheck.links.transport import HostTransport

BUDGET_EXHAUSTED = "time budget exhausted"
_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8"


async def check_network(
    groups: dict[str, list[str]],
    settings: LinkSettings,
    deadline: float,
    results: dict[str, LinkResult],
    total: int,
    progress: Progress | None,
    warnings: list[str],
) -> tuple[dict[str, Fetched], bool]:
    """Fetch every base URL; also say whether the network was down (see ``_network_down``)."""
    from kbcheck.links.fetch import Fetched, Fetcher

    fetched: dict[str, Fetched] = {}
    proxies = _environment_proxies() if settings.trust_env else {}
    guard = HostGuard()
    client, transport = _client(settings, proxies, guard)
    async with client:
        fetcher = Fetcher(
            client,
            settings,
            guard,
            HostPool(settings),
            deadline,
            settings.origin_headers(warnings),
            transport,
            proxied=any(url is not None for url in proxies.values()),
        )
        order = _interleaved(groups)
        # Resolve every host before any link starts: links then queue for the global
        # slots in the interleaved order, instead of waking host by host when their
        # lookups finish (which would send one host a burst of fresh connections).
        lookups = {asyncio.ensure_future(_lookup(fetcher, base)) for base in _first_per_host(order)}
        await asyncio.wait(lookups, timeout=max(0.0, deadline - time.monotonic()))

        async def one(base: str, variants: list[str]) -> None:
            want_body = settings.check_fragments and any(_has_fragment(u) for u in variants)
            try:
                outcome = await fetcher.fetch(base, want_body)
            except Exception as exc:  # a bug must cost one link, not the whole run
                reason = f"check failed ({type(exc).__name__})"
                outcome = Fetched(Verdict.UNVERIFIABLE, reason, public=False)
            fetched[base] = outcome
            for url in variants:
                results[url] = _variant(url, outcome, settings.check_fragments)
            if progress is not None:
                progress(len(results), total)

        tasks = {asyncio.ensure_future(one(b, groups[b])): b for b in order}
        _, late = await asyncio.wait(tasks, timeout=max(0.0, deadline - time.monotonic()))
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        for task, base in tasks.items():
            if task in late:
                fetched[base] = Fetched(Verdict.UNVERIFIABLE, BUDGET_EXHAUSTED)
                for url in groups[base]:
                    results[url] = LinkResult(url, Verdict.UNVERIFIABLE, reason=BUDGET_EXHAUSTED)
            else:
                task.result()  # a bug or a failing progress callback surfaces here
        if late and progress is not None:
            progress(len(results), total)
    return fetched, await _network_down(list(fetched.values()), guard, settings.timeout)


async def _lookup(fetcher: Fetcher, url: str) -> None:
    import httpx

    from kbcheck.links.fetch import parse_url

    try:
        target = parse_url(url)
    except httpx.InvalidURL:
        return  # reported by the fetch, with no lookup
    await fetcher.guard.check(target.raw_host.decode("ascii"), resolve=fetcher.is_direct(target))


def _client(
    settings: LinkSettings, proxies: dict[str, str | None], guard: HostGuard
) -> tuple[httpx.AsyncClient, HostTransport]:
    """The client, and its transport for the hosts no proxy of ``proxies`` serves.

    httpx reads the environment only for clients without a transport of their own,
    so the proxies are mounted here as httpx would mount them; ``None`` (a host in
    ``NO_PROXY``) routes to the client's transport.
    """
    import httpx

    from kbcheck.links.body import ACCEPT_ENCODING
    from kbcheck.links.transport import HostTransport, PinnedBackend

    # One SSL context for every pool, made when the first https host is met:
    # loading the CA bundle costs ~15 ms each time, and plain-HTTP runs never need it.
    @functools.cache
    def tls() -> ssl.SSLContext:
        if settings.verify is True or settings.verify is False:
            return httpx.create_ssl_context(verify=settings.verify)
        return ssl.create_default_context(cafile=str(settings.verify))

    transport = HostTransport(tls, PinnedBackend(guard, settings.allow_private))
    client = httpx.AsyncClient(
        headers={
            "User-Agent": settings.user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
        timeout=httpx.Timeout(settings.timeout, pool=None),
        transport=transport,
        mounts={
            pattern: None if url is None else httpx.AsyncHTTPTransport(verify=tls(), proxy=url)
            for pattern, url in proxies.items()
        },
        follow_redirects=False,
        trust_env=settings.trust_env,
    )
    return client, transport


def _environment_proxies() -> dict[str, str | None]:
    """``HTTPS_PROXY``, ``NO_PROXY`` and the rest, as httpx reads them: URL pattern ->
    proxy URL, or None for a host that goes direct."""
    from httpx._utils import get_environment_proxies

    return get_environment_proxies()


def _interleaved(groups: dict[str, list[str]]) -> list[str]:
    """Bases ordered round-robin over hosts.

    Links wait for the global slots in this order, so requests in flight spread over
    hosts: each host sees a few connections that are reused, instead of one host
    at a time receiving a burst of fresh connections.
    """
    by_host: dict[str, list[str]] = {}
    for base in groups:
        by_host.setdefault(hostname(base), []).append(base)
    columns = zip_longest(*by_host.values())
    return [base for column in columns for base in column if base is not None]


def _first_per_host(bases: list[str]) -> list[str]:
    first: dict[str, str] = {}
    for base in bases:
        first.setdefault(hostname(base), base)
    return list(first.values())


def _has_fragment(url: str) -> bool:
    fragment = urldefrag(url)[1]
    return bool(fragment) and not fragment.startswith(":~:")


def _variant(url: str, fetched: Fetched, check_fragments: bool) -> LinkResult:
    missing = None
    if check_fragments and fetched.verdict in (Verdict.OK, Verdict.REDIRECTED):
        missing = fragment_missing(urldefrag(url)[1], fetched.anchors)
    return LinkResult(
        url,
        fetched.verdict,
        fetched.status,
        fetched.reason,
        fetched.final_url,
        fetched.requests,
        False,
        missing,
    )


async def _network_down(fetched: list[Fetched], guard: HostGuard, timeout: float) -> bool:
    """No public server answered anything, and not only because names do not exist:
    a resolver that answers NXDOMAIN is working, so dead domains alone stay broken,
    unless it denies a name known to exist too (then it denies everything).

    Only links to public hosts are counted: an intranet or loopback server that
    answers (``allow_private``) says nothing about the internet."""
    tried = [
        f
        for f in fetched
        if f.public and f.verdict is not Verdict.SKIPPED and f.reason != BUDGET_EXHAUSTED
    ]
    if not tried or any(f.reached for f in tried):
        return False
    if any(f.reason != "dns failure" for f in tried):
        return True
    return guard.denied > 0 and not await guard.resolver_knows_names(timeout)
