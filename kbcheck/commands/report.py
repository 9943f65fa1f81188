"""``kbcheck report [PATHS]``: the maintainers' view of the knowledge base.

    kbcheck report --output report.html           # one self-contained HTML file
    kbcheck report --format markdown              # an issue body or job summary
    kbcheck report --format json -o report.json   # the data, for --compare later
    kbcheck report --compare last-week.json -o report.html

Link verdicts come from the link cache; ``--links`` checks the links first
(requests go out). The format follows ``--format``, else the output file's
suffix (``.md``, ``.json``), else HTML. The exit code is 0 whatever the
findings (the report is the product), 2 for usage or input errors.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from kbcheck.commands.common import Fatal, config_option, emit, keep, load

FORMATS = ("html", "markdown", "json")
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".json": "json"}


@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="html, markdown or json (default: from the --output suffix, else html).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (atomically) instead of standard output.",
)
@click.option(
    "--compare",
    "old",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An earlier JSON report: add what changed since.",
)
@click.option(
    "--links",
    is_flag=True,
    help="Check the external links (requests go out) "
    "instead of reading the verdicts in the link cache.",
)
@click.option(
    "--link-base",
    help="Prefix of file links (e.g. a repository's blob URL); "
    "default: paths relative to the output file.",
)
def report(
    paths: tuple[Path, ...],
    config_path: Path | None,
    fmt: str | None,
    output: Path | None,
    old: Path | None,
    links: bool,
    link_base: str | None,
) -> None:
    """A report on the knowledge base's health: HTML, Markdown or JSON."""
    from kbcheck.config import ConfigError
    from kbcheck.report import ReportError, build, compare, load_report, report_check

    fmt = fmt or SUFFIXES.get(output.suffix.lower(), "html") if output else fmt or "html"
    config = load(config_path)
    try:
        earlier = load_report(old) if old else None
        result = report_check(config, paths, network=links)
        keep(result)  # its pages are never freed one by one (see cli.run)
        data = build(result, network=links)
    except (ConfigError, ReportError) as exc:
        raise Fatal(str(exc)) from exc
    except FileNotFoundError as exc:
        raise Fatal(f"no such file or folder: {exc.args[0]}") from exc
    if earlier is not None:
        data["changes"] = compare(earlier, data)
    keep((earlier, data))
    emit(_render(data, fmt, output, link_base), output)


def _render(data: dict, fmt: str, output: Path | None, link_base: str | None) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        from kbcheck.report import render_markdown

        return render_markdown(data)
    from kbcheck.report import render_html

    if link_base is None:  # paths are relative to the working folder; links to the file's
        where = output.resolve().parent if output else Path.cwd()
        base = Path(os.path.relpath(Path.cwd(), where)).as_posix()
        link_base = "" if base == "." else base + "/"
    return render_html(data, link_base)
