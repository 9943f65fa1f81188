"""``path:line:col: severity CODE name: message``, coloured on a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kbcheck.diagnostics import Severity
from kbcheck.reporters import printable

if TYPE_CHECKING:
    from kbcheck.linter import Result

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render_text(result: Result, color: bool = False) -> str:
    lines = []
    for d in result.diagnostics:
        severity = click.style(d.severity.value, fg=_COLOURS.get(d.severity), bold=True)
        where = f"{printable(d.path)}:{d.line}:{d.column}:"
        rule = f"{d.code} {d.name}:"
        if color:
            where, rule = click.style(where, bold=True), click.style(rule, dim=True)
        else:
            severity = d.severity.value
        lines.append(f"{where} {severity} {rule} {printable(d.message)}")
    summary = result.summary()
    lines.append(click.style(summary, bold=True) if color else summary)
    return "\n".join(lines) + "\n"
