"""An httpx transport that gives every host small connection pools of its own.

Why not one big pool: httpcore 1.0's pool rescans all its connections for every
idle one on each request it adds or releases (encode/httpcore#1035), so a pool
of 128 kept-alive connections spends more CPU on bookkeeping than on HTTP. Pools
of at most ``SHARD_SIZE`` connections, filled in order per host, keep
connection reuse (and so TLS sessions) at any concurrency for linear cost.
Proxies from the environment still apply: httpx routes them before this transport.
"""

from __future__ import annotations

import math
import ssl
from collections.abc import AsyncIterator, Callable

import httpx

SHARD_SIZE = 2


class _Shard:
    def __init__(self, transport: httpx.AsyncHTTPTransport) -> None:
        self.transport = transport
        self.load = 0


class _CountedStream(httpx.AsyncByteStream):
    """Gives the shard's slot back when the response is closed, not when headers arrive."""

    def __init__(self, stream: httpx.AsyncByteStream, shard: _Shard) -> None:
        self._stream = stream
        self._shard: _Shard | None = shard

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            if self._shard is not None:
                self._shard.load -= 1
                self._shard = None


class HostTransport(httpx.AsyncBaseTransport):
    def __init__(
        self, verify: Callable[[], ssl.SSLContext], host_limit: Callable[[str], int]
    ) -> None:
        self._verify = verify  # made on first use: plain-HTTP pools never need it
        self._host_limit = host_limit
        self._shards: dict[tuple[bytes, str, int | None], list[_Shard]] = {}

    def _pick(self, url: httpx.URL) -> _Shard:
        key = (url.raw_scheme, url.host, url.port)
        shards = self._shards.get(key)
        if shards is None:
            count = max(1, math.ceil(self._host_limit(url.host) / SHARD_SIZE))
            limits = httpx.Limits(max_connections=SHARD_SIZE, max_keepalive_connections=SHARD_SIZE)
            verify = self._verify() if url.scheme == "https" else False
            shards = [
                _Shard(httpx.AsyncHTTPTransport(verify=verify, limits=limits)) for _ in range(count)
            ]
            self._shards[key] = shards
        # First fit, not least loaded: idle kept-alive connections sit in the first
        # shards, and spreading requests evenly would open new ones elsewhere.
        for shard in shards:
            if shard.load < SHARD_SIZE:
                return shard
        return min(shards, key=lambda shard: shard.load)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        shard = self._pick(request.url)
        shard.load += 1
        try:
            response = await shard.transport.handle_async_request(request)
        except BaseException:
            shard.load -= 1
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_CountedStream(response.stream, shard),
            extensions=response.extensions,
            request=request,
        )

    async def aclose(self) -> None:
        for shards in self._shards.values():
            for shard in shards:
                await shard.transport.aclose()
