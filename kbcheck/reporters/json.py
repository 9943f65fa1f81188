"""A stable JSON document for machines (``version`` changes if the shape does)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from kbcheck.diagnostics import Location, Severity
from kbcheck.reporters import printable

if TYPE_CHECKING:
    from kbcheck.linter import Result


def render_json(result: Result, color: bool = False) -> str:
    diagnostics = [
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
            **({"related": [_related(r) for r in d.related]} if d.related else {}),
        }
        for d in result.diagnostics
    ]
    summary = {
        "files": result.files,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "infos": result.count(Severity.INFO),
    }
    document = {"version": 1, "diagnostics": diagnostics, "summary": summary}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _related(location: Location) -> dict[str, object]:
    return {"path": printable(location.path), "line": location.line, "column": location.column}
