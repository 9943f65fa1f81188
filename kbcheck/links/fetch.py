"""Checking one URL over HTTP: HEAD/GET, manual redirects, retries and backoff.

How many requests a URL may cost (documented because users are billed by hosts):
each redirect hop is one request; at one hop at most ``1 + retries`` requests use
the same method. HEAD comes first because it costs the server nothing; when HEAD
answers a 4xx (other than 429) or 501, one GET confirms it, and that switch is
not counted as a retry, so a hop costs at most ``2 + retries`` requests. A 5xx on
HEAD is retried with GET. The GET is streamed and closed as soon as the headers
arrive, except when fragments are checked: then at most ``fragment_max_bytes`` of
an HTML page are read.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

from kbcheck.links.classify import (
    PERMANENT_REDIRECTS,
    REDIRECTS,
    Outcome,
    classify_status,
    head_unreliable,
    status_text,
)
from kbcheck.links.errors import error_outcome
from kbcheck.links.fragments import html_anchors, is_html
from kbcheck.links.hostguard import HostGuard, HostKind
from kbcheck.links.hosts import HostPool, HostState
from kbcheck.links.result import Verdict
from kbcheck.links.settings import LinkSettings


@dataclass(frozen=True)
class Fetched:
    """What the network said about a URL (without fragment)."""

    verdict: Verdict
    reason: str
    status: int | None = None
    final_url: str | None = None
    requests: int = 0
    anchors: set[str] | None = None
    reached: bool = False  # some server answered at some point


_SMALL_BODY = 16 * 1024  # bytes worth reading to keep a connection alive


@dataclass
class _Chain:
    """The state of one link's check as it follows redirects."""

    url: str  # the URL being requested now
    method: str
    visited: set[str]
    requests: int = 0
    hops: int = 0
    first_redirect: int | None = None
    all_permanent: bool = True
    reached: bool = False


_Redirect = tuple[int, str]  # (status, target URL without fragment)


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: Mapping[str, str]
    anchors: set[str] | None


