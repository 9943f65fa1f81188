"""Per-host state shared by all links of one host during a run.

Politeness and efficiency live here: a concurrency slot per host, a pause when
the host asked for one (Retry-After), a circuit breaker that stops sending to a
host that keeps failing, and a memory of hosts whose HEAD answers cannot be
trusted so their other links go straight to GET.
"""

from __future__ import annotations

import asyncio
import time

from kbcheck.links.settings import LinkSettings


class HostState:
    def __init__(self, name: str, limit: int, threshold: int) -> None:
        self.name = name
        self.slots = asyncio.Semaphore(limit)
        self.threshold = threshold
        self.failures = 0  # consecutive failed links
        self.open_reason: str | None = None  # set once the breaker trips
        self.resume_at = 0.0  # monotonic time before which nothing is sent
        self.prefer_get = False

    @property
    def circuit_open(self) -> bool:
        return self.open_reason is not None

    def record(self, failed: bool, reason: str) -> None:
        """Count a finished link; ``failed`` means timeouts, connection errors, 5xx or rate
        limits outlasted the retries."""
        if not failed:
            self.failures = 0
            return
        self.failures += 1
        if self.failures >= self.threshold and self.open_reason is None:
            self.open_reason = reason

    def pause(self, seconds: float) -> None:
        self.resume_at = max(self.resume_at, time.monotonic() + seconds)

    async def wait_if_paused(self) -> None:
        delay = self.resume_at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)


class HostPool:
    """Creates host states lazily, with per-host overrides from the settings."""

    def __init__(self, settings: LinkSettings) -> None:
        self._settings = settings
        self._hosts: dict[str, HostState] = {}

    def get(self, hostname: str) -> HostState:
        name = hostname.lower()
        state = self._hosts.get(name)
        if state is None:
            override = self._settings.host(name)
            limit = self._settings.host_concurrency
            if override is not None and override.concurrency is not None:
                limit = override.concurrency
            state = HostState(name, limit, self._settings.breaker_threshold)
            self._hosts[name] = state
        return state
