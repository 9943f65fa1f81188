"""Settings of the link checker.

They are a dataclass that the core's config loader embeds as-is (``[links]`` in
``kbcheck.toml``), validated like the rest (:mod:`kbcheck.validation`), so unknown
keys are rejected with a precise message.
"""

from __future__ import annotations

import os
from dataclasses import field
from pathlib import Path
from urllib.parse import urlsplit

from kbcheck import __version__
from kbcheck.lazyre import lazy
from kbcheck.settings import settings
from kbcheck.validation import Invalid, at_least

DEFAULT_CACHE_PATH = Path(".kbcheck-cache/links.sqlite")
_RANGE = lazy(r"^\s*(\d{3})\s*(?:(?:\.\.=?|-)\s*(\d{3}))?\s*$")
_ENV_PREFIX = "env:"
_TOKEN = lazy(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")  # RFC 9110 field names
_CONTROL = lazy(r"[\x00-\x08\x0a-\x1f\x7f]")
_DEFAULT_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int]  # scheme, lower-case ASCII host, port


def origin_key(key: str) -> Origin:
    """The origin a ``[links.hosts]`` key names: ``"https://host:8443"``, or a bare
    ``"host"``, which means ``https://host`` on port 443 (never plain HTTP)."""
    text = key.strip()
    expected = f"host key {key!r}: expected a host name or http(s)://host[:port]"
    try:
        parts = urlsplit(text if "://" in text else f"https://{text}")
        port = parts.port
    except ValueError:
        raise ValueError(expected) from None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").rstrip(".")
    if scheme not in _DEFAULT_PORTS or not host or parts.username or parts.path not in ("", "/"):
        raise ValueError(expected)
    if parts.query or parts.fragment:
        raise ValueError(expected)
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise ValueError(f"host key {key!r}: not a valid host name") from None
    return scheme, ascii_host, port or _DEFAULT_PORTS[scheme]


def header_value_problem(value: str) -> str | None:
    """Why a header value cannot be sent as is (None: it can); never quotes the value."""
    if "\r" in value or "\n" in value:
        return "contains a line break"
    if _CONTROL.search(value):
        return "contains a control character"
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return "contains a character outside Latin-1"
    return None


def default_user_agent() -> str:
    """A UA that names the tool, so site owners can tell who is knocking."""
    return f"kbcheck/{__version__} (link checker)"


# unknown keys are errors; header values may be secrets: never in an error message
_CONFIG = {"extra": "forbid", "hide_input_in_errors": True}


@settings
class HostSettings:
    """Overrides for one host (the key: a name, or an origin ``https://name:port``).

    ``concurrency``, ``timeout`` and ``retries`` apply to every port and scheme of
    the host. ``headers`` are sent only to the key's origin: a bare name means
    ``https://name`` on port 443; a redirect anywhere else drops them.

    Header values may be ``env:NAME``: the value is read from the environment when
    the run starts, so tokens stay out of config files. Headers are kept out of
    ``repr`` and error messages and are never written to results or the cache.
    """

    __pydantic_config__ = _CONFIG
    concurrency: int | None = None
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    timeout: float | None = None
    retries: int | None = None

    def __post_init__(self) -> None:
        at_least(self, "concurrency", 1)
        at_least(self, "timeout", 0, strict=True)
        at_least(self, "retries", 0)
        for name, text in self.headers.items():
            if not _TOKEN.match(name):
                raise Invalid("headers", f"invalid header name {name!r}")
            problem = None if text.startswith(_ENV_PREFIX) else header_value_problem(text)
            if problem:
                raise Invalid("headers", f"header {name}: the value {problem}")

    def resolved_headers(self, warnings: list[str] | None = None) -> dict[str, str]:
        """Headers with ``env:NAME`` values looked up now; a missing variable, or a
        value that cannot be sent (see ``env_problems``), drops the header."""
        out: dict[str, str] = {}
        for name, value in self.headers.items():
            if value.startswith(_ENV_PREFIX):
                env_name = value[len(_ENV_PREFIX) :]
                env_value = os.environ.get(env_name)
                problem = None if env_value is None else header_value_problem(env_value)
                if env_value is None or problem:
                    if warnings is not None:
                        why = f"{problem}" if problem else "is not set"
                        warnings.append(
                            f"environment variable {env_name} {why}; header {name} not sent"
                        )
                    continue
                value = env_value
            out[name] = value
        return out

    def env_problems(self) -> list[str]:
        """Header values from the environment that cannot be sent, named, never shown."""
        found = []
        for name, value in self.headers.items():
            if value.startswith(_ENV_PREFIX):
                env_name = value[len(_ENV_PREFIX) :]
                problem = header_value_problem(os.environ.get(env_name, ""))
                if problem:
                    found.append(f"header {name}: environment variable {env_name} {problem}")
        return found


