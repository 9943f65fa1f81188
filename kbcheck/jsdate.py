"""Whether JavaScript's ``Date`` makes a valid date of a value, as Docusaurus relies on.

Docusaurus validates ``last_update.date`` with Joi's ``date()``: a number (or a string
of decimal digits) is a millisecond timestamp, any other string goes to ``new Date``.
V8 reads ISO 8601 first (``2021``, ``2021-01``, ``2021-01-31T10:00Z``), then falls
back to a permissive reading of words and numbers (``1/1/2000``, ``January 5, 2021``,
``Tue, 05 Jan 2021 10:00:00 GMT``). Both are reproduced here as far as real
frontmatter goes; day numbers are checked against 31, not against the month
(``2021-02-30`` is the 2nd of March to JavaScript).
"""

from __future__ import annotations

import math
import re
from typing import Any

from kbcheck.lazyre import lazy

_MAX_TIME = 8.64e15  # milliseconds either side of 1970 that a Date can hold
_NUMERIC = lazy(r"^[+-]?\d+(?:\.\d+)?$")
_ISO = lazy(
    r"^(?:[+-]\d{6}|\d{4})(?:-(\d\d)(?:-(\d\d))?)?"
    r"(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?)?(?:Z|[+-]\d\d:?\d\d)?$"
)
_TOKEN = lazy(r"\([^()]*\)|[+-]\d+|\d+|[A-Za-z]+|.", re.DOTALL)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ZONES = ("utc", "gmt", "ut", "z", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt")


def is_js_date(value: Any) -> bool:
    """Whether Joi's ``date()`` (so Docusaurus) accepts ``value``."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return math.isfinite(value) and abs(value) <= _MAX_TIME
    if not isinstance(value, str) or not value.strip():
        return False
    if _NUMERIC.match(value):
        return abs(float(value)) <= _MAX_TIME
    return _parses(value.strip())


def _parses(text: str) -> bool:
    iso = _ISO.match(text)
    if iso:
        month, day, hour, minute, second = (int(g) if g else None for g in iso.groups())
        return _valid(month or 1, day or 1, hour or 0, minute or 0, second or 0)
    return _legacy(text)


def _valid(month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31 and minute <= 59 and second <= 59):
        return False
    return hour < 24 or (hour == 24 and minute == second == 0)


def _legacy(text: str) -> bool:
    """V8's fallback: words and numbers in (almost) any order."""
    numbers: list[str] = []
    time: list[int] = []
    month: int | None = None
    meridiem: str | None = None
    tokens = _TOKEN.findall(text)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        lower = token.lower()
        if token.isdigit() and i + 1 < len(tokens) and tokens[i + 1] == ":" and not time:
            time, i = _time(tokens, i)
            if time is None:
                return False
            continue
        if token.isdigit():
            numbers.append(token)
        elif token[0] in "+-" and token[1:].isdigit():
            if not (time or month is not None) and not numbers:
                numbers.append(token.lstrip("+"))  # a signed year
            # otherwise a zone offset (GMT+0800): nothing to check
        elif token.isalpha():
            if lower[:3] in _MONTHS and len(lower) >= 3 and month is None:
                month = _MONTHS.index(lower[:3]) + 1
            elif lower in ("am", "pm"):
                meridiem = lower
            elif lower in _ZONES or (lower[:3] in _DAYS and len(lower) >= 3):
                pass
            elif numbers or time or month is not None:
                return False  # an unknown word after the date has begun
        elif token[0] == "(" or token in " ,./-\t":
            pass
        else:
            return False
        i += 1
    if meridiem and (not time or time[0] > 12):
        return False
    return _compose(numbers, month) and (not time or _valid(1, 1, *time))


def _time(tokens: list[str], i: int) -> tuple[list[int] | None, int]:
    """``h:mm[:ss[.ms]]`` starting at token ``i``."""
    parts = [int(tokens[i])]
    i += 1
    while i + 1 < len(tokens) and tokens[i] == ":" and tokens[i + 1].isdigit() and len(parts) < 3:
        parts.append(int(tokens[i + 1]))
        i += 2
    if i + 1 < len(tokens) and tokens[i] == "." and tokens[i + 1].isdigit():
        i += 2  # milliseconds
    if len(parts) < 2:
        return None, i
    return [*parts, 0][:3], i


def _compose(numbers: list[str], month: int | None) -> bool:
    """Day, month and year from the numbers, as V8 orders them."""
    values = [int(n) for n in numbers]
    if month is not None:
        if len(values) > 2:
            return False
        day = next((v for n, v in zip(numbers, values, strict=True) if len(n) <= 2 and v <= 31), 1)
        return _valid(month, day) if values else False
    if not values or len(values) > 3:
        return False
    if len(numbers[0]) >= 3 or values[0] > 31:  # year first: Y/M/D
        month, day = [*values[1:], 1, 1][:2]
    elif len(values) == 1:
        return True  # a bare small number is a year
    else:  # M/D/Y
        month, day = values[0], values[1]
    return _valid(month, day)
