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


__all__ = ["REPORTERS", "render", "reporter"]
