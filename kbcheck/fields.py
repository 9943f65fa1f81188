"""Walking frontmatter values against field specs, shared by the KB1xx rules."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

from kbcheck.frontmatter import KeyPath, Timestamp
from kbcheck.jsdate import is_js_date
from kbcheck.lazyre import lazy
from kbcheck.schema import FieldSpec
from kbcheck.uri import is_uri

_DECIMAL = lazy(r"^\s*[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")  # one way to split
_SAFE = 2**53 - 1  # JavaScript's Number.MAX_SAFE_INTEGER


class Value:
    """A present frontmatter value, where it sits, and the spec it must meet."""

    __slots__ = ("kind", "path", "spec", "value")

    def __init__(self, path: KeyPath, value: Any, spec: FieldSpec, kind: str | None) -> None:
        self.path = path
        self.value = value
        self.spec = spec
        self.kind = kind  # the declared type it satisfies (see ``type_of``), None if none

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
    decimal strings and booleans accept the strings "true" and "false";
    numbers must be finite and within JavaScript's safe integers, and dates
    may be millisecond timestamps.
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
    if kind in ("integer", "number"):
        if isinstance(value, str):
            if not lenient or not _DECIMAL.match(value):
                return False
            if kind == "integer" and not value.strip().lstrip("+-").isdigit():
                return False
            value = float(value)
        if not isinstance(value, (int, float)) or (kind == "integer" and isinstance(value, float)):
            return False
        return not lenient or (math.isfinite(value) and abs(value) <= _SAFE)
    if kind == "date":
        return isinstance(value, (str, dt.date)) or (lenient and isinstance(value, (int, float)))
    if kind == "url":
        return isinstance(value, str) and not isinstance(value, Timestamp)
    if kind == "list":
        return isinstance(value, list)
    return isinstance(value, dict)  # mapping


def number(value: Any) -> float | None:
    """A numeric reading of a value already known to be a number or integer."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def is_date(value: Any, lenient: bool = False) -> bool:
    """An ISO 8601 date; with ``lenient``, whatever JavaScript's ``Date`` reads."""
    if isinstance(value, dt.date):
        return True
    if lenient:  # an unquoted timestamp is a Date to js-yaml, even 2024-13-45
        return isinstance(value, Timestamp) or is_js_date(value)
    try:
        dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def is_url(value: str) -> bool:
    return is_uri(value)


def is_blank(value: Any, lenient: bool = False) -> bool:
    """Empty, or (unless ``lenient``, as Docusaurus is) nothing but whitespace."""
    if value == "" or value == []:
        return True
    return not lenient and isinstance(value, str) and not value.strip()


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
