"""The sections of the HTML report, each drawn from the report's JSON data.

Every text that comes from the pages (titles, paths, messages, URLs) goes
through ``escape``; file links are ``link_base`` + the quoted path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any
from urllib.parse import quote

from kbcheck.links.result import Verdict
from kbcheck.report.charts import legend, stacked_bars
from kbcheck.report.findings_table import SEVERITIES
from kbcheck.report.model import describe_change, locale_cells, locale_columns

LIMIT = 200  # rows of a ranked table; the JSON has them all
TRANSLATION_PARTS = ("ok", "stale", "unknown", "missing")
LINK_PARTS = tuple(v.value for v in Verdict)


class Sections:
    """The sections of one report, as HTML strings."""

    def __init__(self, data: dict[str, Any], link_base: str | None) -> None:
        self.data = data
        self.link_base = link_base

    # -- small pieces -----------------------------------------------------------

    def file(self, path: str | None, line: int | None = None) -> str:
        if not path:
            return ""
        shown = escape(path + (f":{line}" if line else ""))
        if self.link_base is None:
            return f'<span class="mono">{shown}</span>'
        href = escape(self.link_base + quote(path), quote=True)
        return f'<a class="mono" href="{href}">{shown}</a>'

    @staticmethod
    def table(
        head: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()
    ) -> str:
        """Cells are HTML already (escape text before)."""
        ths = "".join(
            f'<th scope="col"{" class=num" if i in numeric else ""}>{escape(h)}</th>'
            for i, h in enumerate(head)
        )
        body = "".join(
            "<tr>"
            + "".join(
                f"<td{' class=num' if i in numeric else ''}>{cell}</td>"
                for i, cell in enumerate(row)
            )
            + "</tr>"
            for row in rows
        )
        table = f"<table><thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>"
        return f'<div class="scroll">{table}</div>'

    @staticmethod
    def more(total: int, shown: int, what: str) -> str:
        if total <= shown:
            return ""
        left = f"{total - shown} more {escape(what)}"
        return f'<p class="note">… and {left} (all of them are in the JSON report).</p>'

    # -- sections ---------------------------------------------------------------

    def scorecard(self) -> str:
        d = self.data
        t = d["totals"]
        cards = [("pages", t["pages"], "pages", "")]
        for row in d["locales"]:
            cards.append((f"pages-{row['locale']}", row["pages"], f"pages in {row['locale']}", ""))
        cards += [
            ("errors", t["errors"], "errors", "bad" if t["errors"] else "good"),
            ("warnings", t["warnings"], "warnings", "warn" if t["warnings"] else "good"),
        ]
        for row in d["locales"]:
            if not row["source"]:
                cards.append(
                    (
                        f"coverage-{row['locale']}",
                        f"{row['coverage']:g}%",
                        f"{row['locale']} coverage",
                        "",
                    )
                )
        cards += [
            ("stale", t["stale"], "stale translations", "warn" if t["stale"] else "good"),
            ("missing", t["missing"], "missing translations", "warn" if t["missing"] else "good"),
            (
                "links_broken",
                t["links_broken"],
                "broken links",
                "bad" if t["links_broken"] else "good",
            ),
            ("links_unverifiable", t["links_unverifiable"], "unverifiable links", ""),
        ]
        html = "".join(
            f'<div class="card {cls}" data-metric="{escape(key)}">'
            f'<span class="n">{escape(str(value))}</span>'
            f'<span class="l">{escape(label)}</span></div>'
            for key, value, label, cls in cards
        )
        return (
            f'<section id="scorecard"><h2>Scorecard</h2><div class="cards">{html}</div></section>'
        )

    def translations(self) -> str:
        d = self.data
        rows = [r for r in d["locales"] if not r["source"]]
        if not rows:
            return (
                '<section id="translations"><h2>Translations</h2>'
                '<p class="note">No translation locale is configured.</p></section>'
            )
        chart = stacked_bars(
            "Translation coverage and freshness per locale",
            [(r["locale"], self._parts(r), f"{r['coverage']:g}%") for r in rows],
        )
        table = self.table(
            locale_columns(),
            ((escape(r["locale"]), *locale_cells(r)) for r in rows),
            numeric=range(1, len(locale_columns())),
        )
        groups = d["groups"]
        by_group = ""
        if len({g["group"] for g in groups}) > 1:
            shown = groups[: LIMIT // 2]
            by_group = (
                "<h3>Per version or folder</h3>"
                + stacked_bars(
                    "Translation coverage and freshness per version or folder",
                    [
                        (f"{g['locale']} · {g['group']}", self._parts(g), self._percent(g))
                        for g in shown
                    ],
                )
                + self.more(len(groups), len(shown), "rows")
            )
        lists = ""
        for locale, paths in d["missing"].items():
            if paths:
                lists += self._list(f"Missing in {locale} ({len(paths)} source pages)", paths)
        if d["orphans"]:
            lists += self._list(f"Orphaned translations ({len(d['orphans'])})", d["orphans"])
        return (
            f'<section id="translations"><h2>Translations</h2>{legend(TRANSLATION_PARTS)}{chart}'
            f"{table}{by_group}{lists}</section>"
        )

    @staticmethod
    def _parts(row: dict[str, Any]) -> list[tuple[str, int]]:
        return [
            ("ok", row["up_to_date"]),
            ("stale", row["stale"]),
            ("unknown", row["unknown"]),
            ("missing", row["missing"]),
        ]

    @staticmethod
    def _percent(row: dict[str, Any]) -> str:
        pages = row["pages"]
        return f"{100 * (pages - row['missing']) / pages:.0f}%" if pages else "–"

    def _list(self, title: str, paths: list[str]) -> str:
        items = "".join(f"<li>{self.file(p)}</li>" for p in paths[:LIMIT])
        more = self.more(len(paths), LIMIT, "pages")
        summary = f"<summary>{escape(title)}</summary>"
        return f'<details>{summary}<ul class="plain">{items}</ul>{more}</details>'

    def stale(self) -> str:
        rows = self.data["stale"]
        if not rows:
            return _empty("stale", "Stalest translations", "None.")
        shown = rows[:LIMIT]
        table = self.table(
            ("#", "translation", "source", "commits", "days", "lines", "changed sections"),
            (
                (
                    str(i),
                    self.file(r["translation"]),
                    self.file(r["source"]),
                    str(r["commits_behind"]),
                    _figure(r["days_behind"]),
                    _figure(r["lines_changed"]),
                    escape(describe_change(r)),
                )
                for i, r in enumerate(shown, 1)
            ),
            numeric=(0, 3, 4, 5),
        )
        return (
            f'<section id="stale"><h2>Stalest translations</h2>{table}'
            f"{self.more(len(rows), len(shown), 'stale translations')}</section>"
        )

    def links(self) -> str:
        links = self.data["links"]
        counts = links["by_verdict"]
        checked = sum(counts.values())
        origin = (
            "this run's requests"
            if links["source"] == "network"
            else "the link cache (no request made)"
        )
        note = (
            f'<p class="note">{checked} of {links["urls"]} unique URLs have a verdict, from '
            f"{escape(origin)}; {links['unchecked']} not checked yet.</p>"
        )
        chart = stacked_bars(
            "External links by verdict",
            [("all hosts", [(v, counts[v]) for v in LINK_PARTS], str(checked))],
        )
        hosts = links["hosts"][: LIMIT // 4]
        host_table = self.table(
            ("host", *LINK_PARTS),
            ((escape(h["host"]), *(str(h[v]) for v in LINK_PARTS)) for h in hosts),
            numeric=range(1, len(LINK_PARTS) + 1),
        ) + self.more(len(links["hosts"]), len(hosts), "hosts")
        problems = links["problems"][:LIMIT]
        problem_table = ""
        if problems:
            problem_table = (
                "<h3>Links to fix</h3>"
                + self.table(
                    ("verdict", "URL", "status", "reason", "uses", "first use"),
                    (
                        (
                            escape(p["verdict"]),
                            f'<span class="mono">{escape(p["url"])}</span>',
                            escape(str(p["status"] or "")),
                            escape(p["reason"]),
                            str(p["uses"]),
                            self.file(*_split_use(p["first_use"])),
                        )
                        for p in problems
                    ),
                    numeric=(4,),
                )
                + self.more(len(links["problems"]), len(problems), "links")
            )
        body = f"{note}{legend(LINK_PARTS)}{chart}{host_table}" if checked else note
        return f'<section id="links"><h2>Link health</h2>{body}{problem_table}</section>'

    def rules(self) -> str:
        rules = self.data["rules"]
        if not rules:
            return _empty("rules", "Findings by rule", "No finding.")
        chart = stacked_bars(
            "Findings by rule",
            [
                (
                    f"{r['code']} {r['name']}",
                    [(s, r["severities"].get(s, 0)) for s in SEVERITIES],
                    str(r["count"]),
                )
                for r in rules[:30]
            ],
        )
        items = "".join(
            f'<details id="rule-{escape(r["code"])}"><summary><code>{escape(r["code"])}</code> '
            f"{escape(r['name'])}: <b>{r['count']}</b> · {escape(r['summary'])}</summary>"
            f"<pre>{escape(r['explanation'])}</pre></details>"
            for r in rules
        )
        types = self.table(
            ("page type", "pages", "findings", "top rules"),
            (
                (
                    escape(t["page_type"] or "(none)"),
                    str(t["pages"]),
                    str(t["findings"]),
                    escape(", ".join(f"{c} ×{n}" for c, n in list(t["by_rule"].items())[:5])),
                )
                for t in self.data["page_types"]
            ),
            numeric=(1, 2),
        )
        return (
            f'<section id="rules"><h2>Findings by rule</h2>{legend(SEVERITIES)}{chart}'
            f'{items}</section><section id="page-types"><h2>Findings by page type</h2>{types}'
            "</section>"
        )

    def changes(self) -> str:
        c = self.data.get("changes")
        if not c:
            return ""
        since = escape(c["since"] or "?") + (
            f" (commit <code>{escape(c['since_commit'][:10])}</code>)" if c["since_commit"] else ""
        )
        coverage = self.table(
            ("locale", "coverage then", "coverage now", "stale then", "stale now"),
            (
                (
                    escape(r["locale"]),
                    _pct(r["then"]),
                    _pct(r["now"]),
                    _figure(r["stale_then"]),
                    _figure(r["stale_now"]),
                )
                for r in c["coverage"]
            ),
            numeric=(1, 2, 3, 4),
        )
        parts = [f'<section id="changes"><h2>Changes since {since}</h2>', coverage]
        parts.append(
            f'<div class="cards"><div class="card bad" data-metric="new_findings"><span class="n">'
            f'{len(c["new_findings"])}</span><span class="l">new findings</span></div>'
            f'<div class="card good" data-metric="fixed_findings"><span class="n">'
            f'{len(c["fixed_findings"])}</span><span class="l">fixed findings</span></div></div>'
        )
        for title, found in (
            ("New findings", c["new_findings"]),
            ("Fixed findings", c["fixed_findings"]),
        ):
            if found:
                items = "".join(
                    f"<li>{self.file(f['path'], f['line'])} <code>{escape(f['code'])}</code> "
                    f"{escape(f['message'])}</li>"
                    for f in found[:LIMIT]
                )
                parts.append(
                    f"<details><summary>{title} ({len(found)})</summary>"
                    f'<ul class="plain">{items}</ul>'
                    f"{self.more(len(found), LIMIT, 'findings')}</details>"
                )
        for title, key in (
            ("Became stale", "became_stale"),
            ("Brought up to date", "brought_up_to_date"),
        ):
            if c[key]:
                parts.append(self._list(f"{title} ({len(c[key])})", c[key]))
        parts.append("</section>")
        return "".join(parts)


def _empty(key: str, title: str, note: str) -> str:
    return f'<section id="{key}"><h2>{title}</h2><p class="note">{note}</p></section>'


def _figure(value: float | int | None) -> str:
    return "–" if value is None else f"{value:g}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:g}%"


def _split_use(use: str | None) -> tuple[str | None, int | None]:
    if not use:
        return None, None
    path, _, line = use.rpartition(":")
    return path, int(line) if line.isdigit() else None
