"""``kbcheck check [PATHS]``: run the rules over the knowledge base and report.

What is checked: the whole knowledge base, or PATHS; with ``--changed-since``
the pages a branch changes and those they affect; with ``--staged`` (the
pre-commit hook) also what the commit's deletions and renames break; with
``--shard K/N`` one shard of it. ``--baseline FILE`` leaves out the findings
recorded by ``kbcheck baseline``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kbcheck.commands.common import (
    Fatal,
    config_option,
    emit,
    exit_code,
    format_option,
    keep,
    load,
    output_option,
    scope_options,
    split_values,
    strict_option,
)
from kbcheck.config import Config, ConfigError
from kbcheck.reporters import notices, render


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@format_option
@output_option
@scope_options
@click.option("--changed-since", "since", metavar="REF",
              help="Only the pages changed since the merge base of REF and HEAD, "
                   "and the pages they affect.")  # fmt: skip
@click.option(
    "--staged",
    is_flag=True,
    help="Also what the staged deletions and renames break (the pre-commit hook).",
)
@click.option(
    "--shard",
    "shard_text",
    metavar="K/N",
    help="Only shard K of N (whole translation groups), for a CI matrix.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Leave out the findings recorded in this baseline file.",
)
@click.option("--statistics", is_flag=True, help="Print only the number of findings per rule.")
@strict_option
def check(paths, config_path, fmt, output, select, ignore, offline, since, staged, shard_text,
          baseline, statistics, strict) -> None:  # fmt: skip
    """Check the knowledge base, or only PATHS (files or folders)."""
    from kbcheck.linter import check as run_check

    config = load(config_path)
    cwd = Path.cwd()
    changes = _changes(config, cwd, paths, since, staged)
    shard = None
    if shard_text:
        from kbcheck.shard import Shard

        try:
            shard = Shard.parse(shard_text)
        except ValueError as exc:
            raise Fatal(str(exc)) from exc
    known = _read_baseline(baseline) if baseline else None
    try:
        result = run_check(config, paths, select=split_values(select), ignore=split_values(ignore),
                           offline=offline, changes=changes, shard=shard)  # fmt: skip
    except ConfigError as exc:
        raise Fatal(str(exc)) from exc
    except FileNotFoundError as exc:
        raise Fatal(f"no such file or folder: {exc.args[0]}") from exc
    if known is not None:
        from kbcheck.baseline import apply_baseline

        result.diagnostics, result.baselined = apply_baseline(
            result.diagnostics, known, config.root, cwd
        )
    for note in config.notes:
        click.echo(f"kbcheck: note: {note}", err=True)
    color = output is None and fmt == "text" and sys.stdout.isatty()
    if statistics:
        from kbcheck.reporters.text import render_statistics

        emit(render_statistics(result), output)
    else:
        emit(render(fmt, result, color=color), output)
    for notice in notices(fmt, result):
        click.echo(f"kbcheck: {notice}", err=True)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        from kbcheck.reporters.step_summary import render_step_summary

        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(render_step_summary(result))
    keep(result)  # its pages are never freed one by one (see cli.run)
    sys.exit(exit_code(result, strict))


def _changes(config: Config, cwd: Path, paths, since: str | None, staged: bool):
    if not since and not staged:
        return None
    if since and staged:
        raise Fatal("--changed-since and --staged do not go together")
    from kbcheck.changes import GitError, for_hook
    from kbcheck.changes import since as changed_since

    root = config.root.resolve()
    try:
        if since:
            return changed_since(root, since)
        given = [Path(os.path.relpath((cwd / p).resolve(), root)).as_posix() for p in paths]
        return for_hook(root, given)
    except GitError as exc:
        raise Fatal(str(exc)) from exc


def _read_baseline(path: Path) -> set[str]:
    from kbcheck.baseline import BaselineError, read_baseline

    try:
        return read_baseline(path)
    except BaselineError as exc:
        raise Fatal(str(exc)) from exc
