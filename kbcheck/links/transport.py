"""An httpx transport that keeps each origin's idle connections on a stack.

Why not httpx's own pool: httpcore 1.0's pool rescans all its connections for
every idle one on each request it adds or releases (encode/httpcore#1035), and
even a pool of a single connection adds ~60 µs of CPU to a ~300 µs request (a
queue entry, an event, two rescans, shielded cancel scopes). Here a request takes
the origin's most recently released connection (the likeliest to be alive)
unless it has expired, or opens one; closing the response gives it back. There
is no cap: the callers' slots bound the requests in flight per host, and so the
connections. Proxies from the environment are mounted on the client, which
routes their requests before this transport.

Every connection this transport opens goes through ``PinnedBackend``: to the
addresses the host guard approved when it resolved the name, never to a second
lookup's answer, while TLS (SNI, certificate) and the Host header keep the name.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Callable, Iterable
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx
from httpx._transports.default import map_httpcore_exceptions  # httpcore's errors as httpx's

from kbcheck.links.hostguard import HostCheck, HostGuard, HostKind

_KEEPALIVE = 5.0  # seconds an idle connection is kept, as httpx's default pool does

_Key = tuple[bytes, bytes, int]
_Connection = httpcore.AsyncHTTPConnection


# True while this task waits for a connection: a request cut by its deadline then
# never reached a server (Python 3.10 runs the request in a task of its own: never set).
CONNECTING: ContextVar[bool] = ContextVar("kbcheck_connecting", default=False)


class Refused(httpcore.ConnectError):
    """The guard refused to connect to a host; ``check`` says why."""

    def __init__(self, check: HostCheck) -> None:
        super().__init__(f"refused: {check.kind.value}")
        self.check = check


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects to the addresses the guard approved for the host, in its order."""

    def __init__(self, guard: HostGuard, allow_private: bool) -> None:
        self._guard = guard
        self._allow_private = allow_private
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        check = await self._guard.check(host)
        private = check.kind is HostKind.PRIVATE
        if not check.addresses or (private and not self._allow_private):
            raise Refused(check)
        error: Exception | None = None
        CONNECTING.set(True)
        for address in check.addresses:
            try:
                stream = await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
            else:
                CONNECTING.set(False)
                return stream
        assert error is not None
        raise error

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _ReleasingStream(httpx.AsyncByteStream):
    """The response body: closing it gives the connection back."""

    def __init__(self, response: httpcore.Response, release: Callable[[], None]) -> None:
        self._response = response
        self._release: Callable[[], None] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with map_httpcore_exceptions():
            async for chunk in self._response.aiter_stream():
                yield chunk

    async def aclose(self) -> None:
        try:
            await self._response.aclose()
        finally:
            if self._release is not None:
                self._release()
                self._release = None


class HostTransport(httpx.AsyncBaseTransport):
    def __init__(self, verify: Callable[[], ssl.SSLContext], backend: PinnedBackend) -> None:
        self._verify = verify  # made on first use: plain-HTTP connections never need it
        self._backend = backend
        self._idle: dict[_Key, list[_Connection]] = {}
        self._open: set[_Connection] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"unsupported protocol {url.scheme!r}")
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        origin = core.url.origin
        idle = self._idle.setdefault((origin.scheme, origin.host, origin.port), [])
        connection = await self._reuse(idle)
        if connection is None:
            tls = self._verify() if origin.scheme == b"https" else None
            connection = _Connection(
                origin, ssl_context=tls, keepalive_expiry=_KEEPALIVE, network_backend=self._backend
            )
            self._open.add(connection)
        try:
            with map_httpcore_exceptions():
                response = await connection.handle_async_request(core)
        except BaseException:
            self._release(connection, idle)
            raise
        return httpx.Response(
            response.status,
            headers=response.headers,
            stream=_ReleasingStream(response, lambda: self._release(connection, idle)),
            extensions=response.extensions,
        )

    async def _reuse(self, idle: list[_Connection]) -> _Connection | None:
        while idle:
            connection = idle.pop()
            if not connection.has_expired():  # keep-alive over, or the server hung up
                return connection
            await connection.aclose()
            self._open.discard(connection)
        return None

    def _release(self, connection: _Connection, idle: list[_Connection]) -> None:
        # A connection that cannot take another request has been closed by httpcore
        # (unread body, error, "Connection: close"); one still busy stays open.
        if connection.is_available():
            idle.append(connection)
        elif connection.is_closed():
            self._open.discard(connection)

    async def aclose(self) -> None:
        connections, self._open = self._open, set()
        self._idle.clear()
        for connection in connections:
            await connection.aclose()
