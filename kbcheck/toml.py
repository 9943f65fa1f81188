"""TOML, read by the standard library's ``tomllib`` (``tomli`` before Python 3.11),
imported only when there is TOML to read: a configuration file read before is
kept parsed (see :func:`kbcheck.validation.kept`). Errors are ``ValueError``."""

from __future__ import annotations

import sys
from typing import Any


def loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(text)
