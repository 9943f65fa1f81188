"""Whether a frontmatter value is a URL, as Docusaurus's ``URISchema`` decides.

Docusaurus accepts a value that is an RFC 3986 URI reference (absolute, or relative
like ``/img/a.png``, ``./a.png`` or ``#part``; ASCII only), or that the WHATWG URL
parser (``new URL``) takes as an absolute URL, which also lets through spaces and
backslashes in paths (``https://example.com/a b``, ``C:\\path``). Either way,
``http://`` with no host, or ``http://[::1`` with a broken one, is not a URL.
"""

from __future__ import annotations

import re

from kbcheck.lazyre import lazy

_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = r"!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_SEGMENT = rf"{_PCHAR}*"
_SEGMENT_NZ = rf"{_PCHAR}+"
_SEGMENT_NC = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}@]|{_PCT})+"  # no colon: not a scheme
_USERINFO = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*"
_HOST = rf"(?:\[[0-9A-Fa-f:.]+\]|\[v[0-9A-Fa-f]+\.[{_UNRESERVED}{_SUB_DELIMS}:]+\]|(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})+)"  # noqa: E501
_AUTHORITY = rf"(?:{_USERINFO}@)?{_HOST}(?::[0-9]*)?"
_TAIL = rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?"
_ABEMPTY = rf"(?:/{_SEGMENT})*"
_ABSOLUTE = rf"/(?:{_SEGMENT_NZ}(?:/{_SEGMENT})*)?"
_SCHEME = r"[A-Za-z][A-Za-z0-9+.\-]*"
_RFC3986 = lazy(
    rf"^(?:{_SCHEME}:(?://{_AUTHORITY}{_ABEMPTY}|{_ABSOLUTE}|{_SEGMENT_NZ}(?:/{_SEGMENT})*|)"
    rf"|//{_AUTHORITY}{_ABEMPTY}|{_ABSOLUTE}|{_SEGMENT_NC}(?:/{_SEGMENT})*|){_TAIL}$"
)
_WHATWG_SCHEME = lazy(rf"^\s*({_SCHEME}):(.*)$", re.DOTALL)
_SPECIAL = {"http", "https", "ws", "wss", "ftp", "file"}
_FORBIDDEN_HOST = lazy(r"[\x00\t\n\r #/:<>?@\[\\\]^|%]")


def is_uri(value: str) -> bool:
    """Whether Docusaurus accepts ``value`` where its contract wants a URL."""
    return bool(_RFC3986.match(value)) or _whatwg_absolute(value)


def _whatwg_absolute(value: str) -> bool:
    """An approximation of ``new URL(value)`` succeeding without a base."""
    match = _WHATWG_SCHEME.match(value)
    if not match:
        return False
    scheme, rest = match[1].lower(), match[2].replace("\\", "/")
    if scheme not in _SPECIAL:
        return True  # an opaque or hierarchical path: almost anything parses
    if scheme == "file":
        return True
    host = rest.lstrip("/").split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rpartition("@")[2]
    if host.startswith("["):
        return bool(re.fullmatch(r"\[[0-9A-Fa-f:.]+\](?::\d*)?", host))
    name, _, port = host.partition(":")
    return bool(name) and not _FORBIDDEN_HOST.search(name) and port.isdigit() | (port == "")
