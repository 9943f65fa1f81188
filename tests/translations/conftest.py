"""Fixtures for the translation engine tests: real git repositories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from translation_repo import Repo


@pytest.fixture(autouse=True)
def isolated_git(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Keep the machine's git configuration (renames, hooks, signing) out of the tests."""
    config = tmp_path_factory.mktemp("git") / "gitconfig"
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")
