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
import errno
import random
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
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
from kbcheck.links.fragments import html_anchors, is_html
from kbcheck.links.hostguard import HostGuard, HostKind
from kbcheck.links.hosts import HostPool, HostState
from kbcheck.links.result import Verdict
from kbcheck.links.settings import LinkSettings

_DNS_WORDS = (
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo failed",
    "no address associated",
    "name resolution",
)


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
    ):
        self.client = client
        self.settings = settings
        self.guard = guard
        self.hosts = hosts
        self.deadline = deadline
        self.host_headers = host_headers
        self.slots = asyncio.Semaphore(settings.concurrency)
        self.accepted = settings.accepted_ranges()

    async def fetch(self, url: str, want_body: bool) -> Fetched:
        settings = self.settings
        current, method, attempt, requests, hops = url, "GET" if want_body else "HEAD", 1, 0, 0
        visited = {url}
        first_redirect: int | None = None
        all_permanent = True
        reached = False
        head_refused = False  # HEAD said 4xx/501 and a GET is checking it
        while True:
            hostname = urlsplit(current).hostname or ""
            early = await self._precheck(hostname, first_hop=hops == 0)
            host = self.hosts.get(hostname)
            if early is None and host.circuit_open:
                early = Outcome(
                    Verdict.UNVERIFIABLE, f"host circuit open ({host.open_reason})", reached=False
                )
            if early is not None:
                return self._done(early, current if hops else None, requests, reached)
            if host.prefer_get:
                method = "GET"
            requests += 1
            try:
                answer = await self._send(host, method, current, want_body)
            except httpx.HTTPError as exc:
                outcome = error_outcome(exc)
            else:
                reached = True
                status, headers = answer.status, answer.headers
                location = headers.get("location") if status in REDIRECTS else None
                if location:
                    target = urldefrag(urljoin(current, location.strip()))[0]
                    first_redirect = first_redirect or status
                    all_permanent = all_permanent and status in PERMANENT_REDIRECTS
                    problem = self._redirect_problem(target, visited, hops + 1)
                    if problem:
                        return self._done(
                            Outcome(Verdict.BROKEN, problem, status), target, requests, reached
                        )
                    visited.add(target)
                    current, hops, attempt = target, hops + 1, 1
                    continue
                if status in REDIRECTS:
                    outcome = Outcome(
                        Verdict.BROKEN, f"{status_text(status)} without location", status
                    )
                else:
                    outcome = classify_status(status, headers, self.accepted)
                if (
                    method == "HEAD"
                    and outcome.verdict is Verdict.BROKEN
                    and head_unreliable(status)
                ):
                    method = "GET"  # one free confirmation, see the module docstring
                    head_refused = True
                    host.prefer_get = host.prefer_get or status in (405, 501)
                    continue
                if head_refused and outcome.verdict is not Verdict.BROKEN:
                    host.prefer_get = True  # GET contradicted HEAD: skip HEAD on this host
                if outcome.verdict is Verdict.OK:
                    host.record(False, "")
                    return self._success(
                        outcome,
                        answer,
                        current if hops else None,
                        first_redirect if all_permanent else None,
                        requests,
                    )
            retries = self._retries(hostname)
            if outcome.retry and attempt <= retries:
                delay = await self._delay(host, outcome, attempt)
                if delay is not None:
                    await asyncio.sleep(delay)
                    attempt += 1
                    if method == "HEAD" and (outcome.status or 0) >= 500:
                        method = "GET"
                    continue
                if outcome.delay is not None and outcome.delay > settings.retry_after_cap:
                    outcome = _with_reason(
                        outcome, f"{outcome.reason}, retry-after {outcome.delay:.0f} s over the cap"
                    )
            if outcome.retry and attempt > 1:
                outcome = _with_reason(outcome, f"{outcome.reason} after {attempt} tries")
            host.record(outcome.host_failure, outcome.reason)
            return self._done(
                outcome, current if hops else None, requests, reached or outcome.reached
            )

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
        # Host slot first, global slot second: a link waiting for a busy host must
        # not hold a global slot that another host could use.
        async with host.slots:
            await host.wait_if_paused()
            async with self.slots:
                request = self.client.build_request(
                    method,
                    url,
                    headers=self.host_headers.get(host.name),
                    timeout=self._timeout(host.name),
                )
                response = await self.client.send(request, stream=True)
                try:
                    anchors = None
                    if (
                        want_body
                        and method == "GET"
                        and 200 <= response.status_code < 300
                        and is_html(response.headers.get("content-type", ""))
                    ):
                        anchors = html_anchors(await self._read_capped(response))
                    return _Answer(response.status_code, response.headers, anchors)
                finally:
                    await response.aclose()  # unread body: the connection is dropped

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

    async def _delay(self, host: HostState, outcome: Outcome, attempt: int) -> float | None:
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

    def _timeout(self, hostname: str) -> httpx.Timeout | None:
        override = self.settings.host(hostname)
        if override is None or override.timeout is None:
            return None  # the client's default
        return httpx.Timeout(override.timeout, pool=None)

    def _success(
        self,
        outcome: Outcome,
        answer: _Answer,
        final_url: str | None,
        permanent: int | None,
        requests: int,
    ) -> Fetched:
        if permanent is not None:
            return Fetched(
                Verdict.REDIRECTED,
                status_text(permanent),
                permanent,
                final_url,
                requests,
                answer.anchors,
                True,
            )
        return Fetched(
            Verdict.OK, outcome.reason, answer.status, final_url, requests, answer.anchors, True
        )

    @staticmethod
    def _done(outcome: Outcome, final_url: str | None, requests: int, reached: bool) -> Fetched:
        return Fetched(
            outcome.verdict, outcome.reason, outcome.status, final_url, requests, None, reached
        )


