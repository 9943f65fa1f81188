"""The command line: assembles the commands of ``kbcheck.commands``, one module each.

Exit codes: 0 no error, 1 errors found (or warnings with --strict),
2 usage, configuration or internal error.
"""

from __future__ import annotations

import gc
import os
import sys

import click

from kbcheck import __version__
from kbcheck.commands.baseline import baseline
from kbcheck.commands.check import check
from kbcheck.commands.config import show_config
from kbcheck.commands.explain import explain
from kbcheck.commands.init import init
from kbcheck.commands.links import links
from kbcheck.commands.report import report
from kbcheck.commands.rules import list_rules
from kbcheck.commands.schema import schema
from kbcheck.commands.translations import translations


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbcheck")
def main() -> None:
    """Quality checks for multilingual Markdown knowledge bases."""


COMMANDS = (check, baseline, list_rules, explain, schema, translations, links, report,
            show_config, init)  # fmt: skip
for command in COMMANDS:
    main.add_command(command)


# Modules that libraries import when they are installed, which this program
# never uses: httpx's command-line client (it imports click, rich and pygments:
# 30 ms) and trio (httpcore looks for it: 40 ms). Both libraries do without.
REPORT_TO = "https://pypi.org/project/kbcheck/"
_NEVER_USED = ("httpx._main", "trio")


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
