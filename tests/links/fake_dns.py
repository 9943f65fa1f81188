"""A resolver the tests control, installed where every lookup goes: ``socket.getaddrinfo``.

Both the host guard (``loop.getaddrinfo``) and the connection path (anyio's
``connect_tcp``) end there, so a test can make a name answer differently on each
lookup (DNS rebinding), answer nothing (no DNS), or point a public-looking name at
a loopback server. Numeric hosts go to the real resolver, which never sends a query
for them. In a child process, ``KBCHECK_TEST_DNS`` (JSON: name -> list of answers)
installs it through the ``sitecustomize`` module beside this file.
"""

from __future__ import annotations

import ipaddress
import socket
from collections import Counter
from typing import Any

_real = socket.getaddrinfo


class FakeDNS:
    """``table[name]`` is a list of answers, one per lookup (the last one repeats);
    each answer is a list of addresses. Unknown names do not exist (NXDOMAIN)."""

    def __init__(self, table: dict[str, list[list[str]]] | None = None) -> None:
        self.table: dict[str, list[list[str]]] = dict(table or {})
        self.lookups: Counter[str] = Counter()

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> list[tuple]:
        name = host.decode() if isinstance(host, bytes) else str(host)
        try:
            ipaddress.ip_address(name.split("%", 1)[0])
            return _real(host, port, *args, **kwargs)
        except ValueError:
            pass
        name = name.lower().rstrip(".")
        self.lookups[name] += 1
        answers = self.table.get(name)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        answer = answers[min(self.lookups[name], len(answers)) - 1]
        number = int(port) if port not in (None, "") else 0
        return [
            (
                socket.AF_INET6 if ":" in address else socket.AF_INET,
                socket.SOCK_STREAM,
                socket.IPPROTO_TCP,
                "",
                (address, number, 0, 0) if ":" in address else (address, number),
            )
            for address in answer
        ]


def install(monkeypatch: Any, table: dict[str, list[list[str]]] | None = None) -> FakeDNS:
    fake = FakeDNS(table)
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return fake
