"""The report's JSON document: its name and version, and reading an earlier one.

The document is plain JSON (see the README, "The report's JSON"); renderers and
the comparison read it as dicts, so an earlier report saved with ``--format
json`` is as good an input as a fresh one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FORMAT = "kbcheck-report"
VERSION = 1  # raised when a field changes meaning or goes away; new fields keep it
ROOT_GROUP = "/"  # the group of pages at the top of their locale's folder
# The counts of a locale's row in the translation tables, in order, as the
# JSON names them; a table shows them between the locale and its coverage.
LOCALE_COUNTS = (
    "pages", "translated", "up_to_date", "stale", "unknown", "missing", "copies", "orphaned",
)  # fmt: skip


def locale_cells(row: dict[str, Any]) -> list[str]:
    """A locale's counts and its coverage, as table cells (a count a report written
    before that count was kept shows as empty)."""
    return [*(str(row.get(k, "")) for k in LOCALE_COUNTS), f"{row['coverage']:g}%"]


def locale_columns() -> list[str]:
    return ["locale", *(k.replace("_", " ") for k in LOCALE_COUNTS), "coverage"]


class ReportError(ValueError):
    """A report file that cannot be read: the message names the file."""


def load_report(path: Path) -> dict[str, Any]:
    """An earlier report written by ``kbcheck report --format json``."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise ReportError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f":{exc.lineno}:{exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise ReportError(f"{path}{where}: not JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReportError(
            f"{path}: not a kbcheck report (written by `kbcheck report --format json`)"
        )
    if data.get("version") != VERSION:
        raise ReportError(
            f"{path}: report version {data.get('version')!r}; this kbcheck reads version {VERSION}"
        )
    return data


def describe_change(stale: dict[str, Any], limit: int = 5) -> str:
    """``modified 'Setup' (#setup), added 'Usage'`` for a row of the JSON's ``stale``."""
    sections = stale["sections"]
    if not sections and stale.get("marked_outdated"):
        return "marked outdated in its record"
    named = [
        f"{s['change']} {s['title'] or '(introduction)'!r}" + (f" (#{s['id']})" if s["id"] else "")
        for s in sections[:limit]
    ]
    if len(sections) > limit:
        named.append(f"and {len(sections) - limit} more")
    return ", ".join(named)
