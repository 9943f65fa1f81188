"""Checking one URL over HTTP: HEAD/GET, manual redirects, retries and backoff.

How many requests a URL may cost (documented because users are billed by hosts):
each redirect hop is one request; at one hop at most ``1 + retries`` requests use
the same method. HEAD comes first because it costs the server nothing; when HEAD
answers a 4xx (other than 429) or 501, one GET confirms it, and that switch is
not counted as a retry, so a hop costs at most ``2 + retries`` requests. A 5xx on
HEAD is retried with GET, and so is a HEAD that times out (once, not counted as a
retry either). The GET is streamed and closed as soon as the headers arrive,
except when fragments are checked: then at most ``fragment_max_bytes`` decoded
bytes of an HTML page are read (see ``body``).

``timeout`` bounds a whole request (connection, headers and body together), not
each read, so a server sending a byte at a time cannot hold a link for longer.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

from kbcheck.links.body import read_body
from kbcheck.links.classify import (
    PERMANENT_REDIRECTS,
    REDIRECTS,
    Outcome,
    classify_status,
    head_unreliable,
    status_text,
)
from kbcheck.links.errors import error_outcome, guard_outcome
from kbcheck.links.fragments import html_anchors, is_html
from kbcheck.links.hostguard import HostCheck, HostGuard, HostKind
from kbcheck.links.hosts import HostPool, HostState
from kbcheck.links.result import Verdict
from kbcheck.links.settings import LinkSettings, Origin
from kbcheck.links.transport import CONNECTING


@dataclass(frozen=True)
class Fetched:
    """What the network said about a URL (without fragment)."""

    verdict: Verdict
    reason: str
    status: int | None = None
    final_url: str | None = None
    requests: int = 0
    anchors: set[str] | None = None
    reached: bool = False  # a server at a public address answered at some point
    public: bool = True  # a host not known to be private: its fate says if the internet is up


_SMALL_BODY = 16 * 1024  # bytes worth reading to keep a connection alive
_T = TypeVar("_T")


@dataclass
class _Chain:
    """The state of one link's check as it follows redirects."""

    url: str  # the URL being requested now
    target: httpx.URL  # the same, parsed
    method: str
    visited: set[str]
    requests: int = 0
    hops: int = 0
    first_redirect: int | None = None
    all_permanent: bool = True
    reached: bool = False
    public: bool = True  # the first host was not private


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
        origin_headers: dict[Origin, dict[str, str]],
        direct: httpx.AsyncBaseTransport,
        proxied: bool = False,
    ):
        """``direct``: the client's transport, for the hosts no proxy serves; with
        ``proxied`` False, no proxy serves any and the client is bypassed."""
        self.client = client
        self.settings = settings
        self.guard = guard
        self.hosts = hosts
        self.deadline = deadline
        self.origin_headers = origin_headers
        self.slots = asyncio.Semaphore(settings.concurrency)
        self.accepted = settings.accepted_ranges()
        self.direct = direct
        self.proxied = proxied
        self._prepared: dict[Origin, httpx.Headers] = {}
        self._phases: dict[float, dict[str, float | None]] = {}

    def is_direct(self, url: httpx.URL) -> bool:
        """Whether this process connects to the URL's host itself (no proxy)."""
        return not self.proxied or self.client._transport_for_url(url) is self.direct

    async def fetch(self, url: str, want_body: bool) -> Fetched:
        try:
            target = parse_url(url)
        except httpx.InvalidURL as exc:
            return Fetched(Verdict.BROKEN, invalid_url(exc), public=False)  # no destination
        chain = _Chain(url, target, "GET" if want_body else "HEAD", visited={url})
        while True:
            hostname = urlsplit(chain.url).hostname or ""
            check = await self.guard.check(
                chain.target.raw_host.decode("ascii"), resolve=self.is_direct(chain.target)
            )
            if chain.hops == 0:
                chain.public = check.kind is not HostKind.PRIVATE
            early = self._precheck(check.kind, first_hop=chain.hops == 0)
            if early is not None:
                return _done(early, chain)
            host = self.hosts.get(hostname)
            # The host slot is held across this hop's retries: retries then go before
            # links not yet started, so a failing host trips its breaker quickly
            # instead of every link of it waiting out its own backoff.
            async with host.slots:
                step = await self._hop(host, chain, want_body, check.kind is HostKind.PUBLIC)
            if isinstance(step, Fetched):
                return step
            status, location = step
            chain.first_redirect = chain.first_redirect or status
            chain.all_permanent = chain.all_permanent and status in PERMANENT_REDIRECTS
            chain.hops += 1
            problem = self._redirect_problem(location, chain.visited, chain.hops)
            chain.url = location
            if problem:
                return _done(Outcome(Verdict.BROKEN, problem, status), chain)
            chain.target = httpx.URL(location)  # _redirect_problem found it valid
            chain.visited.add(location)

    async def _hop(
        self, host: HostState, chain: _Chain, want_body: bool, public: bool
    ) -> Fetched | _Redirect:
        """Request one URL of the chain until a final answer, a redirect or no retry left.

        ``public``: the host's address is public, so an answer proves the internet is reachable.
        """
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
                answer = await self._send(host, chain.method, chain.target, want_body)
            except httpx.HTTPError as exc:
                outcome = error_outcome(exc)
                chain.reached = chain.reached or (public and outcome.reached)  # it connected
                if chain.method == "HEAD" and outcome.reason == "timeout" and not head_refused:
                    chain.method = "GET"  # a server that never answers HEAD may answer GET
                    head_refused = True
                    continue
            else:
                chain.reached = chain.reached or public
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

    def _precheck(self, kind: HostKind, first_hop: bool) -> Outcome | None:
        """Answer from the host name alone: private address, dead domain, no resolver."""
        if kind is HostKind.PRIVATE and self.settings.allow_private:
            return None
        return guard_outcome(HostCheck(kind), first_hop)

    def _redirect_problem(self, target: str, visited: set[str], hops: int) -> str | None:
        if urlsplit(target).scheme not in ("http", "https"):
            return "redirect to unsupported scheme"
        try:
            parse_url(target)
        except httpx.InvalidURL as exc:
            return f"redirect to {invalid_url(exc)}"
        if target in visited:
            return "redirect loop"
        if hops > self.settings.max_redirects:
            return f"too many redirects (more than {self.settings.max_redirects})"
        return None

    async def _send(self, host: HostState, method: str, url: httpx.URL, want_body: bool) -> _Answer:
        # Callers hold the host slot already: host first, global second, so a link
        # waiting for a busy host never holds a global slot another host could use.
        async with self.slots:
            timeout = self._timeout(host.name)
            exchange = self._exchange(method, url, want_body, timeout)
            CONNECTING.set(False)
            try:
                return await _within(exchange, timeout)
            except asyncio.TimeoutError:
                if CONNECTING.get():
                    raise httpx.ConnectTimeout("connect timeout") from None
                raise httpx.ReadTimeout("request deadline") from None

    async def _exchange(
        self, method: str, url: httpx.URL, want_body: bool, timeout: float
    ) -> _Answer:
        response = await self._request(method, url, timeout)
        try:
            anchors = None
            if (
                want_body
                and method == "GET"
                and 200 <= response.status_code < 300
                and is_html(response.headers.get("content-type", ""))
            ):
                body = await read_body(response, self.settings.fragment_max_bytes)
                anchors = None if body is None else html_anchors(body)
            elif _small_body(method, response):
                # Reading an empty or tiny body lets the connection go back to
                # the pool; closing it unread would cost a new connection.
                await read_body(response, _SMALL_BODY)
            return _Answer(response.status_code, response.headers, anchors)
        finally:
            await response.aclose()  # a large unread body: the connection is dropped

    async def _request(self, method: str, target: httpx.URL, timeout: float) -> httpx.Response:
        """Send one request; the response's body is left unread."""
        phases = self._phases.get(timeout)
        if phases is None:  # each phase (connect, read...) gets the whole; the deadline is above
            phases = self._phases[timeout] = httpx.Timeout(timeout, pool=None).as_dict()
        extensions = {"timeout": phases}
        request = httpx.Request(
            method,
            target,
            headers=self._headers(origin_of(target)),
            cookies=self.client.cookies,
            extensions=extensions,
        )
        if self.proxied or target.userinfo:  # the client routes, or sends user:password
            return await self.client.send(request, stream=True)
        # The client's send would cost ~100 µs more per request (auth and redirect
        # machinery, a cookie jar pass even without Set-Cookie) for nothing used here.
        response = await self.direct.handle_async_request(request)
        response.request = request
        if "set-cookie" in response.headers:
            self.client.cookies.extract_cookies(response)
        return response

    def _headers(self, origin: Origin) -> httpx.Headers:
        """The client's headers and those configured for this origin (scheme, host,
        port), merged once per run; a request to any other origin never gets them."""
        headers = self._prepared.get(origin)
        if headers is None:
            configured = self.origin_headers.get(origin, {})
            names = {name.lower().encode("ascii") for name in configured}
            raw = [(k, v) for k, v in self.client.headers.raw if k.lower() not in names]
            # Values are Latin-1 (checked with the settings); httpx would take only ASCII.
            raw += [(k.encode("ascii"), v.encode("latin-1")) for k, v in configured.items()]
            headers = self._prepared[origin] = httpx.Headers(raw)
        return headers

    def _timeout(self, hostname: str) -> float:
        override = self.settings.host(hostname)
        if override is not None and override.timeout is not None:
            return override.timeout
        return self.settings.timeout

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


