"""The maintainers' report: the health of the knowledge base, as HTML, Markdown or JSON.

    data = collect(config)                 # one check: findings, translations, link cache
    data = build(report_check(config))     # the same, keeping the check's result
    data["changes"] = compare(load_report(old_path), data)   # optional
    render_html(data) / render_markdown(data) / json.dumps(data)

``data`` is the JSON document (``format: "kbcheck-report"``, ``version: 1``)
that the README describes; the renderers read only it.
"""

from kbcheck.report.collect import build, collect, report_check
from kbcheck.report.compare import compare
from kbcheck.report.html import render_html
from kbcheck.report.markdown import render_markdown
from kbcheck.report.model import FORMAT, VERSION, ReportError, load_report

__all__ = [
    "FORMAT",
    "VERSION",
    "ReportError",
    "build",
    "collect",
    "compare",
    "load_report",
    "render_html",
    "render_markdown",
    "report_check",
]
