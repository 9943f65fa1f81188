"""Reading a response body at a bounded cost, whatever the server sends.

Every body kbcheck reads goes through ``read_body``: the raw bytes are decoded
here, a bounded step at a time, so the decoded size (all layers together) never
passes ``limit``. httpx's own decoders inflate each network chunk in one call
and stack one decoder per ``Content-Encoding`` value: a 500-byte body encoded
``gzip, gzip, gzip`` inflates to gigabytes. Encodings other than one layer of
gzip or deflate (kbcheck asks for nothing else) are not decoded at all.
"""

from __future__ import annotations

import zlib

import httpx

ACCEPT_ENCODING = "gzip, deflate"
_IDENTITY = ("", "identity")


class _Inflater:
    """One layer of gzip or deflate (zlib-wrapped, or raw as some servers send it)."""

    def __init__(self, coding: str) -> None:
        self._gzip = coding in ("gzip", "x-gzip")
        self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)
        self._started = False

    def decompress(self, data: bytes, room: int) -> tuple[bytes, bytes]:
        """At most ``room`` decoded bytes, and the input not consumed yet."""
        if not self._started and not self._gzip:
            self._started = True
            try:
                out = self._inflate.decompress(data, room)
                return out, self._inflate.unconsumed_tail
            except zlib.error:
                self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        self._started = True
        out = self._inflate.decompress(data, room)
        return out, self._inflate.unconsumed_tail


def decodable(headers: httpx.Headers) -> bool:
    """Whether the body's encoding is one that ``read_body`` decodes."""
    codings = [c for c in _codings(headers) if c not in _IDENTITY]
    return len(codings) <= 1 and all(c in ("gzip", "x-gzip", "deflate") for c in codings)


async def read_body(response: httpx.Response, limit: int) -> bytes | None:
    """Up to ``limit`` decoded bytes of the body; None when its encoding is refused
    (stacked, or unknown) or it does not decode. The rest is left unread: closing
    the response then drops the connection."""
    if not decodable(response.headers):
        return None
    codings = [c for c in _codings(response.headers) if c not in _IDENTITY]
    inflater = _Inflater(codings[0]) if codings else None
    out = bytearray()
    try:
        async for raw in response.aiter_raw():
            data = raw
            while data and len(out) < limit:
                if inflater is None:
                    out += data[: limit - len(out)]
                    break
                chunk, data = inflater.decompress(data, limit - len(out))
                out += chunk
                if not chunk:
                    break
            if len(out) >= limit:
                break
    except zlib.error:
        return None
    return bytes(out)


def _codings(headers: httpx.Headers) -> list[str]:
    return [c.strip().lower() for c in headers.get_list("content-encoding", split_commas=True)]
