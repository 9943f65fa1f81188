"""What every command shares: the error that exits 2, the common options, loading
the configuration, and writing a report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kbcheck.config import Config, ConfigError, load_config
from kbcheck.reporters import REPORTERS


class Fatal(click.ClickException):
    """A usage, configuration or internal error: one line on stderr, exit 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"kbcheck: {self.message}", err=True)


_kept: list[object] = []


def keep(value: object) -> None:
    """Hold ``value`` past the command: ``cli.run`` exits without freeing it object by object."""
    _kept.append(value)


def load(path: Path | None) -> Config:
    try:
        return load_config(path)
    except ConfigError as exc:
        raise Fatal(str(exc)) from exc


def emit(text: str, output: Path | None) -> None:
    """Print the report, or write it atomically to ``output``."""
    if output is None:
        click.echo(text, nl=False)
    else:
        from kbcheck.files import write_atomic

        write_atomic(output, text.encode("utf-8"), replaces=None)  # a report: ours to replace


config_option = click.option(
    "--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration file (default: kbcheck.toml or pyproject.toml, searched upward).",
)  # fmt: skip
format_option = click.option(
    "--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text",
    show_default=True, help="Output format.",
)  # fmt: skip
output_option = click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to a file (atomically) instead of standard output.",
)  # fmt: skip
strict_option = click.option("--strict", is_flag=True, help="Warnings fail the check too.")


def exit_code(result: Any, strict: bool) -> int:
    """0 clean, 1 errors (or warnings with ``strict``), 2 when a rule failed."""
    from kbcheck.diagnostics import Severity

    if result.internal_errors:
        return 2
    failing = result.count(Severity.ERROR) + (result.count(Severity.WARNING) if strict else 0)
    return 1 if failing else 0


def scope_options(command):
    """The options that choose the rules, shared by ``check`` and ``baseline``."""
    for option in reversed(
        [
            click.option("--select", multiple=True,
                         help="Only these rules (code, code prefix or name)."),
            click.option("--ignore", multiple=True,
                         help="Skip these rules (code, code prefix or name)."),
            click.option("--offline", is_flag=True, help="Skip rules that use the network."),
        ]
    ):  # fmt: skip
        command = option(command)
    return command


def split_values(values: tuple[str, ...]) -> list[str]:
    """``--select a,b --select c`` -> ``[a, b, c]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