class Fetcher:
    """Runs the checks of one run; shares the client, the slots and the host states."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        settings: LinkSettings,
        guard: HostGuard,
        hosts: HostPool,
        deadline: float,
        host_headers: dict[str, dict[str, str]],
        direct: httpx.AsyncBaseTransport | None = None,
    ):
        """``direct``: the client's transport, to call without the client when no
        proxy from the environment could route a request elsewhere."""
        self.client = client
        self.settings = settings
        self.guard = guard
        self.hosts = hosts
        self.deadline = deadline
        self.host_headers = host_headers
        self.slots = asyncio.Semaphore(settings.concurrency)
        self.accepted = settings.accepted_ranges()
        self.direct = direct
        self._prepared: dict[str, tuple[httpx.Headers, dict[str, Any]]] = {}

    async def fetch(self, url: str, want_body: bool) -> Fetched:
        chain = _Chain(url, "GET" if want_body else "HEAD", visited={url})
        while True:
            hostname = urlsplit(chain.url).hostname or ""
            early = await self._precheck(hostname, first_hop=chain.hops == 0)
            if early is not None:
                return _done(early, chain)
            host = self.hosts.get(hostname)
            # The host slot is held across this hop's retries: retries then go before
            # links not yet started, so a failing host trips its breaker quickly
            # instead of every link of it waiting out its own backoff.
            async with host.slots:
                step = await self._hop(host, chain, want_body)
            if isinstance(step, Fetched):
                return step
            status, target = step
            chain.first_redirect = chain.first_redirect or status
            chain.all_permanent = chain.all_permanent and status in PERMANENT_REDIRECTS
            chain.hops += 1
            problem = self._redirect_problem(target, chain.visited, chain.hops)
            chain.url = target
            if problem:
                return _done(Outcome(Verdict.BROKEN, problem, status), chain)
            chain.visited.add(target)

    async def _hop(self, host: HostState, chain: _Chain, want_body: bool) -> Fetched | _Redirect:
        """Request one URL of the chain until a final answer, a redirect or no retry left."""
        attempt, head_refused, retries = 1, False, self._retries(host.name)
        while True:
            if host.circuit_open:
                reason = f"host circuit open ({host.open_reason})"
                return _done(Outcome(Verdict.UNVERIFIABLE, reason, reached=False), chain)
            await host.wait_if_paused()
            if host.prefer_get:
                chain.method = "GET"
            chain.requests += 1
            try:
                answer = await self._send(host, chain.method, chain.url, want_body)
            except httpx.HTTPError as exc:
                outcome = error_outcome(exc)
            else:
                chain.reached = True
                status, headers = answer.status, answer.headers
                location = headers.get("location") if status in REDIRECTS else None
                if location:
                    host.record(False, "")
                    return status, urldefrag(urljoin(chain.url, location.strip()))[0]
                if status in REDIRECTS:
                    reason = f"{status_text(status)} without location"
                    outcome = Outcome(Verdict.BROKEN, reason, status)
                else:
                    outcome = classify_status(status, headers, self.accepted)
                broken = outcome.verdict is Verdict.BROKEN
                if chain.method == "HEAD" and broken and head_unreliable(status):
                    chain.method = "GET"  # one free confirmation, see the module docstring
                    head_refused = True
                    host.prefer_get = host.prefer_get or status in (405, 501)
                    continue
                if head_refused and not broken:
                    host.prefer_get = True  # GET contradicted HEAD: skip HEAD on this host
                if outcome.verdict is Verdict.OK:
                    host.record(False, "")
                    return _success(outcome, answer, chain)
            if outcome.retry and attempt <= retries:
                delay = self._delay(host, outcome, attempt)
                if delay is not None:
                    await asyncio.sleep(delay)
                    attempt += 1
                    if chain.method == "HEAD" and (outcome.status or 0) >= 500:
                        chain.method = "GET"  # some servers fail HEAD only
                    continue
                if outcome.delay is not None and outcome.delay > self.settings.retry_after_cap:
                    wait = f"retry-after {outcome.delay:.0f} s over the cap"
                    outcome = replace(outcome, reason=f"{outcome.reason}, {wait}")
            if outcome.retry and attempt > 1:
                outcome = replace(outcome, reason=f"{outcome.reason} after {attempt} tries")
            host.record(outcome.host_failure, outcome.reason)
            return _done(outcome, chain)

    async def _precheck(self, hostname: str, first_hop: bool) -> Outcome | None:
        """Answer from the host name alone: private address, dead domain, no resolver."""
        check = await self.guard.check(hostname)
        if check.kind is HostKind.PRIVATE and not self.settings.allow_private:
            what = "private address excluded" if first_hop else "redirect to private address"
            return Outcome(Verdict.SKIPPED, what, reached=False)
        if check.kind is HostKind.NXDOMAIN:
            return Outcome(Verdict.BROKEN, "dns failure", reached=False)
        if check.kind is HostKind.UNRESOLVED:
            return Outcome(Verdict.UNVERIFIABLE, "dns lookup failed", reached=False)
        return None

    def _redirect_problem(self, target: str, visited: set[str], hops: int) -> str | None:
        if urlsplit(target).scheme not in ("http", "https"):
            return "redirect to unsupported scheme"
        if target in visited:
            return "redirect loop"
        if hops > self.settings.max_redirects:
            return f"too many redirects (more than {self.settings.max_redirects})"
        return None

    async def _send(self, host: HostState, method: str, url: str, want_body: bool) -> _Answer:
        # Callers hold the host slot already: host first, global second, so a link
        # waiting for a busy host never holds a global slot another host could use.
        async with self.slots:
            response = await self._request(host.name, method, url)
            try:
                anchors = None
                if (
                    want_body
                    and method == "GET"
                    and 200 <= response.status_code < 300
                    and is_html(response.headers.get("content-type", ""))
                ):
                    anchors = html_anchors(await self._read_capped(response))
                elif _small_body(method, response):
                    # Reading an empty or tiny body lets the connection go back to
                    # the pool; closing it unread would cost a new connection.
                    await response.aread()
                return _Answer(response.status_code, response.headers, anchors)
            finally:
                await response.aclose()  # a large unread body: the connection is dropped

    async def _request(self, hostname: str, method: str, url: str) -> httpx.Response:
        """Send one request; the response's body is left unread."""
        headers, extensions = self._prepare(hostname)
        request = httpx.Request(
            method, url, headers=headers, cookies=self.client.cookies, extensions=extensions
        )
        if self.direct is None or request.url.userinfo:  # the client sends user:password
            return await self.client.send(request, stream=True)
        # The client's send would cost ~100 µs more per request (auth and redirect
        # machinery, a cookie jar pass even without Set-Cookie) for nothing used here.
        response = await self.direct.handle_async_request(request)
        response.request = request
        if "set-cookie" in response.headers:
            self.client.cookies.extract_cookies(response)
        return response

    def _prepare(self, hostname: str) -> tuple[httpx.Headers, dict[str, Any]]:
        """The headers and timeouts of a host's requests, merged once per run."""
        prepared = self._prepared.get(hostname)
        if prepared is None:
            headers = httpx.Headers(self.client.headers)
            headers.update(self.host_headers.get(hostname, {}))
            timeout = self.client.timeout
            override = self.settings.host(hostname)
            if override is not None and override.timeout is not None:
                timeout = httpx.Timeout(override.timeout, pool=None)
            prepared = self._prepared[hostname] = (headers, {"timeout": timeout.as_dict()})
        return prepared

    async def _read_capped(self, response: httpx.Response) -> bytes:
        limit = self.settings.fragment_max_bytes
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size >= limit:
                break
        return b"".join(chunks)[:limit]

    def _delay(self, host: HostState, outcome: Outcome, attempt: int) -> float | None:
        """Seconds to wait before the next try, or None to give up now."""
        settings = self.settings
        if outcome.delay is not None:
            if outcome.delay > settings.retry_after_cap:
                return None
            delay = outcome.delay
            host.pause(delay)  # the host asked: hold its other links too
        else:
            step = min(settings.backoff_cap, settings.backoff_base * 2 ** (attempt - 1))
            delay = step / 2 + random.uniform(0, step / 2)
        if time.monotonic() + delay >= self.deadline:
            return None
        return delay

    def _retries(self, hostname: str) -> int:
        override = self.settings.host(hostname)
        if override is not None and override.retries is not None:
            return override.retries
        return self.settings.retries


def _small_body(method: str, response: httpx.Response) -> bool:
    if method == "HEAD" or response.status_code in (204, 304):
        return True
    length = response.headers.get("content-length", "")
    return length.isdigit() and int(length) <= _SMALL_BODY


def _success(outcome: Outcome, answer: _Answer, chain: _Chain) -> Fetched:
    final = chain.url if chain.hops else None
    if chain.first_redirect is not None and chain.all_permanent:
        return Fetched(
            Verdict.REDIRECTED,
            status_text(chain.first_redirect),
            chain.first_redirect,
            final,
            chain.requests,
            answer.anchors,
            True,
        )
    return Fetched(
        Verdict.OK, outcome.reason, answer.status, final, chain.requests, answer.anchors, True
    )


def _done(outcome: Outcome, chain: _Chain) -> Fetched:
    return Fetched(
        outcome.verdict,
        outcome.reason,
        outcome.status,
        chain.url if chain.hops else None,
        chain.requests,
        None,
        chain.reached or outcome.reached,
    )
