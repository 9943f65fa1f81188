"""``kbcheck baseline [--output FILE]``: record today's findings.

``kbcheck check --baseline FILE`` then fails only on findings that are not in
it. Writing it again drops the findings fixed since (and adds any new ones),
so it is rewritten on purpose, when the team accepts what it holds.
"""

from __future__ import annotations

from pathlib import Path

import click

from kbcheck.commands.common import Fatal, config_option, keep, load, scope_options, split_values
from kbcheck.config import ConfigError


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@scope_options
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Baseline file (default: kbcheck-baseline.json by the configuration).",
)
def baseline(paths, config_path, select, ignore, offline, output) -> None:
    """Record the findings of today, so that only new ones fail `check --baseline`."""
    from kbcheck.baseline import DEFAULT_NAME, fingerprinted, write_baseline
    from kbcheck.linter import check as run_check

    config = load(config_path)
    try:
        result = run_check(config, paths, select=split_values(select), ignore=split_values(ignore),
                           offline=offline)  # fmt: skip
    except ConfigError as exc:
        raise Fatal(str(exc)) from exc
    except FileNotFoundError as exc:
        raise Fatal(f"no such file or folder: {exc.args[0]}") from exc
    cwd = Path.cwd()
    target = output or config.root / DEFAULT_NAME
    write_baseline(target, fingerprinted(result.diagnostics, config.root, cwd), config.root, cwd)
    click.echo(f"{len(result.diagnostics)} findings recorded in {target}")
    keep(result)
