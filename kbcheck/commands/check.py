"""``kbcheck check [PATHS]``: run the rules over the knowledge base and report."""

from __future__ import annotations

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
    strict_option,
)
from kbcheck.config import ConfigError
from kbcheck.reporters import notices, render


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@format_option
@output_option
@click.option("--select", multiple=True, help="Only these rules (code, code prefix or name).")
@click.option("--ignore", multiple=True, help="Skip these rules (code, code prefix or name).")
@click.option("--offline", is_flag=True, help="Skip rules that use the network.")
@click.option("--statistics", is_flag=True, help="Print only the number of findings per rule.")
@strict_option
def check(paths, config_path, fmt, output, select, ignore, offline, statistics, strict) -> None:
    """Check the knowledge base, or only PATHS (files or folders)."""
    from kbcheck.linter import check as run_check

    config = load(config_path)
    try:
        result = run_check(config, paths, select=_split(select), ignore=_split(ignore),
                           offline=offline)  # fmt: skip
    except ConfigError as exc:
        raise Fatal(str(exc)) from exc
    except FileNotFoundError as exc:
        raise Fatal(f"no such file or folder: {exc.args[0]}") from exc
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
    keep(result)  # its pages are never freed one by one (see cli.run)
    sys.exit(exit_code(result, strict))


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
