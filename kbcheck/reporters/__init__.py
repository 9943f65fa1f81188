"""Reporters turn a Result into text; the CLI picks one by name."""

from __future__ import annotations

from kbcheck.reporters.github import render_github
from kbcheck.reporters.json import render_json
from kbcheck.reporters.sarif import render_sarif
from kbcheck.reporters.text import render_text

REPORTERS = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}

__all__ = ["REPORTERS"]
