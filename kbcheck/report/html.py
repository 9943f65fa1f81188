"""The report as one self-contained HTML file.

Everything is inline (style, script, SVG charts); a Content-Security-Policy
forbids every request and lets only the report's own script run (by its hash),
so the file opens from disk with no network. Every text that comes from the
pages (titles, paths, messages, URLs) is escaped; the findings table gets its
rows from a JSON block (``<`` escaped, so no page text can close the element)
and writes them with ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any

from kbcheck.report.findings_table import findings_section, table_data
from kbcheck.report.sections import Sections


@cache
def _asset(name: str) -> str:
    return files("kbcheck.report").joinpath("assets", name).read_text("utf-8")


def _json_block(value: Any) -> str:
    """JSON that cannot end its ``<script>`` element or open a comment in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _hash(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def render_html(data: dict[str, Any], link_base: str | None = None) -> str:
    """The report as one HTML file; file links are ``link_base`` + path (none when None)."""
    d = data
    parts = Sections(data, link_base)
    script, style = _asset("report.js"), _asset("report.css")
    # Only the report's own script and style apply, and nothing may be fetched.
    policy = (
        f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    commit = d["commit"][:10] if d["commit"] else "no commit"
    title = f"Knowledge-base health, {d['generated'][:10]}, {commit}"
    sections: list[tuple[str, Callable[[], str]]] = [
        ("scorecard", parts.scorecard),
        ("changes", parts.changes),
        ("translations", parts.translations),
        ("stale", parts.stale),
        ("links", parts.links),
        ("rules", parts.rules),
        ("findings", findings_section),
    ]
    body = "".join(render() for _, render in sections)
    toc = "".join(
        f'<li><a href="#{key}">{label}</a></li>'
        for key, label in (
            ("scorecard", "Scorecard"),
            ("changes", "Changes"),
            ("translations", "Translations"),
            ("stale", "Stalest"),
            ("links", "Links"),
            ("rules", "Rules"),
            ("page-types", "Page types"),
            ("findings", "All findings"),
        )
        if key != "changes" or d.get("changes")
    )
    meta = (
        f"Generated {escape(d['generated'])} from commit "
        f"<code>{escape(d['commit'] or 'none (not a git repository)')}</code> by kbcheck "
        f"{escape(d['kbcheck'])}; {d['totals']['checked']} of {d['totals']['pages']} pages "
        "checked."
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f'<meta name="color-scheme" content="light dark"><title>{escape(title)}</title>'
        f"<style>{style}</style></head><body>"
        f'<header><h1>Knowledge-base health</h1><p class="meta">{meta}</p></header>'
        f'<nav aria-label="Sections"><ul>{toc}</ul></nav><main>{body}</main>'
        '<script type="application/json" id="kb-findings">'
        f"{_json_block(table_data(d['findings'], link_base))}</script>"
        f"<script>{script}</script></body></html>\n"
    )
