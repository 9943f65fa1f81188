from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def kbcheck_cmd() -> list[str]:
    """The CLI as a subprocess, for exit codes and output exactly as users see them."""
    return [sys.executable, "-m", "kbcheck"]
