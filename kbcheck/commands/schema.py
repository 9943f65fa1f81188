"""``kbcheck schema export [PAGE_TYPE]``: the JSON Schema of page types."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kbcheck.commands.common import Fatal, config_option, load
from kbcheck.config import ConfigError


@click.group()
def schema() -> None:
    """Page-type schemas."""


@schema.command("export")
@click.argument("page_type", required=False)
@config_option
def schema_export(page_type: str | None, config_path: Path | None) -> None:
    """Print the JSON Schema of a page type's frontmatter (all types without PAGE_TYPE)."""
    from kbcheck.schema import json_schema, load_schemas

    config = load(config_path)
    try:
        schemas = load_schemas(config.path(config.schemas))
    except ConfigError as exc:
        raise Fatal(str(exc)) from exc
    if page_type is None:
        out = {name: json_schema(t) for name, t in sorted(schemas.items())}
    elif page_type in schemas:
        out = json_schema(schemas[page_type])
    else:
        known = ", ".join(sorted(schemas)) or "none"
        raise Fatal(f"no page type {page_type!r} (known: {known})")
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))
