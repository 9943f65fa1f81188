"""``kbcheck explain RULE``: print one rule's documentation."""

from __future__ import annotations

import click

from kbcheck.commands.common import Fatal


@click.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print the documentation of a rule, by code or name."""
    from kbcheck.rules import find_rule

    found = find_rule(rule)
    if found is None:
        raise Fatal(f"no rule {rule!r}; `kbcheck rules` lists them")
    click.echo(f"{found.code} {found.name} (default: {found.severity.value})\n")
    click.echo(found.doc())
