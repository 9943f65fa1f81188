"""``kbcheck rules``: list every rule."""

from __future__ import annotations

import json

import click


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_rules(fmt: str) -> None:
    """List every rule: code, name, default severity, summary."""
    from kbcheck.rules import RULES

    if fmt == "json":
        rows = [{"code": r.code, "name": r.name, "severity": r.severity.value,
                 "network": r.network, "summary": r.summary()} for r in RULES]  # fmt: skip
        click.echo(json.dumps(rows, indent=2))
        return
    for rule in RULES:
        click.echo(f"{rule.code}  {rule.name:<28} {rule.severity.value:<8} {rule.summary()}")
