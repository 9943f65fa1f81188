"""GitHub Actions workflow commands: one annotation per finding.

GitHub shows at most 10 annotations of each kind per step, so the most
severe come first and a closing notice says how many there were in all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kbcheck.diagnostics import Severity
from kbcheck.reporters import printable

if TYPE_CHECKING:
    from kbcheck.linter import Result

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _escape_data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: Result, color: bool = False) -> str:
    lines = []
    for d in sorted(result.diagnostics, key=lambda d: (_ORDER.get(d.severity, 3), d)):
        props = [f"file={_escape_property(d.path)}", f"line={d.line}", f"col={d.column}"]
        if d.end_line:
            props.append(f"endLine={d.end_line}")
        if d.end_column and d.end_line == d.line:
            props.append(f"endColumn={d.end_column}")
        props.append(f"title={_escape_property(f'{d.code} {d.name}')}")
        lines.append(
            f"::{_LEVEL.get(d.severity, 'notice')} {','.join(props)}::{_escape_data(d.message)}"
        )
    summary = result.summary()
    lines.append(f"::notice title=kbcheck::{summary}")
    return "\n".join(lines) + "\n"
