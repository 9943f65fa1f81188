"""The command line: parse arguments, call the library, pick a reporter, exit.

Exit codes: 0 no error, 1 errors found (or warnings with --strict),
2 usage, configuration or internal error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kbcheck import __version__
from kbcheck.commands.links import links
from kbcheck.commands.translations import translations
from kbcheck.config import Config, ConfigError, load_config
from kbcheck.diagnostics import Severity
from kbcheck.files import write_atomic
from kbcheck.reporters import REPORTERS, render


def _config(path: Path | None) -> Config:
    try:
        return load_config(path)
    except ConfigError as exc:
        raise _Fatal(str(exc)) from exc


class _Fatal(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"kbcheck: {self.message}", err=True)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))


config_option = click.option(
    "--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration file (default: kbcheck.toml or pyproject.toml, searched upward).",
)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbcheck")
def main() -> None:
    """Quality checks for multilingual Markdown knowledge bases."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to a file (atomically) instead of standard output.",
)
@click.option("--select", multiple=True, help="Only these rules (code, code prefix or name).")
@click.option("--ignore", multiple=True, help="Skip these rules (code, code prefix or name).")
@click.option("--offline", is_flag=True, help="Skip rules that use the network.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
def check(paths, config_path, fmt, output, select, ignore, offline, strict) -> None:
    """Check the knowledge base, or only PATHS (files or folders)."""
    from kbcheck.linter import check as run_check

    config = _config(config_path)
    try:
        result = run_check(config, paths, select=_split(select), ignore=_split(ignore),
                           offline=offline)  # fmt: skip
    except ConfigError as exc:
        raise _Fatal(str(exc)) from exc
    except FileNotFoundError as exc:
        raise _Fatal(f"no such file or folder: {exc.args[0]}") from exc
    color = output is None and fmt == "text" and sys.stdout.isatty()
    _emit(render(fmt, result, color=color), output)
    if result.internal_errors:
        sys.exit(2)
    failing = result.count(Severity.ERROR) + (result.count(Severity.WARNING) if strict else 0)
    sys.exit(1 if failing else 0)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@main.command("rules")
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


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print the documentation of a rule, by code or name."""
    from kbcheck.rules import find_rule

    found = find_rule(rule)
    if found is None:
        raise _Fatal(f"no rule {rule!r}; `kbcheck rules` lists them")
    click.echo(f"{found.code} {found.name} (default: {found.severity.value})\n")
    click.echo(found.doc())


@main.group()
def schema() -> None:
    """Page-type schemas."""


@schema.command("export")
@click.argument("page_type", required=False)
@config_option
def schema_export(page_type: str | None, config_path: Path | None) -> None:
    """Print the JSON Schema of a page type's frontmatter (all types without PAGE_TYPE)."""
    from kbcheck.schema import json_schema, load_schemas

    config = _config(config_path)
    try:
        schemas = load_schemas(config.path(config.schemas))
    except ConfigError as exc:
        raise _Fatal(str(exc)) from exc
    if page_type is None:
        out = {name: json_schema(t) for name, t in sorted(schemas.items())}
    elif page_type in schemas:
        out = json_schema(schemas[page_type])
    else:
        known = ", ".join(sorted(schemas)) or "none"
        raise _Fatal(f"no page type {page_type!r} (known: {known})")
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))


main.add_command(translations)
main.add_command(links)
