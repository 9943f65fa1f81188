"""A stable JSON document for machines (``version`` changes if the shape does)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from kbcheck.diagnostics import Location, Severity
from kbcheck.reporters import printable

if TYPE_CHECKING:
    from kbcheck.linter import Result

# The document is written as ``json.dumps(..., indent=2)`` writes it, but not by
# it: an indent selects json's pure-Python encoder, and 20,000 findings then take
# 0.3 s. The findings' plain fields are written by the C encoder instead, all in
# one call, with the indented layout as its separators; a string never holds a
# bare line break, so the findings part where one closes and the next opens.
_FIELDS = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": "))
_BETWEEN = "},\n      {"


def render_json(result: Result, color: bool = False) -> str:
    fields = [
        {
            "rule": d.code,
            "name": d.name,
            "severity": d.severity.value,
            "path": printable(d.path),
            "line": d.line,
            "column": d.column,
            "end_line": d.end_line,
            "end_column": d.end_column,
            "message": printable(d.message),
        }
        for d in result.diagnostics
    ]
    bodies = _FIELDS.encode(fields)[2:-2].split(_BETWEEN) if fields else []
    findings = [
        _finding(body, d.related) for d, body in zip(result.diagnostics, bodies, strict=True)
    ]
    summary = {
        "files": result.files,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "infos": result.count(Severity.INFO),
    }
    listed = "[\n    " + ",\n    ".join(findings) + "\n  ]" if findings else "[]"
    return (
        f'{{\n  "version": 1,\n  "diagnostics": {listed},\n'
        f'  "summary": {_indented(summary, 2)}\n}}\n'
    )


def _finding(body: str, related: tuple[Location, ...]) -> str:
    """One finding, at the third level of the document."""
    if related:
        listed = _indented([_related(r) for r in related], 6)
        body = f'{body},\n      "related": {listed}'
    return f"{{\n      {body}\n    }}"


def _indented(value: object, depth: int) -> str:
    """``value`` with ``indent=2``, at ``depth`` spaces in."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * depth)


def _related(location: Location) -> dict[str, object]:
    return {"path": printable(location.path), "line": location.line, "column": location.column}