@settings
class CacheTTL:
    """Seconds a cached verdict stays fresh.

    Good news ages slowly and bad news quickly: a broken link is re-checked soon so a
    fixed server stops failing the build, and an unverifiable one (rate limit, bot
    wall) is kept only long enough not to hammer the host on the next run.
    """

    __pydantic_config__ = _CONFIG
    ok: float = 7 * 24 * 3600
    redirected: float = 24 * 3600
    broken: float = 3600
    unverifiable: float = 900

    def __post_init__(self) -> None:
        for key in ("ok", "redirected", "broken", "unverifiable"):
            at_least(self, key, 0)


@settings
class LinkSettings:
    """Everything that changes how external links are checked."""

    __pydantic_config__ = _CONFIG
    concurrency: int = 128  # requests in flight overall
    host_concurrency: int = 8  # requests in flight per host
    timeout: float = 10.0  # seconds for a whole request
    retries: int = 2  # extra tries after a transient failure
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    retry_after_cap: float = 30.0
    budget: float = 300.0  # wall-clock seconds for a run
    max_redirects: int = 10
    breaker_threshold: int = 5  # consecutive failed links before a host is given up
    user_agent: str = field(default_factory=default_user_agent)
    accept: list[int | str] = field(default_factory=lambda: ["200..299"])
    exclude: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    allow_private: bool = False
    check_fragments: bool = False
    fragment_max_bytes: int = 4 * 1024 * 1024
    # a string is always a path (Path first: pydantic would otherwise read "yes" as True)
    cache: Path | bool | None = DEFAULT_CACHE_PATH
    cache_ttl: CacheTTL = field(default_factory=CacheTTL)
    hosts: dict[str, HostSettings] = field(default_factory=dict)
    verify: bool | Path = True  # TLS verification: true, false, or a CA bundle path
    trust_env: bool = True  # honour HTTP(S)_PROXY and friends

    def __post_init__(self) -> None:
        for key in ("concurrency", "host_concurrency", "breaker_threshold"):
            at_least(self, key, 1)
        for key in ("timeout", "budget"):
            at_least(self, key, 0, strict=True)
        for key in ("retries", "backoff_base", "backoff_cap", "retry_after_cap", "max_redirects"):
            at_least(self, key, 0)
        at_least(self, "fragment_max_bytes", 1024)
        for item in self.accept:
            try:
                _parse_range(item)
            except ValueError as exc:
                raise Invalid("accept", str(exc)) from None
        for key in ("exclude", "include"):
            if getattr(self, key):
                from kbcheck.patterns import compile_pattern  # RE2, only when there are patterns

                for pattern in getattr(self, key):
                    try:
                        compile_pattern(pattern)
                    except ValueError as exc:  # what RE2 cannot run
                        raise Invalid(key, str(exc)) from None
        for name in self.hosts:
            try:
                origin_key(name)
            except ValueError as exc:
                raise Invalid("hosts", str(exc)) from None
        self.hosts = {name.lower(): host for name, host in self.hosts.items()}

    def accepted_ranges(self) -> list[tuple[int, int]]:
        return [_parse_range(item) for item in self.accept]

    def cache_path(self) -> Path | None:
        """The SQLite file to use, or None when caching is off."""
        if self.cache is True:
            return DEFAULT_CACHE_PATH
        if not self.cache:
            return None
        return Path(self.cache)

    def host(self, hostname: str) -> HostSettings | None:
        """The overrides of a host name, whether its key is the name or an origin."""
        name = hostname.lower()
        found = self.hosts.get(name)
        if found is None and any("://" in key for key in self.hosts):
            for key, host in self.hosts.items():
                if "://" in key and origin_key(key)[1] == name:
                    return host
        return found

    def origin_headers(self, warnings: list[str] | None = None) -> dict[Origin, dict[str, str]]:
        """Headers per origin, ``env:`` values looked up now."""
        return {
            origin_key(key): host.resolved_headers(warnings)
            for key, host in self.hosts.items()
            if host.headers
        }

    def profile(self) -> str:
        """The settings that change a verdict; a cached result is reused only under the same."""
        return "|".join(
            [
                ",".join(f"{lo}-{hi}" for lo, hi in self.accepted_ranges()),
                str(self.check_fragments),
                str(self.allow_private),
                str(self.max_redirects),
            ]
        )


def _parse_range(item: int | str) -> tuple[int, int]:
    """``200``, ``"429"``, ``"200..299"``, ``"200..=299"`` or ``"200-299"`` (inclusive)."""
    if isinstance(item, int):
        return item, item
    match = _RANGE.match(item)
    if not match:
        raise ValueError(f"invalid status or range {item!r}, expected e.g. 200 or 200..299")
    lo = int(match.group(1))
    hi = int(match.group(2) or lo)
    if hi < lo:
        raise ValueError(f"empty status range {item!r}")
    return lo, hi
