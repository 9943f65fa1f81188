"""Fixtures for the link checker tests: loopback servers and fast settings."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest
from fake_dns import FakeDNS, install
from links_httpd import Server

from kbcheck.links import LinkSettings, hostguard
from kbcheck.validation import validated

_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(autouse=True)
def _no_proxy_from_the_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback servers are reached directly whatever proxies the machine sets."""
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.close()


@pytest.fixture
def make_server() -> Iterator[Callable[..., Server]]:
    made: list[Server] = []

    def make(host: str = "127.0.0.1", ssl_context: object = None, port: int = 0) -> Server:
        made.append(Server(host, ssl_context, port))
        return made[-1]

    yield make
    for srv in made:
        srv.close()


def _fast(**overrides: object) -> LinkSettings:
    """Settings for loopback tests: no cache, private allowed, tiny waits."""
    base: dict[str, object] = dict(
        cache=False,
        allow_private=True,
        timeout=2.0,
        backoff_base=0.02,
        backoff_cap=0.05,
        budget=20.0,
    )
    base.update(overrides)
    return validated(LinkSettings, base, "test settings")


@pytest.fixture
def fast() -> Callable[..., LinkSettings]:
    return _fast


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def public_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 counts as a public address (the internet, played on loopback);
    every other loopback address stays private."""
    real = hostguard.is_private_address

    def judged(address: object) -> bool:
        return str(address) != "127.0.0.1" and real(address)  # type: ignore[arg-type]

    monkeypatch.setattr(hostguard, "is_private_address", judged)


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
    """A resolver the test fills in (see fake_dns); with nothing in it, no name exists."""
    return install(monkeypatch)
