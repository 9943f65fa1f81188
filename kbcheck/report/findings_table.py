"""The table of every finding: its controls, and the compact rows its script draws.

The rows travel as JSON (paths and rules as indexes into tables, so 20,000
findings stay small) and the script in ``assets/report.js`` filters, sorts,
searches and draws them, writing page text only as ``textContent``.
"""

from __future__ import annotations

from typing import Any

SEVERITIES = ("error", "warning", "info")


def findings_section() -> str:
    head = "".join(
        f'<th scope="col" data-col="{i}"{" aria-sort=ascending" if i == 0 else ""}>'
        f"<button type=button>{name}</button></th>"
        for i, name in enumerate(("place", "locale", "rule", "severity", "message"))
    )
    return (
        '<section id="findings"><h2>All findings</h2>'
        '<div class="filters" role="search">'
        '<label>Locale<select id="f-locale"><option value="">all</option></select></label>'
        '<label>Rule<select id="f-rule"><option value="">all</option></select></label>'
        '<label>Severity<select id="f-severity"><option value="">all</option></select></label>'
        '<label>Path contains<input id="f-path" type="search" autocomplete="off"></label>'
        '<label>Search (/)<input id="f-search" type="search" autocomplete="off"></label>'
        '</div><p id="findings-count" class="note" aria-live="polite"></p>'
        f'<div class="scroll"><table id="findings-table"><thead><tr>{head}</tr></thead>'
        '<tbody id="findings-body"></tbody></table></div>'
        '<button type="button" id="findings-more" class="more">Show more</button>'
        "<noscript><p>The findings table needs JavaScript; the JSON report has them all."
        "</p></noscript>"
        "</section>"
    )


def table_data(findings: list[dict[str, Any]], link_base: str | None) -> dict[str, Any]:
    paths: dict[str, int] = {}
    rules: dict[tuple[str, str], int] = {}
    locales: list[str | None] = []
    rows = []
    for f in findings:
        p = paths.setdefault(f["path"], len(paths))
        if p == len(locales):
            locales.append(f["locale"])
        r = rules.setdefault((f["code"], f["name"]), len(rules))
        rows.append([p, f["line"], f["column"], r, SEVERITIES.index(f["severity"]), f["message"]])
    return {
        "severities": SEVERITIES,
        "paths": list(paths),
        "path_locale": locales,
        "locales": sorted({loc for loc in locales if loc}),
        "rules": [list(rule) for rule in rules],
        "rows": rows,
        "link_base": link_base,
    }
