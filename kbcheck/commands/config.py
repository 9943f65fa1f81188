"""``kbcheck config``: the effective configuration and where each value came from."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kbcheck.commands.common import config_option, load


@click.command("config")
@config_option
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml",
              show_default=True, help="Output format.")  # fmt: skip
def show_config(config_path: Path | None, fmt: str) -> None:
    """Print the effective configuration: each value from kbcheck.toml, detection or default."""
    from kbcheck.effective import entries, to_toml

    config = load(config_path)
    if fmt == "json":
        rows = [{"key": e.key, "value": e.value, "origin": e.origin} for e in entries(config)]
        out = {"root": str(config.root), "file": str(config.file) if config.file else None}
        click.echo(json.dumps(out | {"values": rows, "notes": config.notes}, indent=2))
        return
    where = f"from {config.file}" if config.file else "no configuration file"
    click.echo(f"# kbcheck configuration for {config.root} ({where})\n")
    click.echo(to_toml(config), nl=False)
    for note in config.notes:
        click.echo(f"# note: {note}")
