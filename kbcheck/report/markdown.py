"""The report as GitHub-flavoured Markdown, sized to fit an issue body.

The sections are those of the HTML report. When the whole would exceed
``budget`` characters (GitHub takes at most 65,536 in an issue body), the
largest tables are cut, largest first, each ending with a line that says how
many rows were left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kbcheck.links.result import Verdict
from kbcheck.report.model import describe_change, locale_cells, locale_columns

BUDGET = 65_000
LINK_PARTS = tuple(v.value for v in Verdict)


def text(value: Any) -> str:
    """Text for a table cell: no line break, no pipe, no HTML."""
    s = "" if value is None else str(value)
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    for mark in "*_[]`~":
        s = s.replace(mark, "\\" + mark)
    return " ".join(s.split())


def code(value: str) -> str:
    s = " ".join(value.split()).replace("|", "\\|")
    fence = "``" if "`" in s else "`"
    return f"{fence} {s} {fence}" if fence == "``" else f"`{s}`"


def _place(finding: dict[str, Any]) -> str:
    return code(f"{finding['path']}:{finding['line']}")


def _num(value: float | int | None) -> str:
    return "–" if value is None else f"{value:g}"


@dataclass
class Part:
    """A block of the document; ``rows`` may be cut, ``what`` names them in the note."""

    head: str
    rows: list[str] = field(default_factory=list)
    what: str = "rows"
    limit: int | None = None  # None: every row

    def shown(self) -> list[str]:
        return self.rows if self.limit is None else self.rows[: self.limit]

    def render(self) -> str:
        rows = self.shown()
        out = self.head + "".join(row + "\n" for row in rows)
        left = len(self.rows) - len(rows)
        if left:
            out += f"\n_… and {left} more {self.what} (all of them are in the JSON report)._\n"
        return out + "\n"

    def size(self) -> int:
        return len(self.render())


def _table(columns: list[str], numeric: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    head = "| " + " | ".join(columns) + " |\n"
    rule = "|" + "|".join("--:" if i in numeric else "---" for i in range(len(columns))) + "|\n"
    return head + rule


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def parts(data: dict[str, Any]) -> list[Part]:
    t = data["totals"]
    commit = f"`{data['commit'][:10]}`" if data["commit"] else "no commit"
    out = [
        Part(
            f"# Knowledge-base health\n\nGenerated {data['generated']} from {commit} by "
            f"kbcheck {data['kbcheck']}; {t['checked']} of {t['pages']} pages checked.\n"
        )
    ]
    card = [("pages", t["pages"])]
    card += [(f"pages in {r['locale']}", r["pages"]) for r in data["locales"]]
    card += [("errors", t["errors"]), ("warnings", t["warnings"])]
    card += [
        (f"{r['locale']} coverage", f"{r['coverage']:g}%")
        for r in data["locales"]
        if not r["source"]
    ]
    card += [
        ("stale translations", t["stale"]),
        ("missing translations", t["missing"]),
        ("broken links", t["links_broken"]),
        ("unverifiable links", t["links_unverifiable"]),
    ]
    out.append(
        Part(
            "## Scorecard\n\n" + _table(["", "count"], {1}),
            [_row([text(k), text(v)]) for k, v in card],
        )
    )
    out += _changes(data.get("changes"))
    locales = [r for r in data["locales"] if not r["source"]]
    if locales:
        cols = locale_columns()
        out.append(
            Part(
                "## Translations\n\n" + _table(cols, set(range(1, len(cols)))),
                [_row([text(r["locale"]), *locale_cells(r)]) for r in locales],
            )
        )
        if len({g["group"] for g in data["groups"]}) > 1:
            out.append(
                Part(
                    "### Per version or folder\n\n"
                    + _table(
                        [
                            "locale",
                            "version or folder",
                            "pages",
                            "up to date",
                            "stale",
                            "unknown",
                            "missing",
                        ],
                        set(range(2, 7)),
                    ),
                    [
                        _row(
                            [
                                text(g["locale"]),
                                code(g["group"]),
                                *(
                                    str(g[k])
                                    for k in ("pages", "up_to_date", "stale", "unknown", "missing")
                                ),
                            ]
                        )
                        for g in data["groups"]
                    ],
                )
            )
        for locale, paths in data["missing"].items():
            if paths:
                out.append(
                    Part(
                        f"### Missing in {text(locale)} ({len(paths)})\n\n",
                        [f"- {code(p)}" for p in paths],
                        "pages",
                    )
                )
        if data["orphans"]:
            out.append(
                Part(
                    f"### Orphaned translations ({len(data['orphans'])})\n\n",
                    [f"- {code(p)}" for p in data["orphans"]],
                    "pages",
                )
            )
    out.append(
        Part(
            "## Stalest translations\n\n"
            + (
                _table(
                    ["#", "translation", "source", "commits", "days", "lines", "changed sections"],
                    {0, 3, 4, 5},
                )
                if data["stale"]
                else "None.\n"
            ),
            [
                _row(
                    [
                        str(i),
                        code(r["translation"]),
                        code(r["source"]),
                        str(r["commits_behind"]),
                        _num(r["days_behind"]),
                        _num(r["lines_changed"]),
                        text(describe_change(r)),
                    ]
                )
                for i, r in enumerate(data["stale"], 1)
            ],
            "stale translations",
        )
    )
    out += _links(data["links"])
    out += _rules(data)
    out.append(
        Part(
            f"## All findings ({len(data['findings'])})\n\n"
            + (_table(["place", "rule", "severity", "message"]) if data["findings"] else "None.\n"),
            [
                _row(
                    [
                        code(f"{f['path']}:{f['line']}:{f['column']}"),
                        code(f["code"]),
                        f["severity"],
                        text(f["message"]),
                    ]
                )
                for f in data["findings"]
            ],
            "findings",
        )
    )
    return out


def _changes(c: dict[str, Any] | None) -> list[Part]:
    if not c:
        return []
    since = f"{c['since']}" + (f" (`{c['since_commit'][:10]}`)" if c["since_commit"] else "")
    out = [
        Part(
            f"## Changes since {since}\n\n{len(c['new_findings'])} new findings, "
            f"{len(c['fixed_findings'])} fixed.\n\n"
            + _table(
                ["locale", "coverage then", "coverage now", "stale then", "stale now"], {1, 2, 3, 4}
            ),
            [
                _row(
                    [
                        text(r["locale"]),
                        *(f"{_num(r[k])}%" if r[k] is not None else "–" for k in ("then", "now")),
                        _num(r["stale_then"]),
                        _num(r["stale_now"]),
                    ]
                )
                for r in c["coverage"]
            ],
        )
    ]
    for title, key in (("New findings", "new_findings"), ("Fixed findings", "fixed_findings")):
        if c[key]:
            out.append(
                Part(
                    f"### {title} ({len(c[key])})\n\n",
                    [f"- {_place(f)} {code(f['code'])} {text(f['message'])}" for f in c[key]],
                    "findings",
                )
            )
    for title, key in (
        ("Became stale", "became_stale"),
        ("Brought up to date", "brought_up_to_date"),
    ):
        if c[key]:
            out.append(
                Part(f"### {title} ({len(c[key])})\n\n", [f"- {code(p)}" for p in c[key]], "pages")
            )
    return out


def _links(links: dict[str, Any]) -> list[Part]:
    counts = links["by_verdict"]
    origin = "this run's requests" if links["source"] == "network" else "the link cache"
    summary = ", ".join(f"{counts[v]} {v}" for v in LINK_PARTS if counts[v]) or "none"
    head = (
        f"## Link health\n\n{links['urls']} unique URLs; verdicts from {origin}: {summary}; "
        f"{links['unchecked']} not checked yet.\n\n"
    )
    out = [
        Part(
            head + (_table(["host", *LINK_PARTS], set(range(1, 6))) if links["hosts"] else ""),
            [_row([text(h["host"]), *(str(h[v]) for v in LINK_PARTS)]) for h in links["hosts"]],
            "hosts",
        )
    ]
    if links["problems"]:
        out.append(
            Part(
                "### Links to fix\n\n"
                + _table(["verdict", "URL", "status", "reason", "uses", "first use"], {4}),
                [
                    _row(
                        [
                            p["verdict"],
                            code(p["url"]),
                            text(p["status"] or ""),
                            text(p["reason"]),
                            str(p["uses"]),
                            code(p["first_use"]) if p["first_use"] else "",
                        ]
                    )
                    for p in links["problems"]
                ],
                "links",
            )
        )
    return out


def _rules(data: dict[str, Any]) -> list[Part]:
    rules = data["rules"]
    explain = "`kbcheck explain CODE` prints what a rule checks and why.\n\n" if rules else ""
    out = [
        Part(
            "## Findings by rule\n\n"
            + explain
            + (_table(["rule", "name", "findings", "what it checks"], {2}) if rules else "None.\n"),
            [
                _row([code(r["code"]), text(r["name"]), str(r["count"]), text(r["summary"])])
                for r in rules
            ],
            "rules",
        )
    ]
    out.append(
        Part(
            "## Findings by page type\n\n"
            + _table(["page type", "pages", "findings", "top rules"], {1, 2}),
            [
                _row(
                    [
                        text(t["page_type"] or "(none)"),
                        str(t["pages"]),
                        str(t["findings"]),
                        text(", ".join(f"{c} ×{n}" for c, n in list(t["by_rule"].items())[:5])),
                    ]
                )
                for t in data["page_types"]
            ],
            "page types",
        )
    )
    return out


def render_markdown(data: dict[str, Any], budget: int = BUDGET) -> str:
    """The report in at most ``budget`` characters.

    Every table longer than a common cap is cut to it, the cap being the
    largest that fits: the largest tables lose the most, the small ones
    (scorecard, locales) stay whole.
    """
    blocks = parts(data)
    sizes = [b.size() for b in blocks]
    if sum(sizes) > budget:
        low, high = 0, max(sizes)
        while low < high:  # the largest cap whose total fits
            cap = (low + high + 1) // 2
            if sum(min(size, cap) for size in sizes) <= budget:
                low = cap
            else:
                high = cap - 1
        for block, size in zip(blocks, sizes, strict=True):
            if size > low:
                _cut(block, low)
    return "".join(b.render() for b in blocks).rstrip("\n") + "\n"


def _cut(block: Part, cap: int) -> None:
    """Keep the first rows of ``block`` that fit in ``cap`` characters with the note."""
    room = cap - len(block.head) - 160  # the note that says what was cut, and blank lines
    keep = 0
    for row in block.rows:
        room -= len(row) + 1
        if room < 0:
            break
        keep += 1
    block.limit = keep
