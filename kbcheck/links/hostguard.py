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


def is_private_address(address: IPAddress) -> bool:
    """True for anything but a globally routable unicast address.

    ``is_global`` already excludes private, loopback, link-local, shared (CGNAT),
    documentation and reserved ranges; multicast is added, and IPv4-mapped IPv6
    addresses are judged by their IPv4 part.
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


class HostGuard:
    """Classifies hosts, resolving each name at most once per run (concurrent callers share)."""

    def __init__(self, *, resolve: bool = True) -> None:
        # resolve=False when a proxy does the lookups: only literal IPs and
        # localhost can be judged locally then.
        self._resolve = resolve
        self._pending: dict[str, asyncio.Future[HostCheck]] = {}
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

    async def check(self, host: str) -> HostCheck:
        host = host.lower().rstrip(".")
        task = self._pending.get(host)
        if task is None:
            # A task of its own, so a caller cancelled mid-lookup leaves the answer
            # intact for the other links of the host.
            task = asyncio.ensure_future(self._classify(host))
            self._pending[host] = task
        return await asyncio.shield(task)

    async def _classify(self, host: str) -> HostCheck:
        address = literal_address(host)
        if address is not None:
            kind = HostKind.PRIVATE if is_private_address(address) else HostKind.PUBLIC
            return HostCheck(kind, str(address))
        if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
            return HostCheck(HostKind.PRIVATE, "localhost")
        if host.endswith(_INVALID_SUFFIXES):
            return HostCheck(HostKind.NXDOMAIN, "reserved .invalid name")
        if not self._resolve:
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
        for info in infos:
            found = literal_address(str(info[4][0]))
            if found is not None and is_private_address(found):
                return HostCheck(HostKind.PRIVATE, str(found))
        return HostCheck(HostKind.PUBLIC)
