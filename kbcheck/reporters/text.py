"""``path:line:col: severity CODE name: message``, coloured on a terminal, then the
count of findings per rule and the summary line."""

from __future__ import annotations

from collections import Counter
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
    if result.diagnostics:
        lines += ["", *statistics(result)]
    summary = result.summary()
    lines.append(click.style(summary, bold=True) if color else summary)
    return "\n".join(lines) + "\n"


def statistics(result: Result) -> list[str]:
    """One line per rule that reported: count, code, name; the most frequent first."""
    rows = rule_counts(result)
    wide = max((len(str(count)) for _, _, count in rows), default=1)
    return [f"{count:>{wide}}  {code}  {name}" for code, name, count in rows]


def rule_counts(result: Result) -> list[tuple[str, str, int]]:
    counts = Counter((d.code, d.name) for d in result.diagnostics)
    return [(c, n, k) for (c, n), k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_statistics(result: Result, color: bool = False) -> str:
    """``--statistics``: the counts per rule, and nothing else."""
    return "".join(line + "\n" for line in statistics(result))
