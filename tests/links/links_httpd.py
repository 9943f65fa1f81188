"""A real HTTP/1.1 server on loopback that tests script route by route.

Written on asyncio rather than reusing pytest-httpserver because the link tests
need what a WSGI server cannot do: hold many slow responses at once, reset a
connection, stream a body and notice the client hanging up, and count requests
in flight per Host header.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    n: int  # how many times this method + path has been requested, this one included


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    reset: bool = False  # answer with a TCP reset instead of a response
    stream: int = 0  # stream this many body bytes (after headers) in 64 KiB chunks
    trickle: float = 0.0  # send the whole response a byte at a time, this many seconds apart
    trickle_body: bool = False  # trickle only the body, the headers go at once


Handler = Callable[[Request], Reply]


class Server:
    def __init__(self, host: str = "127.0.0.1", ssl_context: object = None, port: int = 0) -> None:
        self.host = host
        self.port = port
        self.ssl = ssl_context
        self.routes: dict[str, Handler] = {}
        self.hits: Counter[tuple[str, str]] = Counter()
        self.inflight: Counter[str] = Counter()
        self.max_inflight: Counter[str] = Counter()
        self.seen_headers: list[dict[str, str]] = []
        self.streamed: dict[str, int] = {}
        self.disconnected: set[str] = set()
        self.connections = 0  # accepted so far
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(5)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _start(self) -> asyncio.Server:
        return await asyncio.start_server(
            self._serve, self.host, self.port, ssl=self.ssl, backlog=512
        )

    def url(self, path: str, host: str | None = None) -> str:
        scheme = "https" if self.ssl else "http"
        return f"{scheme}://{host or self.host}:{self.port}{path}"

    def route(self, path: str, reply: Reply | Handler) -> None:
        self.routes[path] = reply if callable(reply) else (lambda _req, r=reply: r)

    @property
    def total(self) -> int:
        return sum(self.hits.values())

    def close(self) -> None:
        async def stop() -> None:
            self._server.close()
            current = asyncio.current_task()
            tasks = [t for t in asyncio.all_tasks() if t is not current]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with self._lock:
            self.connections += 1
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:
            writer.transport.abort()
            raise
        finally:
            writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        method, target, _ = head[0].split(" ", 2)
        headers = {}
        for line in head[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        path = target.split("?", 1)[0]
        host = headers.get("host", "").rsplit(":", 1)[0]
        with self._lock:
            self.hits[(method, path)] += 1
            n = self.hits[(method, path)]
            self.seen_headers.append(headers)
            self.inflight[host] += 1
            self.max_inflight[host] = max(self.max_inflight[host], self.inflight[host])
        handler = self.routes.get(path)
        reply = handler(Request(method, path, headers, n)) if handler else Reply(404)
        try:
            if reply.delay:
                await asyncio.sleep(reply.delay)
        finally:
            # Leave before answering: the client cannot start its next request
            # until it has the answer, so counts never include a finished one.
            with self._lock:
                self.inflight[host] -= 1
        if reply.reset:
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return False
        length = reply.stream or len(reply.body)
        lines = [f"HTTP/1.1 {reply.status} X", f"content-length: {length}"]
        lines += [f"{k}: {v}" for k, v in reply.headers.items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if reply.trickle:
            if reply.trickle_body:
                writer.write(head)
                head = b""
            await self._trickle(writer, head + (reply.body if method != "HEAD" else b""), reply)
            return False
        writer.write(head)
        if method != "HEAD":
            if reply.stream:
                await self._stream(writer, path, reply.stream)
                return False
            writer.write(reply.body)
        await writer.drain()
        return headers.get("connection", "").lower() != "close"

    async def _trickle(self, writer: asyncio.StreamWriter, data: bytes, reply: Reply) -> None:
        for i in range(len(data)):
            writer.write(data[i : i + 1])
            await writer.drain()
            await asyncio.sleep(reply.trickle)

    async def _stream(self, writer: asyncio.StreamWriter, path: str, size: int) -> None:
        chunk = b"x" * 65536
        sent = 0
        try:
            while sent < size:
                writer.write(chunk)
                await writer.drain()
                sent += len(chunk)
                self.streamed[path] = sent
        except ConnectionError:
            self.disconnected.add(path)
