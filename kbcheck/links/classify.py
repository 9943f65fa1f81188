"""Turning an HTTP answer into a verdict: status codes, bot walls, rate limits.

Kept free of I/O so every rule of thumb here is unit-testable and readable in one
place. ``headers`` is any case-insensitive mapping (httpx.Headers in practice).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http import HTTPStatus

from kbcheck.links.result import Verdict

PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({300, 301, 302, 303, 307, 308})
# Answers that say the server is briefly unable, not that the page is gone.
TEMPORARY_5XX = frozenset({502, 503, 504})


@dataclass(frozen=True)
class Outcome:
    """A classified attempt.

    ``retry``: worth another try after ``delay`` (None: use backoff).
    ``host_failure``: counts towards the host's circuit breaker.
    ``reached``: some server answered (used to tell a dead network from dead links).
    """

    verdict: Verdict
    reason: str
    status: int | None = None
    retry: bool = False
    delay: float | None = None
    host_failure: bool = False
    reached: bool = True


def status_text(status: int) -> str:
    """``404 not found``; an unknown code (999) is just the number."""
    try:
        return f"{status} {HTTPStatus(status).phrase.lower()}"
    except ValueError:
        return str(status)


def bot_wall(status: int, headers: Mapping[str, str]) -> str | None:
    """Name the challenge when the answer is a bot wall rather than the page."""
    if status == 999:
        return "bot wall (999)"
    mitigated = headers.get("cf-mitigated")
    if mitigated:
        return f"bot wall (cf-mitigated: {mitigated.lower()[:40]})"
    waf = headers.get("x-amzn-waf-action")
    if waf:
        return f"bot wall (x-amzn-waf-action: {waf.lower()[:40]})"
    cloudflare = headers.get("server", "").lower() == "cloudflare"
    if status in (403, 503) and cloudflare and any(n.lower().startswith("cf-chl") for n in headers):
        return "bot wall (cloudflare challenge)"
    return None


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds the server asked us to wait: Retry-After (seconds or HTTP date), else a
    rate-limit reset epoch (``x-ratelimit-reset``, as GitHub sends with 403/429)."""
    now = time.time() if now is None else now
    value = headers.get("retry-after")
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - now)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    reset = headers.get("x-ratelimit-reset", "").strip()
    if reset.isdigit() and headers.get("x-ratelimit-remaining", "").strip() == "0":
        return max(0.0, float(reset) - now)
    return None


def is_rate_limited(status: int, headers: Mapping[str, str]) -> bool:
    if status == 429:
        return True
    return status == 403 and headers.get("x-ratelimit-remaining", "").strip() == "0"


def classify_status(
    status: int, headers: Mapping[str, str], accepted: list[tuple[int, int]]
) -> Outcome:
    """The verdict for a final (non-redirect) answer of one attempt."""
    if any(lo <= status <= hi for lo, hi in accepted):
        return Outcome(Verdict.OK, status_text(status), status)
    wall = bot_wall(status, headers)
    if wall:
        return Outcome(Verdict.UNVERIFIABLE, wall, status)
    if is_rate_limited(status, headers):
        return Outcome(
            Verdict.UNVERIFIABLE,
            f"rate limited ({status})",
            status,
            retry=True,
            delay=retry_after(headers),
            host_failure=True,
        )
    if status >= 500:  # a host failing like this fails the next links too: the breaker counts it
        verdict = Verdict.UNVERIFIABLE if status in TEMPORARY_5XX else Verdict.BROKEN
        delay = retry_after(headers)
        return Outcome(verdict, status_text(status), status, True, delay, host_failure=True)
    return Outcome(Verdict.BROKEN, status_text(status), status)


def head_unreliable(status: int) -> bool:
    """A HEAD answer that a GET may contradict: many servers mishandle HEAD with 4xx
    (405, 403, 404, 400...) or 501; rate limits and bot walls are not in this set."""
    return (400 <= status < 500 and status != 429) or status == 501