def _with_reason(outcome: Outcome, reason: str) -> Outcome:
    return Outcome(
        outcome.verdict,
        reason,
        outcome.status,
        outcome.retry,
        outcome.delay,
        outcome.host_failure,
        outcome.reached,
    )


def _cause(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return None
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def error_outcome(exc: httpx.HTTPError) -> Outcome:
    """Classify a failed request; ``reached`` is False when no connection was made."""
    unverifiable, broken = Verdict.UNVERIFIABLE, Verdict.BROKEN
    if isinstance(exc, httpx.ConnectTimeout):
        return Outcome(
            unverifiable, "connect timeout", retry=True, host_failure=True, reached=False
        )
    if isinstance(exc, httpx.TimeoutException):
        return Outcome(unverifiable, "timeout", retry=True, host_failure=True)
    if isinstance(exc, httpx.ConnectError):
        tls = _cause(exc, ssl.SSLError)
        if tls is not None:
            detail = getattr(tls, "reason", None) or type(tls).__name__
            return Outcome(broken, f"tls error ({str(detail).lower().replace('_', ' ')})")
        os_error = _cause(exc, OSError)
        code = getattr(os_error, "errno", None)
        text = str(exc).lower()
        if code == errno.ECONNREFUSED or "connection refused" in text:
            return Outcome(
                broken, "connection refused", retry=True, host_failure=True, reached=False
            )
        if any(word in text for word in _DNS_WORDS):
            return Outcome(broken, "dns failure", reached=False)
        if code in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return Outcome(
                unverifiable, "network unreachable", retry=True, host_failure=True, reached=False
            )
        return Outcome(
            unverifiable, "connection failed", retry=True, host_failure=True, reached=False
        )
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        return Outcome(unverifiable, "connection reset", retry=True, host_failure=True)
    if isinstance(exc, httpx.RemoteProtocolError):
        return Outcome(
            unverifiable, "connection closed without response", retry=True, host_failure=True
        )
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL | httpx.LocalProtocolError):
        return Outcome(broken, "invalid url", reached=False)
    return Outcome(unverifiable, f"request failed ({type(exc).__name__.lower()})")
