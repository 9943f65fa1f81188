"""Host name resolution and the private-address guard.

A knowledge base checked in CI must not make the runner probe its own network
(cloud metadata at 169.254.169.254, an intranet at 10.x): links whose host is, or
resolves to, a non-public address are skipped unless ``allow_private`` is set.
Each host is resolved once per run; the answer also tells a dead domain (NXDOMAIN:
broken) from a resolver that cannot be reached (network trouble: unverifiable)
before any request is sent.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from enum import Enum

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# RFC 6761 names that never reach a real resolver: answered here, with no DNS traffic.
_LOOPBACK_NAMES = ("localhost",)
_INVALID_SUFFIXES = (".invalid",)
_NXDOMAIN_ERRORS = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
# A name that every resolver connected to the internet knows (RFC 2606, served by IANA).
CANARY = "example.com"


class HostKind(str, Enum):
    PUBLIC = "public"
    PRIVATE = "private"
    NXDOMAIN = "nxdomain"  # the name does not exist
    UNRESOLVED = "unresolved"  # the resolver failed (offline, timeout)


@dataclass(frozen=True)
class HostCheck:
    kind: HostKind
    detail: str = ""
    addresses: tuple[str, ...] = ()  # where to connect; empty when not resolved here


# IPv6 ranges that carry an IPv4 address a gateway may deliver to: judged by that address.
_EMBEDDING = tuple(
    ipaddress.IPv6Network(net)
    for net in (
        "::/96",  # IPv4-compatible (deprecated, still routed by some stacks)
        "::ffff:0:0/96",  # IPv4-mapped
        "::ffff:0:0:0/96",  # IPv4-translated (SIIT)
        "64:ff9b::/96",  # NAT64 well-known prefix
    )
)


def is_private_address(address: IPAddress) -> bool:
    """True for anything but a globally routable unicast address.

    ``is_global`` already excludes private, loopback, link-local, shared (CGNAT),
    documentation and reserved ranges; multicast and site-local are added, and IPv6
    addresses that carry an IPv4 one (mapped, compatible, translated, NAT64, 6to4)
    are judged by it, so ``[::7f00:1]`` is loopback as ``127.0.0.1`` is.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_site_local:
            return True
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_private_address(embedded)
    return not address.is_global or address.is_multicast


def _embedded_ipv4(address: ipaddress.IPv6Address) -> IPAddress | None:
    if address.sixtofour is not None:
        return address.sixtofour
    if address.is_unspecified or address.is_loopback:
        return None  # "::" and "::1" are themselves, not IPv4 addresses
    for network in _EMBEDDING:
        if address in network:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def literal_address(host: str) -> IPAddress | None:
    """The address a host names by itself, in any spelling a resolver accepts:
    ``[::1]``, ``127.0.0.1``, and the legacy IPv4 forms (``127.1``, ``0x7f.1``,
    ``2130706433``, ``0177.0.0.1``) that ``inet_aton`` reads without any lookup."""
    bare = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    if bare and all(c in "0123456789abcdefx." for c in bare.lower()) and bare[0].isdigit():
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    return None


class HostGuard:
    """Classifies hosts, resolving each name at most once per run (concurrent callers share).

    The addresses found are the ones connections go to (see ``transport``): a name
    is never resolved a second time, so a resolver that changes its answer between
    the check and the connection (DNS rebinding) cannot move a request.
    """

    def __init__(self) -> None:
        self._pending: dict[tuple[str, bool], asyncio.Future[HostCheck]] = {}
        self.denied = 0  # names the resolver said do not exist

    async def resolver_knows_names(self, timeout: float) -> bool:
        """Whether the resolver finds a name that exists.

        Asked only when every host of a run was denied: offline sandboxes and
        captive networks answer "no such name" for everything, and then the
        network is down rather than every domain dead.
        """
        try:
            await asyncio.wait_for(self._lookup(CANARY), timeout)
        except (OSError, UnicodeError, asyncio.TimeoutError):
            return False
        return True

    async def _lookup(self, host: str) -> list[tuple]:
        loop = asyncio.get_running_loop()
        return await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)

    async def check(self, host: str, *, resolve: bool = True) -> HostCheck:
        """``resolve=False`` for a host a proxy connects to: only what the name says
        by itself (a literal address, ``localhost``) is judged; the proxy resolves."""
        host = host.lower().rstrip(".")
        key = (host, resolve)
        task = self._pending.get(key)
        if task is None:
            # A task of its own, so a caller cancelled mid-lookup leaves the answer
            # intact for the other links of the host.
            task = asyncio.ensure_future(self._classify(host, resolve))
            self._pending[key] = task
        return await asyncio.shield(task)

    async def _classify(self, host: str, resolve: bool) -> HostCheck:
        address = literal_address(host)
        if address is not None:
            kind = HostKind.PRIVATE if is_private_address(address) else HostKind.PUBLIC
            return HostCheck(kind, str(address), (str(address),))
        if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
            return HostCheck(HostKind.PRIVATE, "localhost", ("127.0.0.1", "::1"))
        if host.endswith(_INVALID_SUFFIXES):
            return HostCheck(HostKind.NXDOMAIN, "reserved .invalid name")
        if not resolve:
            return HostCheck(HostKind.PUBLIC)
        try:
            infos = await self._lookup(host)
        except socket.gaierror as exc:
            if exc.errno in _NXDOMAIN_ERRORS:
                self.denied += 1
                return HostCheck(HostKind.NXDOMAIN, str(exc.strerror or exc))
            return HostCheck(HostKind.UNRESOLVED, str(exc.strerror or exc))
        except (OSError, UnicodeError) as exc:
            return HostCheck(HostKind.UNRESOLVED, str(exc))
        addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            return HostCheck(HostKind.UNRESOLVED, "no address")
        for raw in addresses:
            found = literal_address(raw)
            if found is None or is_private_address(found):
                return HostCheck(HostKind.PRIVATE, str(found or raw), addresses)
        return HostCheck(HostKind.PUBLIC, "", addresses)
