"""Walking frontmatter values against field specs, shared by the KB1xx rules."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kbcheck.frontmatter import KeyPath
from kbcheck.schema import FieldSpec

_DECIMAL = re.compile(r"^\s*[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")  # one way to split
_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:)?[^\s<>\"{}|\\^`]+$")


@dataclass(frozen=True)
class Value:
    """A present frontmatter value, where it sits, and the spec it must meet."""

    path: KeyPath
    value: Any
    spec: FieldSpec
    kind: str | None  # the declared type it satisfies (see ``type_of``), None if none

    @property
    def key(self) -> str:
        return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in self.path).replace(
            ".[", "["
        )


def walk(data: dict[str, Any], fields: dict[str, FieldSpec], lenient: bool) -> Iterator[Value]:
    """Every declared value present in ``data``, nested ones included.

    Values of the wrong type are yielded but not descended into, so each
    problem is reported once.
    """
    for name, spec in fields.items():
        if name in data:
            yield from _walk((name,), data[name], spec, lenient)


def _walk(path: KeyPath, value: Any, spec: FieldSpec, lenient: bool) -> Iterator[Value]:
    kind = type_of(value, spec, lenient)
    yield Value(path, value, spec, kind)
    if kind == "list" and spec.items is not None:
        for i, item in enumerate(value):
            yield from _walk((*path, i), item, spec.items, lenient)
    elif kind == "mapping" and spec.fields:
        for name, sub in spec.fields.items():
            if name in value:
                yield from _walk((*path, name), value[name], sub, lenient)


def type_of(value: Any, spec: FieldSpec, lenient: bool) -> str | None:
    """The first declared type ``value`` satisfies; None when it satisfies none.

    With ``lenient`` (Docusaurus), strings accept numbers, numbers accept
    decimal strings and booleans accept the strings "true" and "false".
    """
    if value is None:
        return "null" if spec.nullable else None
    for kind in spec.types or ("any",):
        if kind == "any" or _is(kind, value, lenient):
            return kind
    return None


def _is(kind: str, value: Any, lenient: bool) -> bool:
    if isinstance(value, bool):
        return kind == "boolean"
    if kind == "boolean":
        return lenient and isinstance(value, str) and value.lower() in ("true", "false")
    if kind == "string":
        return isinstance(value, str) or (lenient and isinstance(value, (int, float)))
    if kind == "integer":
        return isinstance(value, int) or (
            lenient and isinstance(value, str) and value.strip().lstrip("+-").isdigit()
        )
    if kind == "number":
        return isinstance(value, (int, float)) or (
            lenient and isinstance(value, str) and bool(_DECIMAL.match(value))
        )
    if kind in ("date", "url"):
        return isinstance(value, (str, dt.date)) if kind == "date" else isinstance(value, str)
    if kind == "list":
        return isinstance(value, list)
    return isinstance(value, dict)  # mapping


def number(value: Any) -> float | None:
    """A numeric reading of a value already known to be a number or integer."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def is_url(value: str) -> bool:
    return bool(_URL.match(value))


def describe(value: Any) -> str:
    """A short, type-revealing rendering of a value for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."
