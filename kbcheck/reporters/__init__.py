"""Reporters turn a Result into text; the CLI picks one by name.

Each is imported only when chosen, so a run pays for one.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kbcheck.linter import Result

Renderer = Callable[..., str]

REPORTERS = {
    "text": "kbcheck.reporters.text:render_text",
    "json": "kbcheck.reporters.json:render_json",
    "github": "kbcheck.reporters.github:render_github",
    "sarif": "kbcheck.reporters.sarif:render_sarif",
}


def reporter(name: str) -> Renderer:
    """The render function of a format: ``render(result, color=False) -> str``."""
    module, function = REPORTERS[name].split(":")
    return getattr(import_module(module), function)


def render(name: str, result: Result, color: bool = False) -> str:
    return reporter(name)(result, color=color)


def notices(name: str, result: Result) -> list[str]:
    """What a format had to leave out of the report, for standard error."""
    module, _ = REPORTERS[name].split(":")
    found = getattr(import_module(module), "notices", None)
    return found(result) if found else []


def printable(text: str) -> str:
    """``text`` as valid Unicode: a byte of a file name that is not UTF-8 (held
    as a lone surrogate) is written ``\\xNN``, so every report is valid text."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte: \udXXX
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


__all__ = ["REPORTERS", "notices", "printable", "render", "reporter"]
