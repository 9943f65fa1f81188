"""Findings as data: what rules yield and what reporters print."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(str, enum.Enum):
    """How much a finding matters; the engine, not the rule, decides it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"


class Location(NamedTuple):
    """A place in a file: 1-based line and column (columns count characters)."""

    path: str
    line: int
    column: int = 1


class Finding(NamedTuple):
    """What a rule yields: a position and a message. No code, no severity.

    ``path`` stays ``None`` for the page being checked; rules that look at
    the whole corpus set it. ``related`` points at other places involved,
    such as the matching line of a translation's source.
    """

    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None
    path: str | None = None
    related: tuple[Location, ...] = ()
    severity: Severity | None = None  # only where a schema decides it (unknown_fields)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A finding bound to a file, a rule and a severity.

    Diagnostics sort by file and position and compare equal on
    (path, line, column, code), so tests survive rewording of messages.
    """

    path: str
    line: int
    column: int
    code: str
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)
    related: tuple[Location, ...] = field(default=(), compare=False)

    def as_row(self) -> tuple:
        """Plain values only, to cross from a child process (``kbcheck.parallel``)."""
        related = [(r.path, r.line, r.column) for r in self.related]
        return (self.path, self.line, self.column, self.code, self.name, self.severity.value,
                self.message, self.end_line, self.end_column, related)  # fmt: skip

    @classmethod
    def from_row(cls, row: tuple) -> Diagnostic:
        *head, severity, message, end_line, end_column, related = row
        return cls(*head, Severity(severity), message, end_line, end_column,
                   tuple(Location(*r) for r in related))  # fmt: skip
