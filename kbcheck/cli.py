"""The command line: parse arguments, call the library, pick a reporter, exit.

Exit codes: 0 no error, 1 errors found (or warnings with --strict),
2 usage, configuration or internal error.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path

import click

from kbcheck import __version__
from kbcheck.commands.common import (
    Fatal,
    config_option,
    emit,
    exit_code,
    format_option,
    load,
    output_option,
    strict_option,
)
from kbcheck.commands.links import links
from kbcheck.commands.report import report
from kbcheck.commands.translations import translations
from kbcheck.config import ConfigError
from kbcheck.reporters import render


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbcheck")
def main() -> None:
    """Quality checks for multilingual Markdown knowledge bases."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@format_option
@output_option
@click.option("--select", multiple=True, help="Only these rules (code, code prefix or name).")
@click.option("--ignore", multiple=True, help="Skip these rules (code, code prefix or name).")
@click.option("--offline", is_flag=True, help="Skip rules that use the network.")
@strict_option
def check(paths, config_path, fmt, output, select, ignore, offline, strict) -> None:
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
    color = output is None and fmt == "text" and sys.stdout.isatty()
    emit(render(fmt, result, color=color), output)
    _kept.append(result)  # its pages are never freed one by one (see run)
    sys.exit(exit_code(result, strict))


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
        raise Fatal(f"no rule {rule!r}; `kbcheck rules` lists them")
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


main.add_command(translations)
main.add_command(links)
main.add_command(report)


# Modules that libraries import when they are installed, which this program
# never uses: httpx's command-line client (it imports click, rich and pygments:
# 30 ms) and trio (httpcore looks for it: 40 ms). Both libraries do without.
_NEVER_USED = ("httpx._main", "trio")
_kept: list[object] = []  # what commands leave here outlives main(): run() exits without freeing it


def run() -> None:
    """The ``kbcheck`` program: ``main``, in a process that ends when it returns.

    Such a process needs neither the cycle collector (every run is short) nor
    to free its memory object by object on the way out: that takes longer than
    checking hundreds of pages, and the system takes the memory back at once.
    """
    gc.disable()
    for name in _NEVER_USED:
        sys.modules.setdefault(name, None)  # importing it raises ImportError
    try:
        main()
    except SystemExit as done:
        if not isinstance(done.code, int | None):
            raise  # a message to print: the interpreter does that
        code = done.code or 0
    else:
        code = 0
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
