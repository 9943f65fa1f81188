"""The command line: assembles the commands of ``kbcheck.commands``, one module each.

Exit codes: 0 no error, 1 errors found (or warnings with --strict),
2 usage, configuration or internal error.
"""

from __future__ import annotations

import gc
import os
import sys
from importlib import import_module
from types import ModuleType

import click

from kbcheck import __version__

# name -> "module:function"; a command's module is imported only when it runs,
# so that start-up (``kbcheck --version``) pays for none of them.
COMMANDS = {
    "check": "kbcheck.commands.check:check",
    "baseline": "kbcheck.commands.baseline:baseline",
    "rules": "kbcheck.commands.rules:list_rules",
    "explain": "kbcheck.commands.explain:explain",
    "schema": "kbcheck.commands.schema:schema",
    "translations": "kbcheck.commands.translations:translations",
    "links": "kbcheck.commands.links:links",
    "report": "kbcheck.commands.report:report",
    "config": "kbcheck.commands.config:show_config",
    "init": "kbcheck.commands.init:init",
}


class _Commands(click.Group):
    """The group of ``COMMANDS``, each imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, function = COMMANDS[name].split(":")
        return getattr(import_module(module), function)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbcheck")
def main() -> None:
    """Quality checks for multilingual Markdown knowledge bases."""


# Modules that libraries import when they are installed, which this program
# never uses: httpx's command-line client (it imports click, rich and pygments:
# 30 ms) and trio (httpcore looks for it: 40 ms). Both libraries do without.
REPORT_TO = "https://pypi.org/project/kbcheck/"
_NEVER_USED = ("httpx._main", "trio")


def _no_pydantic_plugins() -> ModuleType:
    """pydantic's plugin loader, with no plugins: the real one imports
    ``importlib.metadata`` (and ``email``, ``zipfile``: 10-20 ms) to look for
    them when the first model is built, and this program installs none."""
    loader = ModuleType("pydantic.plugin._loader")
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # get_plugins() -> ()
    return loader


def run() -> None:
    """The ``kbcheck`` program: ``main``, in a process that ends when it returns.

    Such a process needs neither the cycle collector (every run is short) nor
    to free its memory object by object on the way out: that takes longer than
    checking hundreds of pages, and the system takes the memory back at once.
    Whatever a command keeps (``commands.common.keep``) outlives ``main()``.
    """
    gc.disable()
    for name in _NEVER_USED:
        sys.modules.setdefault(name, None)  # importing it raises ImportError
    sys.modules.setdefault("pydantic.plugin._loader", _no_pydantic_plugins())
    try:
        main()
    except SystemExit as done:
        if not isinstance(done.code, int | None):
            raise  # a message to print: the interpreter does that
        code = done.code or 0
    except Exception as exc:  # a bug: one line and where to report it, never a traceback
        message = f"{type(exc).__name__}: {exc}".splitlines()[0]
        click.echo(f"kbcheck: internal error: {message}", err=True)
        click.echo(f"kbcheck: please report it, with the command you ran, at {REPORT_TO}", err=True)
        code = 2
    else:
        code = 0
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
