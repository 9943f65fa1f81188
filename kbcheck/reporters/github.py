"""GitHub Actions workflow commands: annotations, most useful first.

GitHub shows at most 10 annotations of each kind per step and drops the rest
silently. So the findings on the lines a pull request changed come first
(with ``--changed-since``; otherwise every finding counts as new), most
severe first, up to 10 of each kind; every other finding is summarised in
one annotation per rule, and listed in full in a folded group of the log.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from kbcheck.diagnostics import Diagnostic, Severity
from kbcheck.reporters import printable

if TYPE_CHECKING:
    from kbcheck.linter import Result

SHOWN = 10  # annotations of each kind that GitHub shows per step
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _escape_data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def on_changed_lines(result: Result) -> list[Diagnostic]:
    """The findings on lines the change touched (all of them, when no change is known)."""
    changes = result.changes
    if changes is None or result.context is None:
        return list(result.diagnostics)
    rel = {page.path: page.rel for page in result.context.corpus.pages}
    return [d for d in result.diagnostics if changes.touches(rel.get(d.path, d.path), d.line)]


def _annotation(d: Diagnostic) -> str:
    props = [f"file={_escape_property(d.path)}", f"line={d.line}", f"col={d.column}"]
    if d.end_line:
        props.append(f"endLine={d.end_line}")
    if d.end_column and d.end_line == d.line:
        props.append(f"endColumn={d.end_column}")
    props.append(f"title={_escape_property(f'{d.code} {d.name}')}")
    return f"::{_LEVEL.get(d.severity, 'notice')} {','.join(props)}::{_escape_data(d.message)}"


def render_github(result: Result, color: bool = False) -> str:
    first = sorted(on_changed_lines(result), key=lambda d: (_ORDER.get(d.severity, 3), d))
    shown: list[Diagnostic] = []
    per_level: dict[Severity, int] = defaultdict(int)
    for d in first:
        if per_level[d.severity] < SHOWN:
            per_level[d.severity] += 1
            shown.append(d)
    lines = [_annotation(d) for d in shown]
    taken = set(map(id, shown))
    rest = [d for d in result.diagnostics if id(d) not in taken]
    by_rule: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in rest:
        by_rule[d.code].append(d)
    for code, found in sorted(by_rule.items(), key=lambda kv: (_worst(kv[1]), kv[0])):
        severity = min((d.severity for d in found), key=lambda s: _ORDER.get(s, 3))
        files = len({d.path for d in found})
        title = _escape_property(f"{code} {found[0].name}")
        text = f"{len(found)} more findings in {files} files, listed in the log"
        lines.append(f"::{_LEVEL.get(severity, 'notice')} title={title}::{text}")
    if rest:
        lines.append(f"::group::kbcheck: {len(rest)} more findings")
        lines += [_log_line(d) for d in rest]
        lines.append("::endgroup::")
    lines.append(f"::notice title=kbcheck::{result.summary()}")
    return "\n".join(lines) + "\n"


def _worst(found: list[Diagnostic]) -> int:
    return min(_ORDER.get(d.severity, 3) for d in found)


def _log_line(d: Diagnostic) -> str:
    where = f"{_escape_data(d.path)}:{d.line}:{d.column}"
    return f"{where}: {d.severity.value} {d.code} {d.name}: {_escape_data(d.message)}"