def origin_of(url: httpx.URL) -> Origin:
    port = url.port or (443 if url.scheme == "https" else 80)
    return url.scheme, url.raw_host.decode("ascii").lower(), port


if sys.version_info >= (3, 11):

    async def _within(awaitable: Awaitable[_T], seconds: float) -> _T:
        """``awaitable``, cancelled after ``seconds`` (asyncio.TimeoutError)."""
        async with asyncio.timeout(seconds):  # no task of its own, unlike wait_for
            return await awaitable

else:
    _within = asyncio.wait_for


def parse_url(url: str) -> httpx.URL:
    """The URL as httpx will send it; ``httpx.InvalidURL`` for one that cannot be sent."""
    parsed = httpx.URL(url)
    if parsed.port is not None and parsed.port > 65535:
        raise httpx.InvalidURL(f"port out of range: {parsed.port}")
    return parsed


def invalid_url(exc: httpx.InvalidURL) -> str:
    """``invalid url (invalid port: 'PORT')``: the reason httpx gives, in lower case."""
    detail = str(exc).strip().rstrip(".")
    return f"invalid url ({detail[:1].lower()}{detail[1:]})" if detail else "invalid url"


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
            chain.reached,
            chain.public,
        )
    return Fetched(
        Verdict.OK,
        outcome.reason,
        answer.status,
        final,
        chain.requests,
        answer.anchors,
        chain.reached,
        chain.public,
    )


def _done(outcome: Outcome, chain: _Chain) -> Fetched:
    return Fetched(
        outcome.verdict,
        outcome.reason,
        outcome.status,
        chain.url if chain.hops else None,
        chain.requests,
        None,
        chain.reached,
        chain.public,
    )
