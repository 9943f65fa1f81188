"""The effective configuration as TOML, each value with where it came from.

``kbcheck config`` prints it; ``kbcheck init`` writes it as a starting
``kbcheck.toml``, with the values kbcheck found set and the defaults commented.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kbcheck.config import Config
from kbcheck.lazyre import lazy
from kbcheck.validation import dump

_TABLES = ("translations", "docusaurus", "links")
_BARE = lazy(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Entry:
    key: str  # dotted for tables: docusaurus.route_base_path
    value: Any
    origin: str  # "default", "detected from ...", or the configuration file


def entries(config: Config) -> list[Entry]:
    """Every configuration key with its effective value and origin, tables last."""
    data = {k: v for k, v in dump(config).items() if k not in ("root", "file")}
    if config.origin("content") == "default":
        from kbcheck.sites import site_of

        data["content"] = site_of(config).content_roots()  # the site's own folders
    out = [Entry(k, v, config.origin(k)) for k, v in data.items() if k not in _TABLES]
    for table in _TABLES:
        out += [
            Entry(f"{table}.{k}", v, config.origin(f"{table}.{k}")) for k, v in data[table].items()
        ]
    return out


def to_toml(config: Config, *, defaults_commented: bool = False) -> str:
    """TOML that gives this configuration, one key a line with its origin as a comment."""
    lines: list[str] = []
    table = ""
    for entry in entries(config):
        name, _, key = entry.key.rpartition(".")
        if name != table:
            table = name
            lines += ["", f"[{table}]"]
        comment_out = entry.value is None or (defaults_commented and entry.origin == "default")
        text = f"{_key(key)} = {_value(entry.value)}" if entry.value is not None else f"{key} ="
        lines.append(f"{'# ' if comment_out else ''}{text}  # {entry.origin}")
    return "\n".join(lines).lstrip("\n") + "\n"


def _key(key: str) -> str:
    return key if _BARE.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        items = (f"{_key(str(k))} = {_value(v)}" for k, v in value.items() if v is not None)
        return "{" + ", ".join(items) + "}"
    return json.dumps(str(value))
