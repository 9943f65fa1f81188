"""``kbcheck links [PATHS]``: check the external links, and only them.

With a configuration it checks the knowledge base (or PATHS of it) with the
corpus' page types, so frontmatter fields typed ``url`` are checked too. With
none at all it takes every ``.md``/``.mdx`` file under PATHS (default ``.``),
respecting ``.gitignore``. The findings are the KB4xx rules', in any of the
core's formats; a progress bar is drawn on a terminal, and a summary by verdict
and by host ends the text report.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kbcheck.commands.common import (
    Fatal,
    config_option,
    emit,
    exit_code,
    format_option,
    output_option,
    strict_option,
)
from kbcheck.validation import updated

if TYPE_CHECKING:
    from kbcheck.config import Config
    from kbcheck.links import LinkReport, LinkSettings

_HOST_ROWS = 20


class _Session:
    """Checks the URLs for the KB4xx rules, draws the progress bar, keeps the report."""

    def __init__(self, settings: LinkSettings, show_progress: bool) -> None:
        self.settings = settings
        self.show_progress = show_progress
        self.report: LinkReport | None = None
        self.uses = 0

    def __call__(self, urls: list[str]) -> LinkReport:
        from kbcheck.links.checker import check_urls

        if not self.show_progress:
            self.report = check_urls(urls, self.settings)
            return self.report
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("checking links", total=len(urls))

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            self.report = check_urls(urls, self.settings, progress=progress)
        return self.report


@click.command("links")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@config_option
@click.option("--concurrency", type=click.IntRange(min=1), help="Requests in flight overall.")
@click.option("--host-concurrency", type=click.IntRange(min=1), help="Requests in flight per host.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), help="Seconds per request.")
@click.option("--retries", type=click.IntRange(min=0), help="Extra tries after a failure.")
@click.option("--allow-private", is_flag=True, help="Check loopback and private addresses too.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the link cache.")
@click.option("--check-fragments", is_flag=True, help="Check #fragments against the page (GET).")
@format_option
@output_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@strict_option
def links(
    paths: tuple[Path, ...],
    config_path: Path | None,
    fmt: str,
    output: Path | None,
    quiet: bool,
    strict: bool,
    **network: Any,
) -> None:
    """Check the external links of the knowledge base, or of any Markdown under PATHS."""
    from kbcheck.config import ConfigError, load_config
    from kbcheck.links.run import link_settings
    from kbcheck.linter import check

    try:
        config = load_config(config_path)
        if config.file is None:
            config = _bare(config, paths or (Path("."),))
        settings = link_settings(config, **_overrides(network))
    except ConfigError as exc:
        raise Fatal(str(exc)) from exc
    show = not quiet and sys.stderr.isatty() and not os.environ.get("CI")
    session = _Session(settings, show)
    try:
        result = check(config, paths, select=["KB4"], link_checker=session)
    except ConfigError as exc:
        raise Fatal(str(exc)) from exc
    _report(result, session, fmt, output, quiet)
    sys.exit(exit_code(result, strict))


def _overrides(network: dict[str, Any]) -> dict[str, Any]:
    """Only what was given: the rest comes from ``[links]``."""
    # Flags only switch things on; an option not given is None.
    out = {k: v for k, v in network.items() if v is not None and v is not False}
    if out.pop("no_cache", False):
        out["cache"] = False
    return out


def _bare(config: Config, paths: tuple[Path, ...]) -> Config:
    """No configuration: every Markdown file under the folders given, nothing else."""
    root = config.root
    # the folders given, and those of the files given (their siblings are context only)
    folders = sorted({os.path.relpath(p if p.is_dir() else p.parent, root) for p in
                      ((root / given).resolve() for given in paths)})  # fmt: skip
    # No page types either: a schemas/ folder that happens to be here is not ours.
    return updated(config, content=folders, schemas=os.devnull)


def _report(result: Any, session: _Session, fmt: str, output: Path | None, quiet: bool) -> None:
    from kbcheck.reporters import render

    color = output is None and fmt == "text" and sys.stdout.isatty()
    text = render(fmt, result, color=color)
    report = session.report
    summary = "" if quiet else summarize_report(report) if report else "no external URL\n"
    to_stdout = fmt == "text" and output is None
    emit(text + (summary if to_stdout else ""), output)
    if summary and not to_stdout:
        click.echo(summary, err=True, nl=False)
    for warning in report.warnings if report is not None else ():
        click.echo(f"kbcheck: warning: {warning}", err=True)


def summarize_report(report: LinkReport, limit: int = _HOST_ROWS) -> str:
    """Totals by verdict, then a table by host (hosts with problems first)."""
    from kbcheck.links import Verdict, summarize

    summary = summarize(report)
    counts = ", ".join(f"{n} {v.value}" for v, n in summary.by_verdict.items() if n)
    lines = [
        f"{summary.total} unique URLs: {counts or 'none'}; {summary.from_cache} from cache, "
        f"{report.requests} requests in {report.elapsed:.2f} s"
    ]
    if report.network_down:
        lines.append("network unreachable: the links were not checked (unverifiable, not dead)")
    verdicts = list(Verdict)

    def problems(counts: dict[Verdict, int]) -> int:
        return sum(n for v, n in counts.items() if v is not Verdict.OK)

    hosts = sorted(summary.by_host.items(), key=lambda item: (-problems(item[1]), item[0]))
    if hosts:
        width = max(len("host"), *(len(h or "?") for h, _ in hosts[:limit]))
        header = "  ".join(f"{v.value:>{max(len(v.value), 4)}}" for v in verdicts)
        lines.append(f"{'host':<{width}}  {header}")
        for host, counts_by in hosts[:limit]:
            row = "  ".join(f"{counts_by.get(v, 0):>{max(len(v.value), 4)}}" for v in verdicts)
            lines.append(f"{host or '?':<{width}}  {row}")
        if len(hosts) > limit:
            lines.append(f"... and {len(hosts) - limit} more hosts")
    return "\n".join(lines) + "\n"
