"""Classifying a request that got no HTTP answer (httpx exceptions).

Separate from ``classify`` so that module stays free of httpx; the distinction
that matters here is whether a connection was made (``reached``), because a run
in which nothing was ever reached means the network, not the links, is down.
"""

from __future__ import annotations

import errno
import ssl

import httpx

from kbcheck.links.classify import Outcome
from kbcheck.links.hostguard import HostCheck, HostKind
from kbcheck.links.result import Verdict
from kbcheck.links.transport import Refused

_DNS_WORDS = (
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo failed",
    "no address associated",
    "name resolution",
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


def _errno(exc: BaseException) -> int | None:
    """The first errno in the chain (anyio wraps refusals in a bare OSError)."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return None
        if isinstance(seen, OSError) and isinstance(seen.errno, int) and seen.errno > 0:
            return seen.errno
        seen = seen.__cause__ or seen.__context__
    return None


def guard_outcome(check: HostCheck, first_hop: bool = True) -> Outcome | None:
    """What the guard's verdict on a host means for a link (None: go ahead)."""
    if check.kind is HostKind.PRIVATE:
        what = "private address excluded" if first_hop else "redirect to private address"
        return Outcome(Verdict.SKIPPED, what, reached=False)
    if check.kind is HostKind.NXDOMAIN:
        return Outcome(Verdict.BROKEN, "dns failure", reached=False)
    if check.kind is HostKind.UNRESOLVED:
        return Outcome(Verdict.UNVERIFIABLE, "dns lookup failed", reached=False)
    return None


def error_outcome(exc: httpx.HTTPError) -> Outcome:
    """Classify a failed request; ``reached`` is False when no connection was made."""
    unverifiable, broken = Verdict.UNVERIFIABLE, Verdict.BROKEN
    refused = _cause(exc, Refused)
    if isinstance(refused, Refused):
        outcome = guard_outcome(refused.check)
        if outcome is not None:
            return outcome
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
        code = _errno(exc)
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
